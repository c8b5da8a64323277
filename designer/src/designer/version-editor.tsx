import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { memo, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Manifest, Rules } from '../../../engine/definitions/types.js';
import { designerApi, type Problem } from './designer-api.js';
import { useDesignerI18n } from './designer-i18n.js';
import { DiagramViewer } from './diagram/diagram-viewer.js';
import type { LegalTimeLabel, LegalTimeVocabulary } from './diagram/legal-time/vocabulary.js';
import { explainLegalTime, type LegalTimeTerms } from './diagram/legal-time/legal-time-words.js';
import { useWorkingDayCalendar } from './diagram/legal-time/use-calendar.js';
import { conditionField, conditionWords } from './diagram/condition-words.js';
import type { DesignerMessageKey } from './designer-messages.js';
import { versionFileOf, type FileFocus } from './focus.js';
import { IndicatorsEditor as IndicatorsTable } from './indicators/indicators-editor.js';
import { periodWords } from './periods/period-words.js';
import { PeriodsEditor as PeriodsTable } from './periods/periods-editor.js';
import { ComparePanel } from './review/compare-panel.js';
import { PublishPanel } from './review/publish-panel.js';
import { SimulatePanel } from './review/simulate-panel.js';
import { useTimelineNames } from './review/timeline-words.js';
import { useDraftActions } from './review/use-draft-actions.js';
import { ValidatePanel } from './review/validate-panel.js';
import { DraftTitle } from './review/draft-title.js';
import { ExplainedButton } from './review/explained-button.js';
import { useSession } from '../auth/session.js';
import { useDefinitionText } from '../i18n/use-definition-text.js';
import { ApiError } from '../api/client.js';
import { useDiffNames, useProblemNames } from './review/problem-names.js';
import { problemText } from './review/problem-text.js';
import type { ProblemBadge } from './diagram/diagram-hooks.js';
import { draftPath, parseVersionParam } from './routes.js';
import { onDemand } from './on-demand.js';
import { serverToday } from './server-today.js';
import { useUnsavedGuard } from './unsaved-guard.js';
import { HeldTextScope, useHeldTexts } from './held-text.js';
import { FILES, formFile, parseJson, useWorkspace, type Workspace } from './workspace.js';
import { ConflictBanner } from './review/conflict-banner.js';
import { UnreadableFile, unreadableReason } from './unreadable-file.js';

// The modeler (with its properties panel) and the form editor (with the form renderer) load when
// they are needed: a published version opens in the lighter viewer.
const DiagramEditor = onDemand(() => import('./diagram/diagram-editor.js').then((module) => module.DiagramEditor));
// The editors of the 表单, 评估指标 and 期限 tabs stay mounted once shown, and redraw only when the
// workspace or their focus changes: redrawn with the page, their tables of inputs and selects took the
// renderer about 4 CPU-s of a simulation's run, its progress being asked for every 400 ms.
const FormsEditor = memo(onDemand(() => import('./forms/forms-editor.js').then((module) => module.FormsEditor)));
const IndicatorsEditor = memo(IndicatorsTable);
const PeriodsEditor = memo(PeriodsTable);

/** `/designer/:process/:version` (or `draft:<id>`): one version in the designer's tabs. */
export function VersionEditor() {
  const { process = '', version = '' } = useParams();
  const { d } = useDesignerI18n();
  const source = parseVersionParam(version);
  // A draft opens in the modeler: fetch its code while the draft's files load.
  if ('draftId' in source) void DiagramEditor.preload();
  const { workspace, error } = useWorkspace(process, source);
  if (error !== undefined) return <Alert type="error" showIcon title={d('loadFailed', { message: error.message })} />;
  if (workspace === undefined) return <Spin style={{ display: 'block', margin: 64 }} />;
  return <LoadedEditor key={version} workspace={workspace} />;
}

