import { PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Grid, Space, Table, Typography } from 'antd';
import type { FormSchema } from '../../../engine/definitions/types.js';
import { downloadAttachment, lookUpAttachment, shortId } from '../forms/attachments.js';
import { fill } from '../i18n/fill.js';
import { useI18n } from '../i18n/i18n.js';
import {
  fieldValues,
  type DocumentIndicators,
  type FieldValue,
  type ScoreLine,
  type ValueNode,
} from './submission-values.js';
import { useAsync } from './use-async.js';
import './submission-document.css';

interface Props {
  schema: FormSchema;
  data: unknown;
  indicators?: DocumentIndicators | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** One stored file by its name, downloaded with the session's token; its button says which field holds it. */
function AttachmentLink({ id, field }: { id: string; field: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const info = useAsync(() => lookUpAttachment(id), id);
  const name = info.data?.name ?? shortId(id);
  // Until its name has loaded the button says what it does, not an id; a file whose name cannot be
  // had is named by its id.
  const looking = info.loading && info.data === undefined;
  return (
    <Button
      type="link"
      size="small"
      className="qbz-document-file"
      icon={<PaperClipOutlined />}
      style={{ paddingInline: 0 }}
      aria-label={looking ? t('downloadFile') : fill(t('downloadFromField'), { name, field })}
      onClick={() => {
        downloadAttachment(id).catch((caught: unknown) => {
          void message.error(caught instanceof Error ? caught.message : String(caught));
        });
      }}
    >
      {looking ? t('downloadFile') : name}
    </Button>
  );
}

/** Scores by indicator: dimension, indicator, maximum and the value given (the park's self-assessment, the expert's score). */
function IndicatorTable({ lines, total }: { lines: readonly ScoreLine[]; total: number }) {
  const { t } = useI18n();
  // On a phone the four columns left the indicator a few characters a line: two there, the dimension
  // above its first indicator and the maximum beside the score (as the expert's own score sheet does).
  const narrow = Grid.useBreakpoint().md !== true;
  const scoreText = (score: number | undefined) => score ?? '—';
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="id"
      dataSource={lines}
      columns={
        narrow
          ? [
              {
                title: t('indicatorTitle'),
                key: 'title',
                render: (_, row, index) => (
                  <>
                    {lines[index - 1]?.dimension !== row.dimension && (
                      <Typography.Text type="secondary" strong style={{ display: 'block', fontSize: 12 }}>
                        {row.dimension}
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
              { title: t('indicatorDimension'), dataIndex: 'dimension', key: 'dimension' },
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
function Value({ node, field }: { node: ValueNode; field: string }) {
  const { t } = useI18n();
  switch (node.kind) {
    case 'empty':
      return <>—</>;
    case 'scores':
      return <IndicatorTable lines={node.lines} total={node.total} />;
    case 'vetoes':
      return <>{node.titles.length === 0 ? t('none') : node.titles.join(t('listSeparator'))}</>;
    case 'file':
      return <AttachmentLink id={node.id} field={field} />;
    case 'yes-no':
      return <>{node.value ? t('yes') : t('no')}</>;
    case 'text':
      return <span style={{ whiteSpace: 'pre-wrap' }}>{node.text}</span>;
    case 'list':
      return (
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          {node.items.map((item, index) => (
            <Value
              key={index}
              node={item}
              field={node.items.length > 1 ? fill(t('fieldItem'), { field, number: index + 1 }) : field}
            />
          ))}
        </Space>
      );
    case 'group':
      return <Fields fields={node.fields} nested />;
  }
}

function Fields({ fields, nested = false }: { fields: readonly FieldValue[]; nested?: boolean }) {
  // On a phone, each title stands above its value: side by side, a nested part's columns were a
  // character wide.
  const narrow = Grid.useBreakpoint().md === false;
  const items = fields.map((field) => ({
    key: field.key,
    label: field.label,
    children: <Value node={field.value} field={field.label} />,
  }));
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
      <Fields fields={fieldValues(schema, data, indicators)} />
    </div>
  );
}
