import { verifyChain, type AuditEntry, type ChainProblem } from '../audit/audit-chain.js';
import type { CaseRecord, Submission } from '../cases/case-record.js';
import { englishCount } from '../english-count.js';
import type { StoreReader } from './store-reader.js';
import { TransferError } from './transfer-error.js';

/** The collections and logs that make up a case (engine/cases/case-repository.ts). */
export const CASES = 'cases';
export const STATES = 'states';
export const AUDIT = 'audit';
export const SUBMISSIONS = 'submissions';

/** The fields of a stored case record a copy relies on (whatever else it holds is copied as is). */
type StoredCase = Pick<CaseRecord, 'id' | 'revision' | 'stateRevision' | 'audit' | 'submissions'> & {
  timers?: unknown[];
};

/** One case as committed: its record, current process state, and the log entries the record counts. */
export interface CaseSnapshot {
  record: StoredCase;
  state: unknown;
  audit: AuditEntry[];
  submissions: Submission[];
}

/** Reads of a case's state repeated when a running server keeps moving it past the record read. */
const ATTEMPTS = 20;

/**
 * One case as of one of its commits, consistent even when read from a data directory a server is
 * writing. A commit appends log entries, writes a new state, writes the record (the commit point), then
 * deletes the superseded state. So, for a record read at any moment: the log entries it counts are
 * already there and never change (logs are only appended to; only entries beyond a record's counts are
 * ever cut off), and its state is there unless a later commit has since replaced it — then the record
 * is read again. Entries beyond the counts belong to a commit not yet made (or interrupted) and are
 * left out, exactly as the engine drops them on load. Undefined: there is no such case.
 */
export async function readCase(reader: StoreReader, id: string): Promise<CaseSnapshot | undefined> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const record = await sourceRead(reader, () => reader.get<StoredCase>(CASES, id));
    if (record === undefined) return undefined;
    const state =
      record.stateRevision > 0
        ? await sourceRead(reader, () => reader.get(STATES, `${id}.${record.stateRevision}`))
        : undefined;
    if (record.stateRevision > 0 && state === undefined) continue;
    const audit = (await sourceRead(reader, () => reader.readLog<AuditEntry>(AUDIT, id))).slice(0, record.audit.count);
    const submissions = (await sourceRead(reader, () => reader.readLog<Submission>(SUBMISSIONS, id))).slice(
      0,
      record.submissions,
    );
    return { record, state, audit, submissions };
  }
  throw new TransferError(
    'source-broken',
    `案件 ${id} 的流程状态缺失或读取期间不断被替换 / case ${id}: its process state is missing (or kept being replaced while read)`,
    { caseId: id },
  );
}

/** The chain problems of a case snapshot: its entries against the head its record holds. */
export function caseChainProblems(snapshot: CaseSnapshot): ChainProblem[] {
  const { count, head } = snapshot.record.audit;
  return verifyChain(snapshot.audit, { count, hash: head }).problems;
}

/** Throws `source-broken` naming the chain and its first problem. */
export function assertChain(where: string, log: string, id: string, problems: readonly ChainProblem[]): void {
  const [first] = problems;
  if (first === undefined) return;
  throw new TransferError(
    'source-broken',
    `${where} 的审计链 ${log}/${id} 校验失败：${first.message} / audit chain ${log}/${id} in ${where} does not verify (${englishCount(problems.length, 'problem')}); run npm run store:check`,
    { log, id, problems },
  );
}

/** A read from the source; a damaged file becomes `source-broken` naming it. */
export async function sourceRead<T>(reader: StoreReader, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'damaged') {
      throw new TransferError(
        'source-broken',
        `${reader.where} 中有损坏的数据文件：${error.message}；请先运行 npm run store:check / a data file is damaged: ${error.message}`,
        {},
        { cause: error },
      );
    }
    throw error;
  }
}
