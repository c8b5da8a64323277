/**
 * Whether two of bpmn-js' exports are the same diagram. Undo brings the model back but not every trace
 * of the edit: a renamed element keeps the empty `<bpmndi:BPMNLabel />` that the rename gave its shape
 * (no bounds, so nothing the diagram draws or the engine reads), and the designer said 未保存 after
 * every edit was undone. An export is compared without those.
 */
export function exportedAlike(a: string, b: string | undefined): boolean {
  return b !== undefined && withoutEmptyLabels(a) === withoutEmptyLabels(b);
}

const EMPTY_LABEL = /\n?[ \t]*<(?:[\w-]+:)?BPMNLabel\s*\/>/g;

function withoutEmptyLabels(xml: string): string {
  return xml.replace(EMPTY_LABEL, '');
}
