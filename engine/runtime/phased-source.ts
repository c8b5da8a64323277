import BpmnModdle, { type ModdleElement } from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import { phaseMembers, type ExecutionPhase } from '../definitions/execution-phases.js';
import type { ProcessModel } from '../definitions/process-model.js';

/** A moddle element whose properties this module rewrites. */
type Mutable = ModdleElement & Record<string, unknown>;

const items = (element: Mutable, property: string): Mutable[] => {
  const value = element[property];
  if (Array.isArray(value)) return value as Mutable[];
  const created: Mutable[] = [];
  element[property] = created;
  return created;
};

const replace = (list: Mutable[], from: Mutable, to: Mutable) => list.splice(list.indexOf(from), 1, to);

/**
 * The diagram as bpmn-engine runs it when the version names execution phases: each phase moved into
 * a sub-process of its own. Element and flow ids stay as drawn, so the case record, the task table and
 * the diagram page read the same ids; what is added has ids starting with the phase's sub-process id.
 *
 * A terminate end event inside a phase would only end the phase's sub-process, so it becomes an
 * error end event caught on the sub-process and ending the process there. bpmn-elements catches it
 * there only when the end is not reached during a signal (a task's completion): otherwise the phase
 * completes and its exit is taken. Either way the case ends at the end event as drawn, because the
 * transition ends it there (its status is final) and counts nothing the instance does after that
 * (cases/transition.ts); the state is not saved. The phases were checked when the version was
 * loaded (checkExecutionPhases).
 */
export async function phasedProcessXml(
  processXml: string,
  model: ProcessModel,
  phases: readonly ExecutionPhase[],
): Promise<string> {
  const moddle = new BpmnModdle({ camunda });
  const { rootElement } = await moddle.fromXML(processXml);
  const definitions = rootElement as Mutable;
  const process = items(definitions, 'rootElements').find((element) => element.$type === 'bpmn:Process');
  if (process === undefined) throw new Error('no <process> to divide into phases');
  const top = items(process, 'flowElements');
  const create = (type: string, attrs: Record<string, unknown>) => moddle.create(type, attrs) as Mutable;
  const flow = (id: string, source: Mutable, target: Mutable) => {
    const created = create('bpmn:SequenceFlow', { id, sourceRef: source, targetRef: target });
    items(source, 'outgoing').push(created);
    items(target, 'incoming').push(created);
    return created;
  };

  for (const phase of phases) {
    const { members } = phaseMembers(model, phase);
    const byId = new Map(top.map((element) => [element.id, element]));
    const sub = create('bpmn:SubProcess', { id: `executionPhase_${phase.name}`, name: phase.name });
    const inside = items(sub, 'flowElements');
    for (const element of [...top]) {
      const isFlow = element.$type === 'bpmn:SequenceFlow';
      const moves = isFlow
        ? members.has((element.sourceRef as Mutable).id as string) &&
          members.has((element.targetRef as Mutable).id as string)
        : members.has(element.id as string);
      if (moves) {
        top.splice(top.indexOf(element), 1);
        inside.push(element);
      }
    }
    top.push(sub);

    const entry = byId.get(phase.entry) as Mutable;
    const first = entry.targetRef as Mutable;
    const start = create('bpmn:StartEvent', { id: `${sub.id}_start` });
    inside.push(start);
    const enter = create('bpmn:SequenceFlow', { id: `${sub.id}_enter`, sourceRef: start, targetRef: first });
    items(start, 'outgoing').push(enter);
    replace(items(first, 'incoming'), entry, enter);
    inside.push(enter);
    entry.targetRef = sub;
    items(sub, 'incoming').push(entry);

    // The exit keeps its id outside (a parallel join after it counts it); inside, its condition and
    // its place as the gateway's default move to a new flow into the phase's end.
    const exit = phase.exit === undefined ? undefined : (byId.get(phase.exit) as Mutable);
    if (exit !== undefined) {
      const end = create('bpmn:EndEvent', { id: `${sub.id}_end` });
      inside.push(end);
      const last = exit.sourceRef as Mutable;
      const leave = create('bpmn:SequenceFlow', {
        id: `${sub.id}_leave`,
        sourceRef: last,
        targetRef: end,
        ...(exit.conditionExpression !== undefined && { conditionExpression: exit.conditionExpression }),
      });
      items(end, 'incoming').push(leave);
      replace(items(last, 'outgoing'), exit, leave);
      if (last.default === exit) last.default = leave;
      inside.push(leave);
      delete exit.conditionExpression;
      exit.sourceRef = sub;
      items(sub, 'outgoing').push(exit);
    } else {
      const done = create('bpmn:EndEvent', { id: `${sub.id}_done` });
      top.push(done, flow(`${sub.id}_to_done`, sub, done));
    }

    const terminates = inside.filter(
      (element) =>
        element.$type === 'bpmn:EndEvent' &&
        items(element, 'eventDefinitions').some((definition) => definition.$type === 'bpmn:TerminateEventDefinition'),
    );
    if (terminates.length > 0) {
      const error = create('bpmn:Error', { id: `${sub.id}_terminated`, name: `${phase.name} terminated` });
      items(definitions, 'rootElements').push(error);
      for (const element of terminates)
        element.eventDefinitions = [create('bpmn:ErrorEventDefinition', { errorRef: error })];
      const caught = create('bpmn:BoundaryEvent', {
        id: `${sub.id}_caught`,
        attachedToRef: sub,
        cancelActivity: true,
        eventDefinitions: [create('bpmn:ErrorEventDefinition', { errorRef: error })],
      });
      const terminate = create('bpmn:EndEvent', {
        id: `${sub.id}_terminate`,
        eventDefinitions: [create('bpmn:TerminateEventDefinition', {})],
      });
      top.push(caught, terminate, flow(`${sub.id}_to_terminate`, caught, terminate));
    }
  }
  // bpmn-engine reads no diagram interchange, and it is most of the file: parsing it again would
  // double what loading a version costs.
  delete definitions.diagrams;
  const { xml } = await moddle.toXML(definitions);
  return xml;
}
