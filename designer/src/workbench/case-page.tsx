import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Result, Space, Spin, Tag, Typography } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api/client.js';
import { useSession } from '../auth/session.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { DamagedCaseError, loadCase, type CaseBundle } from './case-data.js';
import { DamagedCase } from './damaged-case.js';
import { subjectRegionOfView } from '../../../engine/cases/case-view.js';
import { provinceName } from './catalog.js';
import { DueDates } from './due-dates.js';
import { articleAside, chinaTime } from './format.js';
import { fill } from '../i18n/fill.js';
import { preloadSchemaForm } from '../forms/index.js';
import { PrintList } from '../reports/print-list.js';
import { TaskForms } from './task-forms.js';
import { EndedBanner } from './review-context.js';
import { currentSteps } from './current-steps.js';
import { CaseTimeline } from './timeline.js';
import { useAsync } from './use-async.js';
import { Unbroken, WholeDates } from './whole-dates.js';
import { useIdleAfter } from './use-idle-after.js';
import { useDefinitionText } from '../i18n/use-definition-text.js';
import { translateBundle } from './case-text.js';

// bpmn-js is the largest part of the app: load it with the first case opened, not with the login.
const CaseDiagram = lazy(() => import('./case-diagram.js'));

const INCIDENT_KINDS: Record<string, MessageKey> = {
  'calendar-missing': 'incidentCalendarMissing',
  'missing-date': 'incidentMissingDate',
  evaluation: 'incidentEvaluation',
};

function Header({ bundle }: { bundle: CaseBundle }) {
  const { t, language } = useI18n();
  const { view, version } = bundle;
  const status = version.manifest.statuses[view.status];
  // Under the names and titles the case's programme declares (园区 · 省级单位, 申报县 · 设区的市).
  const { subject, region } = subjectRegionOfView(view, version.manifest);
  return (
    <Card>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
          {view.subjectName ?? subject}{' '}
          <Tag color={view.final ? 'default' : 'blue'} style={{ verticalAlign: 'middle' }}>
            {view.statusTitle ?? view.status}
          </Tag>
        </Typography.Title>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 4 }}
          items={[
            {
              key: 'park',
              label: version.manifest.subject.title,
              // The name comes from the application's form; until it is sent, the id is all there is.
              // One inline run (the content is a flex box: each part would stand as a column of its own).
              children: (
                <span>
                  {view.subjectName}
                  <Unbroken>{view.subjectName === undefined ? subject : fill(t('aside'), { text: subject })}</Unbroken>
                </span>
              ),
            },
            {
              key: 'province',
              label: version.manifest.region.title,
              children: (
                <span>
                  {provinceName(region, bundle.regions)}
                  <Unbroken>{fill(t('aside'), { text: region })}</Unbroken>
                </span>
              ),
            },
            {
              key: 'status',
              label: t('status'),
              children: (
                <span>
                  <WholeDates
                    text={`${view.statusTitle ?? view.status}${articleAside(status?.article, language)} · ${t('since')} ${view.statusDate}`}
                  />
                </span>
              ),
            },
            {
              key: 'version',
              label: t('version'),
              children: (
                <span>
                  <WholeDates text={`${version.manifest.title} · ${view.version}`} />
                </span>
              ),
            },
            { key: 'case', label: t('case'), children: <Unbroken>{view.id}</Unbroken> },
            { key: 'started', label: t('startedAt'), children: <Unbroken>{chinaTime(view.startedAt)}</Unbroken> },
            ...(view.reason === undefined ? [] : [{ key: 'reason', label: t('reason'), children: view.reason }]),
            ...(view.endedAt === undefined
              ? []
              : [{ key: 'ended', label: t('endedAt'), children: <Unbroken>{chinaTime(view.endedAt)}</Unbroken> }]),
          ]}
        />
      </Space>
    </Card>
  );
}

/** Incidents stop a case until someone acts (e.g. a calendar year not yet published): shown first. */
function Incidents({ bundle, onRetried }: { bundle: CaseBundle; onRetried: () => void }) {
  const { t } = useI18n();
  const { hasGroup } = useSession();
  const { incidents } = bundle.view;
  if (incidents.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={fill(t('incidentsTitle'), { count: incidents.length })}
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {incidents.map((incident) => (
            <li key={incident.id}>
              <strong>{t(INCIDENT_KINDS[incident.kind] ?? 'incidentEvaluation')}</strong>
              {` · ${bundle.elements.get(incident.element)?.name ?? incident.element}`}
              {incident.year === undefined ? '' : ` · ${incident.year}`}
              {t('colon')}
              {/* What waits on what, and who acts: the engine's own words were for operators (and once English). */}
              {incident.kind === 'calendar-missing' && incident.year !== undefined
                ? fill(t('incidentCalendarMissingHelp'), { year: incident.year })
                : incident.message}{' '}
              · {chinaTime(incident.at)}
            </li>
          ))}
        </ul>
      }
      action={
        hasGroup('admin') ? (
          <Button
            size="small"
            onClick={() => {
              void api('POST', '/api/admin/incidents/retry').then(onRetried, onRetried);
            }}
          >
            {t('retryIncidents')}
          </Button>
        ) : undefined
      }
    />
  );
}

