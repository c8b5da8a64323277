/**
 * The audit trail's hash chain. Each entry carries the hash of the one before it and a hash of its own
 * content, so editing, removing or reordering an entry breaks a link that `verifyChain` names. Removing
 * entries from the end leaves a shorter chain that is still whole; only a head (count and last hash)
 * recorded elsewhere, e.g. in the case document, shows that.
 *
 * Node-only for now: hashing uses node:crypto because the API is synchronous and the browser's
 * SubtleCrypto is not. For the designer, `sha256Hex` is the one function to swap (e.g. for
 * @noble/hashes' sha256, which is synchronous on both).
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/** What the engine records: the entry before it is linked into a case's chain. */
export interface AuditDraft {
  /** ISO 8601 instant, from the clock port. */
  at: string;
  /** Dotted event name, e.g. `case.started`, `task.completed`. */
  type: string;
  caseId: string;
  actor: string;
  /** The definition version the case runs on. */
  version: string;
  details: Readonly<Record<string, unknown>>;
}

/** A linked entry: `seq` counts from 1 within a case, `prevHash` is the previous entry's `hash`. */
export interface AuditEntry extends AuditDraft {
  seq: number;
  prevHash: string;
  hash: string;
}

/** Where a chain ends: its entry count and last hash (GENESIS_HASH when empty). */
export interface ChainHead {
  count: number;
  hash: string;
}

export interface ChainProblem {
  seq: number;
  message: string;
}

/** The `prevHash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Links drafts after the entry `{seq, hash}` of the chain so far (seq 0 / GENESIS for an empty chain).
 * Each entry holds its details in their JSON form, exactly what was hashed and what a store keeps.
 */
export function chainEntries(previous: { seq: number; hash: string }, drafts: readonly AuditDraft[]): AuditEntry[] {
  let last = previous;
  return drafts.map((draft) => {
    const { at, type, caseId, actor, version } = draft;
    const details = JSON.parse(canonicalJson(draft.details)) as Record<string, unknown>;
    // Built field by field: an entry passed in as a draft brings no seq or hash of its own along.
    const linked = { seq: last.seq + 1, at, type, caseId, actor, version, details, prevHash: last.hash };
    const entry: AuditEntry = { ...linked, hash: entryHash(linked) };
    last = entry;
    return entry;
  });
}

/** sha256 hex of prevHash + canonical JSON of the entry without `hash`. */
export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  // A whole AuditEntry may be passed in (it fits the type); its own hash is never part of the content.
  const content: Record<string, unknown> = { ...entry };
  delete content.hash;
  return sha256Hex(entry.prevHash + canonicalJson(content));
}

/** Checks links, hashes, consecutive seq from 1, and (when given) that the chain ends at the expected head {count, hash}. */
export function verifyChain(
  entries: readonly AuditEntry[],
  expectedHead?: ChainHead,
): { ok: boolean; problems: ChainProblem[] } {
  const problems: ChainProblem[] = [];
  let previous: AuditEntry | undefined;
  for (const entry of entries) {
    problems.push(...entryProblems(entry, previous));
    previous = entry;
  }
  if (expectedHead !== undefined) problems.push(...headProblems(entries, expectedHead));
  return { ok: problems.length === 0, problems };
}

/** sha256 hex of canonical JSON — the "hash of the data" recorded when a task is completed. */
export function dataHash(data: unknown): string {
  return sha256Hex(canonicalJson(data));
}

function entryProblems(entry: AuditEntry, previous: AuditEntry | undefined): ChainProblem[] {
  const problems: ChainProblem[] = [];
  const { seq } = entry;
  // Compared with the entry before rather than the position, so one gap is one problem, not one per entry after it.
  const expectedSeq = previous === undefined ? 1 : previous.seq + 1;
  if (seq !== expectedSeq) {
    problems.push({
      seq,
      message: `seq ${seq} where ${expectedSeq} was expected: an entry is missing or out of order`,
    });
  }
  const expectedPrev = previous === undefined ? GENESIS_HASH : previous.hash;
  if (entry.prevHash !== expectedPrev) {
    const before = previous === undefined ? 'the genesis hash' : `the hash of seq ${previous.seq}`;
    problems.push({ seq, message: `prevHash of seq ${seq} is not ${before}` });
  }
  if (entryHash(entry) !== entry.hash) {
    problems.push({ seq, message: `hash of seq ${seq} does not match its content: the entry was changed` });
  }
  return problems;
}

function headProblems(entries: readonly AuditEntry[], head: ChainHead): ChainProblem[] {
  const count = entries.length;
  if (count < head.count) {
    return [
      { seq: count + 1, message: `chain ends after ${count} entries, ${head.count} expected: entries are missing` },
    ];
  }
  if (count > head.count) {
    return [{ seq: head.count + 1, message: `chain has ${count} entries, ${head.count} expected: entries were added` }];
  }
  const lastHash = entries.at(-1)?.hash ?? GENESIS_HASH;
  if (lastHash !== head.hash) {
    return [{ seq: count, message: `chain ends at hash ${lastHash}, not the expected head ${head.hash}` }];
  }
  return [];
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
