import { describe, expect, it } from 'vitest';
import {
  chainEntries,
  dataHash,
  entryHash,
  GENESIS_HASH,
  verifyChain,
  type AuditDraft,
  type AuditEntry,
} from '../../engine/audit/audit-chain.js';
import { canonicalJson } from '../../engine/audit/canonical-json.js';
import { isEngineError } from '../../engine/errors.js';

function draft(n: number): AuditDraft {
  return {
    at: new Date(Date.UTC(2025, 0, 6, 1, n)).toISOString(),
    type: n === 1 ? 'case.started' : 'task.completed',
    caseId: 'case-0001',
    actor: `user-${n % 3}`,
    version: '2025-01-01',
    details: { task: `task-${n}`, data: { score: n, opinion: '同意申报', items: [n, n + 1] } },
  };
}

/** A fresh, valid chain of `count` entries for one case. */
function chain(count = 20): AuditEntry[] {
  const drafts = Array.from({ length: count }, (_, index) => draft(index + 1));
  return chainEntries({ seq: 0, hash: GENESIS_HASH }, drafts);
}

function headOf(entries: readonly AuditEntry[]): { count: number; hash: string } {
  return { count: entries.length, hash: entries.at(-1)?.hash ?? GENESIS_HASH };
}

function seqsOf(entries: readonly AuditEntry[], expectedHead?: { count: number; hash: string }): number[] {
  return [...new Set(verifyChain(entries, expectedHead).problems.map((problem) => problem.seq))];
}

/** The entry with `seq` from a chain, which must have it. */
function at(entries: readonly AuditEntry[], seq: number): AuditEntry {
  const entry = entries[seq - 1];
  if (entry === undefined) throw new Error(`no entry ${seq}`);
  return entry;
}

