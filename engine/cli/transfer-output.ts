import { parseArgs } from 'node:util';
import type { CopyReport } from '../transfer/copy-store.js';
import { parsePlace } from '../transfer/places.js';
import { isTransferError, TransferError } from '../transfer/transfer-error.js';

/** The counts of a copy, backup or restore, one line per kind, Chinese then English. */
export function reportLines(title: string, report: CopyReport): string[] {
  const c = report.counts;
  const named = new Set(['cases', 'states', 'attachments', 'users', 'sessions', 'drafts']);
  const others = Object.entries(c.documents)
    .filter(([name, n]) => !named.has(name) && n > 0)
    .map(([name, n]) => `${name} ${n}`);
  const otherLogs = Object.entries(c.logEntries)
    .filter(([name, n]) => name !== 'audit' && name !== 'submissions' && n > 0)
    .map(([name, n]) => `${name} ${n}`);
  return [
    `${title}: ${report.from} → ${report.to}`,
    `  案件 / cases: ${c.cases}（流程状态 / process states: ${c.documents.states ?? 0}）`,
    `  运行中的定时器 / running timers: ${c.timers}`,
    `  审计条目 / audit entries: ${c.auditEntries}（审计链均已校验 / audit chains verified: ${c.chains}）`,
    `  提交记录 / submissions: ${c.submissions}`,
    `  附件 / attachments: ${c.attachments}（文件 / files: ${c.attachmentFiles}）`,
    `  账号 / accounts: ${c.users}，会话 / sessions: ${c.sessions}，设计草稿 / drafts: ${c.drafts}`,
    ...(others.length > 0 ? [`  其他文档 / other documents: ${others.join(', ')}`] : []),
    ...(otherLogs.length > 0 ? [`  其他日志条目 / other log entries: ${otherLogs.join(', ')}`] : []),
    `  略过 / left out: ${c.skipped.staleStates} 个已被取代的流程状态 / superseded process states, ${c.skipped.orphanLogs} 个无案件记录的日志 / logs without a case record, ${c.skipped.sweptAttachments} 个复制期间被清理的上传 / uploads swept during the copy`,
    ...report.notes.map((note) => `  注意 / note: ${note}`),
  ];
}

/** Prints why it stopped and exits: 2 for bad arguments, 1 for everything else. Never a stack trace. */
export function fail(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`\n错误 / error: ${message}\n目标未被修改 / the target was not changed.\n`);
  process.exit(isTransferError(error, 'arguments') ? 2 : 1);
}

/** `npm run backup` and `npm run restore`: both move one data directory to another, with the same options. */
export async function dataDirCommand(command: {
  name: 'backup' | 'restore';
  usage: string;
  /** Which option defaults to DATA_DIR (else ./data): backup reads it, restore writes it. */
  dataDirOption: 'from' | 'to';
  title: string;
  run: (options: { from: string; to: string; force: boolean }) => Promise<CopyReport>;
}): Promise<never> {
  try {
    const dataDir = process.env.DATA_DIR ?? 'data';
    let values;
    try {
      values = parseArgs({
        options: {
          from: { type: 'string', ...(command.dataDirOption === 'from' && { default: dataDir }) },
          to: { type: 'string', ...(command.dataDirOption === 'to' && { default: dataDir }) },
          force: { type: 'boolean', default: false },
          json: { type: 'boolean', default: false },
        },
      }).values;
    } catch (error) {
      throw new TransferError('arguments', `参数有误：${(error as Error).message}；用法 / usage: ${command.usage}`);
    }
    const from = parsePlace(values.from, '--from');
    const to = parsePlace(values.to, '--to');
    if (from.kind !== 'lowdb' || to.kind !== 'lowdb') {
      throw new TransferError(
        'arguments',
        `${command.name} 只用于内置存储（数据目录）；PostgreSQL 请用 pg_dump / pg_restore（见 README）/ ${command.name} is for the embedded store; for PostgreSQL use pg_dump / pg_restore (README)`,
      );
    }
    const report = await command.run({ from: from.dir, to: to.dir, force: values.force });
    if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else process.stdout.write(`${reportLines(command.title, report).join('\n')}\n`);
    process.exit(0);
  } catch (error) {
    fail(error);
  }
}
