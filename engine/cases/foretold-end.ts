import { PROPERTY } from '../definitions/conventions.js';
import { caseFacts, evaluateFeel, feelContext } from '../feel/feel-context.js';
import type { LocalDate } from '../legal-time/pure.js';
import type { RuntimeVersion } from '../runtime/runtime-version.js';
import type { CaseSummary } from './case-view.js';

/**
 * How an open task's submission will end the case whatever its form holds: the exclusive gateway the
 * task leads straight into has a condition that reads no form field, holds today, and leads to a final
 * end (an Art. 27 ban after a revocation: `some h in case.history satisfies …`). Told on the case page
 * before the form is filled, not in the dialog after it (the walk filled a whole creation application
 * to learn it).
 */
export interface ForetoldEnd {
  taskId: string;
  /** The end's status, its title in the definitions' words, and the reason it records. */
  status: string;
  statusTitle?: string;
  reason?: string;
  /**
   * The subject's earlier cases that ended with a named date still to come, set as they ended (可再次提出创建申请之日
   * on a revocation): what the condition may have read, and when it may read otherwise.
   */
  earlier: {
    id: string;
    status: string;
    statusTitle?: string;
    statusDate: LocalDate;
    due: Record<string, string>;
    /** Each date's title and article in the earlier case's own version (the new case's may differ). */
    dueTitles: Record<string, { title: string; article?: string }>;
  }[];
}

export interface ForetellInput {
  version: RuntimeVersion;
  record: CaseSummary;
  earlier: readonly CaseSummary[];
  /** The version an earlier case runs on (its end's dates are its diagram's). */
  versionOf: (earlier: CaseSummary) => RuntimeVersion;
  today: LocalDate;
}

/**
 * The foretold end of each case read lately, kept while nothing it was told from has changed: the
 * case and its version, its subject's earlier cases (each at its revision) and the day. feelin walks
 * `some h in case.history satisfies …` at about a millisecond an earlier case, and every read of the
 * case evaluated it again: a subject with a few hundred ended cases (each a start and a withdrawal
 * away) polling its own case held the server's one thread (found by the attacker's walk).
 */
export class ForetoldEnds {
  readonly #told = new Map<string, { key: string; told: ForetoldEnd | undefined }>();

  constructor(
    private readonly foretell: (input: ForetellInput) => ForetoldEnd | undefined = foretoldEnd,
    /** Cases kept at most (the least recently told goes first). */
    private readonly capacity = 1000,
  ) {}

