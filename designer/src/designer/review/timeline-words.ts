import { useMemo } from 'react';
import type { Manifest } from '../../../../engine/definitions/types.js';
import type { DesignerText } from '../designer-i18n.js';
import { parseJson } from '../workspace.js';

/**
 * The names a simulation's timeline is told by (issue 12): a task's and a message's element names
 * from the diagram, a status's title from the manifest. Undefined where the draft declares none.
 */
export interface TimelineNames {
  task: (taskId: string) => string | undefined;
  message: (messageName: string) => string | undefined;
  status: (code: string) => string | undefined;
}

function parseXml(xml: string): Document | undefined {
  return xml.trim() === '' ? undefined : new DOMParser().parseFromString(xml, 'application/xml');
}

const nameOf = (node: Element | undefined) => node?.getAttribute('name')?.replace(/\s+/g, ' ').trim() || undefined;

/**
 * Task id → the name of its user task. A step that stands in several places is `<taskId>_<suffix>`
 * (CONTRACT §2); the first element of that task with a name speaks for all.
 */
export function taskNames(xml: string, doc = parseXml(xml)): Map<string, string> {
  const names = new Map<string, string>();
  for (const node of Array.from(doc?.getElementsByTagNameNS('*', 'userTask') ?? [])) {
    const id = node.getAttribute('id') ?? '';
    const cut = id.indexOf('_');
    const taskId = cut > 0 ? id.slice(0, cut) : id;
    const name = nameOf(node);
    if (name !== undefined && !names.has(taskId)) names.set(taskId, name);
  }
  return names;
}

/** Message name → the name of the first event that catches it (收到异议), else the message's own name. */
export function messageNames(xml: string, doc = parseXml(xml)): Map<string, string> {
  const byId = new Map<string, string>();
  for (const message of Array.from(doc?.getElementsByTagNameNS('*', 'message') ?? [])) {
    const name = message.getAttribute('name');
    if (name !== null) byId.set(message.getAttribute('id') ?? '', name);
  }
  const names = new Map<string, string>();
  for (const definition of Array.from(doc?.getElementsByTagNameNS('*', 'messageEventDefinition') ?? [])) {
    const message = byId.get(definition.getAttribute('messageRef') ?? '');
    const name = nameOf(definition.parentElement ?? undefined);
    if (message !== undefined && name !== undefined && !names.has(message)) names.set(message, name);
  }
  for (const message of byId.values()) if (!names.has(message)) names.set(message, message);
  return names;
}

/** `2025-04-02T00:00:00+08:00` → `2025-04-02 00:00` (a script writes its instants in China time). */
function instantWords(instant: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(instant);
  return match === null ? instant : `${match[1] ?? ''} ${match[2] ?? ''}`;
}

/**
 * The scenario runner's action (`complete provincialFeasibilityReview`, `advance P1Y`, `message
 * objection`) in the officer's words: 办结「省级可行性审核」, 时间推进 1 年, 收到「收到异议」.
 * `period` puts a duration in words; what the runner may add later stays as written.
 */
export function actionWords(
  d: DesignerText,
  names: TimelineNames,
  action: string,
  period: (duration: string) => string,
): string {
  const cut = action.indexOf(' ');
  const verb = cut < 0 ? action : action.slice(0, cut);
  const object = cut < 0 ? '' : action.slice(cut + 1);
  switch (verb) {
    case 'start':
      return d('actionStart');
    case 'complete':
      return d('actionComplete', { name: names.task(object) ?? object });
    case 'message':
      return d('actionMessage', { name: names.message(object) ?? object });
    case 'advance':
      return d('actionAdvance', { period: period(object) });
    case 'advanceTo':
      return d('actionAdvanceTo', { at: instantWords(object) });
    case 'restart':
      return d('actionRestart');
    case 'expect':
      return d('actionExpect');
    default:
      return action;
  }
}

/** The timeline's names from the draft as it is edited: its diagram and its manifest's statuses. */
export function useTimelineNames(xml: string, manifestText: string | undefined): TimelineNames {
  return useMemo(() => {
    const doc = parseXml(xml);
    const tasks = taskNames(xml, doc);
    const messages = messageNames(xml, doc);
    const statuses = parseJson<Manifest>(manifestText)?.statuses ?? {};
    return {
      task: (taskId) => tasks.get(taskId),
      message: (name) => messages.get(name),
      status: (code) => statuses[code]?.title,
    };
  }, [xml, manifestText]);
}
