import { createHash, randomBytes } from 'node:crypto';
import { EngineError, parseRole, type Actor, type Store } from '../../engine/index.js';
import { DEFAULT_COST, dummyHash, hashPassword, verifyPassword } from './password.js';

const USERS = 'users';
const SESSIONS = 'sessions';

export interface User {
  username: string;
  passwordHash: string;
  roles: string[];
  displayName?: string;
  /** The organisation the account acts for (江苏省市场监督管理局): how the case history names it. */
  organisation?: string;
  createdAt: string;
  disabled?: boolean;
}

export type PublicUser = Omit<User, 'passwordHash'>;

interface Session {
  username: string;
  createdAt: string;
  expiresAt: string;
}

export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/;
/** Names the system acts under (anonymous callers, timers, tools): no account may take them. */
const RESERVED_NAMES = new Set(['anonymous', 'system', 'public', 'scenario', 'cli']);
const MIN_PASSWORD = 8;

const tokenId = (token: string) => createHash('sha256').update(token).digest('hex');

export function publicUser(user: User): PublicUser {
  const { passwordHash: _passwordHash, ...rest } = user;
  return rest;
}

/**
 * Users and their sessions, on the same Store as the cases. Sessions are bearer tokens: only their
 * SHA-256 is stored, they expire, and logging out deletes them.
 */
export class Accounts {
  readonly #sessions = new Map<string, Session & { user: User }>();
  /** User names being created: the check and the write straddle a slow hash. */
  readonly #creating = new Set<string>();
  readonly #dummy: Promise<string>;

  /** `hashCost` (scrypt N) is lowered only by tests; production keeps the default. */
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly options: { sessionHours?: number; hashCost?: number } = {},
  ) {
    this.#dummy = dummyHash(options.hashCost ?? DEFAULT_COST);
  }

  async count(): Promise<number> {
    return (await this.store.list(USERS)).length;
  }

  async list(): Promise<PublicUser[]> {
    const users: PublicUser[] = [];
    for (const name of await this.store.list(USERS)) {
      const user = await this.store.get<User>(USERS, name);
      if (user !== undefined) users.push(publicUser(user));
    }
    return users;
  }

  async get(username: string): Promise<User | undefined> {
    if (!USERNAME_PATTERN.test(username)) return undefined;
    return this.store.get<User>(USERS, username);
  }

  async create(input: {
    username: string;
    password: string;
    roles: string[];
    displayName?: string;
    organisation?: string;
  }): Promise<PublicUser> {
    const { username, password, roles } = input;
    if (!USERNAME_PATTERN.test(username)) {
      throw new EngineError('validation', '用户名应为 2–64 位字母、数字、下划线或连字符', { field: 'username' });
    }
    if (password.length < MIN_PASSWORD) {
      throw new EngineError('validation', `密码不少于 ${MIN_PASSWORD} 位`, { field: 'password' });
    }
    if (RESERVED_NAMES.has(username.toLowerCase())) {
      throw new EngineError('validation', `用户名 ${username} 为系统保留，不能使用`, { field: 'username' });
    }
    for (const role of roles) parseRole(role);
    const key = username.toLowerCase();
    if (this.#creating.has(key) || (await this.get(username)) !== undefined) {
      throw new EngineError('conflict', `用户名 ${username} 已被使用`, { username });
    }
    this.#creating.add(key);
    try {
      const user: User = {
        username,
        passwordHash: await hashPassword(password, this.options.hashCost),
        roles: [...roles],
        ...(input.displayName !== undefined && { displayName: input.displayName }),
        ...(input.organisation !== undefined && { organisation: input.organisation }),
        createdAt: this.now().toISOString(),
      };
      await this.store.put(USERS, username, user);
      return publicUser(user);
    } finally {
      this.#creating.delete(key);
    }
  }

  async update(
    username: string,
    change: { password?: string; roles?: string[]; disabled?: boolean; displayName?: string; organisation?: string },
  ): Promise<PublicUser> {
    const user = await this.get(username);
    if (user === undefined) throw new EngineError('not-found', `用户 ${username} 不存在`, { username });
    if (change.roles !== undefined) for (const role of change.roles) parseRole(role);
    if (change.password !== undefined && change.password.length < MIN_PASSWORD) {
      throw new EngineError('validation', `密码不少于 ${MIN_PASSWORD} 位`, { field: 'password' });
    }
    const next: User = {
      ...user,
      ...(change.roles !== undefined && { roles: change.roles }),
      ...(change.disabled !== undefined && { disabled: change.disabled }),
      ...(change.displayName !== undefined && { displayName: change.displayName }),
      ...(change.organisation !== undefined && { organisation: change.organisation }),
      ...(change.password !== undefined && {
        passwordHash: await hashPassword(change.password, this.options.hashCost),
      }),
    };
    await this.store.put(USERS, username, next);
    if (change.password !== undefined || change.disabled === true || change.roles !== undefined)
      await this.#endSessionsOf(username);
    return publicUser(next);
  }

  /** A new session for valid credentials, or undefined (same work whether or not the user exists). */
  async login(
    username: string,
    password: string,
  ): Promise<{ token: string; expiresAt: string; user: PublicUser } | undefined> {
    const user = await this.get(username);
    const valid = await verifyPassword(password, user?.passwordHash ?? (await this.#dummy));
    if (user === undefined || !valid || user.disabled === true) return undefined;
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const session: Session = {
      username,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + (this.options.sessionHours ?? 12) * 3_600_000).toISOString(),
    };
    await this.store.put(SESSIONS, tokenId(token), session);
    this.#sessions.set(tokenId(token), { ...session, user });
    return { token, expiresAt: session.expiresAt, user: publicUser(user) };
  }

  async logout(token: string): Promise<void> {
    this.#sessions.delete(tokenId(token));
    await this.store.delete(SESSIONS, tokenId(token));
  }

  /** The user of a live session, or undefined for an unknown, expired or revoked token. */
  async authenticate(token: string): Promise<User | undefined> {
    const id = tokenId(token);
    let session = this.#sessions.get(id);
    if (session === undefined) {
      const stored = await this.store.get<Session>(SESSIONS, id);
      const user = stored === undefined ? undefined : await this.get(stored.username);
      if (stored === undefined || user === undefined) return undefined;
      session = { ...stored, user };
      this.#sessions.set(id, session);
    }
    if (session.expiresAt <= this.now().toISOString() || session.user.disabled === true) {
      await this.logout(token);
      return undefined;
    }
    return session.user;
  }

  async #endSessionsOf(username: string): Promise<void> {
    for (const [id, session] of this.#sessions) if (session.username === username) this.#sessions.delete(id);
    for (const id of await this.store.list(SESSIONS)) {
      const session = await this.store.get<Session>(SESSIONS, id);
      if (session?.username === username) await this.store.delete(SESSIONS, id);
    }
  }
}

export function actorOf(user: User | undefined): Actor {
  if (user === undefined) return { id: 'anonymous', roles: [] };
  return { id: user.username, roles: user.roles.map(parseRole) };
}
