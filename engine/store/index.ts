export { LowdbStore } from './lowdb-store.js';
export { MemoryStore } from './memory-store.js';
export { MemoryCounters } from './memory-counters.js';
export { assertStoreName, isStoreName, type StoreNameKind } from './store-ids.js';
export { damageOf, damagedError, type DamageListener, type StoreDamage } from './damage.js';
export { PostgresStore, type PostgresStoreOptions } from './postgres/postgres-store.js';
export { openStore, type OpenedStore, type StoreSettings } from './open-store.js';
