import { parsePeriod } from '../../legal-time/pure.js';
import { ARTICLE_CITATION_PATTERN, DATE_PROPERTIES, kebabCase, PROPERTY, PROPERTY_NAMES } from '../conventions.js';
import type { DateSpec, NodeSpec, ProcessModel } from '../process-model.js';
import type { FileProblems } from '../problems.js';
import { anyoneGroup } from '../subject-region.js';
import type { FormSchema, Manifest, Rules } from '../types.js';

export interface ProcessCheckInput {
  model: ProcessModel;
  manifest: Manifest | undefined;
  rules: Rules | undefined;
  forms: ReadonlyMap<string, FormSchema>;
  /** Every form with a file, read or not: one that is there but broken is said at its file, not as missing. */
  formFiles: ReadonlySet<string>;
  problems: FileProblems;
}

const TIMER_HOSTS = new Set(['bpmn:IntermediateCatchEvent', 'bpmn:BoundaryEvent']);

/** Property names, statuses and reasons on every flow node. */
function checkNodeProperties(node: NodeSpec, input: ProcessCheckInput): void {
  const { manifest, problems } = input;
  const element = node.id;
  for (const name of node.duplicateProperties) {
    problems.error('duplicate-property', `property "${name}" is given twice`, { element });
  }
  for (const name of node.properties.keys()) {
    if (!PROPERTY_NAMES.has(name)) {
      problems.error('unknown-property', `unknown property "${name}" (known: ${[...PROPERTY_NAMES].join(', ')})`, {
        element,
      });
    }
  }
  if (node.status !== undefined && manifest !== undefined) {
    const declared = manifest.statuses[node.status];
    if (declared === undefined) {
      problems.error('unknown-status', `status "${node.status}" is not declared in manifest.json statuses`, { element });
    } else if (node.isEnd && declared.final !== true) {
      problems.error('status-final', `end event carries status "${node.status}", which is not final`, { element });
    } else if (!node.isEnd && declared.final === true) {
      problems.error('status-final', `final status "${node.status}" on an element that is not an end event`, {
        element,
      });
    }
  }
  if (node.properties.has(PROPERTY.reason) && (!node.isEnd || node.status === undefined)) {
    problems.error('misplaced-property', 'a reason belongs on an end event with a final status', { element });
  }
  const messageOnly = [PROPERTY.candidateGroups, PROPERTY.formKey].filter((name) => node.properties.has(name));
  const catchesMessage = input.model.messageCatches.some((catcher) => catcher.elementId === node.id);
  if (messageOnly.length > 0 && !catchesMessage) {
    problems.error('misplaced-property', `${messageOnly.join(', ')} as a property belongs on a message catch event`, {
      element,
    });
  }
}

/** A timer or a computed date: a rule that is a period, known date names, a consistent direction. */
function checkDate(date: DateSpec, node: NodeSpec, input: ProcessCheckInput): void {
  const { manifest, rules, problems } = input;
  const element = date.elementId;
  for (const { property, value } of date.invalid) {
    problems.error('date-property', `property ${property}="${value}" is not one of the allowed values`, { element });
  }
  if (date.literal !== undefined) {
    problems.error('literal-period', `timer has a literal period (${date.literal}): name a rule with "rule" instead`, {
      element,
    });
  }
  if (date.isTimer && !TIMER_HOSTS.has(node.type)) {
    problems.error('timer-host', 'timers run on intermediate catch events and boundary events only', { element });
  }
  if (date.isTimer && date.rule === undefined) {
    problems.error('timer-without-rule', 'timer names no rule: add a "rule" property naming a rule of rules.json', {
      element,
    });
  }
  if (!date.isTimer) {
    for (const name of node.properties.keys()) {
      if (DATE_PROPERTIES.has(name) && name !== PROPERTY.due && !node.properties.has(PROPERTY.due)) {
        problems.error('misplaced-property', `"${name}" needs "due" on an element that is not a timer`, { element });
      }
    }
    if (date.cycle) problems.error('date-property', 'cycle applies to timers only', { element });
  }
  for (const [property, name] of [
    [PROPERTY.due, date.due],
    [PROPERTY.from, date.from],
  ] as const) {
    if (name !== undefined && manifest !== undefined && manifest.dates[name] === undefined) {
      problems.error('unknown-date', `${property}="${name}" is not declared in manifest.json dates`, { element });
    }
  }
  if (date.rule === undefined) {
    if (date.from !== undefined || date.direction === 'before' || date.cycle) {
      problems.error('date-property', 'from/direction/cycle count a period: name its rule', { element });
    }
    return;
  }
  const rule = rules?.[date.rule];
  if (rules !== undefined && rule === undefined) {
    problems.error('unknown-rule', `rule "${date.rule}" is not in rules.json`, { element });
    return;
  }
  if (rule === undefined) return;
  if (Array.isArray(rule.value)) {
    problems.error('rule-not-period', `rule "${date.rule}" is a list, not a period`, { element, article: rule.article });
    return;
  }
  let kind: string;
  try {
    kind = parsePeriod(rule.value).kind;
  } catch (error) {
    problems.error('rule-not-period', `rule "${date.rule}": ${(error as Error).message}`, { element, article: rule.article });
    return;
  }
  if (kind === 'working-days' && (date.direction === 'before' || date.cycle)) {
    problems.error('date-property', `working-day rule "${date.rule}" can only count forward, once`, {
      element,
      article: rule.article,
    });
  }
  if ((date.direction === 'before' || date.cycle) && date.from === undefined) {
    problems.error('date-property', 'counting before a date or in cycles needs "from"', { element });
  }
}

