import { useEffect, useRef } from 'react';
import { addMarkers, removeMarkers, revealElement, type BpmnDiagram, type Canvas } from './services.js';

export interface ElementFocus {
  id: string;
  /** A new number for each request, so that the same element can be revealed twice. */
  seq: number;
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
