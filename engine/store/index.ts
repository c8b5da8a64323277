export { LowdbStore } from './lowdb-store.js';
export { MemoryStore } from './memory-store.js';
export { assertStoreName, isStoreName, type StoreNameKind } from './store-ids.js';
export { damageOf, damagedError, type DamageListener, type StoreDamage } from './damage.js';
