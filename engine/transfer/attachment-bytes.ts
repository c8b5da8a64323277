import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ATTACHMENT_FILES } from './store-reader.js';
import { TransferError } from './transfer-error.js';

/** The bytes an attachment record names: `<dataDir>/attachment-files/<sha256>` (server/attachments.ts). */
export function attachmentFileName(meta: unknown): string | undefined {
  if (typeof meta !== 'object' || meta === null) return undefined;
  const { sha256, id } = meta as { sha256?: unknown; id?: unknown };
  const name = typeof sha256 === 'string' ? sha256 : id;
  return typeof name === 'string' && /^[0-9a-f]{64}$/.test(name) ? name : undefined;
}

/**
 * Checks an attachment's bytes in `fromDir` (present, and hashing to their name) and copies them into
 * `toDir` unless both are the same folder. Content-addressed: a file already there with that name
 * holds those bytes. Written through a temp file and a rename, like the server's uploads.
 */
export async function copyAttachmentBytes(name: string, fromDir: string, toDir: string | undefined): Promise<void> {
  const source = join(fromDir, ATTACHMENT_FILES, name);
  let content: Buffer;
  try {
    content = await readFile(source);
  } catch (cause) {
    throw new TransferError(
      'source-broken',
      `附件文件缺失：${source} / attachment bytes missing: ${source}`,
      { file: source },
      { cause },
    );
  }
  if (createHash('sha256').update(content).digest('hex') !== name) {
    throw new TransferError(
      'source-broken',
      `附件文件内容与其校验和不符：${source} / attachment bytes do not match their checksum: ${source}`,
      { file: source },
    );
  }
  if (toDir === undefined || resolve(toDir) === resolve(fromDir)) return;
  const folder = join(toDir, ATTACHMENT_FILES);
  await mkdir(folder, { recursive: true });
  const temporary = join(folder, `${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(temporary, content);
  await rename(temporary, join(folder, name));
}
