import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chainEntries, GENESIS_HASH, type AuditDraft } from '../../engine/audit/audit-chain.js';
import type { Submission } from '../../engine/cases/case-record.js';
import { HistoryDigest, type LogHead } from '../../engine/cases/history-digest.js';
import { as, EngineHarness, throughCreation } from '../support/engine-harness.js';

const draft = (at: string, type: string, details: Record<string, unknown> = {}): AuditDraft => ({
  at,
  type,
  caseId: 'c_1',
  actor: 'someone',
  version: '2024-03-14',
  details,
});

/** A trail: started (applying), a task, then creating; and the head a record counting it names. */
const trail = chainEntries({ seq: 0, hash: GENESIS_HASH }, [
  draft('2024-04-01T01:00:00Z', 'status.changed', { to: 'applying' }),
  draft('2024-04-02T01:00:00Z', 'task.completed'),
  draft('2024-04-30T17:00:00Z', 'status.changed', { to: 'creating' }),
]);
const headOf = (count: number, submissions = 1): LogHead => ({
  audit: { count, head: trail[count - 1]?.hash ?? GENESIS_HASH },
  submissions,
});

const submission = (seq: number, data: unknown): Submission => ({
  seq,
  at: '2024-04-02T01:00:00Z',
  actor: 'someone',
  kind: 'task',
  name: 'submitCreationApplication',
  data,
});

describe('HistoryDigest', () => {
  it('remembers the statuses a trail gives at the head its record names, with their China day', () => {
    const digest = new HistoryDigest();
    const head = headOf(3);
    expect(digest.statusChanges('c_1', head, 'redacted')).toBeUndefined();
    const changes = digest.rememberStatusChanges('c_1', head, 'redacted', trail);
    // 17:00 UTC on 30 April is 1 May in Beijing.
    expect(changes).toEqual([
      { at: '2024-04-01T01:00:00Z', date: '2024-04-01', status: 'applying' },
      { at: '2024-04-30T17:00:00Z', date: '2024-05-01', status: 'creating' },
    ]);
    expect(digest.statusChanges('c_1', headOf(3), 'redacted')).toEqual(changes);
    // Another kind of reader, another case, another head: not known.
    expect(digest.statusChanges('c_1', head, 'public-readable')).toBeUndefined();
    expect(digest.statusChanges('c_2', head, 'redacted')).toBeUndefined();
    expect(digest.statusChanges('c_1', headOf(3, 2), 'redacted')).toBeUndefined();
    expect(digest.statusChanges('c_1', { ...head, audit: { count: 3, head: GENESIS_HASH } }, 'redacted')).toBe(
      undefined,
    );
  });

  it('answers from a trail read beyond the head its caller knew (a commit in flight), but does not remember it', () => {
    const digest = new HistoryDigest();
    const known = headOf(2);
    expect(digest.rememberStatusChanges('c_1', known, 'redacted', trail).map((change) => change.status)).toEqual([
      'applying',
      'creating',
    ]);
    // Had it been remembered at the head the caller knew, a commit that failed would show for ever.
    expect(digest.statusChanges('c_1', known, 'redacted')).toBeUndefined();
    expect(digest.statusChanges('c_1', headOf(3), 'redacted')).toBeUndefined();
  });

  it("remembers the latest value a field was given, by field and kind of reader, at the submissions' count", () => {
    const digest = new HistoryDigest();
    const submissions = [submission(1, { parkType: 'industry' }), submission(2, { other: 1 }), submission(3, null)];
    const head = headOf(3, 3);
    expect(digest.rememberLatestValue('c_1', head, 'redacted', 'parkType', submissions)).toBe('industry');
    expect(digest.latestValue('c_1', head, 'redacted', 'parkType')).toEqual({ value: 'industry' });
    // None holds it: remembered as none.
    expect(digest.rememberLatestValue('c_1', head, 'redacted', 'missing', submissions)).toBeUndefined();
    expect(digest.latestValue('c_1', head, 'redacted', 'missing')).toEqual({ value: undefined });
    expect(digest.latestValue('c_1', head, 'public-readable', 'parkType')).toBeUndefined();
    // A submission more (the count moves): read again.
    expect(digest.latestValue('c_1', headOf(3, 4), 'redacted', 'parkType')).toBeUndefined();
    // Read beyond the count its caller knew: not remembered.
    digest.rememberLatestValue('c_1', headOf(3, 2), 'redacted', 'parkType', submissions);
    expect(digest.latestValue('c_1', headOf(3, 2), 'redacted', 'parkType')).toBeUndefined();
  });

  it('shares a read in flight with every caller asking the same of a case at the same head, and no other', async () => {
    const digest = new HistoryDigest();
    let answer!: (value: string) => void;
    const read = vi.fn(() => new Promise<string>((resolve) => (answer = resolve)));
    const first = digest.readOnce('c_1', headOf(3), 'redacted', 'statuses', read);
    const second = digest.readOnce('c_1', headOf(3), 'redacted', 'statuses', read);
    const other = digest.readOnce('c_1', headOf(3), 'public-readable', 'statuses', () => Promise.resolve('theirs'));
    expect(read).toHaveBeenCalledTimes(1);
    answer('read once');
    expect(await Promise.all([first, second, other])).toEqual(['read once', 'read once', 'theirs']);
    // Once answered, what is remembered is the caller's to keep; a later call reads again.
    const again = digest.readOnce('c_1', headOf(3), 'redacted', 'statuses', read);
    answer('read again');
    expect(await again).toBe('read again');
    expect(read).toHaveBeenCalledTimes(2);
  });
});

describe('the engine reads a history once for reports asked for at the same time', () => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await EngineHarness.open({ start: '2024-04-01T09:00:00+08:00' });
  });
  afterAll(async () => {
    await h.close();
  });

  it("ten statistics calls at once after a start read each case's trail and submissions once, not ten times", async () => {
    const { id } = await throughCreation(h);
    await h.restart();
    const audit = vi.spyOn(h.engine, 'audit');
    const submissions = vi.spyOn(h.engine, 'submissions');
    const samr = as('samr');
    const answers = await Promise.all(
      Array.from({ length: 10 }, async () => ({
        statuses: (await h.engine.statusChanges(id, samr)).map((change) => change.status),
        type: await h.engine.latestSubmitted(id, samr, 'parkType'),
      })),
    );
    expect(new Set(answers.map((answer) => JSON.stringify(answer)))).toEqual(
      new Set([JSON.stringify({ statuses: ['applying', 'creating'], type: 'industry' })]),
    );
    expect(audit).toHaveBeenCalledTimes(1);
    expect(submissions).toHaveBeenCalledTimes(1);
  });
});
