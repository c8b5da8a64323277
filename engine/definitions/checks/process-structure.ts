import type { NodeSpec, ProcessModel } from '../process-model.js';
import type { FileProblems } from '../problems.js';

/**
 * Element types the engine runs. Scripts and services would execute code from a definition file, and
 * call activities cannot reach another version's file, so they are refused.
 */
const SUPPORTED = new Set([
  'bpmn:StartEvent',
  'bpmn:EndEvent',
  'bpmn:IntermediateCatchEvent',
  'bpmn:IntermediateThrowEvent',
  'bpmn:BoundaryEvent',
  'bpmn:UserTask',
  'bpmn:ManualTask',
  'bpmn:Task',
  'bpmn:ExclusiveGateway',
  'bpmn:ParallelGateway',
  'bpmn:EventBasedGateway',
  'bpmn:SubProcess',
]);

/** Walks back from a flow's source through pass-through nodes to the first node that joins or forks. */
function branchOrigin(model: ProcessModel, flowId: string): NodeSpec | undefined {
  const seen = new Set<string>();
  let node = model.nodes.get(model.flows.get(flowId)?.source ?? '');
  while (node !== undefined && !seen.has(node.id) && node.incoming.length === 1 && node.outgoing.length === 1) {
    seen.add(node.id);
    node = model.nodes.get(model.flows.get(node.incoming[0] ?? '')?.source ?? '');
  }
  return node;
}

/** Patterns bpmn-engine does not run correctly (see shared/notes/bpmn-engine-facts.md §7). */
export function checkProcessStructure(model: ProcessModel, problems: FileProblems): void {
  for (const node of model.nodes.values()) {
    const element = node.id;
    if (!SUPPORTED.has(node.type)) {
      problems.error('unsupported-element', `${node.type.replace('bpmn:', '')} is not run by this engine`, { element });
    }
    if (node.type === 'bpmn:InclusiveGateway' || node.type === 'bpmn:ComplexGateway') {
      problems.error('unsupported-gateway', 'inclusive and complex gateways are not supported: use exclusive or parallel', {
        element,
      });
    }
    if (node.type === 'bpmn:StartEvent' && node.eventDefinitions.length > 0) {
      problems.error('unsupported-start', 'cases are started by the engine: start events take no timer, message or signal', {
        element,
      });
    }
    if (node.triggeredByEvent) {
      problems.error('unsupported-element', 'event sub-processes are not triggered by bpmn-engine', { element });
    }
    if (node.type === 'bpmn:BoundaryEvent' && !node.cancelActivity && node.eventDefinitions.includes('bpmn:MessageEventDefinition')) {
      problems.error('unsupported-boundary', 'a non-interrupting message boundary event fires only once: use an event-based gateway loop', {
        element,
      });
    }
    if (node.type === 'bpmn:ParallelGateway' && node.incoming.length > 1) {
      for (const flow of node.incoming) {
        const origin = branchOrigin(model, flow);
        if (origin?.type === 'bpmn:ExclusiveGateway' && origin.incoming.length > 1) {
          problems.error(
            'join-after-exclusive-join',
            `parallel join after the exclusive join ${origin.id} may not wait (bpmn-engine#200): restructure the branch`,
            { element },
          );
        }
      }
    }
  }
}
