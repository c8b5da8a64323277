import { EngineError, isEngineError } from '../errors.js';

/** A stored file that cannot be read back: where it is and what is wrong with it. */
export interface StoreDamage {
  /** The file (or, for a store without files, the record's address). */
  file: string;
  /** The collection or log it belongs to, and the record's id. */
  name: string;
  id: string;
  /** For a log: the first line that is not JSON (1-based). */
  line?: number;
  reason: string;
}

/** Told of every damaged record a store meets, so it is logged once with its file (server: at error). */
export type DamageListener = (damage: StoreDamage) => void;

/** The error a Store throws for a damaged record (code `damaged`, the damage in its context). */
export function damagedError(damage: StoreDamage, cause: unknown): EngineError {
  const where = damage.line === undefined ? damage.file : `${damage.file} 第 ${damage.line} 行`;
  return new EngineError('damaged', `数据文件损坏：${where}`, { ...damage }, { cause });
}

/** The damage an error reports, when it is a `damaged` EngineError. */
export function damageOf(error: unknown): StoreDamage | undefined {
  if (!isEngineError(error, 'damaged')) return undefined;
  const { file, name, id, line, reason } = error.context;
  if (typeof file !== 'string' || typeof name !== 'string' || typeof id !== 'string') return undefined;
  return { file, name, id, ...(typeof line === 'number' && { line }), reason: String(reason) };
}
