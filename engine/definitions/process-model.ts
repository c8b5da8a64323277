import { DUE_IS, DIRECTIONS, PROPERTY, taskIdOf, type Direction, type DueIs } from './conventions.js';
import {
  camundaOutputs,
  camundaProperties,
  child,
  documentation,
  is,
  list,
  text,
  type ModdleElement,
} from './moddle.js';

/**
 * What the engine reads from a process diagram, independent of bpmn-engine: the programme's
 * declarations (CONTRACT §8) attached to the element ids that carry them. Built once per version;
 * the validator checks it and the engine runs on it.
 */
export interface ProcessModel {
  processId: string;
  /** Every flow node, by id (sub-process children included). */
  nodes: ReadonlyMap<string, NodeSpec>;
  userTasks: readonly UserTaskSpec[];
  /** Timer events and every other element that computes a named date. */
  dates: readonly DateSpec[];
  messageCatches: readonly MessageCatchSpec[];
  conditions: readonly ConditionSpec[];
  outputs: readonly OutputSpec[];
  messages: readonly { id: string; name: string }[];
  /** Every sequence flow: id → source and target ids. */
  flows: ReadonlyMap<string, { source: string; target: string }>;
}

export interface NodeSpec {
  id: string;
  type: string;
  name?: string;
  /** The sub-process the node lives in, if any. */
  parent?: string;
  /** For boundary events: the activity they are attached to. */
  attachedTo?: string;
  properties: ReadonlyMap<string, string>;
  /** Property names given more than once (a problem). */
  duplicateProperties: readonly string[];
  documentation: string;
  status?: string;
  /** Types of the event definitions, e.g. `bpmn:TimerEventDefinition`. */
  eventDefinitions: readonly string[];
  /** An event sub-process. */
  triggeredByEvent: boolean;
  /** For boundary events: false when non-interrupting. */
  cancelActivity: boolean;
  isEnd: boolean;
  isTerminate: boolean;
  incoming: readonly string[];
  outgoing: readonly string[];
}

export interface UserTaskSpec {
  elementId: string;
  taskId: string;
  formKey?: string;
  candidateGroups: readonly string[];
  multiInstance?: { collection?: string; elementVariable?: string; cardinality?: string };
}

export interface DateSpec {
  elementId: string;
  isTimer: boolean;
  rule?: string;
  from?: string;
  direction: Direction;
  cycle: boolean;
  due?: string;
  dueIs: DueIs;
  /** Raw values of `direction`, `dueIs` and `cycle` when they are not one of the allowed words. */
  invalid: readonly { property: string; value: string }[];
  /** A timeDuration/timeDate/timeCycle written into the diagram (forbidden). */
  literal?: string;
}

export interface MessageCatchSpec {
  elementId: string;
  messageId?: string;
  messageName?: string;
  candidateGroups: readonly string[];
  formKey?: string;
}

export interface ConditionSpec {
  flowId: string;
  sourceId: string;
  targetId: string;
  language?: string;
  body: string;
  /** `xsi:type="bpmn:tFormalExpression"`: without it moddle drops the language. */
  formal: boolean;
}

export interface OutputSpec {
  elementId: string;
  name: string;
  expression: string;
}

const splitList = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

function ids(elements: ModdleElement[]): string[] {
  return elements.map((element) => element.id ?? '');
}

