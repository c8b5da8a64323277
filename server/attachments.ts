import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import {
  ATTACHMENT_ID_PATTERN,
  attachmentIds,
  damageOf,
  EngineError,
  isEngineError,
  type Store,
} from '../engine/index.js';
import { cleanName, contentType, shownName } from './attachment-types.js';
import { sizeText } from './http-errors.js';
import { SAY } from './messages.js';

const ATTACHMENTS = 'attachments';

export interface AttachmentMeta {
  /** One upload: random, so knowing a file's content tells no one its id. */
  id: string;
  /** The content's SHA-256: identical uploads share the bytes (one file), never the record. Absent on
   * records from before, whose id was the content hash. */
  sha256?: string;
  name: string;
  type: string;
  size: number;
  uploadedBy: string;
  uploadedAt: string;
  /** Sent with a message from the public (objection evidence): only the redaction policy's readers may download it. */
  restricted?: boolean;
  /** Cases whose form data refers to it: whoever may see one of them may download it. */
  cases: string[];
  /**
   * Moves on with every change, which is written guarded on it: a sweep deletes only the record it read
   * unlinked (attachment-sweep.ts). Absent on records from before; those are never swept.
   */
  revision?: number;
  /** When a submission last cited it while on no case: the sweep counts its age from then. */
  heldAt?: string;
}

/** The file an upload's bytes are in (named by content; by the id on records from before). */
export function bytesName(meta: AttachmentMeta): string {
  return meta.sha256 ?? meta.id;
}

/**
 * Opens a file to write an upload's bytes to (`createWriteStream`): every byte an upload puts on disk
 * goes through it, so a test can make the disk fail as a full one does (ENOSPC).
 */
export type OpenForWriting = (path: string) => Writable;

/** Writes `content` whole to a fresh stream; rejects with the stream's error (the disk full, say). */
export function writeWhole(stream: Writable, content: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.once('close', resolve);
    stream.end(content);
  });
}

/** A save under way; `overlapped` once another save of the same bytes ran beside it in this process. */
interface Saving {
  overlapped: boolean;
}

