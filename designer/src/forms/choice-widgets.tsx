import type { FieldProps, WidgetProps } from '@rjsf/utils';
import { Alert, Checkbox, Grid, Radio, Space, Table, Typography } from 'antd';
import type { Indicator } from '../../../engine/definitions/types.js';
import { decimalSum } from '../../../engine/feel/decimal-sum.js';
import { fill } from '../i18n/fill.js';
import { useI18n } from '../i18n/i18n.js';
import { articleAside, articleText } from './article-text.js';
import type { IndicatorChoices, SchemaFormContext } from './form-context.js';
import { NumberTextInput, type TypedNumber } from './number-text-input.js';
import { scoreProblem } from './score-check.js';

/**
 * A declaration (`type: boolean`) as 是/否: a box left unticked would read as "no" without the
 * applicant having said so (Art. 7 declarations must each be answered).
 */
export function YesNoWidget({ id, value, onChange, disabled, readonly, label, rawErrors }: WidgetProps) {
  const { t } = useI18n();
  return (
    <Radio.Group
      id={id}
      role="radiogroup"
      aria-label={label}
      aria-invalid={rawErrors !== undefined && rawErrors.length > 0}
      value={value as unknown}
      disabled={disabled === true || readonly === true}
      onChange={(event) => {
        onChange(event.target.value);
      }}
      options={[
        { label: t('yes'), value: true },
        { label: t('no'), value: false },
      ]}
    />
  );
}

/**
 * The veto items (`x-indicators: vetoes`) as check boxes with their titles and articles. One ticked is
 * said to fail the evaluation whatever the score, with its article (Art. 7): the total above still
 * read 92 / 80 against the pass mark, and only the dialog before sending said the case would end.
 */
export function IndicatorVetoesWidget({ id, value, onChange, disabled, readonly, label, registry }: WidgetProps) {
  const { language, t } = useI18n();
  const { vetoes = [] } = (registry.formContext as SchemaFormContext).indicators ?? {};
  const selected = Array.isArray(value) ? (value as string[]) : [];
  const articles = [
    ...new Set(vetoes.filter((veto) => selected.includes(veto.id)).map((veto) => articleText(veto.article, language))),
  ];
  return (
    <>
      <Checkbox.Group
        aria-label={label}
        value={selected}
        disabled={disabled === true || readonly === true}
        onChange={(next) => {
          onChange(next);
        }}
      >
        <Space orientation="vertical" id={id}>
          {vetoes.map((veto) => (
            <Checkbox key={veto.id} value={veto.id}>
              {veto.title}
              {articleAside(veto.article, language)}
            </Checkbox>
          ))}
        </Space>
      </Checkbox.Group>
      {articles.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          title={fill(t('vetoFound'), { articles: articles.join(language === 'zh' ? '、' : ', ') })}
        />
      )}
    </>
  );
}

/** A score that counts: a number within its indicator's maximum (a 9 of 4 is no score). */
const counts = (score: TypedNumber, item: Indicator): score is number =>
  typeof score === 'number' && score >= 0 && score <= item.maxScore;

/** An indicator's title with its article, as the table and the phone's list show it. */
function IndicatorTitle({ row, dimension }: { row: Indicator; dimension?: string }) {
  const { language } = useI18n();
  return (
    <>
      {dimension !== undefined && <Typography.Text type="secondary">{dimension} · </Typography.Text>}
      <div style={{ display: 'inline' }}>
        {row.title}
        {articleAside(row.article, language)}
      </div>
      <div>
        <Typography.Text type="secondary">{row.guidance}</Typography.Text>
      </div>
    </>
  );
}

/**
 * The scores object (`x-indicators: scores`) as the indicator table of the case's variant: one
 * number per indicator, bounded by its maximum, with the guidance beside it and the running total
 * against the pass mark (Art. 19, 21). A score out of range is said at its cell as it is typed, not
 * only by the server on 提交; on a phone the table keeps two columns (indicator, score) so the
 * indicator stays readable.
 */