/**
 * One case: who and where, incidents, the tasks the user may complete as forms, the diagram of its
 * version with done / open / ahead steps, its dates with their legal basis, and its history.
 */
export function CasePage() {
  const { id = '' } = useParams();
  const { t, language } = useI18n();
  const { hasGroup } = useSession();
  const navigate = useNavigate();
  const bundle = useAsync(() => loadCase(id, hasGroup('admin')), id);
  // In the reader's language from here on down: statuses, steps, dates, forms' titles (case-text.ts).
  const translator = useDefinitionText();
  const loaded = bundle.data;
  const data = useMemo(
    () => (loaded === undefined ? undefined : translateBundle(loaded, translator(loaded.view.process), language)),
    [loaded, translator, language],
  );
  // What lies below the task forms (the diagram, the dates, the history) is drawn once the forms can
  // be used (their renderer loaded and the page idle after drawing them): drawing it all at once kept
  // the form from the user for seconds on a slow machine.
  const belowShown = useIdleAfter(preloadSchemaForm, data !== undefined);

  if (data === undefined) {
    if (bundle.error instanceof DamagedCaseError)
      return <DamagedCase message={bundle.error.message} loading={bundle.loading} reload={bundle.reload} />;
    if (bundle.error !== undefined)
      return (
        // The page's heading says why there is no case (no case of that number, or none this account
        // may see), and one control leads back: a button inside a link was two stops for the keyboard
        // and one nested control for a screen reader.
        <Result
          status="warning"
          title={<h1 style={{ fontSize: 20, margin: 0 }}>{bundle.error.message}</h1>}
          extra={
            <Button
              onClick={() => {
                void navigate('/');
              }}
            >
              {t('backToInbox')}
            </Button>
          }
        />
      );
    return <Spin size="large" style={{ display: 'block', margin: 64 }} />;
  }
  const steps = currentSteps(data);
  const stepsLine = [
    `${t('currentSteps')}${t('colon')}${steps.tasks.length === 0 ? t('none') : steps.tasks.join(t('listSeparator'))}`,
    ...(steps.waiting.length > 0 ? [`${t('waitingFor')}${t('colon')}${steps.waiting.join(t('listSeparator'))}`] : []),
    ...(steps.receivable.length > 0
      ? [`${t('receivableAnyTime')}${t('colon')}${steps.receivable.join(t('listSeparator'))}`]
      : []),
  ].join(t('semicolon'));

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space>
        <Link to="/">
          <ArrowLeftOutlined /> {t('backToInbox')}
        </Link>
        <Button size="small" icon={<ReloadOutlined spin={bundle.loading} />} onClick={bundle.reload}>
          {t('reload')}
        </Button>
      </Space>
      {bundle.error !== undefined && <Alert type="error" showIcon title={bundle.error.message} />}
      <Header bundle={data} />
      <EndedBanner bundle={data} />
      <Incidents bundle={data} onRetried={bundle.reload} />
      <section aria-labelledby="open-tasks">
        {/* A section of the page as 流程图 and 期限及依据 are (h2), drawn at the size it had as an h4. */}
        <Typography.Title level={2} id="open-tasks" style={{ fontSize: 20 }}>
          {t('openTasks')}
        </Typography.Title>
        <TaskForms key={data.view.updatedAt} bundle={data} onDone={bundle.reload} />
      </section>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('diagram')}</h2>}>
        <Typography.Paragraph data-current-steps>{stepsLine}</Typography.Paragraph>
        {belowShown ? (
          <Suspense fallback={<Spin />}>
            <CaseDiagram
              xml={data.diagram.xml}
              done={data.diagram.done}
              active={data.diagram.active}
              label={`${t('diagram')}${t('colon')}${stepsLine}`}
            />
          </Suspense>
        ) : (
          <Spin />
        )}
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('dueDates')}</h2>}>
        {belowShown ? (
          <DueDates
            view={data.view}
            version={data.version}
            today={data.today}
            {...(data.calendar !== undefined && { calendar: data.calendar })}
          />
        ) : (
          <Spin />
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('today')}
          {t('colon')}
          {data.today} · {t('dueDatesHint')}
        </Typography.Paragraph>
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('timeline')}</h2>}>
        {belowShown ? <CaseTimeline bundle={data} /> : <Spin />}
      </Card>
      {belowShown && <PrintList bundle={data} />}
    </Space>
  );
}
