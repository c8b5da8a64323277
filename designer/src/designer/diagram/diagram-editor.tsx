import { DownloadOutlined, ExpandOutlined, RedoOutlined, UndoOutlined } from '@ant-design/icons';
import { App, Button, Space, Switch, Tooltip } from 'antd';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ModdleElement } from '../../../../engine/definitions/moddle.js';
import { useDesignerI18n } from '../designer-i18n.js';
import { createModeler } from './create-modeler.js';
import './designer-diagram.css';
import { DiagramSearch } from './diagram-search.js';
import { importFailure, whyUnusable } from './import-failure.js';
import { ImportButton } from './import-button.js';
import { DIAGRAM_MAX_BYTES, savedBytes } from './import-limit.js';
import { readDiagramFile } from './import-text.js';
import { ImportWarnings } from './import-warnings.js';
import { ImportRefusal, type RefusedImport } from './import-refusal.js';
import { LaneTitles } from './lane-titles.js';
import type { LegalTimeVocabulary } from './legal-time/vocabulary.js';
import { notRunnable } from './runnability.js';
import { exportedAlike } from './saved-diagram.js';
import { nameSectionToggles } from './section-toggles.js';
import {
  download,
  useCanvasSize,
  useWatermarkName,
  useMarkers,
  useProblemBadges,
  useReveal,
  type ElementFocus,
  type ProblemBadge,
} from './diagram-hooks.js';
import {
  actualSize,
  initialView,
  type BpmnDiagram,
  type Canvas,
  type CommandStack,
  type EventBus,
} from './services.js';

export interface DiagramEditorProps {
  /** The diagram to open (read once, when the editor mounts). */
  xml: string;
  vocabulary: Omit<LegalTimeVocabulary, 'simple'>;
  /** The diagram after each change (debounced). */
  onChange: (xml: string) => void;
  /**
   * Called at once when the diagram is changed, before `onChange` has its XML (the first export took
   * over a second): leaving meanwhile must already be asked about.
   */
  onEditing?: () => void;
  /** Elements to mark, by marker class. */
  markers?: Record<string, readonly string[]>;
  /** Validation problems, as badges beside their elements. */
  badges?: readonly ProblemBadge[];
  focus?: ElementFocus | undefined;
  /** Whether the tab is shown (the canvas measures itself again when it is). */
  active: boolean;
  fileName: string;
  toolbar?: ReactNode;
}

const CHANGE_DELAY_MS = 300;