/** User tasks: a form, known groups, scopes a group can be checked against, an article. */
function checkUserTasks(input: ProcessCheckInput): void {
  const { model, manifest, formFiles, problems } = input;
  const byTaskId = new Map<string, { formKey?: string; groups: string }>();
  for (const task of model.userTasks) {
    const element = task.elementId;
    if (task.formKey === undefined) {
      problems.error('task-form', 'user task has no camunda:formKey', { element });
    } else if (!formFiles.has(task.formKey)) {
      problems.error('unknown-form', `form "${task.formKey}" has no forms/${task.formKey}.schema.json`, { element });
    }
    if (task.candidateGroups.length === 0) {
      problems.error('task-group', 'user task has no camunda:candidateGroups', { element });
    }
    for (const group of task.candidateGroups) {
      const declared = manifest?.groups[group];
      if (manifest !== undefined && declared === undefined) {
        problems.error('unknown-group', `candidate group "${group}" is not declared in manifest.json groups`, { element });
      } else if (declared?.scope === 'element' && task.multiInstance?.collection === undefined) {
        problems.error('task-scope', `group "${group}" is scoped per element: the task must be multi-instance over a collection`, {
          element,
        });
      }
    }
    if (!ARTICLE_CITATION_PATTERN.test(model.nodes.get(element)?.documentation ?? '')) {
      problems.warning('task-article', 'user task documentation cites no article (Art. N)', { element });
    }
    const seen = byTaskId.get(task.taskId);
    const groups = task.candidateGroups.join(',');
    if (seen !== undefined && (seen.formKey !== task.formKey || seen.groups !== groups)) {
      problems.error('task-consistency', `elements of task "${task.taskId}" differ in form or candidate groups`, {
        element,
      });
    }
    byTaskId.set(task.taskId, { ...(task.formKey !== undefined && { formKey: task.formKey }), groups });
  }
}

/** Messages: named, unique, caught with a sender group and a form named after the message. */
function checkMessages(input: ProcessCheckInput): void {
  const { model, manifest, formFiles, problems } = input;
  const names = new Set<string>();
  for (const message of model.messages) {
    if (message.name === '') problems.error('message-name', 'message has no name', { element: message.id });
    else if (names.has(message.name)) problems.error('message-name', `message name "${message.name}" is used twice`, { element: message.id });
    names.add(message.name);
  }
  for (const catcher of model.messageCatches) {
    const element = catcher.elementId;
    if (catcher.messageName === undefined || catcher.messageName === '') {
      problems.error('message-name', 'message catch event refers to no named <message>', { element });
      continue;
    }
    if (catcher.candidateGroups.length === 0) {
      problems.error('message-sender', 'message catch event has no candidateGroups property: nobody may send it', {
        element,
      });
    }
    const anyone = manifest === undefined ? undefined : anyoneGroup(manifest);
    if (manifest !== undefined && anyone !== undefined && catcher.candidateGroups.includes(anyone) && manifest.publicSubmissionReaders === undefined) {
      problems.error('public-readers', 'anyone may send this message: manifest.json must declare publicSubmissionReaders', {
        element,
      });
    }
    for (const group of catcher.candidateGroups) {
      if (manifest !== undefined && manifest.groups[group] === undefined) {
        problems.error('unknown-group', `candidate group "${group}" is not declared in manifest.json groups`, { element });
      }
    }
    if (catcher.formKey === undefined) {
      problems.error('message-form', 'message catch event has no formKey property', { element });
    } else if (!formFiles.has(catcher.formKey)) {
      problems.error('unknown-form', `form "${catcher.formKey}" has no forms/${catcher.formKey}.schema.json`, { element });
    } else if (catcher.formKey !== kebabCase(catcher.messageName)) {
      problems.warning('message-form', `message forms are named after the message: expected "${kebabCase(catcher.messageName)}"`, {
        element,
      });
    }
  }
  checkPublicNotice(input);
}

/** `publicNotice.message` is a message the diagram lets the `anyone` group send. */
function checkPublicNotice({ model, manifest, problems }: ProcessCheckInput): void {
  const notice = manifest?.publicNotice;
  if (manifest === undefined || notice === undefined) return;
  const anyone = anyoneGroup(manifest);
  const offered = model.messageCatches.some(
    (catcher) =>
      catcher.messageName === notice.message && anyone !== undefined && catcher.candidateGroups.includes(anyone),
  );
  if (!offered) {
    // A warning (the validator fails on it too): the notices page would offer nothing for this process.
    problems.warning(
      'public-notice',
      `manifest.json publicNotice offers message "${notice.message}", but no message catch event lets ${
        anyone === undefined ? 'anyone (no group is declared "anyone": true)' : `group "${anyone}"`
      } send it`,
    );
  }
}

/** Every declaration of CONTRACT §8 on the diagram refers to something that exists. */
export function checkProcessDeclarations(input: ProcessCheckInput): void {
  const { model, manifest, problems } = input;
  for (const node of model.nodes.values()) checkNodeProperties(node, input);
  for (const date of model.dates) {
    const node = model.nodes.get(date.elementId);
    if (node !== undefined) checkDate(date, node, input);
  }
  checkUserTasks(input);
  checkMessages(input);
  if (manifest !== undefined) {
    const used = new Set([...model.nodes.values()].map((node) => node.status));
    for (const [name, status] of Object.entries(manifest.statuses)) {
      if (!used.has(name)) {
        problems.warning('unused-status', `status "${name}" is declared but no element sets it`, {
          ...(status.article !== undefined && { article: status.article }),
        });
      }
    }
  }
}
