import type { CaseIndex } from './case-index.js';
import type { CaseRecord } from './case-record.js';
import type { CaseRepository } from './case-repository.js';
import type { LiveCache } from './live-cache.js';

/**
 * This process's view of a store other processes write to (Store.shared): the case index takes in
 * what they committed, and a hot instance of a revision they moved past is dropped. On a store with
 * no other writer it does nothing.
 */
export class CaseSync {
  /** Where this process last looked (SharedCases.changedSince); undefined: it has not looked yet. */
  #cursor: string | undefined;
  #running: Promise<void> | undefined;
  #next: Promise<void> | undefined;

  constructor(
    private readonly repository: CaseRepository,
    private readonly index: CaseIndex,
    private readonly live: LiveCache,
  ) {}

  /**
   * Takes in the cases committed since the last look (the first look reads every case), so lists,
   * inboxes and task refs are as stored. A call made while a look is under way waits for a new one:
   * the look under way may have begun before the caller's change was committed.
   */
  sync(): Promise<void> {
    if (this.repository.shared === undefined) return Promise.resolve();
    if (this.#next !== undefined) return this.#next;
    if (this.#running === undefined) {
      this.#running = this.#pull().finally(() => {
        this.#running = undefined;
      });
      return this.#running;
    }
    this.#next = this.#running
      .catch(() => undefined)
      .then(() => {
        this.#next = undefined;
        return this.sync();
      });
    return this.#next;
  }

  /** A record read from the store, taken in unless this process knows a later revision. */
  adopt(record: CaseRecord): void {
    const known = this.index.get(record.id);
    if (known !== undefined && known.revision >= record.revision) return;
    this.index.remember(record);
    // The hot instance stands for an older revision: the next command recovers from the store.
    if (this.live.record(record.id) !== undefined) this.live.drop(record.id);
  }

  async #pull(): Promise<void> {
    const { records, cursor } = await this.repository.changedSince(this.#cursor);
    for (const record of records) this.adopt(record);
    this.#cursor = cursor;
  }
}
