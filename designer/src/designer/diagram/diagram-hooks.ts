import { useEffect, useRef, useState } from 'react';
import {
  addMarkers,
  initialView,
  removeMarkers,
  revealElement,
  type BpmnDiagram,
  type Canvas,
  type ElementRegistry,
  type EventBus,
  type Overlays,
} from './services.js';

export interface ElementFocus {
  id: string;
  /** A new number for each request, so that the same element can be revealed twice. */
  seq: number;
}

/**
 * How many diagrams were imported into `diagram` since it was first shown (导入 .bpmn). An import draws
 * every element anew, without the markers put on the ones before: under the same ids (the draft's own
 * diagram imported back, a revision of it) an effect keyed on ids would not run again to put them back.
 */
export function useImports(diagram: BpmnDiagram | undefined): number {
  const [imports, setImports] = useState(0);
  useEffect(() => {
    if (diagram === undefined) return;
    const eventBus = diagram.get<EventBus>('eventBus');
    const imported = () => {
      setImports((count) => count + 1);
    };
    eventBus.on('import.done', imported);
    return () => {
      eventBus.off('import.done', imported);
    };
  }, [diagram]);
  return imports;
}

/** Keeps the diagram's markers equal to `markers` (class → element ids). */
export function useMarkers(diagram: BpmnDiagram | undefined, markers: Record<string, readonly string[]> | undefined) {
  useEffect(() => {
    if (diagram === undefined || markers === undefined) return;
    const applied = Object.entries(markers).map(([marker, ids]) => [marker, addMarkers(diagram, ids, marker)] as const);
    return () => {
      for (const [marker, ids] of applied) removeMarkers(diagram, ids, marker);
    };
  }, [diagram, markers]);
}

/** Validation problems of one element, shown as a badge beside it. */
export interface ProblemBadge {
  element: string;
  severity: 'error' | 'warning';
  /** What is wrong, in words (the badge's tooltip). */
  text: string;
}

const BADGE_OVERLAY = 'qbz-problem-badge';

/**
 * A badge at the top right of each element with problems: how many, its colour the worst severity,
 * the problems as its tooltip; clicking it selects the element (and the properties panel shows it).
 */
export function useProblemBadges(diagram: BpmnDiagram | undefined, badges: readonly ProblemBadge[] | undefined) {
  useEffect(() => {
    if (diagram === undefined || badges === undefined) return;
    const overlays = diagram.get<Overlays>('overlays');
    const registry = diagram.get<ElementRegistry>('elementRegistry');
    const byElement = new Map<string, ProblemBadge[]>();
    for (const badge of badges) byElement.set(badge.element, [...(byElement.get(badge.element) ?? []), badge]);
    for (const [id, list] of byElement) {
      if (registry.get(id) === undefined) continue;
      const badge = document.createElement('button');
      badge.type = 'button';
      const severity = list.some((item) => item.severity === 'error') ? 'error' : 'warning';
      badge.className = `qbz-badge qbz-badge-${severity}`;
      badge.textContent = String(list.length);
      badge.title = list.map((item) => item.text).join('\n');
      badge.setAttribute('aria-label', badge.title);
      badge.dataset.problemBadge = id;
      badge.addEventListener('click', (event) => {
        event.stopPropagation();
        revealElement(diagram, id);
      });
      overlays.add(id, BADGE_OVERLAY, { position: { top: -10, right: 10 }, html: badge });
    }
    return () => {
      overlays.remove({ type: BADGE_OVERLAY });
    };
  }, [diagram, badges]);
}

/**
 * Measures the canvas again whenever its size changes — its tab shown again (a hidden canvas has no
 * size), the window resized — and fits the diagram the first time it has a size (`initialView`; fitting
 * a canvas of no size, a diagram imported in a hidden tab, left bpmn-js a zero scale). Not on the
 * tab's switch: antd shows the pane only after the editor's effects ran, so the measure taken then
 * was 0 × 0, kept by diagram-js until the view next changed — after 期限 and back, the minimap showed
 * a corner and 按名称查找元素 threw (SVGMatrix scale non-finite) instead of centring the element.
 */
export function useCanvasSize(diagram: BpmnDiagram | undefined) {
  useEffect(() => {
    if (diagram === undefined) return;
    const canvas = diagram.get<Canvas>('canvas');
    let viewed = false;
    const observer = new ResizeObserver(([entry]) => {
      if (entry === undefined || entry.contentRect.width === 0 || entry.contentRect.height === 0) return;
      canvas.resized();
      if (viewed) return;
      viewed = true;
      initialView(diagram);
    });
    observer.observe(canvas.getContainer());
    return () => {
      observer.disconnect();
    };
  }, [diagram]);
}

/** Selects and centres each newly focused element, once its tab is shown. */
export function useReveal(diagram: BpmnDiagram | undefined, focus: ElementFocus | undefined, active: boolean) {
  const revealed = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (diagram === undefined || focus === undefined || !active || revealed.current === focus.seq) return;
    const frame = requestAnimationFrame(() => {
      diagram.get<Canvas>('canvas').resized();
      if (revealElement(diagram, focus.id)) revealed.current = focus.seq;
    });
    return () => {
      cancelAnimationFrame(frame);
    };
  }, [diagram, focus, active]);
}

/** Offers text as a file download. */
export function download(name: string, text: string, type = 'application/xml'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 1000);
}

/**
 * Names the bpmn.io watermark link in the page's language: bpmn-js adds it with a logo and an English
 * title only, so a screen reader met an unnamed link. Its licence requires it to stay visible: it is
 * named, never removed.
 */
export function useWatermarkName(diagram: BpmnDiagram | undefined, name: string) {
  useEffect(() => {
    if (diagram === undefined) return;
    const container = diagram.get<Canvas>('canvas').getContainer().parentElement;
    const link = container?.querySelector('a.bjs-powered-by');
    if (link === null || link === undefined) return;
    link.setAttribute('aria-label', name);
    link.setAttribute('title', name);
  }, [diagram, name]);
}
