import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Request, RequestHandler, Response } from 'express';
import type { AttachmentStore } from './attachments.js';

/** Where an upload's body goes and how large it may be: the attachments' folder, limit and writer. */
export type UploadFiles = Pick<AttachmentStore, 'filesDir' | 'maxBytes' | 'openForWriting'>;

/** What an upload's body is written to while it comes: `incoming.<pid>.<random>.part` (the sweep clears old ones). */
export const INCOMING = /^incoming\.\d+\.[0-9a-f]+\.part$/;

/** A refusal shaped as express's own body parsers' are, so the error handler answers it as theirs (413, 415). */
function parserError(type: string, status: number, details: Record<string, unknown>): Error {
  return Object.assign(new Error(type), { type, status, expose: true, ...details });
}

/** Reads what is left of a body and drops it, then answers: refused unread, a browser still sending saw the connection reset. */
function drain(request: Request, then: () => void): void {
  request.once('end', then);
  request.resume();
}

/**
 * At most `size` holders at once; the others wait their turn, in order. Reading a file back and
 * checking it takes milliseconds, so an upload waits rather than being refused.
 */
export class Turns {
  #held = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(readonly size: number) {}

  async take(): Promise<() => void> {
    if (this.#held >= this.size) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#held += 1;
    let given = false;
    return () => {
      if (given) return;
      given = true;
      const next = this.#waiting.shift();
      if (next === undefined) this.#held -= 1;
      else next();
    };
  }
}

/**
 * An upload's body, written to disk as it comes rather than held in memory: a slow sender then holds
 * a file and its place at the gate, not memory, so the gate can give many places (a trickle from one
 * address held the public's only two while each body was kept in memory). Once it is all in, it is read
 * back for the route (`request.body`, a Buffer, as `express.raw` gave it) within one of `checking`'s
 * turns, which bound the memory held at once, and the file is removed. Compressed bodies are refused
 * (415) and ones over `maxBytes` (413), each after the rest of the body has been read and dropped.
 */
export function uploadBody(files: UploadFiles, checking: Turns): RequestHandler {
  const { filesDir: dir, maxBytes } = files;
  return (request, response, next) => {
    // Read already (a JSON body, parsed before any route): the route says it is no file.
    if (request.readableEnded) {
      next();
      return;
    }
    const encoding = (request.get('content-encoding') ?? 'identity').toLowerCase();
    if (encoding !== 'identity') {
      drain(request, () => {
        next(parserError('encoding.unsupported', 415, { encoding }));
      });
      return;
    }
    const length = request.get('content-length');
    // No body at all: the route says there is no file, as it did with express.raw.
    if (length === undefined && request.get('transfer-encoding') === undefined) {
      next();
      return;
    }
    if (length !== undefined && Number(length) > maxBytes) {
      drain(request, () => {
        next(parserError('entity.too.large', 413, { limit: maxBytes, length: Number(length) }));
      });
      return;
    }
    void receive(request, join(dir, `incoming.${String(process.pid)}.${randomBytes(8).toString('hex')}.part`)).then(
      async (received) => {
        if (received.kind === 'gone') return;
        if (received.kind === 'too large') {
          next(parserError('entity.too.large', 413, { limit: maxBytes }));
          return;
        }
        const done = await checking.take();
        // A sender gone while it waited its turn: the turn is given on at once (its 'close' has passed).
        if (response.closed) {
          done();
          await rm(received.path, { force: true });
          return;
        }
        response.once('close', done);
        const read = await readFile(received.path).then(
          (body) => ({ body }),
          (error: unknown) => ({ error }),
        );
        // Removed before the route goes on: its answer (a 507 from a full disk, say) came while the file
        // was still being removed, and a sender or a check reading the disk at once found it there.
        await rm(received.path, { force: true });
        if ('error' in read) next(read.error);
        else {
          request.body = read.body;
          next();
        }
      },
      next,
    );
  };

  /** The body in a file; `too large` once past `maxBytes` (the rest read and dropped); `gone` when the sender left. */
  async function receive(from: Request, path: string): Promise<Received> {
    await mkdir(dir, { recursive: true });
    const file = files.openForWriting(path);
    // A disk that refuses the write (full, say): the upload fails with it, the server stays up.
    const state: { size: number; tooLarge: boolean; failed?: Error } = { size: 0, tooLarge: false };
    file.on('error', (error) => {
      state.failed ??= error;
      // The rest is read and dropped, then the failure answered (a paused body would wait for a drain that never comes).
      from.resume();
    });
    const complete = await new Promise<boolean>((resolve) => {
      from.on('data', (chunk: Buffer) => {
        if (state.tooLarge || state.failed !== undefined) return;
        state.size += chunk.length;
        if (state.size > maxBytes) {
          state.tooLarge = true;
          file.destroy();
          return;
        }
        if (!file.write(chunk)) {
          from.pause();
          file.once('drain', () => from.resume());
        }
      });
      from.once('end', () => {
        resolve(true);
      });
      // The gate closed it (idle, too slow), or the sender went away.
      from.once('close', () => {
        resolve(from.complete);
      });
    });
    if (complete && !state.tooLarge) {
      await new Promise<void>((resolve) => file.end(resolve));
      if (state.failed === undefined) return { kind: 'file', path };
    }
    // Removed once closed: a file still being opened (a loaded disk) would be made after the removal, and left.
    if (!file.closed) {
      const closed = new Promise((resolve) => file.once('close', resolve));
      file.destroy();
      await closed;
    }
    await rm(path, { force: true });
    if (state.failed !== undefined) throw state.failed;
    return complete ? { kind: 'too large' } : { kind: 'gone' };
  }
}

/**
 * Stores an upload (`save`, given a signal aborted once the sender has left unanswered) unless its sender
 * leaves first: an upload never confirmed to anyone is not kept, as nothing can cite it (it was kept
 * until the sweep, a day). Undefined when the sender left: there is no one to answer.
 */
export async function unlessSenderLeft<T>(
  response: Response,
  save: (signal: AbortSignal) => Promise<T>,
): Promise<T | undefined> {
  const left = new AbortController();
  const leave = () => {
    left.abort();
  };
  // Closed before the answer: the connection is gone (a sender that left, or the gate that dropped it).
  if (response.closed) leave();
  else response.once('close', leave);
  try {
    return await save(left.signal);
  } catch (error) {
    if (left.signal.aborted && error === left.signal.reason) return undefined;
    throw error;
  } finally {
    response.off('close', leave);
  }
}

type Received = { kind: 'file'; path: string } | { kind: 'too large' } | { kind: 'gone' };
