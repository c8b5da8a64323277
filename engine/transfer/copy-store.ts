import { verifyChain, type AuditEntry } from '../audit/audit-chain.js';
import { attachmentFileName, copyAttachmentBytes, missingBytes } from './attachment-bytes.js';
import {
  assertChain,
  AUDIT,
  CASES,
  caseChainProblems,
  readCase,
  sourceRead,
  STATES,
  SUBMISSIONS,
} from './case-snapshot.js';
import type { Inventory, StoreReader } from './store-reader.js';
import type { StoreTarget, TargetSession } from './store-target.js';
import { TransferError } from './transfer-error.js';

export type CopyPhase = 'verify-source' | 'copy' | 'verify-target';

export interface CopyProgress {
  phase: CopyPhase;
  done: number;
  total: number;
}

/** What a copy moved: every collection's documents and every log's entries, with names for the main ones. */
export interface CopyCounts {
  cases: number;
  /** Running timers the copied cases hold (each fires on the target as it would have on the source). */
  timers: number;
  auditEntries: number;
  submissions: number;
  /** Audit chains verified before and after (one per case, plus `definition-audit`). */
  chains: number;
  attachments: number;
  /** Attachment files checked (and copied, where the target has a folder for them). */
  attachmentFiles: number;
  users: number;
  sessions: number;
  drafts: number;
  documents: Record<string, number>;
  logEntries: Record<string, number>;
  /**
   * Left behind on purpose: superseded process states, logs of cases with no record, and uploads the
   * server's sweep deleted while the copy ran (read, then gone with their bytes before those were read).
   */
  skipped: { staleStates: number; orphanLogs: number; sweptAttachments: number };
}

export interface CopyOptions {
  from: StoreReader;
  /** The folder holding the source's `attachment-files/` (a data directory; for PostgreSQL, its server's DATA_DIR). */
  fromFiles: string | undefined;
  to: StoreTarget;
  force: boolean;
  onProgress?: (progress: CopyProgress) => void;
  /** Runs on the built, verified target before it is committed (a backup adds its manifest). */
  beforeCommit?: (session: TargetSession, counts: CopyCounts) => Promise<void>;
}

export interface CopyReport {
  from: string;
  to: string;
  counts: CopyCounts;
  notes: string[];
}

const isAuditLog = (name: string) => name === AUDIT || name.endsWith('-audit');

/**
 * Copies a whole store, all or nothing, in three passes:
 * 1. verify the source: every case's audit chain against the head its record holds, every other
 *    audit log's links; a broken chain or a damaged file stops here, before the target is touched;
 * 2. copy: each case as committed (readCase: record, current state, counted log entries), then every
 *    other document and log, then the attachment bytes the attachment records name;
 * 3. verify the target as written, before it is committed: the same chains, and every count and chain
 *    head equal to what was read. Any failure aborts the session: the target stays as it was.
 */
export async function copyStore(options: CopyOptions): Promise<CopyReport> {
  const { from, to } = options;
  const progress = options.onProgress ?? (() => undefined);
  const inventory = await sourceRead(from, () => from.inventory());
  const caseIds = inventory.documents.get(CASES) ?? [];
  const caseSet = new Set(caseIds);
  const attachmentIds = inventory.documents.get('attachments') ?? [];
  if (attachmentIds.length > 0 && options.fromFiles === undefined) {
    throw new TransferError(
      'arguments',
      `源数据有 ${attachmentIds.length} 个附件：请用 --files 指明其附件文件所在的数据目录（服务器的 DATA_DIR）/ the source has attachments: give --files, the data directory holding their attachment-files/`,
    );
  }

  await verifySource(from, inventory, caseIds, progress);

  const session = await to.begin({ force: options.force });
  try {
    const written = await copyAll(from, session, inventory, caseSet, options.fromFiles, progress);
    await verifyTarget(session, written, progress);
    await options.beforeCommit?.(session, written.counts);
    const moved = await session.commit();
    const notes = moved === undefined ? [] : [moved];
    if (written.counts.attachmentFiles > 0 && session.filesDir === undefined && options.fromFiles !== undefined) {
      notes.push(
        `附件文件仍在 ${options.fromFiles}/attachment-files，服务器请用 DATA_DIR=${options.fromFiles} / attachment bytes stay in ${options.fromFiles}/attachment-files: run the server with that DATA_DIR`,
      );
    }
    return { from: from.where, to: to.where, counts: written.counts, notes };
  } catch (error) {
    await session.abort();
    throw error;
  }
}

