import type { CopyReport } from '../transfer/copy-store.js';
import { isTransferError } from '../transfer/transfer-error.js';

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
    `  略过 / left out: ${c.skipped.staleStates} 个已被取代的流程状态 / superseded process states, ${c.skipped.orphanLogs} 个无案件记录的日志 / logs without a case record`,
    ...report.notes.map((note) => `  注意 / note: ${note}`),
  ];
}

/** Prints why it stopped and exits: 2 for bad arguments, 1 for everything else. Never a stack trace. */
export function fail(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`\n错误 / error: ${message}\n目标未被修改 / the target was not changed.\n`);
  process.exit(isTransferError(error, 'arguments') ? 2 : 1);
}
