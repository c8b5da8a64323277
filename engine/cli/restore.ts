// npm run restore -- --from <backup dir> [--to DATA_DIR] [--force] [--json]
// Restores a backup made by `npm run backup` (engine/transfer/backup.ts): its manifest's checksums
// checked first, every audit chain verified, built beside the target and renamed into place. Refused
// while a server runs on the target (its server.pid), and for a non-empty target unless --force (the
// old content is then moved aside, never deleted). Exit 0 done; 1 refused or failed; 2 bad arguments.
import { parseArgs } from 'node:util';
import { restoreBackup } from '../transfer/backup.js';
import { parsePlace } from '../transfer/places.js';
import { TransferError } from '../transfer/transfer-error.js';
import { progressLine } from './progress-line.js';
import { fail, reportLines } from './transfer-output.js';

const USAGE = 'npm run restore -- --from /backups/qbz-2026-12-02 --to ./data [--force]';

try {
  const values = parse();
  const from = parsePlace(values.from, '--from');
  const to = parsePlace(values.to, '--to');
  if (from.kind !== 'lowdb' || to.kind !== 'lowdb') {
    throw new TransferError(
      'arguments',
      'restore 只用于内置存储（数据目录）；PostgreSQL 请用 pg_restore（见 README）/ restore is for the embedded store; for PostgreSQL use pg_restore (README)',
    );
  }
  const report = await restoreBackup({ from: from.dir, to: to.dir, force: values.force, onProgress: progressLine() });
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(`${reportLines('已恢复 / restored', report).join('\n')}\n`);
  process.exit(0);
} catch (error) {
  fail(error);
}

function parse() {
  try {
    return parseArgs({
      options: {
        from: { type: 'string' },
        to: { type: 'string', default: process.env.DATA_DIR ?? 'data' },
        force: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    throw new TransferError('arguments', `参数有误：${(error as Error).message}；用法 / usage: ${USAGE}`);
  }
}
