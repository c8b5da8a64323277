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

/**
 * Where a damaged record is, named inside the store (`cases/c1.json`, `audit/c1.jsonl 第 3 行`): what
 * an answer or a case may say. The full path is only in the server's log (the DamageListener).
 */
export function damageWhere(damage: StoreDamage): string {
  const file = `${damage.name}/${damage.id}${damage.line === undefined ? '.json' : '.jsonl'}`;
  return damage.line === undefined ? file : `${file} 第 ${damage.line} 行`;
}

/** The error a Store throws for a damaged record (code `damaged`, the damage in its context). */
export function damagedError(damage: StoreDamage, cause: unknown): EngineError {
  return new EngineError('damaged', `数据文件损坏：${damageWhere(damage)}`, { ...damage }, { cause });
}

/** The damage an error reports, when it is a `damaged` EngineError. */
export function damageOf(error: unknown): StoreDamage | undefined {
  if (!isEngineError(error, 'damaged')) return undefined;
  const { file, name, id, line, reason } = error.context;
  if (typeof file !== 'string' || typeof name !== 'string' || typeof id !== 'string') return undefined;
  return { file, name, id, ...(typeof line === 'number' && { line }), reason: String(reason) };
}
