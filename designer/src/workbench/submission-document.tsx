import { PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Grid, Space, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { FormSchema, Indicator, Veto } from '../../../engine/definitions/types.js';
import { downloadAttachment, lookUpAttachment, shortId } from '../forms/attachments.js';
import { useI18n } from '../i18n/i18n.js';
import { choiceTitle } from './submissions.js';
import { useAsync } from './use-async.js';
import './submission-document.css';

/** The indicator system of the case's variant, to read scores (and vetoes) as a table. */
export interface DocumentIndicators {
  items: readonly Indicator[];
  dimensions: readonly { id: string; title: string }[];
  vetoes: readonly Veto[];
}

interface Props {
  schema: FormSchema;
  data: unknown;
  indicators?: DocumentIndicators | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** One stored file by its name, downloaded with the session's token. */
function AttachmentLink({ id }: { id: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const info = useAsync(() => lookUpAttachment(id), id);
  const name = info.data?.name ?? shortId(id);
  return (
    <Button
      type="link"
      size="small"
      className="qbz-document-file"
      icon={<PaperClipOutlined />}
      style={{ paddingInline: 0 }}
      aria-label={`${t('download')}${t('colon')}${name}`}
      onClick={() => {
        downloadAttachment(id).catch((caught: unknown) => {
          void message.error(caught instanceof Error ? caught.message : String(caught));
        });
      }}
    >
      {name}
    </Button>
  );
}

/** Scores by indicator: dimension, indicator, maximum and the value given (the park's self-assessment, the expert's score). */
function IndicatorTable({ scores, indicators }: { scores: Record<string, unknown>; indicators: DocumentIndicators }) {
  const { t } = useI18n();
  // On a phone the four columns left the indicator a few characters a line: two there, the dimension
  // above its first indicator and the maximum beside the score (as the expert's own score sheet does).
  const narrow = Grid.useBreakpoint().md !== true;
  const dimension = (id: string) => indicators.dimensions.find((item) => item.id === id)?.title ?? id;
  const rows = indicators.items.map((item) => ({ ...item, score: scores[item.id] }));
  const total = rows.reduce((sum, row) => sum + (typeof row.score === 'number' ? row.score : 0), 0);
  const scoreText = (score: unknown) => (typeof score === 'number' ? score : '—');
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="id"
      dataSource={rows}
      columns={
        narrow
          ? [
              {
                title: t('indicatorTitle'),
                key: 'title',
                render: (_, row, index) => (
                  <>
                    {rows[index - 1]?.dimension !== row.dimension && (
                      <Typography.Text type="secondary" strong style={{ display: 'block', fontSize: 12 }}>
                        {dimension(row.dimension)}
                      </Typography.Text>
                    )}
                    {row.title}
                  </>
                ),
              },
              {
                title: `${t('indicatorScore')} / ${t('indicatorMaxScore')}`,
                key: 'score',
                align: 'right',
                width: 96,
                render: (_, row) => `${String(scoreText(row.score))} / ${String(row.maxScore)}`,
              },
            ]
          : [
              { title: t('indicatorDimension'), key: 'dimension', render: (_, row) => dimension(row.dimension) },
              { title: t('indicatorTitle'), dataIndex: 'title', key: 'title' },
              // Narrow number columns kept to their heading's width (a side panel wrapped 满分 one character a line).
              { title: t('indicatorMaxScore'), dataIndex: 'maxScore', key: 'max', align: 'right', width: 64 },
              {
                title: t('indicatorScore'),
                key: 'score',
                align: 'right',
                width: 64,
                render: (_, row) => scoreText(row.score),
              },
            ]
      }
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={narrow ? 1 : 3}>
            {t('indicatorTotal')}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            {total}
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

/** A value as a reader sees it: choices by their titles, yes / no, files by name, lists and groups laid out. */
function Value({
  field,
  value,
  indicators,
}: {
  field: FormSchema;
  value: unknown;
  indicators?: DocumentIndicators | undefined;
}) {
  const { t } = useI18n();
  if (value === undefined || value === null || value === '') return <>—</>;
  if (field['x-indicators'] === 'scores' && isRecord(value) && indicators !== undefined)
    return <IndicatorTable scores={value} indicators={indicators} />;
  if (field['x-indicators'] === 'vetoes' && Array.isArray(value)) {
    if (value.length === 0) return <>{t('none')}</>;
    const title = (id: unknown) => indicators?.vetoes.find((veto) => veto.id === id)?.title ?? String(id);
    return <>{(value as unknown[]).map(title).join(t('listSeparator'))}</>;
  }
  if (field.format === 'attachment-id' && typeof value === 'string') return <AttachmentLink id={value} />;
  if (typeof value === 'boolean') return <>{value ? t('yes') : t('no')}</>;
  if (typeof value === 'string' || typeof value === 'number') {
    const shown = choiceTitle(field, value) ?? String(value);
    return <span style={{ whiteSpace: 'pre-wrap' }}>{shown}</span>;
  }
  if (Array.isArray(value)) {
    const items = (field.items ?? {}) as FormSchema;
    if (value.length === 0) return <>—</>;
    return (
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        {(value as unknown[]).map((item, index) => (
          <Value key={index} field={items} value={item} indicators={indicators} />
        ))}
      </Space>
    );
  }
  if (isRecord(value)) return <Fields schema={field} data={value} indicators={indicators} nested />;
  return <>{JSON.stringify(value)}</>;
}

function Fields({ schema, data, indicators, nested = false }: Props & { nested?: boolean }) {
  // On a phone, each title stands above its value: side by side, a nested part's columns were a
  // character wide.
  const narrow = Grid.useBreakpoint().md === false;
  const values = isRecord(data) ? data : {};
  const properties = schema.properties ?? {};
  // The schema's order, then anything it does not describe (an older version's field) by its key.
  const keys = [...Object.keys(properties), ...Object.keys(values).filter((key) => !(key in properties))];
  const items = keys
    .filter((key) => values[key] !== undefined)
    .map((key) => {
      const field = properties[key] ?? {};
      const label: ReactNode = typeof field.title === 'string' ? field.title : key;
      return {
        key,
        label,
        children: <Value field={field} value={values[key]} indicators={indicators} />,
      };
    });
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      items={items}
      layout={narrow ? 'vertical' : 'horizontal'}
      styles={{ label: narrow ? {} : { width: nested ? 140 : 200, verticalAlign: 'top' } }}
    />
  );
}

/**
 * A submitted form read as a document: its fields' titles and values in the form's order, choices by
 * their titles, files downloadable by name. No help text and no inputs: it is what was sent.
 */
export function SubmissionDocument({ schema, data, indicators }: Props) {
  const { t } = useI18n();
  if (!isRecord(data)) return <Typography.Text type="secondary">{t('redactedSubmission')}</Typography.Text>;
  return (
    <div className="qbz-document">
      <Fields schema={schema} data={data} indicators={indicators} />
    </div>
  );
}
