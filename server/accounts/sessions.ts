import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../../engine/index.js';
import { readDocument } from './read-document.js';

const SESSIONS = 'sessions';
/** Expired sessions are swept from the store at most this often (on a login or at start). */
const PURGE_EVERY_MS = 10 * 60_000;

export interface Session {
  username: string;
  createdAt: string;
  expiresAt: string;
}

const tokenId = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Bearer-token sessions: only a token's SHA-256 is stored; they expire on the machine's clock — never
 * the case clock, which CLOCK=simulated moves by years (CONTRACT §6) — and expired ones are purged.
 */
export class Sessions {
  readonly #cache = new Map<string, Session>();
  #lastPurge = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly hours: number,
  ) {}

  async open(username: string): Promise<{ token: string; session: Session }> {
    await this.purgeExpired();
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const session: Session = {
      username,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.hours * 3_600_000).toISOString(),
    };
    await this.store.put(SESSIONS, tokenId(token), session);
    this.#remember(tokenId(token), session);
    return { token, session };
  }

  async close(token: string): Promise<void> {
    this.#cache.delete(tokenId(token));
    await this.store.delete(SESSIONS, tokenId(token));
  }

  /** The live session of a token, or undefined (an expired one is deleted on the way). */
  async find(token: string): Promise<Session | undefined> {
    const id = tokenId(token);
    const session = this.#cache.get(id) ?? (await readDocument<Session>(this.store, SESSIONS, id));
    if (session === undefined) return undefined;
    if (this.#expired(session)) {
      await this.close(token);
      return undefined;
    }
    this.#remember(id, session);
    return session;
  }

  /**
   * Sessions are kept in memory only when this process is the store's one writer: with several
   * processes on one database, a logout or an account's sessions ended through another process must
   * hold here at once, so every request reads the stored session.
   */
  #remember(id: string, session: Session): void {
    if (this.store.shared === undefined) this.#cache.set(id, session);
  }

  async endAllOf(username: string): Promise<void> {
    await this.#deleteWhere((session) => session.username === username);
  }

  /** Deletes expired sessions from the store (at most every ten minutes unless `force`). */
  async purgeExpired(force = false): Promise<number> {
    const now = this.now().getTime();
    if (!force && now - this.#lastPurge < PURGE_EVERY_MS) return 0;
    this.#lastPurge = now;
    return this.#deleteWhere((session) => this.#expired(session));
  }

  #expired(session: Session): boolean {
    return session.expiresAt <= this.now().toISOString();
  }

  async #deleteWhere(match: (session: Session) => boolean): Promise<number> {
    let deleted = 0;
    for (const [id, session] of this.#cache) if (match(session)) this.#cache.delete(id);
    for (const id of await this.store.list(SESSIONS)) {
      const session = await readDocument<Session>(this.store, SESSIONS, id);
      if (session !== undefined && match(session)) {
        await this.store.delete(SESSIONS, id);
        deleted++;
      }
    }
    return deleted;
  }
}
