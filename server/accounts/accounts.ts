import { accountLog, changeOf, type AccountChange } from './account-log.js';
import { isDeviceToken, issueDeviceToken } from './device-token.js';
import {
  damageOf,
  EngineError,
  isEngineError,
  parseRole,
  trimEnds,
  type Actor,
  type Store,
  type StoreExpectation,
  type StoreWrite,
} from '../../engine/index.js';
import { HashPool } from './hash-pool.js';
import { readDocument } from './read-document.js';
import { DEFAULT_COST, dummyHash, hashPassword, verifyPassword } from './password.js';
import { checkPassword, MAX_PASSWORD, passwordLength } from './password-policy.js';
import { Sessions } from './sessions.js';
import { SAY } from '../messages.js';

const USERS = 'users';

const nameTaken = (username: string) =>
  new EngineError('conflict', SAY.nameTaken(username), { username, field: 'username' });

export interface User {
  username: string;
  passwordHash: string;
  roles: string[];
  displayName?: string;
  /** The region (province code) a subject's account belongs to: it starts cases only there (CONTRACT §6). */
  province?: string;
  /** The organisation the account acts for (江苏省市场监督管理局): how the case history names it. */
  organisation?: string;
  createdAt: string;
  disabled?: boolean;
}

export type PublicUser = Omit<User, 'passwordHash'>;

/** An account whose stored document cannot be read: listed, so an admin knows it is there and why. */
export interface DamagedAccount {
  username: string;
  /** What is wrong, as the store says it (数据文件损坏：users/<name>.json). */
  damaged: string;
}

export interface UserChange {
  password?: string;
  roles?: string[];
  disabled?: boolean;
  displayName?: string;
  /** A province code, or null to remove it. */
  province?: string | null;
  organisation?: string;
}

export interface AccountsOptions {
  sessionHours?: number;
  /** scrypt N, lowered only by tests; production keeps the default. */
  hashCost?: number;
  /** The machine's clock (tests inject one). Never the case clock: see Sessions. */
  now?: () => Date;
  /** The worker pool hashing runs in (one is made when absent). */
  pool?: HashPool;
}

export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/;
/** Names the system acts under (anonymous callers, timers, tools): no account may take them. */
const RESERVED_NAMES = new Set(['anonymous', 'system', 'public', 'scenario', 'cli']);
const ADMIN = 'admin';
/**
 * The document every change checked against other accounts is committed guarded on (`#guard`): a
 * create, a change of roles or region, one that takes an active admin away.
 */
const ACCOUNTS_GUARD = { collection: 'account-guards', id: 'accounts' } as const;

/** Checks an account as it would be (`next`) against every other account, and throws to refuse it. */
export type AccountCheck = (next: AccountScope, others: AccountScope[]) => void;

/**
 * The user name a login means, as typed: full-width letters (a Chinese input method in full-width
 * mode types ａｄｍｉｎ) and compatibility forms folded (NFKC), spaces and zero-width characters at
 * either end (a name pasted from a message or a spreadsheet) dropped. Names are unique regardless of
 * case, so the account is then found regardless of case too.
 */
export function signInName(typed: string): string {
  return trimEnds(typed.normalize('NFKC'), (char) => /^[\s\u200b-\u200d\u2060\ufeff]$/.test(char));
}
/** Who made the accounts of a first start. */
const SYSTEM = 'system';

export function publicUser(user: User): PublicUser {
  const { passwordHash: _passwordHash, ...rest } = user;
  return rest;
}

const isActiveAdmin = (user: User) => user.disabled !== true && user.roles.includes(ADMIN);

/** Users and their sessions, on the same Store as the cases. */
export class Accounts {
  readonly pool: HashPool;
  readonly #sessions: Sessions;
  readonly #now: () => Date;
  /**
   * Creates and changes commit one at a time in this process, so two admins cannot each remove the
   * other's admin role, or give one park in two provinces; across processes `#guard` does it.
   */
  #changes: Promise<unknown> = Promise.resolve();
  readonly #dummy: string;