const LEGAL_TIME_LABELS: Record<LegalTimeLabel, DesignerMessageKey> = {
  group: 'legalTime',
  rule: 'ltRule',
  due: 'ltDue',
  from: 'ltFrom',
  direction: 'ltDirection',
  cycle: 'ltCycle',
  dueIs: 'ltDueIs',
  none: 'ltNone',
  after: 'ltAfter',
  before: 'ltBefore',
  cycleYes: 'ltCycleYes',
  lastDay: 'ltLastDay',
  fireDay: 'ltFireDay',
  unknown: 'ltUnknown',
  messageGroup: 'msgGroup',
  senders: 'msgSenders',
  sendersHint: 'msgSendersHint',
  messageForm: 'msgForm',
  taskGroup: 'taskGroup',
  actors: 'taskActors',
  actorsHint: 'taskActorsHint',
  taskForm: 'taskForm',
};

/**
 * The legal-time group's choices from the current (possibly unsaved) rules and manifest, and its
 * explanation with a worked example counted from `exampleDay` on the version's calendar. Their titles
 * in the page's language: in English from the programme's catalogue (a title it lacks stays as written).
 */
function useVocabulary(workspace: Workspace, exampleDay: string | undefined): Omit<LegalTimeVocabulary, 'simple'> {
  const { d, language } = useDesignerI18n();
  const say = useDefinitionText()(workspace.process);
  const rulesText = workspace.text(FILES.rules);
  const manifestText = workspace.text(FILES.manifest);
  const calendar = useWorkingDayCalendar(parseJson<Manifest>(manifestText)?.calendar);
  const formPaths = workspace.paths.filter((path) => path.startsWith('forms/'));
  const formKeys = formPaths.map((path) => path.slice('forms/'.length).replace(/\.schema\.json$/, ''));
  const formTexts = formPaths.map((path) => workspace.text(path) ?? '').join('\u0000');
  return useMemo(() => {
    const rules = parseJson<Rules>(rulesText) ?? {};
    const dates = parseJson<Manifest>(manifestText)?.dates ?? {};
    const statuses = parseJson<Manifest>(manifestText)?.statuses ?? {};
    const groups = parseJson<Manifest>(manifestText)?.groups ?? {};
    const forms = new Map(
      formKeys.map((key) => [
        key,
        parseJson<{ title?: string; properties?: Record<string, unknown> }>(workspace.text(formFile(key))),
      ]),
    );
    const terms: LegalTimeTerms = {
      rule: (name) => {
        const rule = rules[name];
        return rule === undefined || Array.isArray(rule.value)
          ? undefined
          : { title: say(rule.title), value: rule.value };
      },
      date: (name) => {
        const title = dates[name]?.title;
        return title === undefined ? undefined : say(title);
      },
    };
    return {
      rules: () =>
        Object.entries(rules)
          .filter(([, rule]) => !Array.isArray(rule.value))
          .map(([name, rule]) => ({
            name,
            title: say(rule.title),
            article: rule.article,
            words: periodWords(rule.value, language),
          })),
      dates: () => Object.entries(dates).map(([name, date]) => ({ name, title: say(date.title) })),
      groups: () => Object.entries(groups).map(([name, group]) => ({ name, title: say(group.title) })),
      forms: () => [...forms].map(([key, form]) => ({ key, title: form?.title === undefined ? key : say(form.title) })),
      label: (key) => d(LEGAL_TIME_LABELS[key]),
      aside: (text, note) => d('ltAside', { text, note }),
      conditionWords: (body, formKeys) => {
        const field = (name: string) => {
          const keys = [...formKeys, ...forms.keys()];
          for (const key of keys) {
            const found = conditionField(forms.get(key)?.properties?.[name]);
            if (found !== undefined) return found;
          }
          return undefined;
        };
        return conditionWords(body, {
          field,
          status: (name) => {
            const title = statuses[name]?.title;
            return title === undefined ? undefined : say(title);
          },
        });
      },
      explain: (declaration) =>
        exampleDay === undefined ? undefined : explainLegalTime(declaration, terms, exampleDay, calendar, d, language),
    };
    // formTexts stands for the forms' contents (read through workspace.text above).
  }, [rulesText, manifestText, language, d, say, calendar, exampleDay, formTexts]);
}

