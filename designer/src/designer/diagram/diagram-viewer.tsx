import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import 'diagram-js-minimap/assets/diagram-js-minimap.css';
import { App } from 'antd';
import { useEffect, useRef, useState } from 'react';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import { useDesignerI18n } from '../designer-i18n.js';
import { DiagramSearch } from './diagram-search.js';
import { DIAGRAM_TEXT } from './diagram-text.js';
import { LaneTitles } from './lane-titles.js';
import { translateFor } from './translate-zh.js';
import type { DiagramElement } from './camunda-properties.js';
import { useCanvasSize, useMarkers, useReveal, useWatermarkName, type ElementFocus } from './diagram-hooks.js';
import './designer-diagram.css';
import { ElementDetails } from './element-details.js';
import { importFailure } from './import-failure.js';
import { minimapOpens, type BpmnDiagram, type EventBus } from './services.js';

export interface DiagramViewerProps {
  xml: string;
  markers?: Record<string, readonly string[]>;
  focus?: ElementFocus | undefined;
  active: boolean;
  /** Show the selected element's properties beside the diagram. */
  details?: boolean;
  /** Names rule values in the details (rule name → words). */
  ruleWords?: (name: string) => string | undefined;
  height?: number | string;
}

// Loaded beside the version's files rather than before them (the first diagram shows sooner).
const viewerModule = import('./bpmn-js-viewer.js');

/** A read-only diagram (published versions, comparisons): navigate, select, read properties. */
export function DiagramViewer(props: DiagramViewerProps) {
  const { d, language } = useDesignerI18n();
  const { message } = App.useApp();
  const languageRef = useRef(language);
  languageRef.current = language;
  const canvasRef = useRef<HTMLDivElement>(null);
  const [diagram, setDiagram] = useState<BpmnDiagram | undefined>();
  const [selected, setSelected] = useState<DiagramElement | undefined>();

  useEffect(() => {
    const container = canvasRef.current;
    if (container === null) return;
    let alive = true;
    // A call, so that checks after an await read the value of the moment.
    const isAlive = () => alive;
    let viewer: BpmnDiagram | undefined;
    void viewerModule.then(async ({ NavigatedViewer, MinimapModule }) => {
      if (!isAlive()) return;
      const created = new NavigatedViewer({
        container,
        moddleExtensions: { camunda: camundaModdle },
        textRenderer: DIAGRAM_TEXT,
        minimap: { open: minimapOpens(container) },
        additionalModules: [MinimapModule, { translate: ['value', translateFor(() => languageRef.current)] }],
      });
      viewer = created as unknown as BpmnDiagram;
      viewer.get<EventBus>('eventBus').on('selection.changed', (event) => {
        setSelected(event.newSelection?.[0]);
      });
      try {
        await viewer.importXML(props.xml);
        if (!isAlive()) return;
        setDiagram(viewer);
      } catch (error) {
        if (isAlive()) void message.error(importFailure(error, d));
      }
    });
    return () => {
      alive = false;
      viewer?.destroy();
      setDiagram(undefined);
    };
    // A new viewer for new XML.
  }, [props.xml]);

  useCanvasSize(diagram);
  useWatermarkName(diagram, d('poweredBy'));

  useMarkers(diagram, props.markers);

  useReveal(diagram, props.focus, props.active);

  return (
    <div>
      <div style={{ marginBottom: 8 }}>
        <DiagramSearch diagram={diagram} />
      </div>
      <div className="qbz-diagram" style={props.height === undefined ? undefined : { height: props.height }}>
        <LaneTitles diagram={diagram} />
        <div
          className="qbz-diagram-canvas"
          ref={canvasRef}
          data-diagram="viewer"
          data-diagram-ready={diagram !== undefined}
        />
        {props.details === true && (
          <div className="qbz-diagram-side" style={{ padding: 12 }}>
            <ElementDetails element={selected} {...(props.ruleWords !== undefined && { ruleWords: props.ruleWords })} />
          </div>
        )}
      </div>
    </div>
  );
}
