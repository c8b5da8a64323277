import { Alert, App, Button, Card, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { CardTable } from '../card-table.js';
import { chinaTime } from '../workbench/format.js';
import { designerApi, type DraftSummary, type PublishedVersion } from './designer-api.js';
import { useDesignerI18n } from './designer-i18n.js';
import { hiddenColumnTitle } from '../hidden-column-title.js';
import { draftPath, versionPath } from './routes.js';
import { serverToday, versionStates, type VersionState } from './server-today.js';
import { useLoad } from './use-load.js';
import { draftTitleOf } from './review/draft-title.js';

const STATE_COLOR: Record<VersionState, string> = { inForce: 'green', scheduled: 'blue', superseded: 'default' };

interface Overview {
  versions: PublishedVersion[];
  drafts: DraftSummary[];
  today: string;
}

/** `/designer`: every process's versions (in force, scheduled, superseded) and the drafts. */
export function DesignerHome() {
  const { d, t } = useDesignerI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [busy, setBusy] = useState<string | undefined>();
  const overview = useLoad<Overview>(async () => {
    const [versions, drafts, today] = await Promise.all([designerApi.versions(), designerApi.drafts(), serverToday()]);
    return { versions, drafts, today };
  }, 'overview');

  if (overview.error !== undefined)
    return <Alert type="error" showIcon title={d('loadFailed', { message: overview.error.message })} />;
  if (overview.data === undefined) return <Spin style={{ display: 'block', margin: 64 }} />;
  const { versions, drafts, today } = overview.data;
  const states = versionStates(versions, today);
  const processes = [...new Set(versions.map((version) => version.process))];

  const startDraft = (version: PublishedVersion) => {
    setBusy(version.version);
    designerApi
      .createDraft(version.process, version.version)
      .then((draft) => navigate(draftPath(draft.process, draft.id)))
      .catch((error: unknown) => {
        void message.error((error as Error).message);
      })
      .finally(() => {
        setBusy(undefined);
      });
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
        {t('designer')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {d('versionsHint')} <Tag>{d('today', { date: today })}</Tag>
      </Typography.Paragraph>
      {processes.map((process) => {
        const list = versions
          .filter((version) => version.process === process)
          .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
        const processDrafts = drafts.filter((draft) => draft.process === process);
        return (
          <Card key={process} title={`${list[0]?.title ?? process}（${process}）`} data-process={process}>
            <Typography.Title level={2} style={{ fontSize: 16 }}>
              {d('versionsTitle')}
            </Typography.Title>
            <CardTable<PublishedVersion>
              rowKey="version"
              size="small"
              pagination={false}
              dataSource={list}
              onRow={(version) => ({ 'data-version': version.version }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                {
                  title: t('version'),
                  dataIndex: 'version',
                  render: (name: string, version) => <Link to={versionPath(version.process, name)}>{name}</Link>,
                },
                { title: d('effectiveFrom'), dataIndex: 'effectiveFrom' },
                {
                  title: t('status'),
                  key: 'state',
                  render: (_, version) => {
                    const state = states.get(version) ?? 'superseded';
                    return (
                      <Tag color={STATE_COLOR[state]} data-state={state}>
                        {d(state)}
                      </Tag>
                    );
                  },
                },
                { title: d('basis'), dataIndex: 'basis', ellipsis: true },
                {
                  title: hiddenColumnTitle(t('columnActions')),
                  key: 'actions',
                  width: 240,
                  render: (_, version) => (
                    <Space>
                      <Link to={versionPath(version.process, version.version)}>{d('view')}</Link>
                      <Button
                        size="small"
                        loading={busy === version.version}
                        onClick={() => {
                          startDraft(version);
                        }}
                      >
                        {d('newDraft')}
                      </Button>
                    </Space>
                  ),
                },
              ]}
            />
            <Typography.Title level={2} style={{ marginTop: 24, fontSize: 16 }}>
              {d('drafts')}
            </Typography.Title>
            <DraftTable drafts={processDrafts} onDeleted={overview.reload} />
          </Card>
        );
      })}
    </Space>
  );
}

/** A refusal's reason as the list of drafts shows it: its first 20 characters. */
function shortReason(reason: string): string {
  const characters = Array.from(reason);
  return characters.length > 20 ? `${characters.slice(0, 20).join('')}…` : reason;
}

function DraftTable({ drafts, onDeleted }: { drafts: DraftSummary[]; onDeleted: () => void }) {
  const { d, t } = useDesignerI18n();
  const { message } = App.useApp();
  return (
    <CardTable<DraftSummary>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={drafts}
      locale={{ emptyText: d('noDrafts') }}
      columns={[
        {
          title: d('draftTitle'),
          dataIndex: 'id',
          // Drafts by their titles (issue 12), never by their ids.
          render: (id: string, draft) => (
            <Link to={draftPath(draft.process, id)} data-draft-title={draftTitleOf(draft, d)}>
              {draftTitleOf(draft, d)}
            </Link>
          ),
        },
        { title: d('baseVersion'), dataIndex: 'baseVersion' },
        {
          title: d('createdBy'),
          dataIndex: 'createdBy',
          render: (account: string, draft) => draft.createdByName ?? account,
        },
        {
          title: d('updatedAt'),
          dataIndex: 'updatedAt',
          render: (at: string) => chinaTime(at),
        },
        {
          title: hiddenColumnTitle(d('publication')),
          key: 'published',
          render: (_, draft) =>
            draft.publishedAs !== undefined ? (
              <Tag color="green">{d('publishedAs', { version: draft.publishedAs })}</Tag>
            ) : draft.pendingPublication !== undefined ? (
              <Tag color="gold" data-pending={draft.pendingPublication.version}>
                {d('pendingTitle', {
                  version: draft.pendingPublication.version,
                  date: draft.pendingPublication.effectiveFrom,
                })}
              </Tag>
            ) : (
              draft.refusal !== undefined && (
                // Returned (退回): the reason cut short, whole with who returned it in the tooltip.
                <Tag
                  color="volcano"
                  data-refused={draft.refusal.version}
                  style={{ whiteSpace: 'normal' }}
                  title={d('refused', {
                    reason: draft.refusal.reason,
                    user: draft.refusal.refusedByName ?? draft.refusal.refusedBy,
                  })}
                >
                  {d('refusedTitle', { version: draft.refusal.version, reason: shortReason(draft.refusal.reason) })}
                </Tag>
              )
            ),
        },
        {
          title: hiddenColumnTitle(t('columnActions')),
          key: 'actions',
          width: 160,
          render: (_, draft) => (
            <Space>
              <Link to={draftPath(draft.process, draft.id)}>{d('openDraft')}</Link>
              {/* A draft awaiting approval cannot be deleted (the server refuses: withdraw first). */}
              {draft.pendingPublication === undefined && (
                <Popconfirm
                  title={d('deleteDraftConfirm')}
                  onConfirm={() => {
                    // As the list shows it: one saved since in another tab is not deleted unseen (409).
                    designerApi.deleteDraft(draft.id, draft.revision ?? 0).then(
                      () => {
                        void message.success(d('deleted'));
                        onDeleted();
                      },
                      (error: unknown) => {
                        void message.error((error as Error).message);
                        // Read again: the list shows the draft as it is now.
                        onDeleted();
                      },
                    );
                  }}
                >
                  <Button size="small" danger type="link">
                    {d('deleteDraft')}
                  </Button>
                </Popconfirm>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}