function nodeSpec(element: ModdleElement, parent: string | undefined): NodeSpec {
  const properties = new Map<string, string>();
  const duplicateProperties: string[] = [];
  for (const { name, value } of camundaProperties(element)) {
    if (properties.has(name)) duplicateProperties.push(name);
    properties.set(name, value);
  }
  const definitions = list(element, 'eventDefinitions');
  const isEnd = is(element, 'bpmn:EndEvent');
  const attachedTo = child(element, 'attachedToRef')?.id;
  return {
    id: element.id ?? '',
    type: element.$type,
    ...(element.name !== undefined && { name: element.name }),
    ...(parent !== undefined && { parent }),
    ...(attachedTo !== undefined && { attachedTo }),
    properties,
    duplicateProperties,
    documentation: documentation(element),
    eventDefinitions: definitions.map((definition) => definition.$type),
    triggeredByEvent: element.triggeredByEvent === true,
    cancelActivity: element.cancelActivity !== false,
    ...(properties.has(PROPERTY.status) && { status: properties.get(PROPERTY.status) }),
    isEnd,
    isTerminate: isEnd && definitions.some((definition) => is(definition, 'bpmn:TerminateEventDefinition')),
    incoming: ids(list(element, 'incoming')),
    outgoing: ids(list(element, 'outgoing')),
  };
}

function timerLiteral(definition: ModdleElement): string | undefined {
  for (const key of ['timeDuration', 'timeDate', 'timeCycle']) {
    const expression = child(definition, key);
    if (expression !== undefined) return `${key} ${text(expression, 'body') ?? ''}`.trim();
  }
  return undefined;
}

function dateSpec(node: NodeSpec, timer: ModdleElement | undefined): DateSpec | undefined {
  const get = (name: string) => node.properties.get(name);
  if (timer === undefined && get(PROPERTY.due) === undefined) return undefined;
  const invalid: { property: string; value: string }[] = [];
  const pick = <T extends string>(property: string, allowed: readonly T[], fallback: T): T => {
    const value = get(property);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    invalid.push({ property, value });
    return fallback;
  };
  const cycle = pick(PROPERTY.cycle, ['true', 'false'], 'false') === 'true';
  const literal = timer === undefined ? undefined : timerLiteral(timer);
  const rule = get(PROPERTY.rule);
  const from = get(PROPERTY.from);
  const due = get(PROPERTY.due);
  return {
    elementId: node.id,
    isTimer: timer !== undefined,
    ...(rule !== undefined && { rule }),
    ...(from !== undefined && { from }),
    direction: pick(PROPERTY.direction, DIRECTIONS, 'after'),
    cycle,
    ...(due !== undefined && { due }),
    dueIs: pick(PROPERTY.dueIs, DUE_IS, 'lastDay'),
    invalid,
    ...(literal !== undefined && { literal }),
  };
}

function userTaskSpec(element: ModdleElement): UserTaskSpec {
  const id = element.id ?? '';
  const loop = child(element, 'loopCharacteristics');
  const formKey = text(element, 'formKey');
  let multiInstance: UserTaskSpec['multiInstance'];
  if (loop !== undefined && is(loop, 'bpmn:MultiInstanceLoopCharacteristics')) {
    const collection = text(loop, 'collection');
    const elementVariable = text(loop, 'elementVariable');
    const cardinality = text(child(loop, 'loopCardinality'), 'body');
    multiInstance = {
      ...(collection !== undefined && { collection }),
      ...(elementVariable !== undefined && { elementVariable }),
      ...(cardinality !== undefined && { cardinality }),
    };
  }
  return {
    elementId: id,
    taskId: taskIdOf(id),
    ...(formKey !== undefined && { formKey }),
    candidateGroups: splitList(text(element, 'candidateGroups')),
    ...(multiInstance !== undefined && { multiInstance }),
  };
}

/** The process a version runs: the first executable one, else the first. */
function runProcess(rootElements: ModdleElement[]): ModdleElement | undefined {
  return (
    rootElements.find((root) => is(root, 'bpmn:Process') && root.isExecutable === true) ??
    rootElements.find((root) => is(root, 'bpmn:Process'))
  );
}

/**
 * The processes of a file other than the one a version runs, each by the pool (participant) that
 * draws it, else by its own id: a diagram drawn as several pools (one per authority, as another
 * modeller may) had only its first checked, while bpmn-engine runs every executable process of the
 * file with each case.
 */