function LoadedEditor({ workspace }: { workspace: Workspace }) {
  const { d, t, language } = useDesignerI18n();
  // The programme's title in the page's language (its catalogue's English): the heading read 全国质量品牌….
  const say = useDefinitionText()(workspace.process);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [tab, setTab] = useState('diagram');
  const [focus, setFocus] = useState<FileFocus | undefined>();
  const [today, setToday] = useState<string | undefined>();
  const vocabulary = useVocabulary(workspace, today);
  const actions = useDraftActions(workspace, () => void workspace.refresh());
  const draft = workspace.draft;
  const { me } = useSession();
  const manifest = parseJson<Manifest>(workspace.text(FILES.manifest));
  const xml = workspace.text(FILES.process) ?? '';
  const timelineNames = useTimelineNames(xml, workspace.text(FILES.manifest));

  useEffect(() => {
    void serverToday().then(setToday);
  }, []);
  // A diagram change counts as unsaved at once, before its XML reaches the workspace.
  const [diagramEditing, setDiagramEditing] = useState(false);
  // A draft saved before unreadable files were refused: its editor cannot open it.
  const diagramUnreadable = useMemo(() => unreadableReason(FILES.process, workspace.text(FILES.process)), [xml]);
  const manifestUnreadable = unreadableReason(FILES.manifest, workspace.text(FILES.manifest));
  /** The server's refusal of the last save (not a conflict: that has its own banner), until closed or saved. */
  const [saveRefusal, setSaveRefusal] = useState<string | undefined>();
  // A form's example or composite field typed as JSON that does not parse yet: kept in its box, not in the workspace.
  const formsText = useHeldTexts();
  useUnsavedGuard(workspace.dirty.size > 0 || diagramEditing || formsText.held, workspace.forgetKept);

  const locate = (problem: Problem) => {
    const file = versionFileOf(problem.file);
    const target =
      file === FILES.process
        ? 'diagram'
        : file === FILES.rules
          ? 'periods'
          : file === FILES.indicators
            ? 'indicators'
            : file.startsWith('forms/')
              ? 'forms'
              : undefined;
    if (target === undefined) return;
    setTab(target);
    setFocus({
      file,
      ...(problem.element !== undefined && { element: problem.element }),
      ...(problem.pointer !== undefined && { pointer: problem.pointer }),
      seq: Date.now(),
    });
  };
  const problemNames = useProblemNames(workspace, d);
  const diffNames = useDiffNames(workspace, d);
  // A badge says its problem as the 校验 tab's table does: the engine's English in English.
  const problemBadges = useMemo<ProblemBadge[]>(
    () =>
      (actions.problems ?? []).flatMap((problem) =>
        problem.element === undefined
          ? []
          : [
              {
                element: problem.element,
                severity: problem.severity,
                text: language === 'zh' ? problemText(problem, problemNames) : problem.message,
              },
            ],
      ),
    [actions.problems, problemNames, language],
  );
  const problemMarkers = useMemo(() => {
    const onDiagram = (actions.problems ?? []).filter((problem) => problem.element !== undefined);
    const ids = (severity: Problem['severity']) =>
      onDiagram.filter((problem) => problem.severity === severity).map((problem) => problem.element ?? '');
    return { 'qbz-problem-error': ids('error'), 'qbz-problem-warning': ids('warning') };
  }, [actions.problems]);

  // Deleted under the page (said in the banner with 另存为新草稿): a save, 校验, 比较, 模拟 or a new
  // title could only be refused again.
  const deleted = workspace.conflict?.deleted !== undefined;
  const whyNoSave = (paths: string[]) => {
    if (deleted) return d('whyDraftDeleted');
    // Saved now, the form would be written as it was before the text being corrected.
    if (formsText.held && paths.some((path) => path.startsWith('forms/'))) return d('whyJsonNotValid');
    return paths.some((path) => workspace.dirty.has(path)) ? undefined : d('whyNothingToSave');
  };
  const save = (key: string, paths: string[]) => (
    <ExplainedButton
      testId={`save-${key}`}
      type="primary"
      disabledReason={whyNoSave(paths)}
      onClick={() =>
        void workspace.save(paths.filter((path) => workspace.dirty.has(path))).then(
          () => {
            setSaveRefusal(undefined);
            void message.success(d('saved'));
          },
          // A save refused because the draft was saved elsewhere is said by the banner with 重新加载;
          // any other refusal (422: a file that cannot be read, named) stays above the tabs until closed.
          (error: unknown) => {
            if (!(error instanceof ApiError && error.status === 409)) setSaveRefusal((error as Error).message);
          },
        )
      }
    >
      {d('save')}
    </ExplainedButton>
  );
  const formPaths = workspace.paths.filter((path) => path.startsWith('forms/'));
  const label = (text: string, paths: string[], held = false) =>
    held || paths.some((path) => workspace.dirty.has(path)) ? (
      <Badge dot status="warning" title={d('unsaved')}>
        <span style={{ paddingRight: 6 }}>{text}</span>
      </Badge>
    ) : (
      text
    );
  const withSave = (key: string, paths: string[], body: ReactNode) =>
    workspace.readOnly ? (
      body
    ) : (
      <Space orientation="vertical" style={{ width: '100%' }}>
        {save(key, paths)}
        {body}
      </Space>
    );
  const focusOn = (file: string) => (focus?.file === file ? focus : undefined);
  const elementFocus = focus?.element !== undefined ? { id: focus.element, seq: focus.seq } : undefined;

  const items = [
    {
      key: 'diagram',
      label: label(d('tabDiagram'), [FILES.process]),
      // The viewer is mounted only while its tab shows: a draft that becomes read-only (submitted,
      // published) while another tab is open would otherwise import into a hidden, zero-size canvas.
      children: workspace.readOnly ? (
        tab !== 'diagram' ? null : (
          <DiagramViewer
            xml={xml}
            active
            details
            ruleWords={(name) => vocabulary.rules().find((rule) => rule.name === name)?.words}
          />
        )
      ) : diagramUnreadable !== undefined ? (
        // Not a blank canvas and a vanishing toast: which file, why, and the way back.
        <UnreadableFile workspace={workspace} path={FILES.process} reason={diagramUnreadable} />
      ) : (
        <DiagramEditor
          xml={xml}
          vocabulary={vocabulary}
          onChange={(next) => {
            setDiagramEditing(false);
            workspace.edit(FILES.process, next);
          }}
          onEditing={() => {
            setDiagramEditing(true);
          }}
          markers={problemMarkers}
          badges={problemBadges}
          focus={elementFocus}
          active={tab === 'diagram'}
          fileName={`${workspace.process}-${draft?.id ?? workspace.version ?? 'draft'}.bpmn`}
          toolbar={save('diagram', [FILES.process])}
        />
      ),
    },
    {
      key: 'forms',
      label: label(d('tabForms'), formPaths, formsText.held),
      children: withSave(
        'forms',
        formPaths,
        <HeldTextScope value={formsText.texts}>
          <FormsEditor workspace={workspace} focus={focus?.file.startsWith('forms/') === true ? focus : undefined} />
        </HeldTextScope>,
      ),
    },
    {
      key: 'indicators',
      label: label(d('tabIndicators'), [FILES.indicators]),
      children: withSave(
        'indicators',
        [FILES.indicators],
        <IndicatorsEditor workspace={workspace} focus={focusOn(FILES.indicators)} />,
      ),
    },
    {
      key: 'periods',
      label: label(d('tabPeriods'), [FILES.rules]),
      children: withSave(
        'periods',
        [FILES.rules],
        <PeriodsEditor workspace={workspace} focus={focusOn(FILES.rules)} />,
      ),
    },
    ...(draft === undefined
      ? []
      : [
          {
            key: 'validate',
            label: d('tabValidate'),
            children: (
              <ValidatePanel
                problems={actions.problems}
                running={actions.running === 'validate'}
                disabledReason={deleted ? d('whyDraftDeleted') : undefined}
                onRun={() => void actions.validate()}
                onLocate={locate}
                names={problemNames}
              />
            ),
          },
          {
            key: 'compare',
            label: d('tabCompare'),
            children: (
              <ComparePanel
                diff={actions.diff}
                running={actions.running === 'compare'}
                disabledReason={deleted ? d('whyDraftDeleted') : undefined}
                onRun={() => void actions.compare()}
                draftXml={xml}
                loadBaseXml={(version) => designerApi.processXml(workspace.process, version)}
                active={tab === 'compare'}
                names={diffNames}
                onOpenForm={(key) => {
                  locate({ severity: 'warning', check: '', file: formFile(key), message: '' });
                }}
              />
            ),
          },
          {
            key: 'publish',
            label: d('tabPublish'),
            children:
              today === undefined ? (
                <Spin />
              ) : (
                <PublishPanel
                  today={today}
                  draft={draft}
                  me={me?.username}
                  outcome={actions.publishOutcome}
                  running={actions.running === 'publish'}
                  deleted={deleted}
                  onPublish={(version, date, revision) => void actions.publish(version, date, revision)}
                  onApprove={() => void actions.approve()}
                  onRefuse={(reason) => void actions.refuse(reason)}
                  onWithdraw={() => void actions.withdraw()}
                  onReload={() => void actions.reload()}
                  onShowDiff={() => {
                    setTab('compare');
                    void actions.compare();
                  }}
                  onLocate={locate}
                  names={problemNames}
                />
              ),
          },
          {
            key: 'simulate',
            label: d('tabSimulate'),
            children: (
              <SimulatePanel
                results={actions.simulations}
                running={actions.running === 'simulate'}
                disabledReason={deleted ? d('whyDraftDeleted') : undefined}
                progress={actions.simulationProgress}
                onRun={() => void actions.simulate()}
                onCancel={actions.cancelSimulation}
                dateTitle={(name) => manifest?.dates[name]?.title}
                names={timelineNames}
              />
            ),
          },
        ]),
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Link to="/designer">
          <ArrowLeftOutlined /> {d('backToVersions')}
        </Link>
        {/* The page's heading (h1, at the size it had as h4): a link or 以此新建草稿 followed here puts the
            keyboard on it (app-shell.tsx); without one it stayed on the page, a keyboard user starting
            again from its top. */}
        <Typography.Title level={1} style={{ margin: 0, fontSize: 20 }}>
          {manifest?.title === undefined ? workspace.process : say(manifest.title)}
        </Typography.Title>
        {draft === undefined ? (
          <>
            <Tag color="blue">
              {t('version')} {workspace.version}
            </Tag>
            <Tag>{d('readOnly')}</Tag>
            <Button
              onClick={() =>
                void designerApi
                  .createDraft(workspace.process, workspace.version ?? '')
                  .then((created) => navigate(draftPath(created.process, created.id)))
              }
            >
              {d('newDraft')}
            </Button>
          </>
        ) : (
          <>
            <Tag color="orange">{d('draftOf', { version: draft.baseVersion })}</Tag>
            {/* Deleted under the page, a new title could only be refused (the draft is gone). */}
            <DraftTitle draft={draft} editable={!workspace.readOnly && !deleted} onRename={workspace.rename} />
            {draft.publishedAs !== undefined && (
              <Tag color="green">{d('publishedAs', { version: draft.publishedAs })}</Tag>
            )}
          </>
        )}
      </Space>
      {workspace.conflict !== undefined && <ConflictBanner workspace={workspace} conflict={workspace.conflict} />}
      {manifestUnreadable !== undefined && !workspace.readOnly && (
        <UnreadableFile workspace={workspace} path={FILES.manifest} reason={manifestUnreadable} />
      )}
      {saveRefusal !== undefined && (
        <Alert
          type="error"
          showIcon
          closable={{
            onClose: () => {
              setSaveRefusal(undefined);
            },
          }}
          title={d('saveRefused')}
          description={saveRefusal}
          data-testid="save-refused"
        />
      )}
      <Tabs activeKey={tab} onChange={setTab} items={items} />
    </Space>
  );
}