async function verifySource(
  from: StoreReader,
  inventory: Inventory,
  caseIds: readonly string[],
  progress: (progress: CopyProgress) => void,
): Promise<void> {
  const otherAudits = [...inventory.logs].filter(([log]) => isAuditLog(log) && log !== AUDIT);
  const total = caseIds.length + otherAudits.reduce((sum, [, ids]) => sum + ids.length, 0);
  let done = 0;
  for (const id of caseIds) {
    const snapshot = await readCase(from, id);
    if (snapshot !== undefined) assertChain(from.where, AUDIT, id, caseChainProblems(snapshot));
    progress({ phase: 'verify-source', done: (done += 1), total });
  }
  for (const [log, ids] of otherAudits) {
    for (const id of ids) {
      const entries = await sourceRead(from, () => from.readLog<AuditEntry>(log, id));
      assertChain(from.where, log, id, verifyChain(entries).problems);
      progress({ phase: 'verify-source', done: (done += 1), total });
    }
  }
}

/** What was written, to compare the target with: counts, and each case's revision and chain head. */
interface Written {
  counts: CopyCounts;
  heads: Map<string, string>;
}

async function copyAll(
  from: StoreReader,
  session: TargetSession,
  inventory: Inventory,
  caseSet: ReadonlySet<string>,
  fromFiles: string | undefined,
  progress: (progress: CopyProgress) => void,
): Promise<Written> {
  const counts = emptyCounts();
  const heads = new Map<string, string>();
  const documents = [...inventory.documents].filter(([collection]) => collection !== CASES && collection !== STATES);
  const logs = [...inventory.logs].filter(([log]) => log !== AUDIT && log !== SUBMISSIONS);
  const size = (groups: [string, string[]][]) => groups.reduce((sum, [, ids]) => sum + ids.length, 0);
  const total = caseSet.size + size(documents) + size(logs);
  let done = 0;
  const step = () => {
    progress({ phase: 'copy', done: (done += 1), total });
  };

  for (const id of caseSet) {
    const snapshot = await readCase(from, id);
    step();
    if (snapshot === undefined) continue;
    assertChain(from.where, AUDIT, id, caseChainProblems(snapshot));
    const { record, state, audit, submissions } = snapshot;
    // The repository's commit order: entries, state, then the record that counts them.
    if (audit.length > 0) await session.append(AUDIT, id, audit);
    if (submissions.length > 0) await session.append(SUBMISSIONS, id, submissions);
    if (state !== undefined) await session.put(STATES, `${id}.${record.stateRevision}`, state);
    await session.put(CASES, id, record);
    heads.set(id, headKey(record));
    counts.cases += 1;
    counts.timers += Array.isArray(record.timers) ? record.timers.length : 0;
    counts.auditEntries += audit.length;
    counts.submissions += submissions.length;
    counts.chains += 1;
    add(counts.logEntries, AUDIT, audit.length);
    add(counts.logEntries, SUBMISSIONS, submissions.length);
    add(counts.documents, STATES, state === undefined ? 0 : 1);
  }
  add(counts.documents, CASES, counts.cases);
  const states = inventory.documents.get(STATES)?.length ?? 0;
  counts.skipped.staleStates = Math.max(0, states - (counts.documents[STATES] ?? 0));
  for (const log of [AUDIT, SUBMISSIONS]) {
    const ids = inventory.logs.get(log) ?? [];
    counts.skipped.orphanLogs += ids.filter((id) => !caseSet.has(id)).length;
  }

  const attachmentFiles = new Set<string>();
  for (const [collection, ids] of documents) {
    for (const id of ids) {
      const value = await sourceRead(from, () => from.get(collection, id));
      step();
      if (value === undefined) continue;
      if (collection === 'attachments') {
        const name = attachmentFileName(value);
        if (name !== undefined && !attachmentFiles.has(name)) {
          if (!(await copyBytesOf(from, id, name, fromFiles, session.filesDir))) {
            counts.skipped.sweptAttachments += 1;
            continue;
          }
        }
        if (name !== undefined) attachmentFiles.add(name);
      }
      await session.put(collection, id, value);
      add(counts.documents, collection, 1);
    }
  }
  for (const [log, ids] of logs) {
    for (const id of ids) {
      const entries = await sourceRead(from, () => from.readLog(log, id));
      step();
      if (isAuditLog(log)) {
        assertChain(from.where, log, id, verifyChain(entries as AuditEntry[]).problems);
        counts.chains += 1;
      }
      if (entries.length > 0) await session.append(log, id, entries);
      add(counts.logEntries, log, entries.length);
    }
  }
  counts.attachmentFiles = attachmentFiles.size;
  counts.attachments = counts.documents.attachments ?? 0;
  counts.users = counts.documents.users ?? 0;
  counts.sessions = counts.documents.sessions ?? 0;
  counts.drafts = counts.documents.drafts ?? 0;
  return { counts, heads };
}

