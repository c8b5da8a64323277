import { EngineError, compareDates, freeTextProblem, isLocalDate, type RevisionBasis } from '../../engine/index.js';

/**
 * A publication waiting for a second person (issue 12, item 6: four-eyes). Until it is approved no
 * version directory exists, so the revision cannot be in force; approval writes it.
 */
export interface PendingPublication {
  version: string;
  effectiveFrom: string;
  revision: RevisionBasis;
  requestedBy: string;
  requestedAt: string;
}

/** The last refusal of a draft's publication (the draft is editable again). */
export interface PublicationRefusal {
  version: string;
  refusedBy: string;
  refusedAt: string;
  reason: string;
}

const MAX_TEXT = 300;

function requiredText(value: unknown, field: string, label: string): string {
  if (typeof value !== 'string') throw new EngineError('validation', `请填写「${label}」`, { field });
  const problem = freeTextProblem(value, label);
  if (problem !== undefined) throw new EngineError('validation', problem, { field });
  if (value.length > MAX_TEXT) throw new EngineError('validation', `「${label}」不能超过 ${MAX_TEXT} 个字`, { field });
  return value.trim();
}

/**
 * The revision's basis as the publisher entered it (all four parts required: a version that cites
 * no document for its change cannot be traced to the measures that ordered it).
 */
export function parseRevisionBasis(value: unknown, effectiveFrom: string): RevisionBasis {
  const basis = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const title = requiredText(basis.title, 'revision.title', '修订依据名称');
  const documentNumber = requiredText(basis.documentNumber, 'revision.documentNumber', '文号');
  const issuedOn = requiredText(basis.issuedOn, 'revision.issuedOn', '印发日期');
  if (!isLocalDate(issuedOn))
    throw new EngineError('validation', '「印发日期」应为 YYYY-MM-DD', { field: 'revision.issuedOn' });
  if (compareDates(issuedOn, effectiveFrom) > 0)
    throw new EngineError('validation', `「印发日期」不能晚于生效日期（${effectiveFrom}）`, {
      field: 'revision.issuedOn',
    });
  const url = requiredText(basis.url, 'revision.url', '发布网址');
  if (!/^https?:\/\/\S+$/.test(url))
    throw new EngineError('validation', '「发布网址」应以 http:// 或 https:// 开头', { field: 'revision.url' });
  return { title, documentNumber, issuedOn, url };
}

/** The manifest's `basis` (CONTRACT §1: the legal source) of a revised version. */
export function basisText(revision: RevisionBasis): string {
  return `${revision.title}（${revision.documentNumber}，${revision.issuedOn}印发）`;
}

/** Four-eyes: the one who asked to publish may not approve it. */
export function requireSecondPerson(pending: PendingPublication, actor: string): void {
  if (pending.requestedBy === actor)
    throw new EngineError('forbidden', '不能批准自己提交的发布申请：须由另一位政策管理人员或管理员批准（四眼原则）', {
      requestedBy: pending.requestedBy,
    });
}

/** Only the one who asked to publish may withdraw the request; a second person refuses it instead. */
export function requireRequester(pending: PendingPublication, actor: string): void {
  if (pending.requestedBy !== actor)
    throw new EngineError(
      'forbidden',
      `只有申请人（${pending.requestedBy}）可以撤回发布申请；其他人可以退回并说明理由`,
      {
        requestedBy: pending.requestedBy,
      },
    );
}

/** A draft's title: what people call it in lists and headings instead of its id. */
export function draftTitle(value: unknown): string {
  const title = requiredText(value, 'title', '草稿名称');
  if (title.length > 100) throw new EngineError('validation', '「草稿名称」不能超过 100 个字', { field: 'title' });
  return title;
}
