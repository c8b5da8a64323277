import { propertyTokens } from './error-messages.js';

/** What can take the focus inside a field (its input, the select's search box, an upload button, a radio). */
const FOCUSABLE =
  'input:not([type="hidden"]):not([disabled]), textarea:not([disabled]), select:not([disabled]), button:not([disabled]), [tabindex]:not([tabindex="-1"])';

const TEXT_BOXES = 'input:not([type]):not([disabled]), input[type="text"]:not([disabled]), textarea:not([disabled])';

/** The id rjsf gives the field an error is about (`.objector.name` → `root_objector_name`). */
export function errorFieldId(property: string | undefined, idPrefix: string): string {
  return [idPrefix, ...propertyTokens(property)].join('_');
}

/** The element standing for an error's field: the field's own, else the nearest group holding it. */
export function errorTarget(property: string | undefined, idPrefix: string): HTMLElement | null {
  const tokens = propertyTokens(property);
  for (let length = tokens.length; length >= 0; length -= 1) {
    const element = document.getElementById([idPrefix, ...tokens.slice(0, length)].join('_'));
    if (element !== null) return element;
  }
  return null;
}

/**
 * Errors in the order their fields stand on the form. Ajv reports them in the schema's order of
 * keywords — every missing field (`required`) before any wrong value, the server's after the
 * browser's — so the list above a form jumped about; a person reads it top to bottom. Errors whose
 * field is not on the page keep their place after the others.
 */
export function inFormOrder<T extends { property?: string | undefined }>(errors: readonly T[], idPrefix: string): T[] {
  const placed = errors.map((error, index) => ({ error, index, target: errorTarget(error.property, idPrefix) }));
  return placed
    .sort((a, b) => {
      if (a.target === null || b.target === null) return Number(a.target === null) - Number(b.target === null);
      if (a.target !== b.target) {
        const position = a.target.compareDocumentPosition(b.target);
        // A field's own error before its group's (a score out of range before 「尚有 N 项未评分」).
        if ((position & Node.DOCUMENT_POSITION_CONTAINED_BY) !== 0) return 1;
        if ((position & Node.DOCUMENT_POSITION_CONTAINS) !== 0) return -1;
        if ((position & Node.DOCUMENT_POSITION_FOLLOWING) !== 0) return -1;
        if ((position & Node.DOCUMENT_POSITION_PRECEDING) !== 0) return 1;
      }
      return a.index - b.index;
    })
    .map(({ error }) => error);
}

/**
 * Takes the user to an error's field: the focus on the field itself (or the first thing in it that
 * takes the focus: a group's first empty box, else its first input, a yes/no's first choice), its
 * label and error in view.
 */
export function focusErrorField(property: string | undefined, idPrefix: string): void {
  const target = errorTarget(property, idPrefix);
  if (target === null) return;
  if (target.matches(FOCUSABLE)) {
    target.focus({ preventScroll: true });
    (target.closest<HTMLElement>('.ant-form-item') ?? target).scrollIntoView({ block: 'center' });
    return;
  }
  // In a group, what is still empty is most likely what the error is about (an unscored indicator);
  // it is brought into view, not the middle of a long group.
  const field =
    Array.from(target.querySelectorAll<HTMLInputElement>(TEXT_BOXES)).find((box) => box.value === '') ??
    target.querySelector<HTMLElement>(FOCUSABLE);
  (field ?? target).focus({ preventScroll: true });
  (field ?? target).scrollIntoView({ block: 'center' });
}