/**
 * Copies the bytes an attachment record names, read after the record: an upload writes its bytes
 * before its record, so a record read has them. False when the server's sweep deleted the upload
 * meanwhile (its record is gone from the source too): the copy leaves it out, as if read a moment
 * later. Missing bytes under a record still there are damage.
 */
async function copyBytesOf(
  from: StoreReader,
  id: string,
  name: string,
  fromFiles: string | undefined,
  toDir: string | undefined,
): Promise<boolean> {
  if (fromFiles === undefined || (await copyAttachmentBytes(name, fromFiles, toDir)) === 'copied') return true;
  if ((await sourceRead(from, () => from.get('attachments', id))) === undefined) return false;
  throw missingBytes(name, fromFiles);
}

/** Reads the target as written: chains verify, every case where it was, every count as copied. */
async function verifyTarget(
  session: TargetSession,
  written: Written,
  progress: (progress: CopyProgress) => void,
): Promise<void> {
  const reader = session.reader();
  try {
    const inventory = await reader.inventory();
    const ids = inventory.documents.get(CASES) ?? [];
    let done = 0;
    for (const id of ids) {
      const snapshot = await readCase(reader, id);
      if (snapshot === undefined || headKey(snapshot.record) !== written.heads.get(id)) {
        throw mismatch(reader.where, `case ${id} does not read back as copied`);
      }
      assertChain(reader.where, AUDIT, id, caseChainProblems(snapshot));
      progress({ phase: 'verify-target', done: (done += 1), total: ids.length });
    }
    for (const [log, logIds] of inventory.logs) {
      if (!isAuditLog(log) || log === AUDIT) continue;
      for (const id of logIds)
        assertChain(reader.where, log, id, verifyChain(await reader.readLog<AuditEntry>(log, id)).problems);
    }
    const found = emptyCounts();
    for (const [collection, docIds] of inventory.documents) add(found.documents, collection, docIds.length);
    for (const [log, logIds] of inventory.logs)
      for (const id of logIds) add(found.logEntries, log, (await reader.readLog(log, id)).length);
    for (const key of new Set([...Object.keys(found.documents), ...Object.keys(written.counts.documents)])) {
      if ((found.documents[key] ?? 0) !== (written.counts.documents[key] ?? 0))
        throw mismatch(
          reader.where,
          `${key}: ${found.documents[key] ?? 0} documents, ${written.counts.documents[key] ?? 0} copied`,
        );
    }
    for (const key of new Set([...Object.keys(found.logEntries), ...Object.keys(written.counts.logEntries)])) {
      if ((found.logEntries[key] ?? 0) !== (written.counts.logEntries[key] ?? 0))
        throw mismatch(
          reader.where,
          `${key}: ${found.logEntries[key] ?? 0} log entries, ${written.counts.logEntries[key] ?? 0} copied`,
        );
    }
  } finally {
    await reader.close();
  }
}

function mismatch(where: string, detail: string): TransferError {
  return new TransferError(
    'target-mismatch',
    `写入 ${where} 的数据与读取的不一致（${detail}），已放弃，目标保持原样 / the copy does not read back as written (${detail}): discarded, the target is unchanged`,
    { where, detail },
  );
}

function headKey(record: { revision: number; audit: { count: number; head: string } }): string {
  return `${record.revision}:${record.audit.count}:${record.audit.head}`;
}

function add(counts: Record<string, number>, key: string, n: number): void {
  counts[key] = (counts[key] ?? 0) + n;
}

function emptyCounts(): CopyCounts {
  return {
    cases: 0,
    timers: 0,
    auditEntries: 0,
    submissions: 0,
    chains: 0,
    attachments: 0,
    attachmentFiles: 0,
    users: 0,
    sessions: 0,
    drafts: 0,
    documents: {},
    logEntries: {},
    skipped: { staleStates: 0, orphanLogs: 0, sweptAttachments: 0 },
  };
}
