import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

/**
 * Query parameters a client might put a secret in by mistake (the API takes a session only in the
 * Authorization header, and refuses one in the address): their values never reach the log. A name is
 * read as the router reads it — any case, percent-encoded, with `[]` or a NUL — and by what it names,
 * not one spelling: `?Token=`, `?tok%65n=`, `?token[]=`, `?access-token=`, `?api_key=`,
 * `?Authorization=Bearer …` and `;token=` were logged as sent, in the address or the query.
 */
const SECRET_WORDS = /token|passw|pwd|secret|auth|apikey|session|credential/;
function isSecretName(name: string): boolean {
  let decoded = name;
  try {
    decoded = decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    // A malformed escape: judged as written.
  }
  return SECRET_WORDS.test(decoded.toLowerCase().replace(/[^a-z]/g, ''));
}
/** Every `name=value` of the address (after `?`, `&` or `;`), its value redacted when its name is secret. */
const withoutSecrets = (url: string | undefined) =>
  url?.replace(/([?&;])([^=&;#?]*)=([^&;#]*)/g, (whole, before: string, name: string) =>
    isSecretName(name) ? `${before}${name}=[Redacted]` : whole,
  );
function queryWithoutSecrets(query: unknown): unknown {
  if (typeof query !== 'object' || query === null) return query;
  return Object.fromEntries(
    Object.entries(query).map(([name, value]) => [name, isSecretName(name) ? '[Redacted]' : (value as unknown)]),
  );
}

/**
 * Who sent something to the public side (an objection to a notice, its evidence, Art. 22) is for the
 * readers the definitions name, not for those who run the server: its request is logged without the
 * sender's address (the socket's, and the ones a proxy forwards), which with the case in its URL and
 * the time would name the objector. Reads of the public side keep theirs, as every other request does.
 */
const SENDER_HEADERS = ['x-forwarded-for', 'x-real-ip', 'forwarded'];
// Any case: the router takes /API/Public/… for /api/public/….
const sentToThePublicSide = (method: string | undefined, url: string | undefined) =>
  method !== 'GET' && method !== 'HEAD' && url?.toLowerCase().startsWith('/api/public/') === true;

interface LoggedRequest {
  method?: string;
  url?: string;
  query?: unknown;
  headers?: Record<string, unknown>;
  remoteAddress?: string;
  remotePort?: number;
}

function loggedRequest(request: LoggedRequest): LoggedRequest {
  const logged = { ...request, url: withoutSecrets(request.url), query: queryWithoutSecrets(request.query) };
  if (!sentToThePublicSide(request.method, request.url)) return logged;
  const { remoteAddress: _address, remotePort: _port, ...anonymous } = logged;
  const headers = Object.fromEntries(
    Object.entries(request.headers ?? {}).filter(([name]) => !SENDER_HEADERS.includes(name.toLowerCase())),
  );
  return { ...anonymous, headers };
}

/** Each request logged once as answered (JSON lines), under an id the answer carries (`X-Request-Id`). */
export function accessLog(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (request: IncomingMessage, response) => {
      const id = request.headers['x-request-id'];
      const value = typeof id === 'string' && /^[\w-]{1,64}$/.test(id) ? id : randomUUID();
      response.setHeader('X-Request-Id', value);
      return value;
    },
    // A file's name may name a person (an objector's evidence, Art. 22): the upload's record keeps it,
    // for those the redaction policy lets read it; the log, read by those who run the server, does not
    // (sent on upload, answered on download).
    redact: [
      'req.headers.authorization',
      'req.headers.cookie',
      'req.headers["x-file-name"]',
      'res.headers["content-disposition"]',
    ],
    serializers: { req: loggedRequest },
  });
}