export function otherProcesses(definitions: ModdleElement): { process: string; element: string }[] {
  const rootElements = list(definitions, 'rootElements');
  const run = runProcess(rootElements);
  const pools = rootElements
    .filter((root) => is(root, 'bpmn:Collaboration'))
    .flatMap((collaboration) => list(collaboration, 'participants'));
  return rootElements
    .filter((root) => is(root, 'bpmn:Process') && root !== run)
    .map((process) => ({
      process: process.id ?? '',
      element: pools.find((pool) => child(pool, 'processRef') === process)?.id ?? process.id ?? '',
    }));
}

/** Builds the model of the first executable process of parsed BPMN definitions. */
export function buildProcessModel(definitions: ModdleElement): ProcessModel | undefined {
  const rootElements = list(definitions, 'rootElements');
  const process = runProcess(rootElements);
  if (process === undefined) return undefined;

  const messages = rootElements
    .filter((root) => is(root, 'bpmn:Message'))
    .map((message) => ({ id: message.id ?? '', name: message.name ?? '' }));
  const nodes = new Map<string, NodeSpec>();
  const userTasks: UserTaskSpec[] = [];
  const dates: DateSpec[] = [];
  const messageCatches: MessageCatchSpec[] = [];
  const conditions: ConditionSpec[] = [];
  const outputs: OutputSpec[] = [];
  const flows = new Map<string, { source: string; target: string }>();

  const visit = (container: ModdleElement, parent: string | undefined): void => {
    for (const element of list(container, 'flowElements')) {
      if (is(element, 'bpmn:SequenceFlow')) {
        flows.set(element.id ?? '', {
          source: child(element, 'sourceRef')?.id ?? '',
          target: child(element, 'targetRef')?.id ?? '',
        });
        const expression = child(element, 'conditionExpression');
        if (expression !== undefined) {
          const language = text(expression, 'language');
          conditions.push({
            flowId: element.id ?? '',
            sourceId: child(element, 'sourceRef')?.id ?? '',
            targetId: child(element, 'targetRef')?.id ?? '',
            ...(language !== undefined && { language }),
            body: text(expression, 'body') ?? '',
            formal: is(expression, 'bpmn:FormalExpression'),
          });
        }
        continue;
      }
      if (!element.$instanceOf('bpmn:FlowNode')) continue; // data objects and other non-nodes
      const node = nodeSpec(element, parent);
      nodes.set(node.id, node);
      for (const output of camundaOutputs(element)) {
        outputs.push({ elementId: node.id, name: output.name, expression: output.value });
      }
      if (is(element, 'bpmn:UserTask')) userTasks.push(userTaskSpec(element));
      const definitionsOfEvent = list(element, 'eventDefinitions');
      const timer = definitionsOfEvent.find((definition) => is(definition, 'bpmn:TimerEventDefinition'));
      const date = dateSpec(node, timer);
      if (date !== undefined) dates.push(date);
      const message = definitionsOfEvent.find((definition) => is(definition, 'bpmn:MessageEventDefinition'));
      if (message !== undefined && !is(element, 'bpmn:EndEvent') && !is(element, 'bpmn:IntermediateThrowEvent')) {
        const ref = child(message, 'messageRef');
        const formKey = node.properties.get(PROPERTY.formKey);
        messageCatches.push({
          elementId: node.id,
          ...(ref?.id !== undefined && { messageId: ref.id }),
          ...(ref?.name !== undefined && { messageName: ref.name }),
          candidateGroups: splitList(node.properties.get(PROPERTY.candidateGroups)),
          ...(formKey !== undefined && { formKey }),
        });
      }
      if (is(element, 'bpmn:SubProcess')) visit(element, node.id);
    }
  };
  visit(process, undefined);

  return {
    processId: process.id ?? '',
    nodes,
    userTasks,
    dates,
    messageCatches,
    conditions,
    outputs,
    messages,
    flows,
  };
}
