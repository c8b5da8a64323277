import { maxHeaderSize, STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Said } from '../engine/index.js';
import { sizeText } from './http-errors.js';
import { SAY } from './messages.js';

/** What a request Node could not read gets, by its parser's error code; anything else is 400. */
const ANSWERS: Partial<Record<string, { status: number; code: string; message: Said }>> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'headers-too-large',
    message: SAY.headersTooLarge(sizeText(maxHeaderSize)),
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'request-timeout', message: SAY.requestTimeout },
};
const MALFORMED = { status: 400, code: 'bad-request', message: SAY.malformed };

/**
 * A request Node refuses before express sees it — headers over its limit (a browser's cookies grown
 * too large), a request line or header it cannot parse, one too slow to arrive — is answered as every
 * other refusal is, `{ error: { code, message } }` with a Chinese message (its headers unread, the
 * language asked for is not known), and the connection closed. Node answered 431 or 400 with no body:
 * the page that sent it had nothing to say.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A connection the client dropped, or one already answered, has no one to tell.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const answer = ANSWERS[error.code ?? ''] ?? MALFORMED;
    const body = JSON.stringify({ error: { code: answer.code, message: answer.message.zh } });
    socket.end(
      [
        `HTTP/1.1 ${String(answer.status)} ${STATUS_CODES[answer.status] ?? ''}`,
        'Content-Type: application/json; charset=utf-8',
        `Content-Length: ${String(Buffer.byteLength(body))}`,
        'Cache-Control: no-store',
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  });
}
