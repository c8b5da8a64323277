import { expect } from 'vitest';
import { EngineError, type ErrorCode } from '../../engine/errors.js';

/** Runs `action`, expects an EngineError with `code` (and `context` to include the given entries). */
export function expectEngineError(
  action: () => unknown,
  code: ErrorCode,
  context?: Record<string, unknown>,
): EngineError {
  let thrown: unknown;
  try {
    action();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(EngineError);
  const error = thrown as EngineError;
  expect(error.code).toBe(code);
  if (context !== undefined) expect(error.context).toMatchObject(context);
  return error;
}
