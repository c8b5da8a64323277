import { randomBytes } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { bytesName, renamed, type AttachmentMeta, type AttachmentStore } from './attachments.js';
import { INCOMING } from './upload-body.js';

/** What one sweep took away: upload records, and files no record named any more. */
export interface SweepResult {
  records: number;
  files: number;
}

/**
 * Whether an upload may go: on no case, older than the age kept (counted from its upload, or from the
 * last time a form cited it), and guarded by a revision (records from before revisions are left be).
 */
function unlinkedSince(meta: AttachmentMeta, cutoff: number): boolean {
  return (
    meta.cases.length === 0 && typeof meta.revision === 'number' && Date.parse(meta.heldAt ?? meta.uploadedAt) <= cutoff
  );
}

/**
 * Deletes the uploads no case (nor objection) took up within `attachments.keepUnlinkedMs` of `now`
 * and no form draft cites (`cited`, see FormDrafts.sweep), then their files when no other record names the same bytes,
 * and bytes no record names a day after they were written (their record never was). Safe beside other server processes on
 * the same database and attachment folder, and beside uploads and links under way:
 * - a record goes only by a commit guarded on the revision the sweep read: linking it (or a form citing
 *   it, see AttachmentStore.hold) moves the revision, so a linked upload is never deleted;
 * - a file is first moved aside, then the records are read again: a record that names it now (an
 *   identical upload just saved) puts it back; an upload saved meanwhile also checks its file is there
 *   after its record is (AttachmentStore.save), so it never ends without its bytes.
 */
export async function sweepUnlinked(
  attachments: AttachmentStore,
  now: Date,
  cited: ReadonlySet<string>,
): Promise<SweepResult> {
  const cutoff = now.getTime() - attachments.keepUnlinkedMs;
  const { records, unreadable } = await attachments.records();
  const kept = new Set<string>();
  const freed = new Set<string>();
  let removed = 0;
  for (const meta of records) {
    if (!cited.has(meta.id) && unlinkedSince(meta, cutoff) && (await attachments.forget(meta))) {
      removed += 1;
      freed.add(bytesName(meta));
    } else kept.add(bytesName(meta));
  }
  // A record that could not be read might name any file: none goes this time.
  if (unreadable) return { records: removed, files: 0 };
  const files = await dropFiles(
    attachments,
    [...freed].filter((name) => !kept.has(name)),
    kept,
    cutoff,
  );
  return { records: removed, files };
}

/** What a sweep moves a file to before it decides (see sweepUnlinked); `.tmp`: a save cut short. */
const ASIDE = /^([0-9a-f]{64})\.\d+\.[0-9a-f]+\.sweeping$/;
const SAVING = /^[0-9a-f]{64}\.\d+\.[0-9a-f]+\.tmp$/;
/** Stored bytes, named by their SHA-256 (or by the id of a record from before, the same). */
const BYTES = /^[0-9a-f]{64}$/;
/** How long an upload's body file, or bytes no record names, are left before they count as left behind: a day. */
const INCOMING_KEPT_MS = 24 * 60 * 60_000;

/**
 * Moves the files aside, reads the records again, and deletes each file none names (else puts it back).
 * `named`: the files the records named when the sweep began.
 */
async function dropFiles(
  attachments: AttachmentStore,
  names: readonly string[],
  named: ReadonlySet<string>,
  cutoff: number,
): Promise<number> {
  const dir = attachments.filesDir;
  const aside = new Map<string, string>();
  for (const name of names) {
    const path = join(dir, `${name}.${process.pid}.${randomBytes(6).toString('hex')}.sweeping`);
    if (await renamed(join(dir, name), path)) aside.set(path, name);
  }
  // Left by a sweep or a save that stopped half-way (a killed process), or by an upload's body that
  // did (upload-body.ts): its age on the machine's clock, as a body takes hours at the most to come.
  for (const entry of await readdir(dir).catch(() => [])) {
    const name = ASIDE.exec(entry)?.[1];
    if (name !== undefined) aside.set(join(dir, entry), name);
    else if (SAVING.test(entry) && (await modifiedBefore(join(dir, entry), cutoff)))
      await rm(join(dir, entry), { force: true });
    else if (INCOMING.test(entry) && (await modifiedBefore(join(dir, entry), Date.now() - INCOMING_KEPT_MS)))
      await rm(join(dir, entry), { force: true });
    // Bytes no record named, a day old: an upload whose record was never written (a process killed
    // between the two, bytes a failed save could not take back). Decided as the rest, below.
    else if (
      BYTES.test(entry) &&
      !named.has(entry) &&
      (await modifiedBefore(join(dir, entry), Date.now() - INCOMING_KEPT_MS))
    ) {
      const path = join(dir, `${entry}.${String(process.pid)}.${randomBytes(6).toString('hex')}.sweeping`);
      if (await renamed(join(dir, entry), path)) aside.set(path, entry);
    }
  }
  if (aside.size === 0) return 0;
  const { records, unreadable } = await attachments.records();
  const namedNow = new Set(records.map(bytesName));
  let dropped = 0;
  for (const [path, name] of aside) {
    if (unreadable || namedNow.has(name)) await renamed(path, join(dir, name));
    else {
      await rm(path, { force: true });
      dropped += 1;
    }
  }
  return dropped;
}

async function modifiedBefore(path: string, cutoff: number): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  return info !== undefined && info.mtimeMs <= cutoff;
}

/**
 * Runs sweepUnlinked within a minute of `start` (a random moment: processes started together do not
 * sweep together), then every `everyMs`, one sweep at a time, on unref'd timers (they never keep the
 * process alive). Each server process runs one; several on one database only repeat each other's reads.
 */
export class UnlinkedSweeper {
  #first: NodeJS.Timeout | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;

  constructor(
    private readonly attachments: AttachmentStore,
    private readonly now: () => Date,
    private readonly everyMs: number,
    private readonly report: (result: SweepResult | Error) => void,
    /** Read before each sweep: the uploads it must keep (a form draft's, not yet on a case). */
    private readonly cited: () => Promise<ReadonlySet<string>>,
  ) {}

  start(firstWithinMs = 60_000): void {
    if (this.#timer !== undefined) return;
    this.#first = setTimeout(() => void this.run(), Math.random() * Math.min(firstWithinMs, this.everyMs));
    this.#timer = setInterval(() => void this.run(), this.everyMs);
    this.#first.unref();
    this.#timer.unref();
  }

  /** Stops the timers and waits for a sweep under way. */
  async stop(): Promise<void> {
    clearTimeout(this.#first);
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  /** One sweep now, unless one is under way (then that one). */
  run(): Promise<void> {
    this.#running ??= this.cited()
      .then((cited) => sweepUnlinked(this.attachments, this.now(), cited))
      .then(
        (result) => {
          this.report(result);
        },
        (error: unknown) => {
          this.report(error instanceof Error ? error : new Error(String(error)));
        },
      )
      .finally(() => {
        this.#running = undefined;
      });
    return this.#running;
  }
}
