import { EngineError, compareDates, freeTextProblem, isLocalDate, type RevisionBasis } from '../../engine/index.js';
import { SAY } from '../messages.js';
import { REQUEST_BODIES } from '../openapi-requests.js';
import { onlyFieldsOf } from '../request-context.js';

/**
 * A publication waiting for a second person (issue 12, item 6: four-eyes). Until it is approved no
 * version directory exists, so the revision cannot be in force; approval writes it.
 */
export interface PendingPublication {
  version: string;
  effectiveFrom: string;
  revision: RevisionBasis;
  requestedBy: string;
  /** The requester's display name when they asked, for people (requestedBy stays the account). */
  requestedByName?: string;
  requestedAt: string;
}

/**
 * The last refusal of a draft's publication (the draft is editable again), with what was asked: the
 * requester's form comes back as they sent it. `effectiveFrom` and `revision` are absent from a
 * refusal stored before they were kept (December 2026).
 */
export interface PublicationRefusal {
  version: string;
  effectiveFrom?: string;
  revision?: RevisionBasis;
  refusedBy: string;
  /** The refuser's display name then, for people (refusedBy stays the account). */
  refusedByName?: string;
  refusedAt: string;
  reason: string;
}

const MAX_TEXT = 300;

/** `label` is the field's Chinese title, `english` its English one. */
function requiredText(value: unknown, field: string, label: string, english: string): string {
  if (typeof value !== 'string') throw new EngineError('validation', SAY.fillIn(label, english), { field });
  const problem = freeTextProblem(value, label);
  if (problem !== undefined) throw new EngineError('validation', problem, { field });
  if (value.length > MAX_TEXT)
    throw new EngineError('validation', SAY.textTooLong(label, english, MAX_TEXT), { field });
  return value.trim();
}

/**
 * The revision's basis as the publisher entered it (all four parts required: a version that cites
 * no document for its change cannot be traced to the measures that ordered it).
 */
export function parseRevisionBasis(value: unknown, effectiveFrom: string): RevisionBasis {
  const basis = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  onlyFieldsOf(basis, REQUEST_BODIES.RevisionBasis, 'revision');
  const title = requiredText(basis.title, 'revision.title', '修订依据名称', 'the revision’s basis');
  const documentNumber = requiredText(basis.documentNumber, 'revision.documentNumber', '文号', 'the document number');
  const issuedOn = requiredText(basis.issuedOn, 'revision.issuedOn', '印发日期', 'the issue date');
  if (!isLocalDate(issuedOn))
    throw new EngineError('validation', SAY.dateForm('印发日期', 'The issue date', issuedOn), {
      field: 'revision.issuedOn',
    });
  if (compareDates(issuedOn, effectiveFrom) > 0)
    throw new EngineError('validation', SAY.issuedAfterEffective(effectiveFrom), {
      field: 'revision.issuedOn',
    });
  const url = requiredText(basis.url, 'revision.url', '发布网址', 'the web address');
  if (!/^https?:\/\/\S+$/.test(url)) throw new EngineError('validation', SAY.webAddress, { field: 'revision.url' });
  return { title, documentNumber, issuedOn, url };
}

/** The manifest's `basis` (CONTRACT §1: the legal source) of a revised version. */
export function basisText(revision: RevisionBasis): string {
  return `${revision.title}（${revision.documentNumber}，${revision.issuedOn}印发）`;
}

/** Four-eyes: the one who asked to publish may not approve it. */
export function requireSecondPerson(pending: PendingPublication, actor: string): void {
  if (pending.requestedBy === actor)
    throw new EngineError('forbidden', SAY.fourEyes, {
      requestedBy: pending.requestedBy,
    });
}

/** Only the one who asked to publish may withdraw the request; a second person refuses it instead. */
export function requireRequester(pending: PendingPublication, actor: string): void {
  if (pending.requestedBy !== actor)
    throw new EngineError('forbidden', SAY.onlyRequesterWithdraws(pending.requestedBy), {
      requestedBy: pending.requestedBy,
    });
}

/** A draft's title: what people call it in lists and headings instead of its id. */
export function draftTitle(value: unknown): string {
  const title = requiredText(value, 'title', '草稿名称', 'the draft’s name');
  if (title.length > 100) throw new EngineError('validation', SAY.draftTitleLong, { field: 'title' });
  return title;
}
