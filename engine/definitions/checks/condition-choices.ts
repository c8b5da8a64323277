import { literalComparisons } from '../feel.js';
import type { ConditionSpec, ProcessModel } from '../process-model.js';
import type { FormSchema } from '../types.js';
import { fieldChoices } from './forms.js';
import type { ProcessCheckInput } from './process-declarations.js';

/**
 * The forms whose submission immediately precedes a gateway: walking back from it over elements that
 * submit nothing (gateways, events) to the user tasks and message catch events that carry a form. A
 * sub-process or a start event ends the walk without a form: then what precedes is not known here.
 */
function formsBefore(model: ProcessModel, start: string): { formKeys: Set<string>; complete: boolean } {
  const formOf = new Map<string, string | undefined>([
    ...model.userTasks.map((task) => [task.elementId, task.formKey] as const),
    ...model.messageCatches.map((catcher) => [catcher.elementId, catcher.formKey] as const),
  ]);
  const formKeys = new Set<string>();
  let complete = true;
  const seen = new Set<string>();
  const queue = [start];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    const node = model.nodes.get(id);
    if (node === undefined) continue;
    if (id !== start && formOf.has(id)) {
      const formKey = formOf.get(id);
      if (formKey === undefined) complete = false;
      else formKeys.add(formKey);
      continue;
    }
    const sources = node.incoming.map((flow) => model.flows.get(flow)?.source);
    if (sources.length === 0 || node.type === 'bpmn:SubProcess' || node.attachedTo !== undefined) complete = false;
    for (const source of sources) if (source !== undefined) queue.push(source);
  }
  return { formKeys, complete: complete && formKeys.size > 0 };
}

/** The values a form field may take, or undefined when one of the forms lets it be free text. */
function choicesOf(field: string, schemas: readonly FormSchema[]): Set<string> | undefined {
  const values = new Set<string>();
  for (const schema of schemas) {
    const property = schema.properties?.[field];
    const options = property?.oneOf;
    // A oneOf of shapes rather than { const } choices says nothing about the values.
    if (Array.isArray(options) && !options.every((option: unknown) => typeof option === 'object' && option !== null && 'const' in option)) {
      return undefined;
    }
    const choices = fieldChoices(property);
    if (choices === undefined) return undefined;
    for (const choice of choices) values.add(choice);
  }
  return values;
}

/** Where a field's value at a condition comes from: the forms just before it when they all have it, else any form. */
function sourcesOf(condition: ConditionSpec, field: string, input: ProcessCheckInput): [string, FormSchema][] {
  const { formKeys, complete } = formsBefore(input.model, condition.sourceId);
  const before = [...formKeys].flatMap((key) => {
    const schema = input.forms.get(key);
    return schema === undefined ? [] : [[key, schema] as [string, FormSchema]];
  });
  if (complete && before.length === formKeys.size && before.every(([, schema]) => schema.properties?.[field] !== undefined)) {
    return before;
  }
  return [...input.forms].filter(([, schema]) => schema.properties?.[field] !== undefined);
}

const quoted = (values: Iterable<string>) => [...values].map((value) => `"${value}"`).join(', ');

/**
 * A condition comparing a choice field (or `case.status`) with text it can never hold (`decision =
 * "rejected"` where the form offers approve / return / reject) would never be true: at run time the
 * case takes another branch or stops on an incident. Refused here instead.
 */
export function checkConditionChoices(input: ProcessCheckInput): void {
  const { model, manifest, problems } = input;
  for (const condition of model.conditions) {
    const where = { element: condition.flowId };
    for (const { name, literals } of literalComparisons(condition.body)) {
      if (name === 'case.status') {
        if (manifest === undefined) continue;
        for (const literal of literals.filter((value) => manifest.statuses[value] === undefined)) {
          problems.error('condition-choice', `case.status is never "${literal}": manifest.json declares ${quoted(Object.keys(manifest.statuses))}`, where);
        }
        continue;
      }
      if (name.includes('.')) continue;
      const sources = sourcesOf(condition, name, input);
      if (sources.length === 0) continue; // not a form field (an output, or unknown: the evaluation says so)
      const allowed = choicesOf(name, sources.map(([, schema]) => schema));
      if (allowed === undefined) continue;
      for (const literal of literals.filter((value) => !allowed.has(value))) {
        const forms = sources.map(([key]) => key).join(', ');
        problems.error('condition-choice', `"${name}" is never "${literal}": form ${forms} offers ${quoted(allowed)}`, where);
      }
    }
  }
}
