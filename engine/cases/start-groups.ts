import type { ProcessModel } from '../definitions/process-model.js';

/**
 * Who may start a case: the candidate groups of the first user tasks reached from the process's
 * start event (for the 2024 measures, the park that submits the creation application, Art. 16).
 */
export function startGroups(model: ProcessModel): string[] {
  const starts = [...model.nodes.values()].filter(
    (node) => node.type === 'bpmn:StartEvent' && node.parent === undefined,
  );
  const queue = starts.map((node) => node.id);
  const seen = new Set<string>(queue);
  const groups = new Set<string>();
  while (queue.length > 0) {
    const id = queue.shift() as string;
    const task = model.userTasks.find((candidate) => candidate.elementId === id);
    if (task !== undefined) {
      for (const group of task.candidateGroups) groups.add(group);
      continue;
    }
    for (const flow of model.nodes.get(id)?.outgoing ?? []) {
      const target = model.flows.get(flow)?.target;
      if (target !== undefined && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return [...groups];
}
