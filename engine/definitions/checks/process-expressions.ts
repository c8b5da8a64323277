import { evaluateFeel, feelContext } from '../../feel/feel-context.js';
import { FEEL, FEEL_ATTRIBUTE_PREFIX, LITERAL_PERIOD_PATTERN, PROPERTY, RESERVED_VARIABLES } from '../conventions.js';
import { feelSyntaxError, MAX_FEEL_RANGE, oversizedRange, referencedNames } from '../feel.js';
import type { Indicators } from '../types.js';
import type { ProcessCheckInput } from './process-declarations.js';

type Where = { element: string };

/**
 * A context with a value for every name a condition may read, built from the examples of all forms:
 * evaluating against it turns a misspelt field, rule or date into a problem instead of a silent
 * default flow at run time.
 */
function sampleContext(input: ProcessCheckInput, indicators: Indicators | undefined): Record<string, unknown> {
  const { manifest, rules, model } = input;
  const variables: Record<string, unknown> = {};
  for (const schema of input.forms.values()) {
    const example = Array.isArray(schema.examples) ? schema.examples[0] : undefined;
    if (typeof example === 'object' && example !== null) Object.assign(variables, example);
  }
  const day = manifest?.effectiveFrom ?? '2024-01-01';
  const finalStatus = Object.entries(manifest?.statuses ?? {}).find(([, status]) => status.final === true)?.[0] ?? '';
  const context = () => feelContext({
    variables,
    facts: {
      subject: 'S-000',
      region: '110000',
      process: manifest?.process ?? '',
      version: manifest?.version ?? '',
      status: Object.keys(manifest?.statuses ?? {})[0] ?? '',
      due: Object.fromEntries(Object.keys(manifest?.dates ?? {}).map((name) => [name, day])),
      history: [{ status: finalStatus, statusDate: day }],
    },
    names: manifest ?? { subject: { name: 'subject', title: '' }, region: { name: 'region', title: '' } },
    rules: rules ?? {},
    indicators,
    today: day,
  });
  // Outputs take a value of the type their assignments give (`objectionUpheld` = `false`), so a
  // condition reading one bare (`not(objectionUpheld)`) is checked as at run time, not against null.
  // An output whose assignments give no value (or read one another in a circle) stays null.
  for (const output of model.outputs) variables[output.name] ??= null;
  for (let round = 0; round < model.outputs.length; round += 1) {
    let changed = false;
    for (const output of model.outputs) {
      if (variables[output.name] !== null) continue;
      const { value, warnings } = evaluateFeel(output.expression, context());
      if (warnings.length === 0 && value !== null && value !== undefined) {
        variables[output.name] = value;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return context();
}

function checkReferences(expression: string, where: Where, input: ProcessCheckInput): void {
  const { rules, manifest, problems } = input;
  for (const name of referencedNames(expression, 'rules')) {
    if (rules !== undefined && rules[name] === undefined) {
      problems.error('unknown-rule', `rule "${name}" is not in rules.json`, where);
    }
  }
  for (const name of referencedNames(expression, 'case.due')) {
    if (manifest !== undefined && manifest.dates[name] === undefined) {
      problems.error('unknown-date', `case.due.${name} is not declared in manifest.json dates`, where);
    }
  }
}

/** Parses, checks references and evaluates against the sample context; returns the value. */
function checkExpression(
  expression: string,
  where: Where,
  input: ProcessCheckInput,
  context: Record<string, unknown>,
): { ok: boolean; value?: unknown } {
  const { problems } = input;
  if (expression.includes('${')) {
    problems.error('expression-language', `"${expression}" is a \${…} expression: write FEEL (CONTRACT §8)`, where);
    return { ok: false };
  }
  const syntax = feelSyntaxError(expression);
  if (syntax !== undefined) {
    problems.error('feel-syntax', `FEEL does not parse: ${syntax} in "${expression}"`, where);
    return { ok: false };
  }
  const range = oversizedRange(expression);
  if (range !== undefined) {
    // Evaluating it would take the validator (and the server) minutes and gigabytes (issue 9, item 5).
    problems.error('feel-range', `超出限制：FEEL 区间 ${range} 超过 ${MAX_FEEL_RANGE} 个元素，in "${expression}"`, where);
    return { ok: false };
  }
  checkReferences(expression, where, input);
  // Without a manifest the sample context lacks the declared dates and statuses: evaluating now would
  // only repeat the manifest's problem as FEEL errors. It is evaluated once the manifest reads.
  if (input.manifest === undefined) return { ok: false };
  const { value, warnings } = evaluateFeel(expression, context);
  for (const warning of warnings) {
    problems.error('feel-evaluation', `FEEL "${expression}": ${warning}`, where);
  }
  return { ok: warnings.length === 0, value };
}

/** What a non-boolean sample value is, in words; for null, the output or field that has no value. */
function whyNotBoolean(expression: string, value: unknown, input: ProcessCheckInput, context: Record<string, unknown>): string {
  if (value === null || value === undefined) {
    const reads = (name: string) =>
      new RegExp(`(?<![\\w.])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\w)`).test(expression);
    const empty = input.model.outputs.find((output) => context[output.name] === null && reads(output.name));
    return empty === undefined
      ? 'it gives null'
      : `it gives null: output "${empty.name}" is never given a value (${input.model.outputs
          .filter((output) => output.name === empty.name)
          .map((output) => `"${output.expression}" at ${output.elementId}`)
          .join(', ')})`;
  }
  const kind = Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a date, duration or context' : `a ${typeof value}`;
  const shown = typeof value === 'string' || typeof value === 'number' ? ` (${JSON.stringify(value)})` : '';
  return `it gives ${kind}${shown} — compare it, e.g. ${expression} = …`;
}

/** Conditions, output assignments and multi-instance collections: FEEL the engine can evaluate. */
export function checkProcessExpressions(input: ProcessCheckInput, indicators: Indicators | undefined): void {
  const { model, manifest, problems } = input;
  const context = sampleContext(input, indicators);

  for (const condition of model.conditions) {
    const where = { element: condition.flowId };
    if (!condition.formal || condition.language?.toLowerCase() !== FEEL) {
      problems.error(
        'condition-language',
        'conditions are FEEL: <conditionExpression xsi:type="bpmn:tFormalExpression" language="feel">',
        where,
      );
    }
    const { ok, value } = checkExpression(condition.body, where, input, context);
    if (ok && typeof value !== 'boolean') {
      problems.error('condition-type', `condition "${condition.body}" does not give true or false: ${whyNotBoolean(condition.body, value, input, context)}`, where);
    }
  }

  for (const output of model.outputs) {
    const where = { element: output.elementId };
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(output.name) || RESERVED_VARIABLES.has(output.name)) {
      problems.error('output-name', `output "${output.name}" is not a usable variable name`, where);
    }
    checkExpression(output.expression, where, input, context);
  }

  for (const task of model.userTasks) {
    const collection = task.multiInstance?.collection;
    if (collection === undefined) continue;
    const where = { element: task.elementId };
    if (!collection.startsWith(FEEL_ATTRIBUTE_PREFIX)) {
      problems.error('collection-language', `camunda:collection "${collection}" must be FEEL written as "=expression"`, where);
      continue;
    }
    if (task.multiInstance?.elementVariable === undefined) {
      problems.error('collection-variable', 'a multi-instance collection needs camunda:elementVariable', where);
    }
    const { ok, value } = checkExpression(collection.slice(1), where, input, context);
    if (!ok) continue;
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
      problems.error('collection-type', `collection "${collection}" is not a list of codes`, where);
      continue;
    }
    for (const group of task.candidateGroups) {
      const members = manifest?.groups[group]?.members;
      for (const item of value as string[]) {
        if (members !== undefined && members[item] === undefined) {
          problems.error('collection-members', `"${item}" is not a member of group "${group}"`, where);
        }
      }
    }
  }

  const literal = (value: string, element: string) => {
    const match = LITERAL_PERIOD_PATTERN.exec(value);
    if (match !== null) {
      problems.error('literal-period', `literal period "${match[0]}" in the diagram: name a rule of rules.json`, { element });
    }
  };
  for (const node of model.nodes.values()) {
    for (const [name, value] of node.properties) if (name !== PROPERTY.reason) literal(value, node.id);
  }
  for (const condition of model.conditions) literal(condition.body, condition.flowId);
  for (const output of model.outputs) literal(output.expression, output.elementId);
}
