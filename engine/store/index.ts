export { LowdbStore } from './lowdb-store.js';
export { MemoryStore } from './memory-store.js';
export { assertStoreName, isStoreName, type StoreNameKind } from './store-ids.js';
