import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { postgresReader, postgresTarget, shownUrl } from './postgres-transfer.js';
import { lowdbReader, type StoreReader } from './store-reader.js';
import { lowdbTarget, type StoreTarget } from './store-target.js';
import { TransferError } from './transfer-error.js';

/** A store named on the command line: a PostgreSQL URL or a data directory. */
export type Place = { kind: 'postgres'; url: string } | { kind: 'lowdb'; dir: string };

export function parsePlace(text: string | undefined, option: string): Place {
  if (text === undefined || text.trim() === '') {
    throw new TransferError('arguments', `缺少 ${option} / ${option} is required`, { option });
  }
  if (/^postgres(ql)?:\/\//.test(text)) {
    try {
      new URL(text);
    } catch {
      throw new TransferError(
        'arguments',
        `${option} 不是有效的数据库地址 / ${option} is not a valid URL: ${shownUrl(text)}`,
      );
    }
    return { kind: 'postgres', url: text };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    throw new TransferError(
      'arguments',
      `${option} 只接受数据目录或 postgres:// 地址 / ${option} takes a data directory or a postgres:// URL`,
      { option },
    );
  }
  return { kind: 'lowdb', dir: resolve(text) };
}

export function sameStore(a: Place, b: Place): boolean {
  if (a.kind === 'lowdb' && b.kind === 'lowdb') return a.dir === b.dir;
  if (a.kind === 'postgres' && b.kind === 'postgres') return shownUrl(a.url) === shownUrl(b.url);
  return false;
}

/** A reader on a place; a data directory must exist (a missing one is a typo, not an empty store). */
export async function openReader(place: Place): Promise<StoreReader> {
  if (place.kind === 'postgres') return postgresReader({ connectionString: place.url });
  const found = await stat(place.dir).catch(() => undefined);
  if (found?.isDirectory() !== true) {
    throw new TransferError('arguments', `源数据目录不存在：${place.dir} / source directory not found: ${place.dir}`, {
      dir: place.dir,
    });
  }
  return lowdbReader(place.dir);
}

export function targetOf(place: Place, filesDir: string | undefined): StoreTarget {
  return place.kind === 'postgres' ? postgresTarget({ connectionString: place.url }, filesDir) : lowdbTarget(place.dir);
}
