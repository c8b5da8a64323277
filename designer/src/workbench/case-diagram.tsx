import { AimOutlined, CompressOutlined, ZoomInOutlined, ZoomOutOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Typography } from 'antd';
import NavigatedViewerModule from 'bpmn-js/lib/NavigatedViewer.js';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/diagram-js.css';
import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.js';
import './case-diagram.css';

// bpmn-js ships ES modules without `"type": "module"`: TypeScript (NodeNext) types the default export
// as a CommonJS namespace while Vite loads the ES module.
const NavigatedViewer = NavigatedViewerModule as unknown as typeof import('bpmn-js/lib/NavigatedViewer.js').default;
type Viewer = InstanceType<typeof NavigatedViewer>;

/** The markers a flow node gets (CSS classes on its SVG group). */
export const MARKERS = { done: 'qbz-done', open: 'qbz-open', ahead: 'qbz-ahead' } as const;

interface DiagramElement {
  id: string;
  type: string;
  parent?: DiagramElement;
  waypoints?: unknown;
  labelTarget?: unknown;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Canvas {
  zoom(level?: number | 'fit-viewport', center?: 'auto'): number;
  addMarker(element: DiagramElement, marker: string): void;
  viewbox(box?: Box): Box;
  getSize(): { width: number; height: number };
}

interface ElementRegistry {
  getAll(): DiagramElement[];
}

const NOT_A_STEP = new Set(['bpmn:Process', 'bpmn:Collaboration', 'bpmn:Participant', 'bpmn:Lane', 'label']);

/**
 * Where a flow node stands: open (a token is there: a task, a timer, an open message window — or
 * a sub-process around one), done (completed) or ahead (not reached, or passed by: an event that
 * did not happen behind an event-based gateway).
 */
function stateOf(element: DiagramElement, done: ReadonlySet<string>, open: ReadonlySet<string>): keyof typeof MARKERS {
  if (open.has(element.id)) return 'open';
  if (done.has(element.id)) return 'done';
  return 'ahead';
}

function markElements(registry: ElementRegistry, canvas: Canvas, done: readonly string[], active: readonly string[]) {
  const all = registry.getAll();
  const open = new Set(active);
  // A sub-process is open while anything inside it is.
  for (const element of all) {
    if (!active.includes(element.id)) continue;
    for (let parent = element.parent; parent !== undefined; parent = parent.parent) open.add(parent.id);
  }
  const completed = new Set(done);
  for (const element of all) {
    if (NOT_A_STEP.has(element.type) || element.waypoints !== undefined || element.labelTarget !== undefined) continue;
    if (element.parent === undefined) continue; // the root
    canvas.addMarker(element, MARKERS[stateOf(element, completed, open)]);
  }
}

/**
 * Shows where the case is: the open steps at reading size (a whole programme fits the screen only
 * as a thumbnail), or the whole diagram when nothing is open.
 */
function focusOpen(canvas: Canvas, registry: ElementRegistry, active: readonly string[]) {
  canvas.zoom('fit-viewport', 'auto');
  const open = registry
    .getAll()
    .filter((element) => active.includes(element.id) && element.waypoints === undefined && element.x !== undefined);
  // The tasks waiting for someone first; otherwise every open event with the sub-process around it.
  const tasks = open.filter((element) => element.type === 'bpmn:UserTask');
  const shapes =
    tasks.length > 0
      ? tasks
      : open.map((element) => (element.parent?.type === 'bpmn:SubProcess' ? element.parent : element));
  if (shapes.length === 0) return;
  const left = Math.min(...shapes.map((shape) => shape.x ?? 0));
  const top = Math.min(...shapes.map((shape) => shape.y ?? 0));
  const right = Math.max(...shapes.map((shape) => (shape.x ?? 0) + (shape.width ?? 0)));
  const bottom = Math.max(...shapes.map((shape) => (shape.y ?? 0) + (shape.height ?? 0)));
  const size = canvas.getSize();
  const margin = 160;
  const scale = Math.min(1, size.width / (right - left + 2 * margin), size.height / (bottom - top + 2 * margin));
  if (scale <= canvas.zoom()) return; // the whole diagram is already as large
  const width = size.width / scale;
  const height = size.height / scale;
  canvas.viewbox({ x: (left + right - width) / 2, y: (top + bottom - height) / 2, width, height });
}

interface Props {
  xml: string;
  done: readonly string[];
  active: readonly string[];
  /** What the diagram shows, for a screen reader (流程图：当前环节：…). */
  label: string;
}

/**
 * The canvas is a Tab stop of diagram-js's (tabindex=0) where Ctrl+arrow keys move the diagram
 * (NavigatedViewer's keyboard-move), the keyboard's way to pan it: kept in the tab order, it is said
 * as a picture named by what it shows, described by how to move it (it had no role or name).
 */
function nameCanvas(container: HTMLElement, label: string, hintId: string): void {
  const svg = container.querySelector('svg[tabindex]');
  if (svg === null) return;
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('aria-describedby', hintId);
}

/** The case's version's diagram in a read-only bpmn-js viewer, each step marked done, open or ahead. */
export function CaseDiagram({ xml, done, active, label }: Props) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const viewerRef = useRef<Viewer | undefined>(undefined);
  const [error, setError] = useState<string | undefined>();
  const hintId = useId();
  // The name as the canvas is made, and again when it changes (the language switched): no new viewer for it.
  const labelRef = useRef(label);
  useEffect(() => {
    labelRef.current = label;
    if (container.current !== null) nameCanvas(container.current, label, hintId);
  }, [label, hintId]);

