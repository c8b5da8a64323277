import { literalComparisons } from '../feel.js';
import type { NodeSpec, ProcessModel } from '../process-model.js';
import type { ProcessCheckInput } from './process-declarations.js';

/** What every path may have set: unknown (a start inside a sub-process, an event sub-process), so anything. */
const ANY = Symbol('any');
type Assigned = ReadonlySet<string> | typeof ANY;

const JOINS_ALL = new Set(['bpmn:ParallelGateway', 'bpmn:InclusiveGateway']);

/** The fields each element's submission sets: its form's, and the outputs assigned there; ANY for a form there but broken. */
function setsOf(input: ProcessCheckInput): Map<string, Assigned> {
  const sets = new Map<string, Assigned>();
  const add = (element: string, names: Iterable<string>) => {
    const own = sets.get(element);
    if (own === ANY) return;
    sets.set(element, new Set([...(own ?? []), ...names]));
  };
  for (const { elementId, formKey } of [...input.model.userTasks, ...input.model.messageCatches]) {
    const schema = formKey === undefined ? undefined : input.forms.get(formKey);
    // Said at its own file: what it would set is not known, so no condition after it is faulted for it.
    if (formKey !== undefined && schema === undefined && input.formFiles.has(formKey)) sets.set(elementId, ANY);
    else add(elementId, Object.keys(schema?.properties ?? {}));
  }
  for (const output of input.model.outputs) add(output.elementId, [output.name]);
  return sets;
}

/**
 * The fields set on every path from the start to each element's end (its own submission included):
 * a must-analysis over the flows, from "everything" down to a fixed point. Where all incoming paths
 * run (a parallel or inclusive join), what any of them set; elsewhere what all of them set.
 */
function assignedAfter(model: ProcessModel, sets: ReadonlyMap<string, Assigned>): Map<string, Assigned> {
  const after = new Map<string, Assigned>([...model.nodes.keys()].map((id) => [id, ANY]));
  const before = (node: NodeSpec): Assigned => {
    if (node.attachedTo !== undefined) return before(model.nodes.get(node.attachedTo) ?? node);
    const sources = node.incoming.flatMap((flow) => {
      const source = model.flows.get(flow)?.source;
      return source === undefined ? [] : [after.get(source) ?? ANY];
    });
    if (sources.length === 0) return node.parent === undefined ? new Set() : ANY;
    // ANY is "everything": the whole of a union, nothing taken from an intersection.
    if (JOINS_ALL.has(node.type) && sources.length > 1) return sources.includes(ANY) ? ANY : union(sources as ReadonlySet<string>[]);
    const known = sources.filter((assigned): assigned is ReadonlySet<string> => assigned !== ANY);
    return known.length === 0 ? ANY : intersection(known);
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const node of model.nodes.values()) {
      const entering = before(node);
      // What a sub-process's own steps set is not followed: after it, anything.
      const own = sets.get(node.id) ?? new Set<string>();
      const leaving = entering === ANY || own === ANY || node.type === 'bpmn:SubProcess' ? ANY : union([entering, own]);
      if (!sameSet(after.get(node.id) ?? ANY, leaving)) {
        after.set(node.id, leaving);
        changed = true;
      }
    }
  }
  return after;
}

const union = (sets: readonly ReadonlySet<string>[]) => new Set(sets.flatMap((set) => [...set]));
const intersection = (sets: readonly ReadonlySet<string>[]) =>
  new Set([...(sets[0] ?? [])].filter((name) => sets.every((set) => set.has(name))));
const sameSet = (a: Assigned, b: Assigned) =>
  a === b || (a !== ANY && b !== ANY && a.size === b.size && [...a].every((name) => b.has(name)));

/**
 * A condition comparing a form field that no form submitted on some path to it has (`decision =
 * "approve"` after the field was deleted from the form before it) finds no such variable at run time:
 * the case stops on an incident. Other forms having the field (further on, in another stage) does not
 * set it here. Refused here instead.
 */
export function checkConditionFields(input: ProcessCheckInput): void {
  const { model, problems } = input;
  const sets = setsOf(input);
  const fields = new Set([...sets.values()].flatMap((names) => (names === ANY ? [] : [...names])));
  const after = assignedAfter(model, sets);
  for (const condition of model.conditions) {
    const assigned = after.get(condition.sourceId) ?? ANY;
    if (assigned === ANY) continue;
    const read = new Set(literalComparisons(condition.body).map(({ name }) => name));
    for (const name of read) {
      // Not a form's field (case.status, an unknown name: the evaluation check says so), or set on every path.
      if (!fields.has(name) || assigned.has(name)) continue;
      problems.error(
        'condition-field',
        `"${name}" is not set on every path to this condition: no form submitted before it on such a path asks for it`,
        { element: condition.flowId },
      );
    }
  }
}
