import { jsonPlace, type ReadPlace } from './json-place.js';
import { jsonReadFailure } from './json-syntax.js';
import { bpmnReadPlace, bpmnReadReason, parseBpmn } from './moddle.js';
import type { Problem } from './problems.js';

/** What a file that cannot be read at all was meant to be. */
export type UnreadableKind = 'json' | 'bpmn';

/** Why a version file cannot be read at all, in English and without quoting it, and the validator's problem for it. */
export interface Unreadable {
  kind: UnreadableKind;
  reason: string;
  /** Where the reader stopped, for a message in any language; the reason alone when it names no place. */
  place?: ReadPlace;
  problem: Problem;
}

/** The validator's sentence for a file that cannot be read at all: it names the file, never quotes it. */
export function unreadableMessage(name: string, kind: UnreadableKind, reason: string): string {
  return `${name} is not ${kind === 'json' ? 'valid JSON' : 'readable BPMN XML'}: ${reason}`;
}

/** A version file (`path` within its version) that cannot be read, with the validator's `json-syntax` or `bpmn-parse` problem. */
export function unreadableFile(file: string, kind: UnreadableKind, reason: string, place?: ReadPlace): Unreadable {
  const message = unreadableMessage(file, kind, reason);
  const problem: Problem =
    kind === 'json'
      ? { severity: 'error', check: 'json-syntax', file, pointer: '', message }
      : { severity: 'error', check: 'bpmn-parse', file, message };
  return { kind, reason, ...(place !== undefined && { place }), problem };
}

/**
 * Whether a version file can be read at all: JSON that parses, a diagram moddle reads. Nothing about
 * its content: a file that reads but breaks a rule is an edit in progress, for the validator to report.
 */
export async function unreadable(path: string, text: string): Promise<Unreadable | undefined> {
  if (path.endsWith('.json')) {
    const reason = jsonReadFailure(text);
    return reason === undefined ? undefined : unreadableFile(path, 'json', reason, jsonPlace(text));
  }
  if (!path.endsWith('.bpmn')) return undefined;
  try {
    await parseBpmn(text);
    return undefined;
  } catch (error) {
    return unreadableFile(path, 'bpmn', bpmnReadReason(error), bpmnReadPlace(error));
  }
}
