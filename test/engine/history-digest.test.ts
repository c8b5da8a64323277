import { describe, expect, it } from 'vitest';
import { chainEntries, GENESIS_HASH, type AuditDraft } from '../../engine/audit/audit-chain.js';
import type { Submission } from '../../engine/cases/case-record.js';
import { HistoryDigest, type LogHead } from '../../engine/cases/history-digest.js';

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
});