  of(input: ForetellInput): ForetoldEnd | undefined {
    const { record } = input;
    const earlier = input.earlier.map((other) => `${other.id}@${String(other.revision)}`);
    const key = [input.version.key, String(record.revision), input.today, ...earlier].join(' ');
    const kept = this.#told.get(record.id);
    this.#told.delete(record.id);
    const told = kept?.key === key ? kept.told : this.foretell(input);
    const [oldest] = this.#told.keys();
    if (this.#told.size >= this.capacity && oldest !== undefined) this.#told.delete(oldest);
    this.#told.set(record.id, { key, told });
    return told;
  }

  /** Forgets every case's (the definitions were loaded again). */
  clear(): void {
    this.#told.clear();
  }
}

/** A condition's value on the case's facts alone — undefined when it reads anything else (a form field). */
type Strict = true | false | undefined;

/** The first open task whose submission ends the case whatever it holds (ForetoldEnd), if any. */
export function foretoldEnd(input: ForetellInput): ForetoldEnd | undefined {
  const { version, record } = input;
  if (record.final) return undefined;
  for (const task of record.tasks) {
    const end = endAfter(input, task.elementId);
    if (end === undefined) continue;
    const { manifest } = version.definition;
    const node = version.model.nodes.get(end);
    const status = node?.status ?? '';
    const title = manifest.statuses[status]?.title;
    const reason = node?.properties.get(PROPERTY.reason);
    return {
      taskId: task.taskId,
      status,
      ...(title !== undefined && { statusTitle: title }),
      ...(reason !== undefined && { reason }),
      earlier: datesToCome(input),
    };
  }
  return undefined;
}

/**
 * The end the gateway after `elementId` will take, or undefined when the form may decide. Its flows are
 * read in the order the gateway tries them: a flow whose condition holds on the facts alone is taken
 * (told only when it ends the case); one that may hold on the form's data is passed only when it ends
 * the case too, in the status told (else the form decides how it ends); the default flow is taken only
 * when none holds.
 */
function endAfter(input: ForetellInput, elementId: string): string | undefined {
  const { model, definition } = input.version;
  const [out, ...more] = model.nodes.get(elementId)?.outgoing ?? [];
  const gateway = model.nodes.get((out === undefined ? undefined : model.flows.get(out))?.target ?? '');
  if (more.length > 0 || gateway?.type !== 'bpmn:ExclusiveGateway') return undefined;
  /** The final status a flow's target ends the case in, if it ends it. */
  const endStatus = (target: string) => {
    const node = model.nodes.get(target);
    const status = node?.status ?? '';
    return node?.isEnd === true && definition.manifest.statuses[status]?.final === true ? status : undefined;
  };
  /** What the form may end the case in before the flow that holds is reached. */
  const formMayEnd = new Set<string>();
  // As the engine lists them (bpmn-elements: the diagram's sequence flows in their order), which a
  // designer's diagram may not keep in the gateway's <outgoing> (a flow reconnected to it).
  for (const condition of model.conditions.filter((spec) => spec.sourceId === gateway.id)) {
    const holds = strictly(input, condition.body);
    const status = endStatus(condition.targetId);
    if (holds === true) {
      const others = [...formMayEnd].some((other) => other !== status);
      return status === undefined || others ? undefined : condition.targetId;
    }
    if (holds === undefined) {
      if (status === undefined) return undefined;
      formMayEnd.add(status);
    }
  }
  return undefined;
}

/** The condition evaluated with no form data: a name it cannot find is one the form would give. */
function strictly(input: ForetellInput, expression: string): Strict {
  const { definition } = input.version;
  const { record } = input;
  const facts = caseFacts(
    record,
    input.earlier.map((other) => ({ status: other.status, statusDate: other.statusDate })),
  );
  const context = feelContext({
    variables: {},
    facts,
    names: definition.manifest,
    rules: definition.rules,
    indicators: definition.indicators,
    today: input.today,
  });
  const { value, warnings } = evaluateFeel(expression, context);
  if (warnings.length > 0) return undefined;
  return value === true;
}

/**
 * The earlier cases' dates set by the end they reached, after today (a fire day is reached on its
 * day, so not on it). Other dates a revoked zone keeps (its demonstration's end) are not its end's.
 */
function datesToCome(input: ForetellInput): ForetoldEnd['earlier'] {
  return input.earlier.flatMap((other) => {
    if (!other.final) return [];
    const fireDays = other.dueFireDays ?? [];
    const version = input.versionOf(other);
    const { manifest } = version.definition;
    const names = endDateNames(version, other.status);
    const due = Object.fromEntries(
      Object.entries(other.due).filter(
        ([name, date]) => names.has(name) && (fireDays.includes(name) ? date > input.today : date >= input.today),
      ),
    );
    if (Object.keys(due).length === 0) return [];
    const title = manifest.statuses[other.status]?.title;
    return [
      {
        id: other.id,
        status: other.status,
        ...(title !== undefined && { statusTitle: title }),
        statusDate: other.statusDate,
        due,
        dueTitles: Object.fromEntries(
          Object.keys(due).map((name) => {
            const declared = manifest.dates[name];
            const article = declared?.article;
            return [name, { title: declared?.title ?? name, ...(article !== undefined && { article }) }];
          }),
        ),
      },
    ];
  });
}

/** The dates the end events of a status name (`due` on 撤销认定: reapplyAllowedFrom). */
function endDateNames({ model }: RuntimeVersion, status: string): Set<string> {
  const names = new Set<string>();
  for (const spec of model.dates) {
    const node = model.nodes.get(spec.elementId);
    if (node?.isEnd === true && node.status === status && spec.due !== undefined) names.add(spec.due);
  }
  return names;
}