describe('audit chain', () => {
  it('links 20 entries that verify', () => {
    const entries = chain();
    expect(entries.map((entry) => entry.seq)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    expect(at(entries, 1).prevHash).toBe(GENESIS_HASH);
    for (const entry of entries.slice(1)) expect(entry.prevHash).toBe(at(entries, entry.seq - 1).hash);
    for (const entry of entries) expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyChain(entries)).toEqual({ ok: true, problems: [] });
    expect(verifyChain(entries, headOf(entries))).toEqual({ ok: true, problems: [] });
  });

  it('hashes the entry without its hash, after its prevHash', () => {
    const entry = at(chain(3), 2);
    expect(entryHash(entry)).toBe(entry.hash);
    const { seq, at: time, type, caseId, actor, version, details, prevHash } = entry;
    expect(entryHash({ seq, at: time, type, caseId, actor, version, details, prevHash })).toBe(entry.hash);
  });

  it('continues a chain from its last entry as if chained at once', () => {
    const whole = chain(20);
    const first = chain(12);
    const rest = chainEntries(
      at(first, 12),
      Array.from({ length: 8 }, (_, index) => draft(index + 13)),
    );
    expect([...first, ...rest]).toEqual(whole);
  });

  it('links entries passed in as drafts by position, not by the seq and hash they carry', () => {
    const relinked = chainEntries({ seq: 0, hash: GENESIS_HASH }, chain().slice(5, 8));
    expect(relinked.map((entry) => entry.seq)).toEqual([1, 2, 3]);
    expect(verifyChain(relinked).ok).toBe(true);
  });

  it('verifies an empty chain, whose head is the genesis hash', () => {
    expect(verifyChain([]).ok).toBe(true);
    expect(verifyChain([], { count: 0, hash: GENESIS_HASH }).ok).toBe(true);
  });

  it('still verifies after a JSON round trip, as read back from a store', () => {
    const drafts = [{ ...draft(1), details: { when: new Date(Date.UTC(2025, 5, 1)), skipped: undefined, n: 1 } }];
    const entries = chainEntries({ seq: 0, hash: GENESIS_HASH }, drafts);
    expect(at(entries, 1).details).toStrictEqual({ n: 1, when: '2025-06-01T00:00:00.000Z' });
    const stored = JSON.parse(JSON.stringify(entries)) as AuditEntry[];
    expect(verifyChain(stored, headOf(entries)).ok).toBe(true);
  });

  const edits: [string, (entry: AuditEntry) => void][] = [
    ['details', (entry) => void (entry.details = { ...entry.details, task: 'forged' })],
    ['a nested detail', (entry) => void ((entry.details.data as { score: number }).score = 99)],
    ['actor', (entry) => void (entry.actor = 'someone-else')],
    ['at', (entry) => void (entry.at = '2030-01-01T00:00:00.000Z')],
    ['type', (entry) => void (entry.type = 'case.cancelled')],
    ['caseId', (entry) => void (entry.caseId = 'case-0002')],
    ['version', (entry) => void (entry.version = '2026-01-01')],
  ];

  describe.each(edits)('an edited %s', (_field, edit) => {
    it.each([1, 7, 20])('is found at seq %i', (seq) => {
      const entries = structuredClone(chain());
      edit(at(entries, seq));
      const result = verifyChain(entries);
      expect(result.ok).toBe(false);
      expect(seqsOf(entries)).toEqual([seq]);
    });
  });

  it('finds an entry removed from the middle at the entry after the gap', () => {
    const entries = chain().filter((entry) => entry.seq !== 8);
    expect(verifyChain(entries).ok).toBe(false);
    expect(seqsOf(entries)).toEqual([9]);
  });

  it('finds the first entry removed', () => {
    expect(seqsOf(chain().slice(1))).toEqual([2]);
  });

  it('finds the last entry removed only against the expected head', () => {
    const entries = chain();
    const head = headOf(entries);
    const shortened = entries.slice(0, -1);
    expect(verifyChain(shortened)).toEqual({ ok: true, problems: [] });
    expect(verifyChain(shortened, head).ok).toBe(false);
    expect(seqsOf(shortened, head)).toEqual([20]);
  });

  it('finds entries added after the expected head', () => {
    const entries = chain();
    expect(seqsOf(entries, headOf(entries.slice(0, 18)))).toEqual([19]);
  });

  it('finds two entries swapped', () => {
    const entries = chain();
    const [five, six] = [at(entries, 5), at(entries, 6)];
    entries[4] = six;
    entries[5] = five;
    expect(verifyChain(entries).ok).toBe(false);
    // 6 follows 4, 5 follows 6, and 7 follows 5: every broken link is named.
    expect(seqsOf(entries)).toEqual([6, 5, 7]);
  });

  it('finds an edited entry whose hash was recomputed at the next link', () => {
    const entries = structuredClone(chain());
    const forged = at(entries, 10);
    forged.details = { ...forged.details, opinion: '不同意' };
    forged.hash = entryHash(forged);
    expect(seqsOf(entries)).toEqual([11]);
  });

  it('finds a rewritten tail only against the expected head', () => {
    const entries = chain();
    const head = headOf(entries);
    const forgedDrafts = entries.slice(9).map((entry) => ({ ...entry, actor: 'forger' }));
    const rewritten = [...entries.slice(0, 9), ...chainEntries(at(entries, 9), forgedDrafts)];
    expect(verifyChain(rewritten).ok).toBe(true);
    expect(seqsOf(rewritten, head)).toEqual([20]);
  });

  it('finds a hash that is not the hash of its entry', () => {
    const entries = structuredClone(chain());
    at(entries, 3).hash = GENESIS_HASH;
    // Seq 3 no longer matches its content, and seq 4 no longer links to it.
    expect(seqsOf(entries)).toEqual([3, 4]);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    const a = { b: [3, 1, { d: '中', c: null }], a: 1, nested: { z: true, y: { x: 0 } } };
    const b = { nested: { y: { x: 0 }, z: true }, a: 1, b: [3, 1, { c: null, d: '中' }] };
    expect(canonicalJson(a)).toBe('{"a":1,"b":[3,1,{"c":null,"d":"中"}],"nested":{"y":{"x":0},"z":true}}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it('orders keys by code unit, integer-like keys included', () => {
    expect(canonicalJson({ b: 1, a: 2, B: 3, '10': 4, '9': 5 })).toBe('{"10":4,"9":5,"B":3,"a":2,"b":1}');
  });

  it('takes values as JSON.stringify does', () => {
    const value = { when: new Date(Date.UTC(2025, 0, 1)), gone: undefined, fn: () => 1, list: [undefined, NaN], n: -0 };
    expect(canonicalJson(value)).toBe('{"list":[null,null],"n":0,"when":"2025-01-01T00:00:00.000Z"}');
    expect(canonicalJson('文本')).toBe('"文本"');
    expect(canonicalJson(null)).toBe('null');
  });

  it('refuses values with no JSON form', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    for (const value of [undefined, () => 1, { n: 1n }, cycle]) {
      let error: unknown;
      try {
        canonicalJson(value);
      } catch (thrown) {
        error = thrown;
      }
      expect(isEngineError(error, 'validation')).toBe(true);
    }
  });

  it('writes a shared object twice; only a cycle is refused', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });
});

describe('dataHash', () => {
  it('is equal for equal data written in another key order', () => {
    const a = { score: 88, park: { name: '园区', province: '江苏' }, items: [{ k: 1, v: 2 }] };
    const b = { items: [{ v: 2, k: 1 }], park: { province: '江苏', name: '园区' }, score: 88 };
    expect(dataHash(a)).toBe(dataHash(b));
    expect(dataHash(a)).not.toBe(dataHash({ ...a, score: 89 }));
  });

  it('is the sha256 hex of the canonical JSON', () => {
    // sha256 of the two bytes `{}`, as printed by `printf '{}' | sha256sum`.
    expect(dataHash({})).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
  });
});
