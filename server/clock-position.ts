import { isEngineError, type SimulatedClock, type Store } from '../engine/index.js';

const SYSTEM = 'system';
const CLOCK = 'clock';
/** Tries at moving the stored position before giving up (each try follows another process's move). */
const ATTEMPTS = 5;

interface StoredPosition {
  now: string;
  /** Absent in positions written before several processes could share one. */
  revision?: number;
}

/**
 * Where the simulated clock (CLOCK=simulated) has got to, kept in the store (`system/clock`) so a
 * restart continues from it — and, with several processes on one database, so every process runs on
 * the same time: each takes in the stored position before a request (`catchUp`), and a move is
 * written guarded on the revision read, so of two processes moving it at once neither moves it back.
 */
export class ClockPosition {
  constructor(
    private readonly store: Store,
    private readonly clock: SimulatedClock,
  ) {}

  /** Moves this process's clock up to the stored position when another process moved it further. */
  async catchUp(): Promise<void> {
    const stored = await this.store.get<StoredPosition>(SYSTEM, CLOCK);
    if (stored !== undefined) this.#adopt(stored);
  }

  /** Stores the position this process's clock has reached (unless the stored one is later: that is taken). */
  async save(): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const stored = await this.store.get<StoredPosition>(SYSTEM, CLOCK);
      if (stored !== undefined && this.#adopt(stored)) return;
      const now = this.clock.now().toISOString();
      if (stored?.now === now) return;
      const revision = typeof stored?.revision === 'number' ? stored.revision : undefined;
      const value = { now, revision: (revision ?? 0) + 1 };
      try {
        // A position stored without a revision (before it could be shared) is replaced as it is.
        if (stored !== undefined && revision === undefined) await this.store.put(SYSTEM, CLOCK, value);
        else
          await this.store.commit([{ kind: 'put', collection: SYSTEM, id: CLOCK, value }], {
            collection: SYSTEM,
            id: CLOCK,
            revision: revision ?? null,
          });
        return;
      } catch (error) {
        if (!isEngineError(error, 'conflict') || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  /** Takes a stored position later than this clock's; true when it did. */
  #adopt(stored: StoredPosition): boolean {
    const at = new Date(stored.now);
    if (Number.isNaN(at.getTime()) || at <= this.clock.now()) return false;
    this.clock.advanceTo(at);
    return true;
  }
}
