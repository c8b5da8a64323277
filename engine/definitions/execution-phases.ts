import type { ProcessModel } from './process-model.js';

/**
 * A part of the top level of a diagram that bpmn-engine may run as a sub-process: entered by one
 * sequence flow and left by at most one. It changes nothing a case does; it changes what an instance
 * costs. bpmn-elements builds a sub-process's elements only while it runs, so a case waiting in one
 * phase does not build (on every recovery) the elements of all the others.
 */
export interface ExecutionPhase {
  name: string;
  /** The sequence flow into the phase. */
  entry: string;
  /** The sequence flow out of it (none: the phase ends the case). */
  exit?: string;
}

const FORKS = new Set(['bpmn:ParallelGateway', 'bpmn:InclusiveGateway', 'bpmn:ComplexGateway']);

/**
 * The flow nodes of a phase (what is reachable from its entry without taking its exit, with the
 * boundary events of those nodes), or why the phase is not one: a flow from outside into it other
 * than its entry, a flow out of it other than its exit, an element that cannot move into a
 * sub-process (a start event, a node already in a sub-process), or, in a phase with an exit, an end
 * event other than a terminate end or a second path.
 */
export function phaseMembers(model: ProcessModel, phase: ExecutionPhase): { members: Set<string>; problems: string[] } {
  const members = new Set<string>();
  const problems: string[] = [];
  const entry = model.flows.get(phase.entry);
  if (entry === undefined) return { members, problems: [`entry ${phase.entry} is not a sequence flow`] };
  if (phase.exit !== undefined && !model.flows.has(phase.exit))
    return { members, problems: [`exit ${phase.exit} is not a sequence flow`] };

  const queue = [entry.target];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    if (members.has(id)) continue;
    members.add(id);
    const node = model.nodes.get(id);
    for (const flow of node?.outgoing ?? []) {
      if (flow !== phase.exit) queue.push(model.flows.get(flow)?.target as string);
    }
    for (const boundary of model.nodes.values()) if (boundary.attachedTo === id) queue.push(boundary.id);
  }

  for (const id of members) {
    const node = model.nodes.get(id);
    if (node === undefined) continue;
    if (node.parent !== undefined) problems.push(`${id} is inside sub-process ${node.parent}`);
    if (node.type === 'bpmn:StartEvent') problems.push(`${id} is a start event of the process`);
    if (node.attachedTo !== undefined && !members.has(node.attachedTo))
      problems.push(`${id} is attached to ${node.attachedTo}, outside the phase`);
    for (const flow of node.incoming) {
      const source = model.flows.get(flow)?.source;
      if (flow !== phase.entry && source !== undefined && !members.has(source))
        problems.push(`${flow} enters the phase from ${source}, not through its entry`);
    }
  }
  if (phase.exit !== undefined) {
    const exit = model.flows.get(phase.exit);
    if (exit !== undefined && !members.has(exit.source)) problems.push(`exit ${phase.exit} does not leave the phase`);
    // A phase with an exit leaves through it when its sub-process completes. A plain end event would
    // complete it too, and the case would go on through the exit; a second path would hold the exit
    // back until it ended as well.
    for (const id of members) {
      const node = model.nodes.get(id);
      if (node === undefined) continue;
      if (node.isEnd && !node.isTerminate)
        problems.push(`${id} is an end event that is not a terminate end: it would leave the phase through its exit`);
      if (FORKS.has(node.type) || (node.attachedTo !== undefined && !node.cancelActivity))
        problems.push(`${id} starts a second path, and a phase with an exit runs one path at a time`);
    }
  }
  return { members, problems };
}
