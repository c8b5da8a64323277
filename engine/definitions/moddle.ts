import BpmnModdle, { type ModdleElement, type ParseWarning } from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import type { ReadPlace } from './json-place.js';

export type { ModdleElement } from 'bpmn-moddle';

export interface ParsedBpmn {
  definitions: ModdleElement;
  warnings: ParseWarning[];
}

/** Parses BPMN 2.0 XML with the Camunda extensions; throws on XML that cannot be read at all. */
export async function parseBpmn(xml: string): Promise<ParsedBpmn> {
  const moddle = new BpmnModdle({ camunda });
  const { rootElement, warnings } = await moddle.fromXML(xml);
  return { definitions: rootElement, warnings };
}

/** What moddle's refusal says, and where (counted from 1), when it is the parser's own. */
function moddleRefusal(error: unknown): { message: string; said?: { why: string; place: ReadPlace } } {
  const message = error instanceof Error ? error.message : String(error);
  const found = /^unparsable content .*?detected\s+line: (\d+)\s+column: (\d+)\s+nested error: (.+)$/s.exec(message);
  if (found === null) return { message };
  const [, line = '0', column = '0', why = ''] = found;
  // moddle names the tag it could not finish, not the file's end: a cut file is "unclosed tag" there.
  return { message, said: { why: why.trim(), place: { line: Number(line) + 1, column: Number(column) + 1, end: false } } };
}

/**
 * Why moddle could not read a diagram, without the text it quotes: its message starts with the
 * unreadable piece (`unparsable content <bpmn:flowNodeR detected … nested error: unclosed tag`) — what
 * went wrong and where (counted from 1) say more to the author, and a half-written tag is no name.
 */
export function bpmnReadReason(error: unknown): string {
  const { message, said } = moddleRefusal(error);
  if (said === undefined) return message;
  return `${said.why} (line ${String(said.place.line)}, column ${String(said.place.column)})`;
}

/** Where moddle stopped reading a diagram, when its refusal says. */
export function bpmnReadPlace(error: unknown): ReadPlace | undefined {
  return moddleRefusal(error).said?.place;
}

/** Reads a many-valued moddle property as a list (moddle leaves absent lists undefined). */
export function list(element: ModdleElement | undefined, property: string): ModdleElement[] {
  const value = element?.[property];
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

export function child(element: ModdleElement | undefined, property: string): ModdleElement | undefined {
  const value = element?.[property];
  return typeof value === 'object' && value !== null ? (value as ModdleElement) : undefined;
}

export function text(element: ModdleElement | undefined, property: string): string | undefined {
  const value = element?.[property];
  return typeof value === 'string' ? value : undefined;
}

export function is(element: ModdleElement, type: string): boolean {
  return element.$type === type;
}

/** `camunda:Properties` … `camunda:Property` entries of a flow node, in document order. */
export function camundaProperties(element: ModdleElement): { name: string; value: string }[] {
  const values = list(child(element, 'extensionElements'), 'values');
  return values
    .filter((value) => is(value, 'camunda:Properties'))
    .flatMap((properties) => list(properties, 'values'))
    .map((property) => ({ name: text(property, 'name') ?? '', value: text(property, 'value') ?? '' }));
}

/** `camunda:outputParameter` entries of a flow node: name and body. */
export function camundaOutputs(element: ModdleElement): { name: string; value: string }[] {
  const values = list(child(element, 'extensionElements'), 'values');
  return values
    .filter((value) => is(value, 'camunda:InputOutput'))
    .flatMap((io) => list(io, 'outputParameters'))
    .map((parameter) => ({ name: text(parameter, 'name') ?? '', value: text(parameter, 'value') ?? '' }));
}

export function documentation(element: ModdleElement): string {
  return list(element, 'documentation')
    .map((doc) => text(doc, 'text') ?? '')
    .join('\n');
}
