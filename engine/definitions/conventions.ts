/**
 * The vocabulary a definition uses to declare what is particular to its programme (CONTRACT §8).
 * Everything here is read from `camunda:properties` on BPMN flow nodes, so policy staff edit it in the
 * designer's properties panel. README.md ("Writing a rule version") documents each name.
 */

/** Property names on flow nodes. Any other property name is a typo and a problem. */
export const PROPERTY = {
  /** The case takes this status when its token enters the element (final on end events). */
  status: 'status',
  /** The named date this element exposes: a timer's date, or, elsewhere, a date computed on entry. */
  due: 'due',
  /** The rule (rules.json) whose period the timer or date counts. Never a literal period. */
  rule: 'rule',
  /** The named date counted from; default: the day the element is entered. */
  from: 'from',
  /** `after` (default) counts forward from `from`; `before` counts back from it. */
  direction: 'direction',
  /** `true`: the k-th period after `from` (k × rule, no drift) that ends on or after entry day. */
  cycle: 'cycle',
  /** Which day `due` exposes: the period's `lastDay` (default) or the `fireDay` after it. */
  dueIs: 'dueIs',
  /** On message catch events: the groups that may send the message. */
  candidateGroups: 'candidateGroups',
  /** On message catch events: the form the message's data is checked against. */
  formKey: 'formKey',
  /** On final end events: the reason recorded on the case (cite the article). */
  reason: 'reason',
} as const;

export type PropertyName = (typeof PROPERTY)[keyof typeof PROPERTY];

export const PROPERTY_NAMES: ReadonlySet<string> = new Set(Object.values(PROPERTY));

/** Properties that compute a date (on timers, and on any element with `due`). */
export const DATE_PROPERTIES: ReadonlySet<string> = new Set([
  PROPERTY.due,
  PROPERTY.rule,
  PROPERTY.from,
  PROPERTY.direction,
  PROPERTY.cycle,
  PROPERTY.dueIs,
]);

export const DIRECTIONS = ['after', 'before'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const DUE_IS = ['lastDay', 'fireDay'] as const;
export type DueIs = (typeof DUE_IS)[number];

/** The language of sequence-flow conditions and output assignments. */
export const FEEL = 'feel';

/** FEEL attributes (e.g. `camunda:collection`) start with `=`, as in Camunda 8. */
export const FEEL_ATTRIBUTE_PREFIX = '=';

/**
 * Names the engine puts into the FEEL context itself, plus the variables bpmn-engine overwrites
 * (`content`, `fields`, `properties`): no form field or output may use them.
 */
export const RESERVED_VARIABLES: ReadonlySet<string> = new Set([
  'case',
  'rules',
  'indicators',
  'today',
  'content',
  'fields',
  'properties',
]);

/**
 * The task id of a user task element: where one step stands in several places of a diagram its
 * elements are named `<taskId>_<suffix>` (CONTRACT §2), and cases report the task id.
 */
export function taskIdOf(elementId: string): string {
  const cut = elementId.indexOf('_');
  return cut > 0 ? elementId.slice(0, cut) : elementId;
}

/** The form file of a form key: `forms/<formKey>.schema.json`. */
export function formFileOf(formKey: string): string {
  return `forms/${formKey}.schema.json`;
}

/** `majorEvent` → `major-event`: message forms are named after their message (CONTRACT §1). */
export function kebabCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** An ISO 8601 duration written into a diagram is a literal period (forbidden: CONTRACT §8). */
export const LITERAL_PERIOD_PATTERN = /(?<![A-Za-z0-9_])-?P(?:\d+(?:[.,]\d+)?[YMWD]|T\d)[0-9YMWDTHS.,]*/;

/** `Art. 7`, `Art. 17, Art. 21`: how rules and documentation cite the measures. */
export const ARTICLE_PATTERN = /^Art\. \d+$/;
export const ARTICLE_CITATION_PATTERN = /Art\. \d+/;
