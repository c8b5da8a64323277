import { api } from '../api/client.js';
import { fill } from '../i18n/fill.js';
import type { Column, FieldValue, ScoreLine, ValueNode } from '../workbench/submission-values.js';
import { useAsync } from '../workbench/use-async.js';
import { onlyFiles } from './print-document.js';
import { useReportI18n } from './report-i18n.js';

/**
 * A submission's values laid out for paper: label/value rows, groups as nested rows, lists of groups
 * as tables, scores as a table with their total against the pass mark. The values are the read-back's
 * (`fieldValues`); only the layout is the print view's own.
 */

/** Where a file is in the attachments list (1-based), by its id. */
export type NumberOf = (id: string) => number;

export function AttachmentName({ id }: { id: string }) {
  const meta = useAsync(() => api<{ name: string }>('GET', `/api/attachments/${encodeURIComponent(id)}/meta`), id);
  return <>{meta.data?.name ?? `${id.slice(0, 12)}…`}</>;
}

/** Consecutive indicators of one dimension share its cell. */
function dimensionSpans(lines: readonly ScoreLine[]): number[] {
  return lines.map((line, index) => {
    if (lines[index - 1]?.dimension === line.dimension) return 0;
    let span = 1;
    while (lines[index + span]?.dimension === line.dimension) span += 1;
    return span;
  });
}

function Scores({ node }: { node: Extract<ValueNode, { kind: 'scores' }> }) {
  const { t } = useReportI18n();
  const spans = dimensionSpans(node.lines);
  return (
    <table className="print-form-list print-form-scores">
      <thead>
        <tr>
          <th>{t('indicatorDimension')}</th>
          <th>{t('indicatorTitle')}</th>
          <th>{t('indicatorMaxScore')}</th>
          <th>{t('indicatorScore')}</th>
        </tr>
      </thead>
      <tbody>
        {node.lines.map((line, index) => (
          <tr key={line.id}>
            {spans[index] !== 0 && <td rowSpan={spans[index]}>{line.dimension}</td>}
            <td>{line.title}</td>
            <td>{line.maxScore}</td>
            <td>{line.score ?? '—'}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={4}>
            {node.passScore === undefined
              ? `${t('indicatorTotal')} ${String(node.total)}`
              : fill(t('scoreSummary'), { total: node.total, pass: node.passScore })}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

/** A value within a line of text or a table's cell: a file by its name and its number in the list. */
function Inline({ node, numberOf }: { node: ValueNode; numberOf: NumberOf }) {
  const { r, t } = useReportI18n();
  switch (node.kind) {
    case 'empty':
      return <>{r('empty')}</>;
    case 'text':
      return <>{node.text}</>;
    case 'yes-no':
      return <>{node.value ? r('yes') : r('no')}</>;
    case 'file':
      return (
        <span className="print-form-file">
          <AttachmentName id={node.id} />
          {r('attachmentNumber', { number: numberOf(node.id) })}
        </span>
      );
    case 'vetoes':
      return <>{node.titles.length === 0 ? t('none') : node.titles.join(t('listSeparator'))}</>;
    case 'scores':
      return <Scores node={node} />;
    case 'list':
      if (node.columns !== undefined) return <Table node={node} columns={node.columns} numberOf={numberOf} />;
      return (
        <>
          {node.items.map((item, index) => (
            <span key={index}>
              {index > 0 && t('listSeparator')}
              <Inline node={item} numberOf={numberOf} />
            </span>
          ))}
        </>
      );
    case 'group':
      return (
        <table className="print-form-fields nested">
          <tbody>
            <Rows fields={node.fields} numberOf={numberOf} />
          </tbody>
        </table>
      );
  }
}

function Table({
  node,
  columns,
  numberOf,
}: {
  node: Extract<ValueNode, { kind: 'list' }>;
  columns: readonly Column[];
  numberOf: NumberOf;
}) {
  return (
    <table className="print-form-list">
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.key}>{column.label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {node.items.map((item, line) => (
          <tr key={line}>
            {columns.map((column) => {
              const cell = item.kind === 'group' ? item.fields.find((field) => field.key === column.key) : undefined;
              return (
                <td key={column.key}>
                  <Inline node={cell?.value ?? { kind: 'empty' }} numberOf={numberOf} />
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One row a field: its title, and its value (files it holds as 见附件 1、2, named in the list below). */
export function Rows({ fields, numberOf }: { fields: readonly FieldValue[]; numberOf: NumberOf }) {
  const { r } = useReportI18n();
  return (
    <>
      {fields.map((field) => (
        <tr key={field.key}>
          <th scope="row">{field.label}</th>
          <td>
            {onlyFiles(field.value) ? (
              r('seeAttachments', {
                numbers: (field.value.kind === 'list' ? field.value.items : [field.value])
                  .map((item) => (item.kind === 'file' ? numberOf(item.id) : 0))
                  .join('、'),
              })
            ) : (
              <Inline node={field.value} numberOf={numberOf} />
            )}
          </td>
        </tr>
      ))}
    </>
  );
}