  constructor(
    private readonly store: Store,
    private readonly options: AccountsOptions = {},
  ) {
    this.#now = options.now ?? (() => new Date());
    this.pool = options.pool ?? new HashPool();
    this.#dummy = dummyHash(options.hashCost ?? DEFAULT_COST);
    this.#sessions = new Sessions(store, this.#now, options.sessionHours ?? 12);
  }

  async count(): Promise<number> {
    return (await this.store.list(USERS)).length;
  }

  /** Every account, a damaged one too: it locks out its own user, and only an admin can see that. */
  async list(): Promise<(PublicUser | DamagedAccount)[]> {
    const accounts: (PublicUser | DamagedAccount)[] = [];
    for (const username of await this.store.list(USERS)) {
      try {
        const user = await this.store.get<User>(USERS, username);
        if (user !== undefined) accounts.push(publicUser(user));
      } catch (error) {
        if (damageOf(error) === undefined) throw error;
        accounts.push({ username, damaged: (error as Error).message });
      }
    }
    return accounts;
  }

  /** The roles and region of every readable account but `username`'s (any case), for checks across accounts. */
  async others(username = ''): Promise<AccountScope[]> {
    const key = username.toLowerCase();
    return (await this.#all()).filter((user) => user.username.toLowerCase() !== key).map(scopeOf);
  }

  async get(username: string): Promise<User | undefined> {
    if (!USERNAME_PATTERN.test(username)) return undefined;
    return readDocument<User>(this.store, USERS, username);
  }

  /** The name people know an account by: its display name, else the account (deleted, unreadable, unnamed). */
  async nameOf(username: string): Promise<string> {
    const user = await this.get(username).catch(() => undefined);
    return user?.displayName ?? username;
  }

  /** Who changed which account, newest first (account-log.ts). */
  changes(): Promise<AccountChange[]> {
    return accountLog.read(this.store);
  }

  /**
   * Creates an account; `by` is the admin who made it (`system`: the accounts of a first start).
   * `check` sees it beside every other account, and throws to refuse it.
   */
  async create(
    input: {
      username: string;
      password: string;
      roles: string[];
      displayName?: string;
      province?: string;
      organisation?: string;
    },
    by = SYSTEM,
    check?: AccountCheck,
  ): Promise<PublicUser> {
    const { username, password, roles } = input;
    if (!USERNAME_PATTERN.test(username)) {
      throw new EngineError('validation', SAY.badUsername, { field: 'username' });
    }
    if (RESERVED_NAMES.has(username.toLowerCase())) {
      throw new EngineError('validation', SAY.reservedUsername(username), { field: 'username' });
    }
    checkPassword(password, username);
    for (const role of roles) parseRole(role);
    // Said before the slow hash; the commit asks again.
    if (await this.#taken(username)) throw nameTaken(username);
    const user: User = {
      username,
      passwordHash: await hashPassword(this.pool, password, this.options.hashCost),
      roles: [...roles],
      ...(input.displayName !== undefined && { displayName: input.displayName }),
      ...(input.province !== undefined && { province: input.province }),
      ...(input.organisation !== undefined && { organisation: input.organisation }),
      createdAt: this.#now().toISOString(),
    };
    await this.#oneAtATime(() => this.#insert(user, by, check));
    return publicUser(user);
  }

  async #insert(user: User, by: string, check?: AccountCheck): Promise<void> {
    // Guarded, so that another server process on the same database creating this name at this moment
    // (two processes started at once on an empty one both make the first accounts), or giving the same
    // park elsewhere, makes one of the two commits count again.
    const guard = await this.#guard();
    if (await this.#taken(user.username)) throw nameTaken(user.username);
    check?.(scopeOf(user), await this.others(user.username));
    const logged = changeOf(undefined, user, { at: user.createdAt, by, passwordSet: false });
    try {
      await this.store.commit(
        [...accountLog.write(logged), { kind: 'put', collection: USERS, id: user.username, value: user }, guard.write],
        guard.expect,
      );
    } catch (error) {
      if (!isEngineError(error, 'conflict')) throw error;
      return this.#insert(user, by, check);
    }
  }

  /** Names are unique regardless of case: `ADMIN` beside `admin` would pass for it in every list. */
  async #taken(username: string): Promise<boolean> {
    const key = username.toLowerCase();
    return (await this.store.list(USERS)).some((name) => name.toLowerCase() === key);
  }

  #oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#changes.then(work);
    this.#changes = run.catch(() => undefined);
    return run;
  }

