/**
 * Sends a flood of requests from its own process, as a visitor's machine would: sending a megabyte
 * body from the server's own thread would slow the server by the sender's work, not its own.
 * Reads a `FloodJob` as JSON on stdin; writes `sending` on a line when it starts, then the answers as
 * JSON on the last line. Run with `node --import tsx` (test/support/login-flood.ts does).
 */
import { request as httpRequest } from 'node:http';

export interface Answer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface FloodRequest {
  /** POST unless said. */
  method?: string;
  /** A signed-in sender's bearer token. */
  token?: string;
  path: string;
  body: Record<string, unknown>;
  /** A loopback address to send from (127.0.0.2… are loopback addresses too on Linux). */
  from?: string;
  /** Characters of padding to add to the body (each three bytes in UTF-8): its size, made here. */
  padding?: number;
}

export interface FloodJob {
  port: number;
  /** Bursts sent `gapMs` apart, not waiting for answers. */
  bursts: FloodRequest[][];
  gapMs: number;
}

/** One HTTP call over a real socket. */
export function call(
  port: number,
  method: string,
  path: string,
  options: { body?: unknown; token?: string; from?: string } = {},
) {
  return new Promise<Answer>((resolve, reject) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: false,
        ...(options.from !== undefined && { localAddress: options.from }),
        headers: {
          ...(payload !== undefined && { 'Content-Type': 'application/json' }),
          ...(options.token !== undefined && { Authorization: `Bearer ${options.token}` }),
        },
      },
      (incoming) => {
        let body = '';
        incoming.setEncoding('utf8');
        incoming.on('data', (chunk: string) => (body += chunk));
        incoming.on('end', () => {
          resolve({ status: incoming.statusCode ?? 0, body, headers: incoming.headers });
        });
      },
    );
    // A server refusing a large body before reading it may close the socket while it is sent.
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') resolve({ status: 0, body: '', headers: {} });
      else reject(error);
    });
    outgoing.end(payload);
  });
}

async function send(job: FloodJob): Promise<Answer[]> {
  const pending: Promise<Answer>[] = [];
  process.stdout.write('sending\n');
  for (const burst of job.bursts) {
    for (const { method, token, path, body, from, padding } of burst) {
      const sent = padding === undefined ? body : { ...body, padding: '体'.repeat(padding) };
      pending.push(
        call(job.port, method ?? 'POST', path, {
          body: sent,
          ...(from !== undefined && { from }),
          ...(token !== undefined && { token }),
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, job.gapMs));
  }
  return Promise.all(pending);
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, '/'))) {
  let input = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => (input += chunk));
  process.stdin.on('end', () => {
    void send(JSON.parse(input) as FloodJob).then((answers) => {
      process.stdout.write(`${JSON.stringify(answers)}\n`);
    });
  });
}