  useEffect(() => {
    if (container.current === null) return;
    const viewer = new NavigatedViewer({ container: container.current });
    viewerRef.current = viewer;
    nameCanvas(container.current, labelRef.current, hintId);
    let alive = true;
    viewer
      .importXML(xml)
      .then(() => {
        if (!alive) return;
        const canvas = viewer.get<Canvas>('canvas');
        const registry = viewer.get<ElementRegistry>('elementRegistry');
        markElements(registry, canvas, done, active);
        focusOpen(canvas, registry, active);
      })
      .catch((caught: unknown) => {
        if (alive) setError((caught as Error).message);
      });
    return () => {
      alive = false;
      viewerRef.current = undefined;
      viewer.destroy();
    };
  }, [xml, done, active]);

  const zoom = (change: number | 'fit-viewport' | 'open') => {
    const viewer = viewerRef.current;
    if (viewer === undefined) return;
    const canvas = viewer.get<Canvas>('canvas');
    if (change === 'fit-viewport') canvas.zoom('fit-viewport', 'auto');
    else if (change === 'open') focusOpen(canvas, viewer.get<ElementRegistry>('elementRegistry'), active);
    else canvas.zoom(canvas.zoom() * change);
  };

  return (
    <div>
      {error !== undefined && <Alert type="error" showIcon title={error} />}
      <Space style={{ marginBottom: 8 }} wrap>
        <Button
          size="small"
          icon={<ZoomInOutlined />}
          aria-label={t('zoomIn')}
          onClick={() => {
            zoom(1.25);
          }}
        />
        <Button
          size="small"
          icon={<ZoomOutOutlined />}
          aria-label={t('zoomOut')}
          onClick={() => {
            zoom(0.8);
          }}
        />
        <Button
          size="small"
          icon={<AimOutlined />}
          aria-label={t('zoomOpen')}
          onClick={() => {
            zoom('open');
          }}
        />
        <Button
          size="small"
          icon={<CompressOutlined />}
          aria-label={t('zoomFit')}
          onClick={() => {
            zoom('fit-viewport');
          }}
        />
        <ul className="qbz-legend" aria-label={t('legend')}>
          <li>
            <span className={`qbz-swatch ${MARKERS.done}`} aria-hidden />
            {t('stepDone')}
          </li>
          <li>
            <span className={`qbz-swatch ${MARKERS.open}`} aria-hidden />
            {t('stepOpen')}
          </li>
          <li>
            <span className={`qbz-swatch ${MARKERS.ahead}`} aria-hidden />
            {t('stepAhead')}
          </li>
        </ul>
      </Space>
      {/* A figure, not an img: an img's content is presentational, but the canvas holds focusable parts. */}
      <div ref={container} className="qbz-diagram" role="figure" aria-label={t('diagram')} data-testid="case-diagram" />
      <Typography.Text type="secondary" id={hintId}>
        {t('diagramHint')}
      </Typography.Text>
    </div>
  );
}

export default CaseDiagram;
