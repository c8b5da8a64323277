import type { DiagramElement } from './camunda-properties.js';

// The diagram-js services the designer calls, typed by what it uses (diagram-js types its default
// exports in a way NodeNext cannot import).

export interface Viewbox {
  x: number;
  y: number;
  width: number;
  height: number;
  scale: number;
  inner: { x: number; y: number; width: number; height: number };
  outer: { width: number; height: number };
}

export interface Canvas {
  viewbox(box?: { x: number; y: number; width: number; height: number }): Viewbox;
  addMarker(element: DiagramElement | string, marker: string): void;
  removeMarker(element: DiagramElement | string, marker: string): void;
  zoom(level: 'fit-viewport' | number, center?: 'auto' | { x: number; y: number }): number;
  resized(): void;
  getContainer(): HTMLElement;
}

export interface ElementRegistry {
  get(id: string): DiagramElement | undefined;
  getAll(): DiagramElement[];
}

export interface Selection {
  select(element: DiagramElement | null): void;
}

export interface EventBus {
  on(
    event: string,
    callback: (event: { element?: DiagramElement; newSelection?: DiagramElement[]; trigger?: string }) => void,
  ): void;
  off(event: string, callback: (...args: never[]) => void): void;
  fire(event: string, data?: object): void;
}

/** diagram-js' overlays: HTML pinned to an element. */
export interface Overlays {
  add(
    element: string,
    type: string,
    overlay: { position: { top?: number; right?: number }; html: HTMLElement },
  ): string;
  remove(filter: { type: string }): void;
}

export interface CommandStack {
  undo(): void;
  redo(): void;
  canUndo(): boolean;
  canRedo(): boolean;
}

/** What bpmn-js' Modeler and Viewer share: services by name, XML in and out, teardown. */
export interface BpmnDiagram {
  // A service locator: the caller names the service and its type.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
  get<T>(name: string): T;
  importXML(xml: string): Promise<{ warnings: { message: string }[] }>;
  saveXML(options?: { format?: boolean }): Promise<{ xml?: string }>;
  /** The moddle root (`bpmn:Definitions`) of the diagram shown. */
  getDefinitions(): unknown;
  destroy(): void;
}

/** Adds `marker` to each element that exists; returns what it marked (to remove later). */
export function addMarkers(diagram: BpmnDiagram, ids: Iterable<string>, marker: string): string[] {
  const canvas = diagram.get<Canvas>('canvas');
  const registry = diagram.get<ElementRegistry>('elementRegistry');
  const marked: string[] = [];
  for (const id of ids) {
    if (registry.get(id) === undefined) continue;
    canvas.addMarker(id, marker);
    marked.push(id);
  }
  return marked;
}

export function removeMarkers(diagram: BpmnDiagram, ids: Iterable<string>, marker: string): void {
  const canvas = diagram.get<Canvas>('canvas');
  const registry = diagram.get<ElementRegistry>('elementRegistry');
  for (const id of ids) if (registry.get(id) !== undefined) canvas.removeMarker(id, marker);
}

interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

function boundsOf(element: DiagramElement): Bounds | undefined {
  const shape = element as Partial<Bounds> & { waypoints?: { x: number; y: number }[] };
  if (shape.waypoints !== undefined && shape.waypoints.length > 0) {
    const xs = shape.waypoints.map((point) => point.x);
    const ys = shape.waypoints.map((point) => point.y);
    return {
      x: Math.min(...xs),
      y: Math.min(...ys),
      width: Math.max(...xs) - Math.min(...xs),
      height: Math.max(...ys) - Math.min(...ys),
    };
  }
  const { x, y, width, height } = shape;
  return x === undefined || y === undefined ? undefined : { x, y, width: width ?? 0, height: height ?? 0 };
}

/** Selects the element and centres it, at a readable scale. */
export function revealElement(diagram: BpmnDiagram, id: string): boolean {
  const element = diagram.get<ElementRegistry>('elementRegistry').get(id);
  const bounds = element === undefined ? undefined : boundsOf(element);
  if (element === undefined || bounds === undefined) return false;
  diagram.get<Selection>('selection').select(element);
  const canvas = diagram.get<Canvas>('canvas');
  const box = canvas.viewbox();
  const scale = Math.max(box.scale, 0.8);
  const width = box.outer.width / scale;
  const height = box.outer.height / scale;
  canvas.viewbox({
    x: bounds.x + bounds.width / 2 - width / 2,
    y: bounds.y + bounds.height / 2 - height / 2,
    width,
    height,
  });
  return true;
}

/**
 * Whether the minimap starts open in a canvas this wide: beside a phone's diagram it covered most of
 * it (it can still be opened there).
 */
export function minimapOpens(container: HTMLElement): boolean {
  return container.clientWidth >= 720;
}

// 100 %: the label font (diagram-text.ts) is chosen to be read at this scale; the minimap shows the whole.
const READABLE_SCALE = 1;

/**
 * Fits the diagram; when that makes it smaller than its actual size (the whole lifecycle is wide),
 * shows its beginning at 100 % instead, where the labels can be read.
 */
export function initialView(diagram: BpmnDiagram): void {
  const canvas = diagram.get<Canvas>('canvas');
  // A canvas not laid out yet (no width or height) has no scale to fit to: diagram-js throws (SVGMatrix
  // scale non-finite), which emptied the page.
  const { outer } = canvas.viewbox();
  if (outer.width === 0 || outer.height === 0) return;
  canvas.zoom('fit-viewport', 'auto');
  const box = canvas.viewbox();
  if (box.scale >= READABLE_SCALE || box.inner.width === 0) return;
  canvas.viewbox({
    x: box.inner.x - 20,
    y: box.inner.y - 20,
    width: box.outer.width / READABLE_SCALE,
    height: box.outer.height / READABLE_SCALE,
  });
}

/** Shows the diagram at 100 % around the middle of what is shown now. */
export function actualSize(diagram: BpmnDiagram): void {
  const canvas = diagram.get<Canvas>('canvas');
  const { outer } = canvas.viewbox();
  canvas.zoom(1, { x: outer.width / 2, y: outer.height / 2 });
}
