import type { DesignerText } from '../designer-i18n.js';
import type { DesignerMessageKey } from '../designer-messages.js';

const KNOWN_VARIANTS = new Set(['agriculture', 'industry', 'services']);

/** A park type as people call it (农业园区); an unknown one as written. */
export function variantLabel(name: string, d: DesignerText): string {
  return KNOWN_VARIANTS.has(name) ? d(name as DesignerMessageKey) : name;
}
