import { randomBytes } from 'node:crypto';
import type { FormSchema } from '../definitions/types.js';
import type { Submission } from './case-record.js';
import { excerptOf } from './excerpt.js';

/** What tells a task a message opened apart from others the same message opened. */
export interface OriginDetail {
  /** The how-manieth message of its name on the case (1: the first objection). */
  number: number;
  /** When the message arrived. */
  receivedAt: string;
  /** The opening words of the message's first free-text field, for a reader allowed to see what was sent. */
  excerpt?: string;
  /** The code its sender's receipt gave them (`K7QM-4XT2-9HBD`), for a reader allowed to see what was sent. */
  receipt?: string;
}

/** Crockford's base32: no I, L, O or U to misread when a receipt is read out on the telephone. */
const RECEIPT_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A receipt code: 60 random bits as three groups of four (`K7QM-4XT2-9HBD`). Random, not a count:
 * anyone may file an objection, and a sequence would tell them how many a case has had.
 */
export function receiptCode(): string {
  const bytes = randomBytes(12);
  const characters = Array.from(bytes, (byte) => RECEIPT_ALPHABET[byte % 32] ?? '0').join('');
  return `${characters.slice(0, 4)}-${characters.slice(4, 8)}-${characters.slice(8, 12)}`;
}

/**
 * The first free-text field of a message's form, in the form's order: a top-level string with no
 * fixed choices and no format (not a date, a code, an attachment id). It is what the sender wrote in
 * their own words (an objection's statement), never a field of a nested part (who sent it).
 */
export function freeTextField(schema: FormSchema | undefined): string | undefined {
  for (const [name, field] of Object.entries(schema?.properties ?? {})) {
    if (field.type !== 'string') continue;
    if (['format', 'enum', 'oneOf', 'anyOf', 'const', 'pattern'].some((keyword) => field[keyword] !== undefined))
      continue;
    return name;
  }
  return undefined;
}

/**
 * Each task's origin told apart: its message's number on the case, when it arrived and — only when
 * `submissions` carry the data (read through the redaction policy: a group that may not read the
 * public's submissions gets them without) — the opening words of what was sent.
 */
export function describeOrigin(
  origin: { message: string; submission: number },
  submissions: readonly Submission[],
  schemaOf: (message: string) => FormSchema | undefined,
): OriginDetail | undefined {
  const submission = submissions.find((entry) => entry.seq === origin.submission);
  if (submission === undefined) return undefined;
  const number = submissions.filter(
    (entry) => entry.kind === 'message' && entry.name === origin.message && entry.seq <= origin.submission,
  ).length;
  const field = freeTextField(schemaOf(origin.message));
  const data = submission.data;
  const text =
    field !== undefined && submission.redacted !== true && typeof data === 'object' && data !== null
      ? (data as Record<string, unknown>)[field]
      : undefined;
  return {
    number,
    receivedAt: submission.at,
    ...(typeof text === 'string' && text.trim() !== '' && { excerpt: excerptOf(text) }),
    ...(submission.receipt !== undefined && submission.redacted !== true && { receipt: submission.receipt }),
  };
}
