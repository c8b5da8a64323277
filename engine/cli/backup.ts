// npm run backup -- --to <dir> [--from DATA_DIR] [--force] [--json]
// A consistent snapshot of the embedded store, taken while the server runs (engine/transfer/backup.ts):
// every audit chain verified, a manifest with the SHA-256 of every file, built beside <dir> and renamed
// into place. Restore with `npm run restore`. For PostgreSQL: pg_dump (README, "Moving and keeping data").
// Exit 0 done; 1 refused or failed (nothing written); 2 bad arguments.
import { parseArgs } from 'node:util';
import { backupDataDir } from '../transfer/backup.js';
import { parsePlace } from '../transfer/places.js';
import { TransferError } from '../transfer/transfer-error.js';
import { progressLine } from './progress-line.js';
import { fail, reportLines } from './transfer-output.js';

const USAGE = 'npm run backup -- --to /backups/qbz-2026-12-02 [--from ./data] [--force]';

try {
  const values = parse();
  const from = parsePlace(values.from, '--from');
  const to = parsePlace(values.to, '--to');
  if (from.kind !== 'lowdb' || to.kind !== 'lowdb') {
    throw new TransferError(
      'arguments',
      'backup 只用于内置存储（数据目录）；PostgreSQL 请用 pg_dump（见 README）/ backup is for the embedded store; for PostgreSQL use pg_dump (README)',
    );
  }
  const report = await backupDataDir({ from: from.dir, to: to.dir, force: values.force, onProgress: progressLine() });
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(`${reportLines('已备份 / backed up', report).join('\n')}\n`);
  process.exit(0);
} catch (error) {
  fail(error);
}

function parse() {
  try {
    return parseArgs({
      options: {
        from: { type: 'string', default: process.env.DATA_DIR ?? 'data' },
        to: { type: 'string' },
        force: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    throw new TransferError('arguments', `参数有误：${(error as Error).message}；用法 / usage: ${USAGE}`);
  }
}
