import type { Request, RequestHandler } from 'express';
import { liftBodyDeadline } from './body-deadline.js';
import { languageOf, SAY } from './messages.js';
import { Turns, uploadBody, type UploadFiles } from './upload-body.js';

export interface UploadGateLimits {
  /** Uploads read at once, in all (each to its own file on disk). */
  total: number;
  /** Uploads read back into memory and checked at once (each up to ATTACHMENT_MAX_MB); the rest wait. */
  checkedAtOnce: number;
  /** Uploads one sender (an account, or an address for the public) may have read at once. */
  perSender: number;
  /** Of `total`, how many the public may hold: the rest stay free for signed-in users. */
  publicMax: number;
  /** An upload that sends nothing for this long is dropped and its place freed. */
  idleMs: number;
  /**
   * Past `rateGraceMs`, an upload that has sent less than this on average since it began is dropped:
   * a byte now and then keeps a socket from being idle but must not hold a place for hours.
   */
  minBytesPerSecond: number;
  /**
   * While the places an upload counts among are all taken (the public's, or all), the average it must
   * keep instead: at 1 KB/s, sixteen uploads from eight addresses held every public place for hours.
   */
  pressedBytesPerSecond: number;
  rateGraceMs: number;
  /**
   * While the places are all taken, how long an upload may be under way before a newcomer may take
   * its place for being slower than `pressedBytesPerSecond`: dropped only at `rateGraceMs`, senders
   * reconnecting at once took each place freed before anyone else could.
   */
  pressedGraceMs: number;
}

/** An upload holding a place. */
interface Held {
  isPublic: boolean;
  socket: Request['socket'];
  started: number;
  /** The socket's bytes read when it began (a kept-alive socket has read earlier requests). */
  before: number;
  /** Its body is in (it waits to be checked, or is stored): no newcomer takes its place. */
  bodyIn: boolean;
  /** Closes its connection and frees its place at once. */
  drop: () => void;
}

/**
 * How many uploads are read at once. Each body goes to a file on disk as it comes (upload-body.ts) and
 * is read back into memory only to be checked and stored, `checkedAtOnce` at a time: held in memory
 * while it came, forty at once took the server to 1.3 GB and stalled every other request for seconds,
 * so only four could come at once, and two uploads trickling from one address held all the public's
 * places. Past `total` at once, `perSender` for one sender or `publicMax` for the public as a whole,
 * an upload is not kept: its body is read and dropped, then refused with 503 and Retry-After
 * (answering before the body is read would reset the connection under a browser still sending it).
 * A sender that stops sending loses its place after `idleMs`, and one that sends a trickle (slower
 * than `minBytesPerSecond` on average after `rateGraceMs`) loses it too: a few stalled or trickling
 * uploads from the public cannot keep officials, nor the rest of the public, from uploading. While the
 * places are all taken, the first found slower than `pressedBytesPerSecond` loses its place: senders
 * holding them all just above the minimum then pay for each place with a new upload of their hourly count.
 */
export class UploadGate {
  #inFlight = 0;
  #publicInFlight = 0;
  readonly #held = new Set<Held>();
  readonly #bySender = new Map<string, number>();
  readonly #checking: Turns;

  constructor(readonly limits: UploadGateLimits) {
    this.#checking = new Turns(limits.checkedAtOnce);
  }

  /** The body parser for an upload route, after `admit`: the body to a file in `files`' folder, then a Buffer (upload-body.ts). */
  body(files: UploadFiles): RequestHandler {
    return uploadBody(files, this.#checking);
  }

  /**
   * Middleware for an upload route, before its body parser; `sender` says whose upload it is, and
   * `from` whether it counts among the public's.
   */
  admit(sender: (request: Request) => string, from: 'public' | 'user'): RequestHandler {
    return (request, response, next) => {
      const key = sender(request);
      const own = this.#bySender.get(key) ?? 0;
      const isPublic = from === 'public';
      if (own >= this.limits.perSender || (this.#full(isPublic) && !this.#makeRoom(isPublic))) {
        request.resume();
        request.once('end', () => {
          response
            .status(503)
            .set('Retry-After', '5')
            .json({ error: { code: 'busy', message: SAY.uploadsBusy[languageOf(request)] } });
        });
        return;
      }
      this.#inFlight += 1;
      if (isPublic) this.#publicInFlight += 1;
      this.#bySender.set(key, own + 1);
      const socket = request.socket;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        this.#held.delete(held);
        this.#inFlight -= 1;
        if (isPublic) this.#publicInFlight -= 1;
        const left = (this.#bySender.get(key) ?? 1) - 1;
        if (left > 0) this.#bySender.set(key, left);
        else this.#bySender.delete(key);
      };
      const held: Held = {
        isPublic,
        socket,
        started: performance.now(),
        before: socket.bytesRead,
        bodyIn: false,
        drop: () => {
          socket.destroy();
          release();
        },
      };
      this.#held.add(held);
      response.once('close', release);
      // Idle while its body is read: the socket is closed, which frees the place ('close' above).
      // Once the body is in, the socket (kept alive for the next request) is as it was.
      const drop = () => socket.destroy();
      const slow = this.#watchRate(held, drop);
      const done = () => {
        held.bodyIn = true;
        socket.setTimeout(0);
        socket.off('timeout', drop);
        clearInterval(slow);
      };
      socket.setTimeout(this.limits.idleMs);
      socket.once('timeout', drop);
      // Timed by what it sends from now, not by how long it takes: a large file on a slow line is
      // not cut at the deadline other bodies have (body-deadline.ts).
      liftBodyDeadline(request);
      request.once('end', done);
      response.once('close', done);
      next();
    };
  }

  /**
   * Frees a place for a newcomer when the places it counts among are all taken: the slowest upload
   * under way for `pressedGraceMs`, its body not yet in, and slower than `pressedBytesPerSecond` is
   * dropped (for a public newcomer, only one of the public's). Whether one was.
   */
  #makeRoom(isPublic: boolean): boolean {
    const now = performance.now();
    let slowest: { held: Held; rate: number } | undefined;
    for (const held of this.#held) {
      const elapsed = now - held.started;
      if ((isPublic && !held.isPublic) || held.bodyIn || elapsed < this.limits.pressedGraceMs) continue;
      const rate = ((held.socket.bytesRead - held.before) * 1000) / elapsed;
      if (rate < this.limits.pressedBytesPerSecond && (slowest === undefined || rate < slowest.rate))
        slowest = { held, rate };
    }
    slowest?.held.drop();
    return slowest !== undefined && !this.#full(isPublic);
  }

  /** Whether the places an upload counts among are all taken: the public's, or all. */
  #full(isPublic: boolean): boolean {
    return this.#inFlight >= this.limits.total || (isPublic && this.#publicInFlight >= this.limits.publicMax);
  }

  /**
   * Checks the bytes the socket has read since the upload began (the body's stream is left alone:
   * the body parser reads it) and drops the upload when it has been too slow on average.
   */
  #watchRate(held: Held, drop: () => void): NodeJS.Timeout {
    const { minBytesPerSecond, pressedBytesPerSecond, rateGraceMs } = this.limits;
    const check = setInterval(
      () => {
        const elapsed = performance.now() - held.started;
        if (elapsed < rateGraceMs) return;
        const floor = this.#full(held.isPublic) ? pressedBytesPerSecond : minBytesPerSecond;
        if (((held.socket.bytesRead - held.before) * 1000) / elapsed < floor) {
          clearInterval(check);
          drop();
        }
      },
      Math.min(1000, rateGraceMs),
    );
    check.unref();
    return check;
  }
}
