import type { LiveInstance } from '../runtime/live-instance.js';

/**
 * The process instances kept in memory between transitions, least recently used first out. A
 * waiting instance holds megabytes (bpmn-engine-facts §6), so only a bounded number stay; an entry is
 * valid only for the case revision it was left at.
 */
export class LiveCache {
  readonly #entries = new Map<string, { revision: number; live: LiveInstance }>();

  constructor(private readonly capacity: number) {}

  /** The instance of a case at `revision`, removed from the cache (the caller owns it now). */
  take(caseId: string, revision: number): LiveInstance | undefined {
    const entry = this.#entries.get(caseId);
    if (entry === undefined) return undefined;
    this.#entries.delete(caseId);
    if (entry.revision === revision) return entry.live;
    void entry.live.stop();
    return undefined;
  }

  keep(caseId: string, revision: number, live: LiveInstance): void {
    this.#entries.delete(caseId);
    if (this.capacity <= 0) {
      void live.stop();
      return;
    }
    this.#entries.set(caseId, { revision, live });
    while (this.#entries.size > this.capacity) {
      const [oldest] = this.#entries;
      if (oldest === undefined) break;
      this.#entries.delete(oldest[0]);
      void oldest[1].live.stop();
    }
  }

  async drop(caseId: string): Promise<void> {
    const entry = this.#entries.get(caseId);
    this.#entries.delete(caseId);
    await entry?.live.stop();
  }

  get size(): number {
    return this.#entries.size;
  }

  async clear(): Promise<void> {
    const entries = [...this.#entries.values()];
    this.#entries.clear();
    await Promise.all(entries.map((entry) => entry.live.stop()));
  }
}
