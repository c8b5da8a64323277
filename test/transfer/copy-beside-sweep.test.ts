import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LowdbStore } from '../../engine/store/lowdb-store.js';
import { copyStore } from '../../engine/transfer/copy-store.js';
import { ATTACHMENT_FILES, lowdbReader, type StoreReader } from '../../engine/transfer/store-reader.js';
import { lowdbTarget } from '../../engine/transfer/store-target.js';
import { isTransferError } from '../../engine/transfer/transfer-error.js';

const KEPT = Buffer.from('%PDF-1.4 kept upload\n');
const SWEPT = Buffer.from('%PDF-1.4 swept upload\n');
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A data directory holding two uploads on no case, each a record and its bytes. */
async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'qbz-sweep-copy-'));
  const store = new LowdbStore(dir);
  await mkdir(join(dir, ATTACHMENT_FILES), { recursive: true });
  for (const bytes of [KEPT, SWEPT]) {
    await writeFile(join(dir, ATTACHMENT_FILES, sha(bytes)), bytes);
    await store.put('attachments', sha(bytes), {
      id: sha(bytes),
      sha256: sha(bytes),
      name: 'evidence.pdf',
      type: 'application/pdf',
      size: bytes.length,
      uploadedBy: 'alice',
      uploadedAt: '2024-04-01T01:00:00.000Z',
      cases: [],
      revision: 1,
    });
  }
  await store.close();
  return dir;
}

/**
 * The data directory's reader, with what the server's sweep does (server/attachment-sweep.ts) done to
 * the SWEPT upload the moment the copy has read its record, before it reads the bytes.
 */
function sweptAfterRead(dir: string, sweep: (dir: string) => Promise<void>): StoreReader {
  const reader = lowdbReader(dir);
  let done = false;
  return {
    ...reader,
    async get<T>(collection: string, id: string): Promise<T | undefined> {
      const value = await reader.get<T>(collection, id);
      if (collection === 'attachments' && id === sha(SWEPT) && !done) {
        done = true;
        await sweep(dir);
      }
      return value;
    },
  };
}

/** The sweep deletes the upload: its record, then its bytes. */
async function deleted(dir: string): Promise<void> {
  const store = new LowdbStore(dir);
  await store.delete('attachments', sha(SWEPT));
  await store.close();
  await rm(join(dir, ATTACHMENT_FILES, sha(SWEPT)));
}

describe('a backup or store copy beside the server sweeping uploads', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  const copyOf = async (from: StoreReader, dir: string) => {
    const to = join(await mkdtemp(join(tmpdir(), 'qbz-sweep-target-')), 'copy');
    cleanups.push(() => rm(join(to, '..'), { recursive: true, force: true }));
    const report = await copyStore({ from, fromFiles: dir, to: lowdbTarget(to), force: false });
    return { report, to };
  };

  it('leaves out an upload the sweep deleted after its record was read (it failed: bytes missing)', async () => {
    const dir = await dataDir();
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const { report, to } = await copyOf(sweptAfterRead(dir, deleted), dir);
    expect(report.counts.skipped.sweptAttachments).toBe(1);
    expect([report.counts.attachments, report.counts.attachmentFiles]).toEqual([1, 1]);
    expect(await readdir(join(to, ATTACHMENT_FILES))).toEqual([sha(KEPT)]);
    expect(await readdir(join(to, 'attachments'))).toEqual([`${sha(KEPT)}.json`]);
  });

  it('copies bytes the sweep has moved aside for a moment, under a record still there', async () => {
    const dir = await dataDir();
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const aside = (at: string) =>
      rename(
        join(at, ATTACHMENT_FILES, sha(SWEPT)),
        join(at, ATTACHMENT_FILES, `${sha(SWEPT)}.4242.0a1b2c3d4e5f.sweeping`),
      );
    const { report, to } = await copyOf(sweptAfterRead(dir, aside), dir);
    expect(report.counts.skipped.sweptAttachments).toBe(0);
    expect([report.counts.attachments, report.counts.attachmentFiles]).toEqual([2, 2]);
    expect((await readdir(join(to, ATTACHMENT_FILES))).sort()).toEqual([sha(KEPT), sha(SWEPT)].sort());
  });

  it('still refuses bytes missing under a record that stays: damage, nothing written', async () => {
    const dir = await dataDir();
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const lost = (at: string) => rm(join(at, ATTACHMENT_FILES, sha(SWEPT)));
    const root = await mkdtemp(join(tmpdir(), 'qbz-sweep-target-'));
    cleanups.push(() => rm(root, { recursive: true, force: true }));
    const failed = await copyStore({
      from: sweptAfterRead(dir, lost),
      fromFiles: dir,
      to: lowdbTarget(join(root, 'copy')),
      force: false,
    }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(isTransferError(failed, 'source-broken'), String(failed)).toBe(true);
    expect(String(failed)).toContain(sha(SWEPT));
    expect(await readdir(root)).toEqual([]);
  });
});
