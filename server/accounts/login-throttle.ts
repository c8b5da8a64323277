/**
 * Slows password guessing: after `limit` failures for one user name within `windowMs`, further
 * attempts are refused until the window has passed; an address gets `addressLimit` (a whole office
 * behind one NAT logs in at nine). Keys are `user:<name>` and `address:<ip>`. In memory: a restart
 * clears it.
 */
export class LoginThrottle {
  readonly #failures = new Map<string, number[]>();

  constructor(
    private readonly now: () => number,
    private readonly limit = 5,
    private readonly windowMs = 15 * 60_000,
    private readonly addressLimit = 100,
  ) {}

  /** Milliseconds until another attempt is allowed for any of the keys, or 0. */
  retryAfter(keys: readonly string[]): number {
    const now = this.now();
    let wait = 0;
    for (const key of keys) {
      const recent = this.#recent(key, now);
      const limit = key.startsWith('address:') ? this.addressLimit : this.limit;
      if (recent.length >= limit) wait = Math.max(wait, (recent[0] ?? now) + this.windowMs - now);
    }
    return wait;
  }

  /**
   * Records an attempt as failed before it is checked — concurrent guesses cannot all slip in under
   * the limit — and returns what to call when it succeeds: the attempt is taken back and the user's
   * earlier failures are forgiven.
   */
  attempt(keys: readonly string[], userKey: string): () => void {
    const at = this.now();
    for (const key of keys) this.#failures.set(key, [...this.#recent(key, at), at]);
    return () => {
      for (const key of keys) {
        const list = this.#failures.get(key) ?? [];
        const index = list.indexOf(at);
        if (index >= 0) list.splice(index, 1);
      }
      this.#failures.delete(userKey);
    };
  }

  #recent(key: string, now: number): number[] {
    return (this.#failures.get(key) ?? []).filter((at) => at > now - this.windowMs);
  }
}
