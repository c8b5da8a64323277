import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DIAGRAM_TEXT } from '../../designer/src/designer/diagram/diagram-text.js';

const require = createRequire(import.meta.url);
const bpmnJsDist = (file: string) => join(require.resolve('bpmn-js/package.json'), '..', 'dist', file);
export const camundaModdle = require('camunda-bpmn-moddle/resources/camunda.json') as object;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A label as drawn: the element it names, and the box its text covers on the canvas. */
export interface DrawnLabel {
  owner: string;
  text: string;
  /** `external`: beside its element (events, gateways, flows); `embedded`: inside it (tasks, sub-process titles). */
  kind: 'external' | 'embedded';
  box: Box;
}

export interface DrawnShape {
  id: string;
  box: Box;
  /** Pools, lanes and expanded sub-processes: they hold other shapes and labels. */
  container: boolean;
}

export interface DrawnDiagram {
  labels: DrawnLabel[];
  shapes: DrawnShape[];
  /** Connections' waypoints, by flow id. */
  edges: { id: string; points: { x: number; y: number }[] }[];
  /** Elements with an external label whose DI gives no label bounds (bpmn-js then guesses a place). */
  unplaced: string[];
  warnings: string[];
}

/** A page with bpmn-js (its distributed bundle: the viewer, or the modeler) as `window.BpmnJS`. */
export async function openDiagramPage(
  browser: Browser,
  bundle: 'bpmn-viewer.production.min.js' | 'bpmn-modeler.production.min.js' = 'bpmn-viewer.production.min.js',
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  await page.setContent(
    '<html><body style="margin:0"><div id="canvas" style="width:100vw;height:100vh"></div></body></html>',
  );
  await page.addStyleTag({ path: bpmnJsDist('assets/diagram-js.css') });
  await page.addStyleTag({ path: bpmnJsDist('assets/bpmn-js.css') });
  await page.addScriptTag({ path: bpmnJsDist(bundle) });
  // tsx (esbuild's keepNames) wraps the functions it passes to the page in a helper the page lacks.
  await page.addScriptTag({ content: 'window.__name = (fn) => fn;' });
  return page;
}

interface PageElement {
  id: string;
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  waypoints?: { x: number; y: number }[];
  labelTarget?: PageElement;
  label?: PageElement;
  businessObject: { $type: string; name?: string; di?: { label?: unknown } };
  di?: { isExpanded?: boolean; label?: { bounds?: unknown } };
  parent?: PageElement;
}

/** Imports `xml` into the page's viewer and reads where bpmn-js drew each label and shape. */
export async function drawDiagram(page: Page, xml: string): Promise<DrawnDiagram> {
  return page.evaluate(
    async ({ xml, camunda, textStyle }): Promise<DrawnDiagram> => {
      interface Registry {
        getAll(): PageElement[];
        getGraphics(element: PageElement): SVGGElement;
      }
      const Viewer = (
        window as unknown as {
          BpmnJS: new (options: object) => {
            importXML(xml: string): Promise<{ warnings: { message: string }[] }>;
            get(name: string): unknown;
            destroy(): void;
          };
        }
      ).BpmnJS;
      const viewer = new Viewer({ container: '#canvas', textRenderer: textStyle, moddleExtensions: { camunda } });
      const { warnings } = await viewer.importXML(xml);
      const registry = viewer.get('elementRegistry') as Registry;
      const all = registry.getAll().filter((element) => element.parent !== undefined || element.type === 'label');
      const isContainer = (element: PageElement) =>
        element.type === 'bpmn:Participant' ||
        element.type === 'bpmn:Lane' ||
        (element.type === 'bpmn:SubProcess' && element.di?.isExpanded === true);
      // The text's own box (what a reader sees), in canvas coordinates: the element's graphics are
      // translated by its position; the text's box is relative to it.
      const textBox = (element: PageElement, origin: { x: number; y: number }) => {
        const text = registry.getGraphics(element).querySelector('.djs-visual text');
        if (text === null || text.textContent.trim() === '') return undefined;
        const box = (text as SVGTextElement).getBBox();
        return { x: origin.x + box.x, y: origin.y + box.y, width: box.width, height: box.height };
      };
      const labels: DrawnLabel[] = [];
      const shapes: DrawnShape[] = [];
      const edges: DrawnDiagram['edges'] = [];
      const unplaced: string[] = [];
      for (const element of all) {
        if (element.type === 'label') {
          const owner = element.labelTarget;
          const box = textBox(element, element);
          if (owner === undefined || box === undefined) continue;
          labels.push({ owner: owner.id, text: owner.businessObject.name ?? '', kind: 'external', box });
          if (owner.di?.label?.bounds === undefined) unplaced.push(owner.id);
        } else if (element.waypoints !== undefined) {
          edges.push({ id: element.id, points: element.waypoints.map(({ x, y }) => ({ x, y })) });
        } else {
          const box = { x: element.x, y: element.y, width: element.width, height: element.height };
          shapes.push({ id: element.id, box, container: isContainer(element) });
          // Pools' and lanes' titles are drawn turned in their own header strip.
          if (element.type === 'bpmn:Participant' || element.type === 'bpmn:Lane') continue;
          if (element.label !== undefined) continue; // named beside it
          const embedded = textBox(element, element);
          if (embedded !== undefined)
            labels.push({
              owner: element.id,
              text: element.businessObject.name ?? '',
              kind: 'embedded',
              box: embedded,
            });
        }
      }
      viewer.destroy();
      return { labels, shapes, edges, unplaced, warnings: warnings.map((warning) => warning.message) };
    },
    { xml, camunda: camundaModdle, textStyle: DIAGRAM_TEXT },
  );
}

/** Half a pixel of touching is not an overlap (boxes are rounded to whole pixels in the DI). */
const SLACK = 0.5;

export function intersects(a: Box, b: Box): boolean {
  return (
    a.x + a.width - SLACK > b.x &&
    b.x + b.width - SLACK > a.x &&
    a.y + a.height - SLACK > b.y &&
    b.y + b.height - SLACK > a.y
  );
}

/**
 * What a reader could not read: two labels on top of each other, or a label over a shape it does
 * not name (pools, lanes and expanded sub-processes excepted: labels sit inside them).
 */
export function labelCollisions(diagram: DrawnDiagram): string[] {
  const found: string[] = [];
  const { labels, shapes } = diagram;
  const name = (label: DrawnLabel) => `${label.owner}「${label.text}」`;
  for (const [index, label] of labels.entries()) {
    for (const other of labels.slice(index + 1)) {
      if (intersects(label.box, other.box)) found.push(`label ${name(label)} overlaps label ${name(other)}`);
    }
    for (const shape of shapes) {
      if (shape.container || shape.id === label.owner) continue;
      if (intersects(label.box, shape.box)) found.push(`label ${name(label)} overlaps shape ${shape.id}`);
    }
  }
  return found;
}
