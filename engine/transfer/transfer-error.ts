/**
 * Why a copy, backup or restore stopped. Every one is thrown before the target is made visible (the
 * copy is built aside and swapped in, or written in one transaction), so a stop never leaves half a
 * store. Messages are Chinese, then English; the CLIs print them and exit 2 for `arguments`, else 1.
 */
export const TRANSFER_ERROR_CODES = [
  // A missing, unknown or contradictory command-line option.
  'arguments',
  // The target holds data and --force was not given.
  'target-not-empty',
  // A server is running on the data directory that would be overwritten.
  'server-running',
  // The source cannot be read whole: a damaged file, a broken audit chain, a missing process state,
  // an attachment whose bytes are missing or changed.
  'source-broken',
  // What was written does not read back as what was read (counts, chain heads): the target is discarded.
  'target-mismatch',
  // A backup's checksum manifest does not match its files.
  'checksum',
] as const;

export type TransferErrorCode = (typeof TRANSFER_ERROR_CODES)[number];

export class TransferError extends Error {
  override readonly name = 'TransferError';

  constructor(
    readonly code: TransferErrorCode,
    message: string,
    readonly context: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isTransferError(error: unknown, code?: TransferErrorCode): error is TransferError {
  return error instanceof TransferError && (code === undefined || error.code === code);
}
