import { ENGINE_SAYS } from './messages.js';

/**
 * The engine's one error type. Callers branch on `code` (never on the message); `context` names the
 * things involved (ids, dates, years) and is frozen; `cause` keeps the underlying error when there is one.
 * The server maps each code to one HTTP status in one place.
 */
export const ERROR_CODES = [
  // Input data fails a form schema, an indicator rule or a basic format (a malformed date or instant).
  'validation',
  // The caller's group or scope may not do this (wrong candidate group, another park or province).
  'forbidden',
  // No such open task, or a message sent outside its window.
  'not-open',
  // An unknown case, task, user, definition or file.
  'not-found',
  // The operation clashes with the current state (a name already taken, a clock moved backwards).
  'conflict',
  // A definition or calendar file is malformed or inconsistent (unknown rule, duplicate calendar year).
  'invalid-definition',
  // A period value is not an ISO 8601 date duration or a positive whole number of working days.
  'invalid-period',
  // A working-day computation reaches a year for which no calendar data is loaded (never guessed).
  'calendar-missing',
  // A case cannot move: its definition cannot be evaluated there (recorded on the case as an incident).
  'incident',
  // A stored file cannot be read back (truncated, not JSON): context `file` names it. The record is
  // quarantined, never guessed at; `npm run store:check` lists every such file.
  'damaged',
  // A case its caller could see cannot be read now (its file damaged, set aside for an admin's restore).
  'unavailable',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** A message said to people in Chinese (the default) and in English (for a client asking for it). */
export interface Said {
  readonly zh: string;
  readonly en: string;
}

export class EngineError extends Error {
  override readonly name: string = 'EngineError';
  readonly code: ErrorCode;
  readonly context: Readonly<Record<string, unknown>>;
  /** The message in English, where one is written; `message` is Chinese. */
  readonly english: string | undefined;

  constructor(
    code: ErrorCode,
    message: string | Said,
    context: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(typeof message === 'string' ? message : message.zh, options);
    this.code = code;
    this.context = Object.freeze({ ...context });
    this.english = typeof message === 'string' ? undefined : message.en;
  }

  /** No open task `ref`: unknown, done, or (over HTTP) on a case the caller may not see — one answer. */
  static taskNotOpen(ref: string): EngineError {
    return new EngineError('not-open', ENGINE_SAYS.taskNotOpen, { ref });
  }
}

/** True when `error` is an EngineError, optionally with the given code. */
export function isEngineError(error: unknown, code?: ErrorCode): error is EngineError {
  return error instanceof EngineError && (code === undefined || error.code === code);
}
