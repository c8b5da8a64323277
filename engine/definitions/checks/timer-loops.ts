import type { NodeSpec, ProcessModel } from '../process-model.js';
import type { FileProblems } from '../problems.js';

/**
 * Where a timer is armed: the event-based gateway it waits behind, or the activity it is attached
 * to. A plain intermediate timer is armed by the token reaching it and cancelled by nothing but its
 * own firing, so coming round to it again starts a new period by design.
 */
function armingNode(model: ProcessModel, timer: NodeSpec): NodeSpec | undefined {
  if (timer.attachedTo !== undefined) return model.nodes.get(timer.attachedTo);
  for (const flow of timer.incoming) {
    const source = model.nodes.get(model.flows.get(flow)?.source ?? '');
    if (source?.type === 'bpmn:EventBasedGateway') return source;
  }
  return undefined;
}

/** True when the token can leave `start` and come back to it without passing through `avoid`. */
function loopsBack(model: ProcessModel, start: NodeSpec, avoid: string): boolean {
  const attached = new Map<string, string[]>();
  for (const node of model.nodes.values()) {
    if (node.attachedTo !== undefined) attached.set(node.attachedTo, [...(attached.get(node.attachedTo) ?? []), node.id]);
  }
  const next = (node: NodeSpec): string[] => [
    ...node.outgoing.map((flow) => model.flows.get(flow)?.target ?? ''),
    ...(attached.get(node.id) ?? []),
  ];
  const seen = new Set<string>();
  const queue = next(start);
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    if (id === start.id) return true;
    if (id === avoid || seen.has(id)) continue;
    seen.add(id);
    const node = model.nodes.get(id);
    if (node !== undefined) queue.push(...next(node));
  }
  return false;
}

/**
 * A timer without `from` counts from the day it is armed. Behind a loop that cancels and re-arms it
 * (an objection loop around the notice's event-based gateway, a return loop around the task it is
 * attached to) it starts counting again each time round: a notice of five working days silently
 * becomes five more after every objection. Count from a date set before the loop (`from`).
 */
export function checkTimerLoops(model: ProcessModel, problems: FileProblems): void {
  for (const date of model.dates) {
    if (!date.isTimer || date.from !== undefined) continue;
    const timer = model.nodes.get(date.elementId);
    const arming = timer === undefined ? undefined : armingNode(model, timer);
    if (timer === undefined || arming === undefined || !loopsBack(model, arming, timer.id)) continue;
    problems.warning(
      'timer-rearmed',
      `timer is armed again each time the loop through "${arming.id}" comes round and, without "from", counts its period afresh from that day: the period is silently extended — count from a date set before the loop (from=…)`,
      { element: timer.id },
    );
  }
}
