import { damageOf, type Store } from '../../engine/index.js';

/**
 * An account or session document, or undefined when it is missing or damaged: a damaged one (logged
 * by the store with its file, listed by `npm run store:check`) is skipped, so it locks out its own
 * user only, never everyone.
 */
export async function readDocument<T>(store: Store, collection: string, id: string): Promise<T | undefined> {
  try {
    return await store.get<T>(collection, id);
  } catch (error) {
    if (damageOf(error) !== undefined) return undefined;
    throw error;
  }
}
