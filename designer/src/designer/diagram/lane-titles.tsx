import { useEffect, useState } from 'react';
import type { DiagramElement } from './camunda-properties.js';
import { useImports } from './diagram-hooks.js';
import {
  addMarkers,
  removeMarkers,
  type BpmnDiagram,
  type Canvas,
  type ElementRegistry,
  type EventBus,
} from './services.js';

interface LaneTitle {
  id: string;
  name: string;
  top: number;
  height: number;
}

interface LaneShape extends DiagramElement {
  y: number;
  height: number;
  children?: DiagramElement[];
}

/** Lanes holding no lanes (and pools without lanes), placed as the canvas shows them now. */
function laneTitles(diagram: BpmnDiagram): LaneTitle[] {
  const canvas = diagram.get<Canvas>('canvas');
  const box = canvas.viewbox();
  const shapes = diagram.get<ElementRegistry>('elementRegistry').getAll() as LaneShape[];
  const hasLanes = (shape: LaneShape) => (shape.children ?? []).some((child) => child.type === 'bpmn:Lane');
  return shapes
    .filter((shape) => (shape.type === 'bpmn:Lane' || shape.type === 'bpmn:Participant') && !hasLanes(shape))
    .map((shape) => {
      // Only the part of the lane in view: its title stays readable however far the lane runs on.
      const top = Math.max((shape.y - box.y) * box.scale, 0);
      const bottom = Math.min((shape.y + shape.height - box.y) * box.scale, box.outer.height);
      return {
        id: shape.id,
        name: (shape.businessObject.name ?? '').replace(/\s+/g, ' ').trim(),
        top,
        height: bottom - top,
      };
    })
    .filter((title) => title.name !== '' && title.height > 0);
}

const REDRAW_EVENTS = ['canvas.viewbox.changed', 'elements.changed', 'import.done'];

/**
 * The lanes' titles written across, in a column beside the canvas that follows the view: bpmn-js
 * turns a lane's title on its side in a 30 px strip, where a long Chinese title (相关部门：农业农村部、
 * 商务部…) is unreadable and scrolls away with the lane's start.
 */
export function LaneTitles({ diagram }: { diagram: BpmnDiagram | undefined }) {
  const [titles, setTitles] = useState<LaneTitle[]>([]);
  const shown = titles.length > 0;
  // The column comes and goes with the lanes (an imported diagram may have none): the canvas measures itself again.
  useEffect(() => {
    diagram?.get<Canvas>('canvas').resized();
  }, [diagram, shown]);
  // The lanes' own titles, turned on their side, give way to the column's.
  // Again after an import: its lanes are drawn anew without the marker, often under the same ids.
  const laneIds = titles.map((title) => title.id).join(' ');
  const imports = useImports(diagram);
  useEffect(() => {
    if (diagram === undefined || laneIds === '') return;
    const marked = addMarkers(diagram, laneIds.split(' '), 'qbz-titled-lane');
    return () => {
      removeMarkers(diagram, marked, 'qbz-titled-lane');
    };
  }, [diagram, laneIds, imports]);
  useEffect(() => {
    if (diagram === undefined) return;
    let frame = 0;
    const redraw = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        setTitles(laneTitles(diagram));
      });
    };
    const eventBus = diagram.get<EventBus>('eventBus');
    for (const event of REDRAW_EVENTS) eventBus.on(event, redraw);
    redraw();
    return () => {
      cancelAnimationFrame(frame);
      for (const event of REDRAW_EVENTS) eventBus.off(event, redraw);
    };
  }, [diagram]);
  if (!shown) return null;
  return (
    <div className="qbz-lane-titles">
      {titles.map((title) => (
        <div
          key={title.id}
          className="qbz-lane-title"
          data-lane={title.id}
          style={{ top: title.top, height: title.height }}
          title={title.name}
        >
          <span>{title.name}</span>
        </div>
      ))}
    </div>
  );
}
