import type { Request, RequestHandler } from 'express';

/**
 * How many uploads are read at once. Each body is held in memory until it is stored (`express.raw`, up
 * to ATTACHMENT_MAX_MB): forty at once took the server to 1.3 GB and stalled every other request for
 * seconds. Past `total` at once, or `perSender` for one sender (an account, or an address for the
 * public), an upload is not kept: its body is read and dropped, then refused with 503 and Retry-After
 * (answering before the body is read would reset the connection under a browser still sending it).
 */
export class UploadGate {
  #inFlight = 0;
  readonly #bySender = new Map<string, number>();

  constructor(
    readonly total: number,
    readonly perSender: number,
  ) {}

  /** Middleware for an upload route, before its body parser; `sender` says whose upload it is. */
  admit(sender: (request: Request) => string): RequestHandler {
    return (request, response, next) => {
      const key = sender(request);
      const own = this.#bySender.get(key) ?? 0;
      if (this.#inFlight >= this.total || own >= this.perSender) {
        request.resume();
        request.once('end', () => {
          response
            .status(503)
            .set('Retry-After', '5')
            .json({ error: { code: 'busy', message: '同时上传的文件过多，请稍候几秒再上传' } });
        });
        return;
      }
      this.#inFlight += 1;
      this.#bySender.set(key, own + 1);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        this.#inFlight -= 1;
        const left = (this.#bySender.get(key) ?? 1) - 1;
        if (left > 0) this.#bySender.set(key, left);
        else this.#bySender.delete(key);
      };
      response.once('close', release);
      next();
    };
  }
}
