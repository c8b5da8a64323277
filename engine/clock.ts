import { randomBytes } from 'node:crypto';
import { EngineError } from './errors.js';
import type { Clock, IdGenerator } from './ports.js';
import { ENGINE_SAYS } from './messages.js';
import { chinaMinuteOf } from './legal-time/china-time.js';

/** The machine's clock: the one place the engine's time may come from the system. */
export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * A clock that moves only when told (rehearsals, training, tests, the scenario runner): four years of
 * a lifecycle run in seconds. It never goes backwards.
 */
export class SimulatedClock implements Clock {
  #now: Date;

  constructor(start: Date) {
    this.#now = new Date(start);
  }

  now(): Date {
    return new Date(this.#now);
  }

  advanceTo(instant: Date): void {
    if (Number.isNaN(instant.getTime()))
      throw new EngineError('validation', '时间格式不正确', { instant: String(instant) });
    if (instant.getTime() < this.#now.getTime()) {
      throw new EngineError('conflict', ENGINE_SAYS.clockBackwards(chinaMinuteOf(this.#now)), {
        now: this.#now.toISOString(),
        requested: instant.toISOString(),
      });
    }
    this.#now = new Date(instant);
  }
}

const PREFIX = { case: 'c', task: 't', incident: 'i' } as const;

/** Random ids: `c_` for cases, `t_` for task instances, `i_` for incidents. */
export class RandomIds implements IdGenerator {
  next(kind: keyof typeof PREFIX): string {
    return `${PREFIX[kind]}_${randomBytes(9).toString('base64url')}`;
  }
}
