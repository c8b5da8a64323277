import { createServer, type Server } from 'node:http';
import type { Express, Request, RequestHandler } from 'express';

const deadlines = new WeakMap<Request, NodeJS.Timeout>();

/**
 * A request's body must be in within `ms` of its arrival, or its connection is closed: what Node's own
 * `requestTimeout` did for every request (5 minutes), but lifted for an upload once the upload gate
 * has admitted it (`liftBodyDeadline`), which then times it by what it sends, not by how long it takes:
 * under Node's deadline a 20 MB upload slower than 68 KB/s was cut at 5 minutes, however steadily it
 * came. A body left unread when its answer is sent (a refusal) stays timed until it is in.
 */
export function bodyDeadline(ms: number): RequestHandler {
  return (request, response, next) => {
    const timer = setTimeout(() => {
      if (!request.complete) request.socket.destroy();
    }, ms);
    timer.unref();
    deadlines.set(request, timer);
    request.once('end', () => {
      liftBodyDeadline(request);
    });
    response.once('close', () => {
      if (request.complete) liftBodyDeadline(request);
    });
    next();
  };
}

/** The request's body is timed otherwise from now (an admitted upload: idle and too slow, upload-gate.ts). */
export function liftBodyDeadline(request: Request): void {
  clearTimeout(deadlines.get(request));
  deadlines.delete(request);
}

export interface ServerTimeouts {
  /** How long a request's headers may take to come (Node's `headersTimeout`, 60 s by default). */
  headersMs?: number;
  /** How often Node looks for requests past that (its `connectionsCheckingInterval`, 30 s by default). */
  checkEveryMs?: number;
}

/**
 * The HTTP server for the app, with Node's whole-request deadline off (`requestTimeout: 0`): bodies
 * are timed by the app instead (bodyDeadline above, and the upload gate for uploads). Slow headers
 * are still cut by Node (`headersTimeout`).
 */
export function appServer(app: Express, timeouts: ServerTimeouts = {}): Server {
  return createServer(
    {
      requestTimeout: 0,
      headersTimeout: timeouts.headersMs ?? 60_000,
      connectionsCheckingInterval: timeouts.checkEveryMs ?? 30_000,
    },
    app,
  );
}