/** The bpmn-js modeler with its properties panel, for a draft's process.bpmn. */
export function DiagramEditor(props: DiagramEditorProps) {
  const { d, language } = useDesignerI18n();
  const { message } = App.useApp();
  const languageRef = useRef(language);
  languageRef.current = language;
  const canvasRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const [diagram, setDiagram] = useState<BpmnDiagram | undefined>();
  const [ready, setReady] = useState(false);
  const latest = useRef(props);
  latest.current = props;
  // Off: the panel shows what a policy officer decides; on: the full Camunda panel.
  const [advanced, setAdvanced] = useState(false);
  const advancedRef = useRef(advanced);
  advancedRef.current = advanced;
  // What the engine would not run in the diagram as it is now (an import from Camunda Modeler).
  const [unrunnable, setUnrunnable] = useState<ProblemBadge[]>([]);
  // A file chosen with 导入 .bpmn that could not be opened: said until closed or the next import.
  const [refused, setRefused] = useState<RefusedImport | undefined>();
  // What bpmn-js left out of the diagram it opened last: said until closed or the next import.
  const [warned, setWarned] = useState<string[]>([]);
  const checkRunnable = (modeler: BpmnDiagram) => {
    const found = notRunnable(modeler.getDefinitions() as ModdleElement);
    setUnrunnable(found);
    return found;
  };

  useEffect(() => {
    const container = canvasRef.current;
    const properties = panelRef.current;
    if (container === null || properties === null) return;
    // The module reads the vocabulary through this object, so it always sees the current props.
    const vocabulary: LegalTimeVocabulary = {
      rules: () => latest.current.vocabulary.rules(),
      dates: () => latest.current.vocabulary.dates(),
      groups: () => latest.current.vocabulary.groups(),
      forms: () => latest.current.vocabulary.forms(),
      label: (key) => latest.current.vocabulary.label(key),
      aside: (text, note) => latest.current.vocabulary.aside(text, note),
      explain: (declaration) => latest.current.vocabulary.explain(declaration),
      conditionWords: (body, formKeys) => latest.current.vocabulary.conditionWords(body, formKeys),
      simple: () => !advancedRef.current,
    };
    const modeler = createModeler({
      container,
      properties,
      vocabulary,
      language: () => languageRef.current,
    }) as unknown as BpmnDiagram;
    const stopNamingToggles = nameSectionToggles(properties);
    // The text opened and bpmn-js' export of it: a diagram exported alike (every edit undone) is the
    // text opened, so the workspace finds it equal to what is saved (bpmn-js lays its export out
    // otherwise, and a renamed element keeps an empty label after its undo: exportedAlike).
    const opened = latest.current.xml;
    let openedExport: string | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const changed = (event: { trigger?: string }) => {
      // Not the stack cleared by an import: that is no edit.
      if (event.trigger !== 'clear') latest.current.onEditing?.();
      clearTimeout(timer);
      timer = setTimeout(() => {
        checkRunnable(modeler);
        void modeler.saveXML({ format: true }).then(({ xml }) => {
          if (xml !== undefined) latest.current.onChange(exportedAlike(xml, openedExport) ? opened : xml);
        });
      }, CHANGE_DELAY_MS);
    };
    modeler.get<EventBus>('eventBus').on('commandStack.changed', changed);
    let alive = true;
    modeler.importXML(opened).then(
      async ({ warnings }) => {
        openedExport = await modeler.saveXML({ format: true }).then(
          ({ xml }) => xml,
          () => undefined,
        );
        if (!alive) return;
        setWarned(warnings.map((warning) => warning.message));
        checkRunnable(modeler);
        setDiagram(modeler);
        setReady(true);
      },
      (error: unknown) => {
        if (alive) void message.error(importFailure(error, d));
      },
    );
    return () => {
      alive = false;
      clearTimeout(timer);
      stopNamingToggles();
      modeler.destroy();
      setDiagram(undefined);
      setReady(false);
    };
    // One modeler per mount: later XML comes from the modeler itself.
  }, []);

  useCanvasSize(diagram);
  useWatermarkName(diagram, d('poweredBy'));

  // The panel asks again which groups to show (and the legal time's example, after a Periods edit).
  useEffect(() => {
    diagram?.get<EventBus>('eventBus').fire('propertiesPanel.providersChanged');
  }, [diagram, advanced, props.vocabulary]);

  useMarkers(diagram, props.markers);

  const unrunnableMarkers = useMemo(
    () => ({ 'qbz-problem-error': unrunnable.map((badge) => badge.element) }),
    [unrunnable],
  );
  useMarkers(diagram, unrunnableMarkers);

  const badges = useMemo(() => [...(props.badges ?? []), ...unrunnable], [props.badges, unrunnable]);
  useProblemBadges(diagram, badges);

  useReveal(diagram, props.focus, props.active);

  const importFile = async (file: File) => {
    if (diagram === undefined) return;
    setRefused(undefined);
    setWarned([]);
    // Refused by its size before it is read: one too large to save took seconds to read and parse.
    if (file.size > DIAGRAM_MAX_BYTES) {
      setRefused({ file: file.name, text: '', error: undefined, size: file.size });
      return;
    }
    // In the encoding it declares (GBK, ISO-8859-1…): File.text() read UTF-8 only.
    const text = await readDiagramFile(file);
    // Saved, it goes as a JSON string, escapes and all: a file just under the limit may not fit.
    const saved = savedBytes(text);
    if (saved > DIAGRAM_MAX_BYTES) {
      setRefused({ file: file.name, text: '', error: undefined, size: file.size, saved });
      return;
    }
    const unusable = await whyUnusable(diagram, text);
    if (unusable !== undefined) {
      setRefused({ file: file.name, text, error: unusable });
      return;
    }
    try {
      const { warnings } = await diagram.importXML(text);
      initialView(diagram);
      setWarned(warnings.map((warning) => warning.message));
      const found = checkRunnable(diagram);
      if (found.length > 0) void message.warning(d('notRunnable', { count: found.length }));
      const { xml } = await diagram.saveXML({ format: true });
      if (xml !== undefined) props.onChange(xml);
    } catch (error) {
      // Unforeseen by whyUnusable: the page's stored draft is unchanged (a reload shows it).
      setRefused({ file: file.name, text, error });
    }
  };

  const commandStack = () => diagram?.get<CommandStack>('commandStack');
  return (
    <div>
      <Space className="qbz-diagram-toolbar" style={{ marginBottom: 8 }} wrap>
        {props.toolbar}
        <ImportButton disabled={!ready} d={d} onFile={importFile} />
        <Button
          icon={<DownloadOutlined />}
          disabled={!ready}
          onClick={() =>
            void diagram?.saveXML({ format: true }).then(({ xml }) => {
              if (xml !== undefined) download(props.fileName, xml);
            })
          }
        >
          {d('downloadBpmn')}
        </Button>
        <Tooltip title={d('undo')}>
          <Button icon={<UndoOutlined />} aria-label={d('undo')} onClick={() => commandStack()?.undo()} />
        </Tooltip>
        <Tooltip title={d('redo')}>
          <Button icon={<RedoOutlined />} aria-label={d('redo')} onClick={() => commandStack()?.redo()} />
        </Tooltip>
        <Tooltip title={d('advancedHint')}>
          {/* The word takes the tap too: the small switch alone was 28 × 16 px (WCAG 2.2, 2.5.8: 24 × 24). */}
          <label className="qbz-advanced">
            <Switch size="small" checked={advanced} onChange={setAdvanced} aria-label={d('advanced')} />
            {d('advanced')}
          </label>
        </Tooltip>
        <DiagramSearch diagram={diagram} />
        <Tooltip title={d('actualSizeHint')}>
          <Button
            onClick={() => {
              if (diagram !== undefined) actualSize(diagram);
            }}
          >
            {d('actualSize')}
          </Button>
        </Tooltip>
        <Tooltip title={d('fitDiagram')}>
          <Button
            icon={<ExpandOutlined />}
            aria-label={d('fitDiagram')}
            onClick={() => diagram?.get<Canvas>('canvas').zoom('fit-viewport', 'auto')}
          />
        </Tooltip>
      </Space>
      {refused !== undefined && (
        <ImportRefusal
          refused={refused}
          d={d}
          onClose={() => {
            setRefused(undefined);
          }}
        />
      )}
      {warned.length > 0 && (
        <ImportWarnings
          warnings={warned}
          d={d}
          onClose={() => {
            setWarned([]);
          }}
        />
      )}
      <div className="qbz-diagram">
        <LaneTitles diagram={diagram} />
        <div className="qbz-diagram-canvas" ref={canvasRef} data-diagram="modeler" data-diagram-ready={ready} />
        <div className="qbz-diagram-side" ref={panelRef} />
      </div>
    </div>
  );
}
