import type { ReactNode } from 'react';
import type { DesignerText } from '../designer-i18n.js';
import type { BpmnDiagram } from './services.js';

interface Moddle {
  fromXML(xml: string): Promise<{ rootElement: { $type: string; diagrams?: unknown[] } }>;
}

/**
 * Why `xml` cannot be opened in `diagram`, found before it is tried: bpmn-js clears the canvas before it
 * finds a file unusable, and its modeler is broken afterwards (`.get is not a function`), so a file
 * that is no BPMN, or has no layout, never reaches it.
 */
export async function whyUnusable(diagram: BpmnDiagram, xml: string): Promise<Error | undefined> {
  try {
    const { rootElement } = await diagram.get<Moddle>('moddle').fromXML(xml);
    if (rootElement.$type !== 'bpmn:Definitions') return new Error('failed to parse document as <bpmn:Definitions>');
    if ((rootElement.diagrams ?? []).length === 0) return new Error('no diagram to display');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Parser details are English and may quote a binary file's bytes: printable text, cut short. */
export function detailOf(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const printable = raw
    .replace(/[^\p{L}\p{N}\p{P}\p{S} ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return printable.length > 160 ? `${printable.slice(0, 160)}…` : printable;
}

/**
 * Why a file could not be opened as the diagram, in the page's words, with bpmn-js's own (English,
 * technical) reason in small print beneath: a file without a layout, or one that is no BPMN at all.
 */
export function importFailure(error: unknown, d: DesignerText): ReactNode {
  const detail = detailOf(error);
  const noLayout = /no diagram to display/i.test(detail);
  return (
    <span>
      {d(noLayout ? 'importNoLayout' : 'importNotBpmn')}
      <br />
      <small>{d('importDetail', { detail })}</small>
    </span>
  );
}
