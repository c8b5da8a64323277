/**
 * The diagram's label font (bpmn-js' `textRenderer` config). bpmn-js measures and wraps text with
 * these numbers, so the font is set here rather than in CSS (a CSS size would overflow the boxes it
 * measured). Larger than bpmn-js' 12/11 px so that the 2024 process reads at 100 % zoom; the label
 * positions in the definitions' BPMNDI are laid out for this font (test/browser/diagram-labels.test.ts).
 */
export const DIAGRAM_TEXT = {
  defaultStyle: { fontSize: 14, lineHeight: 1.25 },
  externalStyle: { fontSize: 13 },
} as const;
