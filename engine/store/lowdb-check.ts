import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { verifyChain, type AuditEntry, type ChainProblem } from '../audit/audit-chain.js';
import { damageOf, type StoreDamage } from './damage.js';
import { LowdbStore } from './lowdb-store.js';
import { isStoreName } from './store-ids.js';
import { attachmentFileName, readAttachmentBytes } from '../transfer/attachment-bytes.js';
import { ATTACHMENT_FILES } from '../transfer/store-reader.js';

/** What `npm run store:check` finds in a data directory. */
export interface StoreCheckReport {
  /** Documents and log lines read (a damaged file counts once). */
  files: number;
  damaged: StoreDamage[];
  /** Every audit chain (a case's `audit/<id>`, `definition-audit/all`), whole or with its problems. */
  chains: { log: string; id: string; entries: number; problems: ChainProblem[] }[];
  /** Attachment records whose bytes are not in `attachment-files/`, or not the bytes their name hashes. */
  missingFiles: { id: string; file: string; reason: 'missing' | 'checksum' }[];
}

/** Logs holding hash-chained audit entries: `audit` (per case) and any `*-audit`. */
const isAuditLog = (name: string) => name === 'audit' || name.endsWith('-audit');

/**
 * Reads every document and log of a LowdbStore directory (read-only: nothing is repaired) and checks
 * every audit chain — a case's against the head its record holds. Entries past the record's count
 * belong to an interrupted transition and are not the chain's (the engine drops them on load).
 */
export async function checkLowdbDirectory(dir: string): Promise<StoreCheckReport> {
  const store = new LowdbStore(dir, { fsync: false });
  const report: StoreCheckReport = { files: 0, damaged: [], chains: [], missingFiles: [] };
  const read = async <T>(load: () => Promise<T>): Promise<T | undefined> => {
    report.files += 1;
    try {
      return await load();
    } catch (error) {
      const damage = damageOf(error);
      if (damage === undefined) throw error;
      report.damaged.push(damage);
      return undefined;
    }
  };
  for (const folder of await folders(dir)) {
    for (const { id, log } of await records(join(dir, folder))) {
      if (!log) {
        const document = await read(() => store.get(folder, id));
        if (folder === 'attachments') await checkBytes(dir, id, document, report);
        continue;
      }
      const entries = await read(() => store.readLog<AuditEntry>(folder, id));
      if (entries === undefined || !isAuditLog(folder)) continue;
      const head = folder === 'audit' ? await caseHead(store, id) : undefined;
      const committed = head === undefined ? entries : entries.slice(0, head.count);
      const { problems } = verifyChain(committed, head);
      report.chains.push({ log: folder, id, entries: committed.length, problems });
    }
  }
  return report;
}

/** Whether an attachment record's bytes are there (or set aside for a moment by a running sweep). */
async function checkBytes(dir: string, id: string, record: unknown, report: StoreCheckReport): Promise<void> {
  const name = attachmentFileName(record);
  if (name === undefined) return;
  const folder = join(dir, ATTACHMENT_FILES);
  const bytes = await readAttachmentBytes(folder, name);
  if (bytes !== undefined && createHash('sha256').update(bytes).digest('hex') === name) return;
  report.missingFiles.push({ id, file: join(folder, name), reason: bytes === undefined ? 'missing' : 'checksum' });
}

async function caseHead(store: LowdbStore, id: string): Promise<{ count: number; hash: string } | undefined> {
  try {
    const record = await store.get<{ audit?: { count: number; head: string } }>('cases', id);
    return record?.audit === undefined ? undefined : { count: record.audit.count, hash: record.audit.head };
  } catch {
    // A damaged record is reported on its own; the chain is then checked for its links only.
    return undefined;
  }
}

async function folders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory() && isStoreName(entry.name))
    .map((entry) => entry.name)
    .sort();
}

/** The documents (`<id>.json`) and logs (`<id>.jsonl`) of one folder; temp and foreign files are skipped. */
async function records(folder: string): Promise<{ id: string; log: boolean }[]> {
  const names = (await readdir(folder)).sort();
  return names.flatMap((name) => {
    const log = name.endsWith('.jsonl');
    const id = log ? name.slice(0, -'.jsonl'.length) : name.endsWith('.json') ? name.slice(0, -'.json'.length) : '';
    return isStoreName(id) ? [{ id, log }] : [];
  });
}
