import type { Store, StoreWrite } from '../../engine/index.js';
import type { User } from './accounts.js';

const LOG = 'account-changes';
const ID = 'all';

/** The fields of an account whose change is recorded, before and after (absent: not set). */
export const RECORDED_FIELDS = ['roles', 'province', 'organisation', 'displayName', 'disabled'] as const;
export type RecordedField = (typeof RECORDED_FIELDS)[number];

/**
 * One change to an account: who made it (an admin's name, or `system` for the accounts of a first
 * start), when, to whom, and what changed. A password is only said to have been set: neither it nor
 * its hash is kept.
 */
export interface AccountChange {
  at: string;
  by: string;
  username: string;
  action: 'created' | 'changed';
  fields: Partial<Record<RecordedField, { from?: unknown; to?: unknown }>>;
  passwordSet?: true;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * An account without `disabled` is enabled: the account dialog sends its 停用 box, unticked, with
 * every save, and a password reset was recorded as 启用账号 too.
 */
const unchanged = (field: RecordedField, from: unknown, to: unknown) =>
  field === 'disabled' ? (from === true) === (to === true) : same(from, to);

/** What differs between the account as it was (undefined: it is new) and as it is now. */
export function changeOf(
  before: User | undefined,
  after: User,
  meta: { at: string; by: string; passwordSet: boolean },
): AccountChange | undefined {
  const fields: AccountChange['fields'] = {};
  for (const field of RECORDED_FIELDS) {
    const from = before?.[field];
    const to = after[field];
    if (!unchanged(field, from, to))
      fields[field] = { ...(from !== undefined && { from }), ...(to !== undefined && { to }) };
  }
  if (before !== undefined && Object.keys(fields).length === 0 && !meta.passwordSet) return undefined;
  return {
    at: meta.at,
    by: meta.by,
    username: after.username,
    action: before === undefined ? 'created' : 'changed',
    fields,
    ...(meta.passwordSet && { passwordSet: true as const }),
  };
}

/**
 * Who changed which account, and how (等级保护: account management is audited): an append-only log
 * written in the same commit as the account, before it (on a store whose commit is not atomic, a
 * crash between the two leaves a change recorded that did not happen, never one done unrecorded).
 * Read by admins only; nothing in the API removes an entry.
 */
export const accountLog = {
  write(change: AccountChange | undefined): StoreWrite[] {
    return change === undefined ? [] : [{ kind: 'append', log: LOG, id: ID, entries: [change] }];
  },
  /** Newest first. */
  async read(store: Store): Promise<AccountChange[]> {
    return (await store.readLog<AccountChange>(LOG, ID)).reverse();
  },
};
