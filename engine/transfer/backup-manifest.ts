import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CopyCounts } from './copy-store.js';
import { listTree } from './store-target.js';
import { TransferError } from './transfer-error.js';

/** The file at the top of a backup that lists every other file with its SHA-256. */
export const MANIFEST = 'backup-manifest.json';
const FORMAT = 'qbz-backup/1';

export interface BackupManifest {
  format: typeof FORMAT;
  createdAt: string;
  source: string;
  counts: CopyCounts;
  /** Every file of the backup but this one: relative path → SHA-256 of its bytes. */
  files: Record<string, string>;
}

/** Writes the manifest of the backup being built in `dir` (every file there, hashed). */
export async function writeManifest(
  dir: string,
  meta: { createdAt: string; source: string; counts: CopyCounts },
): Promise<void> {
  const files: Record<string, string> = {};
  for (const file of (await listTree(dir)).files) if (file !== MANIFEST) files[file] = await sha256Of(join(dir, file));
  const manifest: BackupManifest = { format: FORMAT, ...meta, files };
  await writeFile(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * Checks a backup against its manifest: every listed file present with its checksum, no file that is
 * not listed. Throws `checksum` naming the first difference (a backup changed or cut short after it
 * was made); `arguments` when there is no manifest (not a backup made by `npm run backup`).
 */
export async function verifyManifest(dir: string): Promise<BackupManifest> {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as BackupManifest;
    // Read from a file: the declared type is what it should be, not yet what it is.
    if ((manifest as { format?: unknown }).format !== FORMAT) throw new Error(`unknown backup format`);
  } catch (cause) {
    throw new TransferError(
      'arguments',
      `${dir} 不是 npm run backup 生成的备份（缺少、无法读取或格式不符的 ${MANIFEST}）/ ${dir} is not a backup: no readable ${MANIFEST} of this format`,
      { dir },
      { cause },
    );
  }
  const present = new Set((await listTree(dir)).files.filter((file) => file !== MANIFEST));
  for (const [file, sum] of Object.entries(manifest.files)) {
    if (!present.has(file)) throw changed(dir, file, '缺失 / missing');
    if ((await sha256Of(join(dir, file))) !== sum) throw changed(dir, file, '校验和不符 / checksum differs');
    present.delete(file);
  }
  const [extra] = present;
  if (extra !== undefined) throw changed(dir, extra, '不在清单中 / not in the manifest');
  return manifest;
}

function changed(dir: string, file: string, what: string): TransferError {
  return new TransferError(
    'checksum',
    `备份 ${dir} 已被改动：${file} ${what}；不予恢复 / backup ${dir} was changed after it was made: ${file}`,
    { dir, file },
  );
}

async function sha256Of(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}
