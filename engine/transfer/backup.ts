import { resolve } from 'node:path';
import { verifyManifest, writeManifest } from './backup-manifest.js';
import { copyStore, type CopyProgress, type CopyReport } from './copy-store.js';
import { lowdbReader } from './store-reader.js';
import { entriesOf, lowdbTarget, type LowdbTargetSession } from './store-target.js';
import { TransferError } from './transfer-error.js';

export interface BackupOptions {
  /** The data directory (a server may be running on it). */
  from: string;
  /** The backup directory to create (must not exist or be empty, unless `force`). */
  to: string;
  force?: boolean;
  onProgress?: (progress: CopyProgress) => void;
  now?: () => Date;
}

/**
 * A consistent backup of an embedded store, taken while its server runs. No lock, nothing asked of the
 * server: every file the store writes is replaced whole by a rename or appended to, so each file read
 * is whole; each case is read as of one of its commits (record read before and after its logs and
 * state, again when it moved: case-snapshot.ts), which is all the consistency the engine needs —
 * cases are independent, and an attachment's bytes are written before its record. Every audit chain
 * is verified, before and in the copy; then a manifest with the SHA-256 of every file is written and
 * the folder, built beside `to` and flushed, is renamed into place.
 */
export async function backupDataDir(options: BackupOptions): Promise<CopyReport> {
  const from = resolve(options.from);
  const to = resolve(options.to);
  if (from === to)
    throw new TransferError('arguments', '--from 与 --to 是同一个目录 / --from and --to are the same directory');
  if ((await entriesOf(from)) === undefined) {
    throw new TransferError('arguments', `数据目录不存在：${from} / data directory not found: ${from}`, { dir: from });
  }
  const now = options.now ?? (() => new Date());
  const createdAt = now().toISOString();
  const reader = lowdbReader(from);
  try {
    return await copyStore({
      from: reader,
      fromFiles: from,
      to: lowdbTarget(to, now),
      force: options.force ?? false,
      ...(options.onProgress !== undefined && { onProgress: options.onProgress }),
      beforeCommit: async (session, counts) => {
        await writeManifest((session as LowdbTargetSession).dir, { createdAt, source: from, counts });
      },
    });
  } finally {
    await reader.close();
  }
}

export interface RestoreOptions {
  /** A backup directory made by backupDataDir. */
  from: string;
  /** The data directory to restore into: refused while a server runs on it, or when not empty unless `force`. */
  to: string;
  force?: boolean;
  onProgress?: (progress: CopyProgress) => void;
  now?: () => Date;
}

/**
 * Restores a backup: its manifest checked first (every file present with its SHA-256, nothing added),
 * then copied as `npm run store:copy` copies — chains verified before and after, built beside the
 * target and renamed into place. A non-empty target with `force` is moved aside, never deleted.
 */
export async function restoreBackup(options: RestoreOptions): Promise<CopyReport> {
  const from = resolve(options.from);
  const to = resolve(options.to);
  if (from === to)
    throw new TransferError('arguments', '--from 与 --to 是同一个目录 / --from and --to are the same directory');
  if ((await entriesOf(from)) === undefined) {
    throw new TransferError('arguments', `备份目录不存在：${from} / backup not found: ${from}`, { dir: from });
  }
  await verifyManifest(from);
  const reader = lowdbReader(from);
  try {
    return await copyStore({
      from: reader,
      fromFiles: from,
      to: lowdbTarget(to, options.now),
      force: options.force ?? false,
      ...(options.onProgress !== undefined && { onProgress: options.onProgress }),
    });
  } finally {
    await reader.close();
  }
}
