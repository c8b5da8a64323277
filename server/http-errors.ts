import type { ErrorRequestHandler } from 'express';
import { isEngineError, type ErrorCode, type FieldError, type Said } from '../engine/index.js';
import { languageOf, SAY } from './messages.js';

/** An error of the HTTP layer itself (a bad request line, a missing login). */
export class HttpError extends Error {
  /** The message in English, where one is written; `message` is Chinese. */
  readonly english: string | undefined;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string | Said,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof message === 'string' ? message : message.zh);
    this.english = typeof message === 'string' ? undefined : message.en;
  }
}

/** One status per engine error code (CONTRACT §6). */
const STATUS: Record<ErrorCode, number> = {
  validation: 422,
  forbidden: 403,
  'not-open': 409,
  'not-found': 404,
  conflict: 409,
  'invalid-definition': 422,
  'invalid-period': 422,
  'calendar-missing': 409,
  incident: 409,
  // A damaged data file is the server's fault, not the caller's (logged at error by the store).
  damaged: 500,
  // Told to those who could see the case: it is there, but unreadable until an admin restores it.
  unavailable: 503,
};

interface BodyParserError {
  type?: string;
  status?: number;
  /** The body size limit, in bytes, that a too-large body exceeded. */
  limit?: number;
  /** The raw body that failed to parse. */
  body?: unknown;
  /** The Content-Encoding the parser does not inflate. */
  encoding?: unknown;
}

/** True when a body express refused still parses as JSON (it takes only objects and arrays). */
function isJson(raw: unknown): boolean {
  if (typeof raw !== 'string') return false;
  try {
    JSON.parse(raw);
    return true;
  } catch {
    return false;
  }
}

/** A size limit as people read it: 20 MB, 512 KB. */
export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${String(Math.floor(bytes / 1024 / 1024))} MB`
    : `${String(Math.ceil(bytes / 1024))} KB`;
}

/**
 * A write refused because the disk, or the account's quota on it, is full: the embedded store's and
 * the attachments' files (ENOSPC, EDQUOT), or PostgreSQL's (SQLSTATE 53100 disk_full, its transaction
 * rolled back).
 */
function isNoSpace(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === '53100';
}

/** 4xx answers passed on from express's parsers and file server that are not a malformed request. */
const PASSED_ON_4XX: Partial<Record<number, { code: string; message: Said }>> = {
  403: { code: 'forbidden', message: SAY.forbiddenResource },
  404: { code: 'not-found', message: SAY.noSuchResource },
};

/**
 * The one place errors become responses: `{ error: { code, message, field? } }` with a Chinese message
 * (English where written, for a client asking for English) and the request field it is about, and
 * `errors: [{ path, message }]` for form validation. Bad input never gets a 5xx or a stack trace;
 * anything unexpected is logged and answered 500 without details.
 */
export function errorHandler(log: (error: unknown, requestId: unknown) => void): ErrorRequestHandler {
  return (error: unknown, request, response, next) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    // A route may fail after choosing its own type (XML, a download): an error is JSON all the same.
    for (const header of ['Content-Type', 'Content-Disposition']) response.removeHeader(header);
    const english = languageOf(request) === 'en';
    const say = (message: Said) => (english ? message.en : message.zh);
    // Both error types carry their Chinese `message` and, where written, its `english`.
    const sayError = (thrown: { message: string; english: string | undefined }) =>
      english ? (thrown.english ?? thrown.message) : thrown.message;
    if (error instanceof HttpError) {
      response
        .status(error.status)
        .set(error.headers)
        .json({ error: { code: error.code, message: sayError(error) } });
      return;
    }
    if (isEngineError(error)) {
      // The server's own fault (a damaged or missing file): the operator must hear of it.
      if (STATUS[error.code] >= 500) log(error, (request as { id?: unknown }).id);
      const errors = error.context.errors as FieldError[] | undefined;
      // A definition refused by the validator (publishing a draft) answers with its problems.
      const problems = error.context.problems;
      // A step on something deleted since (a draft another tab deleted): the page offers a way out.
      const deleted = error.context.deleted;
      // The request field a refusal is about (a password too short): a form clears it when that field changes.
      const field = error.context.field;
      response.status(STATUS[error.code]).json({
        error: { code: error.code, message: sayError(error), ...(typeof field === 'string' && { field }) },
        // An entry's problems carry their English where written (the calendar editor's, year-entry.ts).
        ...(errors !== undefined && {
          errors: errors.map(({ english: inEnglish, ...said }: FieldError & { english?: unknown }) =>
            english && typeof inEnglish === 'string' ? { ...said, message: inEnglish } : said,
          ),
        }),
        ...(Array.isArray(problems) && { problems }),
        ...(typeof deleted === 'object' && deleted !== null && { deleted }),
      });
      return;
    }
    const parser = error as BodyParserError;
    if (parser.type === 'entity.parse.failed') {
      // express takes only an object or array; `null`, `5` or `"x"` are JSON all the same, and the
      // sender should hear what is wrong with them rather than that they are not JSON.
      if (isJson(parser.body)) {
        response.status(422).json({ error: { code: 'validation', message: say(SAY.notObject) } });
        return;
      }
      response.status(400).json({ error: { code: 'bad-request', message: say(SAY.notJson) } });
      return;
    }
    if (parser.type === 'entity.too.large') {
      const limit = typeof parser.limit === 'number' ? sizeText(parser.limit) : undefined;
      // An upload says what the limit is, so the sender knows what to send instead.
      const message =
        limit === undefined
          ? SAY.tooLarge
          : request.path.endsWith('/attachments')
            ? SAY.fileTooLarge(limit)
            : SAY.tooLargeAt(limit);
      response.status(413).json({ error: { code: 'too-large', message: say(message) } });
      return;
    }
    if (parser.type === 'encoding.unsupported') {
      // An upload is taken only as it is; JSON in gzip, deflate or br is inflated.
      const message = request.path.endsWith('/attachments')
        ? SAY.compressedBody
        : SAY.unsupportedEncoding(
            (typeof parser.encoding === 'string' ? parser.encoding : (request.get('content-encoding') ?? '')).slice(
              0,
              40,
            ),
          );
      response.status(415).json({ error: { code: 'unsupported-encoding', message: say(message) } });
      return;
    }
    if (typeof parser.status === 'number' && parser.status >= 400 && parser.status < 500) {
      // The file server's answers too: a missing web asset (404), a path it will not serve (403).
      const answer = PASSED_ON_4XX[parser.status] ?? { code: 'bad-request', message: SAY.malformed };
      response.status(parser.status).json({ error: { code: answer.code, message: say(answer.message) } });
      return;
    }
    log(error, (request as { id?: unknown }).id);
    if (isNoSpace(error)) {
      // Not the caller's fault, nor a silent 500: they learn to try later, whoever runs the server from the log.
      const message = request.path.endsWith('/attachments') ? SAY.fileNoSpace : SAY.noSpace;
      response.status(507).json({ error: { code: 'insufficient-storage', message: say(message) } });
      return;
    }
    response.status(500).json({ error: { code: 'internal', message: say(SAY.internal) } });
  };
}