export function IndicatorScoresField(props: FieldProps) {
  const { onChange, fieldPathId, disabled, readonly, schema, registry, rawErrors, errorSchema } = props;
  const formData = props.formData as unknown;
  const { t } = useI18n();
  const narrow = Grid.useBreakpoint().md !== true;
  const indicators: IndicatorChoices | undefined = (registry.formContext as SchemaFormContext).indicators;
  const scores = (typeof formData === 'object' && formData !== null ? formData : {}) as Record<string, TypedNumber>;
  const dimensionTitle = (id: string) => indicators?.dimensions.find((dimension) => dimension.id === id)?.title ?? id;
  const items = [...(indicators?.items ?? [])];
  const counted = items.flatMap((item) => {
    const score = scores[item.id];
    return counts(score, item) ? [score] : [];
  });
  // As the diagram's condition adds them: 3.1 and 3.2 make 6.3, not 6.300000000000001.
  const sum = decimalSum(counted);
  // One cell per dimension, spanning its indicators (they are listed dimension by dimension).
  const span = (index: number) => {
    const dimension = items[index]?.dimension;
    if (index > 0 && items[index - 1]?.dimension === dimension) return 0;
    let count = 1;
    while (items[index + count]?.dimension === dimension) count += 1;
    return count;
  };
  const cellErrors = errorSchema as Record<string, { __errors?: string[] } | undefined> | undefined;
  // Once the table is said to miss scores (after 提交), each empty cell is marked too, pointing at that.
  const tableErrorId = `${fieldPathId.$id}__errors`;
  const missingSaid = (rawErrors ?? []).length > 0;
  const scoreCell = (row: Indicator) => {
    const inputId = `${fieldPathId.$id}_${row.id}`;
    // The form's errors for the cell (after 提交, or the server's), else what is wrong as typed.
    const problem =
      cellErrors?.[row.id]?.__errors?.[0] ??
      scoreProblem(scores[row.id], row.title, row.maxScore, {
        outOfRange: t('scoreOutOfRange'),
        notNumber: t('scoreNotNumber'),
      });
    const unscored = problem === undefined && missingSaid && scores[row.id] === undefined;
    const describedBy = problem !== undefined ? `${inputId}__error` : unscored ? tableErrorId : undefined;
    return (
      <>
        <NumberTextInput
          id={inputId}
          aria-label={`${row.title} ${t('score')}`}
          // A score out of range, or letters, stay as typed and are marked; antd's InputNumber
          // clamped the one and dropped the other.
          status={problem !== undefined || unscored ? 'error' : undefined}
          aria-invalid={problem !== undefined || unscored}
          aria-describedby={describedBy}
          value={scores[row.id]}
          integer={false}
          disabled={disabled === true || readonly === true}
          onValue={(next) => {
            const { [row.id]: _dropped, ...others } = scores;
            const updated = next === undefined ? others : { ...others, [row.id]: next };
            onChange(updated, fieldPathId.path, undefined, fieldPathId.$id);
          }}
        />
        {narrow && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('maxScore')} {row.maxScore}
          </Typography.Text>
        )}
        {problem !== undefined && (
          <Typography.Text id={`${inputId}__error`} type="danger" style={{ display: 'block', fontSize: 12 }}>
            {problem}
          </Typography.Text>
        )}
      </>
    );
  };
  return (
    <fieldset id={fieldPathId.$id} style={{ border: 0, padding: 0, margin: '0 0 24px' }}>
      <legend style={{ fontSize: 14, fontWeight: 600 }}>{typeof schema.title === 'string' ? schema.title : ''}</legend>
      {/* The schema's description says what the data holds (keys, values) for those who send it by API. */}
      {indicators !== undefined ? (
        <Typography.Paragraph type="secondary">{t('scoreTableHelp')}</Typography.Paragraph>
      ) : (
        typeof schema.description === 'string' && (
          <Typography.Paragraph type="secondary">{schema.description}</Typography.Paragraph>
        )
      )}
      {indicators?.illustrative === true && (
        <Alert type="warning" showIcon title={t('illustrativeIndicators')} style={{ marginBottom: 12 }} />
      )}
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={items}
        columns={
          narrow
            ? [
                {
                  title: t('indicator'),
                  dataIndex: 'title',
                  render: (_: string, row, index) => (
                    <IndicatorTitle row={row} {...(span(index) > 0 && { dimension: dimensionTitle(row.dimension) })} />
                  ),
                },
                { title: t('score'), width: 104, render: (_: unknown, row) => scoreCell(row) },
              ]
            : [
                {
                  title: t('dimension'),
                  dataIndex: 'dimension',
                  render: (id: string) => dimensionTitle(id),
                  onCell: (_, index) => ({ rowSpan: span(index ?? 0) }),
                  width: 160,
                },
                { title: t('indicator'), dataIndex: 'title', render: (_: string, row) => <IndicatorTitle row={row} /> },
                { title: t('maxScore'), dataIndex: 'maxScore', width: 80 },
                { title: t('score'), width: 160, render: (_: unknown, row) => scoreCell(row) },
              ]
        }
      />
      <Typography.Paragraph style={{ marginTop: 8 }} strong>
        {t('totalScore')}
        {t('colon')}
        {sum} / {t('passScore')} {indicators?.passScore ?? '—'}
        <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
          {' · '}
          {fill(t('scoredCount'), { done: counted.length, all: items.length })}
        </Typography.Text>
      </Typography.Paragraph>
      <div id={tableErrorId}>
        {rawErrors?.map((error) => (
          <Typography.Text key={error} type="danger" role="alert">
            {error}
          </Typography.Text>
        ))}
      </div>
    </fieldset>
  );
}
