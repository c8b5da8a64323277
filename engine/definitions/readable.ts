import { jsonSyntaxReason } from './checks/json.js';
import { bpmnReadReason, parseBpmn } from './moddle.js';

/** What a file that cannot be read at all was meant to be. */
export type UnreadableKind = 'json' | 'bpmn';

/** Why a version file cannot be read at all, in English and without quoting it. */
export interface Unreadable {
  kind: UnreadableKind;
  reason: string;
}

/**
 * Whether a version file can be read at all: JSON that parses, a diagram moddle reads (the reading
 * the validator's `json-syntax` and `bpmn-parse` report). Nothing about its content: a file that reads
 * but breaks a rule is an edit in progress, for the validator to report.
 */
export async function unreadable(path: string, text: string): Promise<Unreadable | undefined> {
  try {
    if (path.endsWith('.json')) JSON.parse(text);
    else if (path.endsWith('.bpmn')) await parseBpmn(text);
    return undefined;
  } catch (error) {
    return path.endsWith('.json')
      ? { kind: 'json', reason: jsonSyntaxReason(error) }
      : { kind: 'bpmn', reason: bpmnReadReason(error) };
  }
}
