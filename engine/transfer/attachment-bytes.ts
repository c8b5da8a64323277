import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
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

/** The error for bytes an attachment record names that are not there. */
export function missingBytes(name: string, fromDir: string, cause?: unknown): TransferError {
  const source = join(fromDir, ATTACHMENT_FILES, name);
  return new TransferError(
    'source-broken',
    `附件文件缺失：${source} / attachment bytes missing: ${source}`,
    { file: source },
    cause === undefined ? undefined : { cause },
  );
}

/**
 * Where the server's sweep moves a file for a moment while it decides whether to delete it, putting it
 * back when a record names it again (server/attachment-sweep.ts: `<sha256>.<pid>.<hex>.sweeping`).
 */
const movedAside = (name: string) => new RegExp(`^${name}\\.\\d+\\.[0-9a-f]+\\.sweeping$`);

/** The bytes named `name` in `folder`, or the sweep's copy of them aside; undefined when neither is there. */
export async function readAttachmentBytes(folder: string, name: string): Promise<Buffer | undefined> {
  const direct = await readIfThere(join(folder, name));
  if (direct !== undefined) return direct;
  const aside = movedAside(name);
  for (const entry of await readdir(folder).catch(() => [])) {
    if (!aside.test(entry)) continue;
    const bytes = await readIfThere(join(folder, entry));
    if (bytes !== undefined) return bytes;
  }
  return undefined;
}

async function readIfThere(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw cause;
  }
}

/**
 * Checks an attachment's bytes in `fromDir` (hashing to their name; read from the sweep's copy aside
 * when it holds them just then) and copies them into `toDir` unless both are the same folder;
 * `'missing'` when there is no such file (the caller decides whether that is damage).
 * Content-addressed: a file already there with that name holds those bytes. Written through a temp
 * file and a rename, like the server's uploads.
 */
export async function copyAttachmentBytes(
  name: string,
  fromDir: string,
  toDir: string | undefined,
): Promise<'copied' | 'missing'> {
  const source = join(fromDir, ATTACHMENT_FILES, name);
  let content: Buffer | undefined;
  try {
    content = await readAttachmentBytes(join(fromDir, ATTACHMENT_FILES), name);
  } catch (cause) {
    throw missingBytes(name, fromDir, cause);
  }
  if (content === undefined) return 'missing';
  if (createHash('sha256').update(content).digest('hex') !== name) {
    throw new TransferError(
      'source-broken',
      `附件文件内容与其校验和不符：${source} / attachment bytes do not match their checksum: ${source}`,
      { file: source },
    );
  }
  if (toDir === undefined || resolve(toDir) === resolve(fromDir)) return 'copied';
  const folder = join(toDir, ATTACHMENT_FILES);
  await mkdir(folder, { recursive: true });
  const temporary = join(folder, `${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(temporary, content);
  await rename(temporary, join(folder, name));
  return 'copied';
}