  /**
   * Changes an account as the admin `by`. `check` sees the account as it would be (the roles kept
   * and the region changed, or the other way round), beside every other account and as it was, and
   * throws to refuse it.
   */
  update(
    username: string,
    change: UserChange,
    by: string,
    check?: (next: AccountScope, others: AccountScope[], before: AccountScope) => void,
  ): Promise<PublicUser> {
    return this.#oneAtATime(() => this.#update(username, change, by, check));
  }

  async #update(
    typed: string,
    change: UserChange,
    by: string,
    check?: (next: AccountScope, others: AccountScope[], before: AccountScope) => void,
  ): Promise<PublicUser> {
    // The account a login with this name would find (LI-NA, ｌｉ－ｎａ: Li-Na): names are unique
    // regardless of case and width, and PATCH /api/users/LI-NA answered 用户 LI-NA 不存在.
    const username = await this.#storedName(typed);
    // Read as stored: a damaged account says so (数据文件损坏：users/<name>.json), not "no such user"
    // beside a create that calls the name taken.
    const user = username === undefined ? undefined : await this.store.get<User>(USERS, username);
    if (username === undefined || user === undefined) throw new EngineError('not-found', SAY.noSuchUser(typed));
    if (change.roles !== undefined) for (const role of change.roles) parseRole(role);
    if (change.password !== undefined) checkPassword(change.password, username);
    // What the checks read other accounts for: a scope changed (check), an admin taken away (#keepAnAdmin).
    const guard =
      change.roles !== undefined || change.province !== undefined || change.disabled === true
        ? await this.#guard()
        : undefined;
    const { province, ...rest } = user;
    const kept = change.province === undefined ? province : (change.province ?? undefined);
    if (check !== undefined)
      check(
        { roles: change.roles ?? user.roles, ...(kept !== undefined && { province: kept }) },
        await this.others(username),
        scopeOf(user),
      );
    const next: User = {
      ...rest,
      ...(change.roles !== undefined && { roles: change.roles }),
      ...(change.disabled !== undefined && { disabled: change.disabled }),
      ...(change.displayName !== undefined && { displayName: change.displayName }),
      ...(change.province === undefined
        ? province !== undefined && { province }
        : change.province !== null && { province: change.province }),
      ...(change.organisation !== undefined && { organisation: change.organisation }),
      ...(change.password !== undefined && {
        passwordHash: await hashPassword(this.pool, change.password, this.options.hashCost),
      }),
    };
    if (isActiveAdmin(user) && !isActiveAdmin(next)) await this.#keepAnAdmin(username);
    const logged = changeOf(user, next, {
      at: this.#now().toISOString(),
      by,
      passwordSet: change.password !== undefined,
    });
    try {
      await this.store.commit(
        [
          ...accountLog.write(logged),
          { kind: 'put', collection: USERS, id: username, value: next },
          ...(guard === undefined ? [] : [guard.write]),
        ],
        guard?.expect,
      );
    } catch (error) {
      // Another process changed an account since the others were read: check again.
      if (guard === undefined || !isEngineError(error, 'conflict')) throw error;
      return this.#update(typed, change, by, check);
    }
    if (change.password !== undefined || change.disabled === true || change.roles !== undefined)
      await this.#sessions.endAllOf(username);
    return publicUser(next);
  }

  /**
   * What a change checked against other accounts commits guarded on. Two admins each removing the
   * other at once through two processes on one database both counted the other as remaining, and both
   * were written; two giving one park in two provinces each found no other province. Every such change
   * bumps one document, read before the other accounts are and expected unchanged at the commit, so of
   * two such changes the second reads the accounts again.
   */
  async #guard(): Promise<{ write: StoreWrite; expect: StoreExpectation }> {
    const { collection, id } = ACCOUNTS_GUARD;
    const revision = (await this.store.get<{ revision: number }>(collection, id))?.revision ?? null;
    return {
      write: { kind: 'put', collection, id, value: { revision: (revision ?? 0) + 1 } },
      expect: { collection, id, revision },
    };
  }

  /** Refuses to leave the system without an active admin: no one could manage users again. */
  async #keepAnAdmin(leaving: string): Promise<void> {
    const others = (await this.#all()).filter((user) => user.username !== leaving && isActiveAdmin(user));
    if (others.length === 0) {
      throw new EngineError('conflict', SAY.lastAdmin, { username: leaving });
    }
  }

  /**
   * A new session for valid credentials, or undefined (same work whether or not the user exists). A
   * `device` token this account issued before puts the check in the hashing pool's trusted lane; a
   * successful login hands out a fresh one.
   */
  async login(
    username: string,
    password: string,
    device?: unknown,
  ): Promise<{ token: string; expiresAt: string; user: PublicUser; device: string } | undefined> {
    // No account has a longer password, so there is nothing to hash (and nothing to learn from timing).
    if (passwordLength(password) > MAX_PASSWORD) return undefined;
    const user = await this.#signingIn(username);
    const now = this.#now().getTime();
    const known = user !== undefined && isDeviceToken(device, user.username, user.passwordHash, now);
    const valid = await verifyPassword(
      this.pool,
      password,
      user?.passwordHash ?? this.#dummy,
      known ? 'trusted' : 'open',
    );
    if (user === undefined || !valid || user.disabled === true) return undefined;
    const { token, session } = await this.#sessions.open(user.username);
    return {
      token,
      expiresAt: session.expiresAt,
      user: publicUser(user),
      device: issueDeviceToken(user.username, user.passwordHash, now),
    };
  }

  /**
   * The account a login names (`signInName`), its letters' case as created or not: 「Admin」 signed
   * in as no one, said 用户名或密码不正确 though no other account could be called so. The names are
   * listed for every login, a known name's too, so the answer takes as long.
   */
  async #signingIn(typed: string): Promise<User | undefined> {
    const stored = await this.#storedName(typed);
    return stored === undefined ? undefined : this.get(stored);
  }

  /** The stored name of the account `typed` means, as a login finds it (`signInName`); undefined: none. */
  async #storedName(typed: string): Promise<string | undefined> {
    const name = signInName(typed);
    if (!USERNAME_PATTERN.test(name)) return undefined;
    const key = name.toLowerCase();
    const names = await this.store.list(USERS);
    return names.includes(name) ? name : names.find((candidate) => candidate.toLowerCase() === key);
  }

  async logout(token: string): Promise<void> {
    await this.#sessions.close(token);
  }

  /** The user of a live session, or undefined for an unknown, expired or revoked token. */
  async authenticate(token: string): Promise<User | undefined> {
    const session = await this.#sessions.find(token);
    if (session === undefined) return undefined;
    const user = await this.get(session.username);
    if (user === undefined || user.disabled === true) {
      await this.#sessions.close(token);
      return undefined;
    }
    return user;
  }

  /** Deletes expired sessions from the store (at start; logins do it every ten minutes). */
  purgeExpiredSessions(): Promise<number> {
    return this.#sessions.purgeExpired(true);
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  async #all(): Promise<User[]> {
    const users: User[] = [];
    for (const name of await this.store.list(USERS)) {
      const user = await readDocument<User>(this.store, USERS, name);
      if (user !== undefined) users.push(user);
    }
    return users;
  }
}

/** What an account may act on: its roles and the region it names. */
export type AccountScope = Pick<User, 'roles' | 'province'>;

const scopeOf = ({ roles, province }: AccountScope): AccountScope => ({
  roles,
  ...(province !== undefined && { province }),
});

export function actorOf(user: User | undefined): Actor {
  if (user === undefined) return { id: 'anonymous', roles: [] };
  return {
    id: user.username,
    roles: user.roles.map(parseRole),
    ...(user.province !== undefined && { region: user.province }),
  };
}
