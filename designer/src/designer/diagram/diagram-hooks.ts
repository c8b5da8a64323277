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

/** Measures the canvas again whenever its tab is shown (a hidden canvas has no size). */
export function useResized(diagram: BpmnDiagram | undefined, active: boolean) {
  useEffect(() => {
    if (diagram !== undefined && active) diagram.get<Canvas>('canvas').resized();
  }, [diagram, active]);
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
 * Fits the diagram once it is shown (`initialView`). A diagram imported in a hidden tab has a canvas
 * of no size, and fitting that leaves bpmn-js a zero scale that its next zoom turns into an
 * SVGMatrix error (a draft becoming editable again on 发布 after 撤回申请, the approver's 查看差异).
 */
export function useInitialView(diagram: BpmnDiagram | undefined, active: boolean) {
  const viewed = useRef<BpmnDiagram | undefined>(undefined);
  useEffect(() => {
    if (diagram === undefined || !active || viewed.current === diagram) return;
    viewed.current = diagram;
    initialView(diagram);
  }, [diagram, active]);
}