/** Renames; false when there was nothing to rename (a sweep, or another process, took it first). */
export async function renamed(from: string, to: string): Promise<boolean> {
  try {
    await rename(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Verified files remembered at most (a few hundred kilobytes); past it, each is hashed once more. */
const VERIFIED_KEPT = 10_000;

/** How long an upload no case took up is kept by default: a day (ATTACHMENT_UNLINKED_HOURS). */
const DAY_MS = 24 * 60 * 60_000;

/**
 * Attachments: one record per upload (its uploader, name, time and cases), the bytes stored by content
 * address under `<dataDir>/attachment-files/<sha256>`, so the same file uploaded twice is stored once.
 */
export class AttachmentStore {
  /** Files found to hash to their name, by what their stat said then (see `content`). */
  readonly #verified = new Map<string, string>();

  constructor(
    private readonly dataDir: string,
    private readonly store: Store,
    readonly maxBytes: number,
    /** How long an upload on no case is kept before a sweep deletes it (attachment-sweep.ts). */
    readonly keepUnlinkedMs = DAY_MS,
    readonly openForWriting: OpenForWriting = (path) => createWriteStream(path),
  ) {}

  /** Where the bytes are: one file per content. */
  get filesDir(): string {
    return join(this.dataDir, 'attachment-files');
  }

  #file(name: string): string {
    return join(this.filesDir, name);
  }

  async #write(name: string, content: Buffer): Promise<void> {
    await mkdir(this.filesDir, { recursive: true });
    const temporary = `${this.#file(name)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    // A write cut short (the disk full) leaves no part of a file behind.
    await writeWhole(this.openForWriting(temporary), content).catch(async (error: unknown) => {
      await rm(temporary, { force: true });
      throw error;
    });
    await rename(temporary, this.#file(name));
  }

  /**
   * Stores an upload: its bytes, then its record. All or nothing: when the record is not written (the
   * store failed, the disk full) or `signal` is aborted first (the sender left, never to hear of it),
   * no record is kept and the bytes go too unless another upload has the same ones; the error (or the
   * signal's reason) is thrown.
   */
  async save(
    content: Buffer,
    name: string,
    uploadedBy: string,
    now: Date,
    restricted = false,
    signal?: AbortSignal,
  ): Promise<AttachmentMeta> {
    if (content.length === 0) throw new EngineError('validation', SAY.emptyFile(shownName(name)), { field: 'file' });
    if (content.length > this.maxBytes) {
      throw new EngineError('validation', SAY.fileTooLarge(sizeText(this.maxBytes)), { field: 'file' });
    }
    const type = await contentType(content, name);
    signal?.throwIfAborted();
    const sha256 = createHash('sha256').update(content).digest('hex');
    const saving = this.#begin(sha256);
    try {
      // Bytes there before are another upload's: never taken back by this one.
      const existed = (await stat(this.#file(sha256)).catch(() => undefined)) !== undefined;
      await this.#write(sha256, content);
      const id = randomBytes(32).toString('hex');
      const meta: AttachmentMeta = {
        id,
        sha256,
        name: cleanName(name, type),
        type,
        size: content.length,
        uploadedBy,
        uploadedAt: now.toISOString(),
        cases: [],
        ...(restricted && { restricted }),
        revision: 0,
      };
      try {
        signal?.throwIfAborted();
        await this.store.put(ATTACHMENTS, id, meta);
        // Gone while its record was written: no one has its id, nothing can cite it.
        signal?.throwIfAborted();
      } catch (error) {
        // Best effort: the error said is the store's (or the sender's leaving), whatever this meets.
        const bytes = existed ? 'theirs' : saving.overlapped || this.store.shared !== undefined ? 'unsure' : 'own';
        await this.#takeBack(meta, bytes).catch(() => undefined);
        throw error;
      }
      // A sweep may have taken the same bytes of a forgotten upload away since: with the record stored,
      // the bytes must be there (attachment-sweep.ts).
      if ((await stat(this.#file(sha256)).catch(() => undefined)) === undefined) {
        // Written again; if that fails (the disk full meanwhile), no record is left naming bytes not there.
        await this.#write(sha256, content).catch(async (error: unknown) => {
          await this.forget(meta);
          throw error;
        });
      }
      return meta;
    } finally {
      this.#end(sha256, saving);
    }
  }

  /** Saves under way in this process, by the bytes they write (see #takeBack). */
  readonly #saving = new Map<string, Set<Saving>>();

  #begin(sha256: string): Saving {
    const saving: Saving = { overlapped: false };
    const others = this.#saving.get(sha256) ?? new Set<Saving>();
    if (others.size > 0) {
      saving.overlapped = true;
      for (const other of others) other.overlapped = true;
    }
    this.#saving.set(sha256, others.add(saving));
    return saving;
  }

  #end(sha256: string, saving: Saving): void {
    const others = this.#saving.get(sha256);
    others?.delete(saving);
    if (others?.size === 0) this.#saving.delete(sha256);
  }

  /**
   * Takes back a save whose record was not written or not wanted: the record if it is there after all
   * (a store that failed once it had written), then the bytes unless they are `theirs` (there before
   * this save). They are its `own` when no other save of the same bytes overlapped it and no other
   * process writes to the store: then they are removed. Else (`unsure`, or the record's fate not known)
   * another upload may name them: they are moved aside, the records read, and put back if one does, as
   * the sweep does (attachment-sweep.ts). Bytes left (theirs, or a failure here) that no record names
   * are the sweep's once a day old.
   */
  async #takeBack(meta: AttachmentMeta, bytes: 'own' | 'theirs' | 'unsure'): Promise<void> {
    const name = bytesName(meta);
    const noRecord = await this.forget(meta).then(
      () => true,
      () => false,
    );
    if (bytes === 'theirs') return;
    if (noRecord && bytes === 'own') {
      await rm(this.#file(name), { force: true });
      return;
    }
    const aside = join(this.filesDir, `${name}.${String(process.pid)}.${randomBytes(6).toString('hex')}.sweeping`);
    if (!(await renamed(this.#file(name), aside))) return;
    const named = await this.records().then(
      ({ records, unreadable }) => unreadable || records.some((record) => bytesName(record) === name),
      // Not known: kept, as the sweep keeps what it cannot judge.
      () => true,
    );
    if (named) await renamed(aside, this.#file(name));
    else await rm(aside, { force: true });
  }

  async meta(id: string): Promise<AttachmentMeta | undefined> {
    if (!ATTACHMENT_ID_PATTERN.test(id)) return undefined;
    return this.store.get<AttachmentMeta>(ATTACHMENTS, id);
  }

  /**
   * The attachment's bytes; `damaged` (500, named in Chinese, no path) when they are not on disk or no
   * longer hash to their name (cut short or overwritten on disk): a reviewer must not be handed a
   * broken copy of what the park sent as if it were the original.
   */
  async content(meta: AttachmentMeta): Promise<Buffer> {
    const name = bytesName(meta);
    const file = await open(this.#file(name)).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      throw new EngineError('damaged', SAY.attachmentMissing(meta.name), { attachment: meta.id }, { cause: error });
    });
    try {
      // What the file is now (any write, cut or utimes moves ctime): hashed again only when it changed
      // since it last hashed to its name. Hashed on every download, a 20 MB file held the thread 18 ms,
      // and one park downloading its own in a loop took everyone's answers from 3 ms to 130 ms.
      const { size, mtimeNs, ctimeNs, ino } = await file.stat({ bigint: true });
      const stamp = `${String(size)}:${String(mtimeNs)}:${String(ctimeNs)}:${String(ino)}`;
      const content = await file.readFile();
      if (this.#verified.get(name) !== stamp) {
        if (createHash('sha256').update(content).digest('hex') !== name) {
          this.#verified.delete(name);
          throw new EngineError('damaged', SAY.attachmentAltered(meta.name), { attachment: meta.id });
        }
        if (this.#verified.size >= VERIFIED_KEPT) this.#verified.clear();
        this.#verified.set(name, stamp);
      }
      return content;
    } finally {
      await file.close();
    }
  }

  /**
   * Links every known attachment id found in submitted data to the case; `restricted` when it came with
   * a message from the public (evidence with an objection: the redaction policy's readers only — fresh
   * uploads only, referenceCheck refuses a file already on a case). Resolves with the ids now on it.
   */
  async link(caseId: string, data: unknown, restricted = false): Promise<string[]> {
    const linked: string[] = [];
    for (const id of attachmentIds(data)) {
      const meta = await this.#update(id, (current) => {
        if (current.cases.includes(caseId) && (current.restricted === true || !restricted)) return undefined;
        const cases = current.cases.includes(caseId) ? current.cases : [...current.cases, caseId];
        return { ...current, cases, ...(restricted && { restricted }) };
      });
      if (meta !== undefined) linked.push(id);
    }
    return linked;
  }

  /**
   * Keeps an upload on no case from the sweep while a submission citing it is under way (it is linked
   * once committed): cited past half the age kept, it counts as fresh from `now`. Undefined when it is
   * gone (swept meanwhile): then it is cited as a file never uploaded.
   */
  async hold(meta: AttachmentMeta, now: Date): Promise<AttachmentMeta | undefined> {
    return this.#update(meta.id, (current) =>
      current.cases.length > 0 ||
      now.getTime() - Date.parse(current.heldAt ?? current.uploadedAt) < this.keepUnlinkedMs / 2
        ? undefined
        : { ...current, heldAt: now.toISOString() },
    );
  }

  /**
   * Writes `change(record)` (undefined: no change), guarded on the revision read; read and changed again
   * when another writer (a link through another process, a sweep) came first. The record as it is after.
   */
  async #update(
    id: string,
    change: (meta: AttachmentMeta) => AttachmentMeta | undefined,
  ): Promise<AttachmentMeta | undefined> {
    for (;;) {
      const meta = await this.meta(id);
      const next = meta === undefined ? undefined : change(meta);
      if (meta === undefined || next === undefined) return meta;
      const revision = typeof meta.revision === 'number' ? meta.revision : undefined;
      const stored = { ...next, revision: (revision ?? 0) + 1 };
      // A record from before revisions is written as before (no sweep deletes one) and guarded from now on.
      if (revision === undefined) await this.store.put(ATTACHMENTS, id, stored);
      else {
        const written = await this.store
          .commit([{ kind: 'put', collection: ATTACHMENTS, id, value: stored }], {
            collection: ATTACHMENTS,
            id,
            revision,
          })
          .then(
            () => true,
            (error: unknown) => {
              if (isEngineError(error, 'conflict')) return false;
              throw error;
            },
          );
        if (!written) continue;
      }
      return stored;
    }
  }

  /**
   * Every upload record, for the sweep; `unreadable` when one could not be read (a damaged file of the
   * embedded store), so nothing can be said of the files it names.
   */
  async records(): Promise<{ records: AttachmentMeta[]; unreadable: boolean }> {
    const records: AttachmentMeta[] = [];
    let unreadable = false;
    for (const id of await this.store.list(ATTACHMENTS)) {
      try {
        const meta = await this.store.get<AttachmentMeta>(ATTACHMENTS, id);
        if (meta !== undefined) records.push(meta);
      } catch (error) {
        if (damageOf(error) === undefined) throw error;
        unreadable = true;
      }
    }
    return { records, unreadable };
  }

  /** Deletes the record if it is still as read (the sweep); false when it changed (linked, cited) or went. */
  async forget(meta: AttachmentMeta): Promise<boolean> {
    if (typeof meta.revision !== 'number') return false;
    const guard = { collection: ATTACHMENTS, id: meta.id, revision: meta.revision };
    return this.store.commit([{ kind: 'delete', collection: ATTACHMENTS, id: meta.id }], guard).then(
      () => true,
      (error: unknown) => {
        if (isEngineError(error, 'conflict')) return false;
        throw error;
      },
    );
  }
}
