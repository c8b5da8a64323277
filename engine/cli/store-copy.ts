// npm run store:copy -- --from <data dir | postgres://…> --to <data dir | postgres://…> [--force] [--files DIR] [--json]
// Copies a whole store — cases, process states, audit and submission logs, timers (in their cases),
// accounts, sessions, attachments, drafts, notifications — between the embedded store and PostgreSQL
// (either way), verifying every audit chain before and after and counting what it moved. All or
// nothing: a PostgreSQL target is written in one transaction, a data directory is built beside the
// target and renamed into place. A target holding data is refused unless --force (README, "Moving
// and keeping data"). Exit 0 done; 1 refused or failed (nothing written); 2 bad arguments.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { runningServer } from '../store/data-dir-marker.js';
import { copyStore } from '../transfer/copy-store.js';
import { openReader, parsePlace, sameStore, targetOf } from '../transfer/places.js';
import { TransferError } from '../transfer/transfer-error.js';
import { progressLine } from './progress-line.js';
import { fail, reportLines } from './transfer-output.js';

const USAGE = 'npm run store:copy -- --from ./data --to postgres://user@host:5432/db [--force] [--files DIR]';

try {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        files: { type: 'string' },
        force: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
      allowPositionals: false,
    });
  } catch (error) {
    throw new TransferError('arguments', `参数有误：${(error as Error).message}；用法 / usage: ${USAGE}`);
  }
  const { values } = parsed;
  const from = parsePlace(values.from, '--from');
  const to = parsePlace(values.to, '--to');
  if (sameStore(from, to))
    throw new TransferError('arguments', '--from 与 --to 是同一个存储 / --from and --to are the same store');
  const files = values.files === undefined ? undefined : resolve(values.files);
  // A data directory's attachment bytes are in it; PostgreSQL's are in its server's DATA_DIR (--files).
  const fromFiles = from.kind === 'lowdb' ? from.dir : files;
  const toFiles = to.kind === 'lowdb' ? undefined : files;
  if (from.kind === 'lowdb' && runningServer(from.dir) !== undefined) {
    process.stderr.write(
      `注意：${from.dir} 上有服务器在运行，复制之后的修改不会出现在目标中 / note: a server is running on ${from.dir}; changes after this copy are not in the target\n`,
    );
  }
  const reader = await openReader(from);
  try {
    const report = await copyStore({
      from: reader,
      fromFiles,
      to: targetOf(to, toFiles),
      force: values.force,
      onProgress: progressLine(),
    });
    if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else process.stdout.write(`${reportLines('已复制 / copied', report).join('\n')}\n`);
  } finally {
    await reader.close();
  }
  process.exit(0);
} catch (error) {
  fail(error);
}
