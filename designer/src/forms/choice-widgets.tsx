import type { FieldProps, WidgetProps } from '@rjsf/utils';
import { Checkbox, Radio, Space, Table, Typography } from 'antd';
import { useI18n } from '../i18n/i18n.js';
import { articleText } from './article-text.js';
import type { IndicatorChoices, SchemaFormContext } from './form-context.js';
import { NumberTextInput, type TypedNumber } from './number-text-input.js';

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

/** The veto items (`x-indicators: vetoes`) as check boxes with their titles and articles. */
export function IndicatorVetoesWidget({ id, value, onChange, disabled, readonly, label, registry }: WidgetProps) {
  const { language } = useI18n();
  const { vetoes = [] } = (registry.formContext as SchemaFormContext).indicators ?? {};
  const selected = Array.isArray(value) ? (value as string[]) : [];
  return (
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
            {veto.title}（{articleText(veto.article, language)}）
          </Checkbox>
        ))}
      </Space>
    </Checkbox.Group>
  );
}

/** A score that is no number (letters typed), below 0 or above the indicator's maximum. */
const invalidScore = (score: TypedNumber, max: number): boolean =>
  typeof score === 'string' || (score !== undefined && (score < 0 || score > max));

function total(scores: Record<string, TypedNumber>): number {
  return Object.values(scores).reduce<number>(
    (sum, score) => sum + (typeof score === 'number' && Number.isFinite(score) ? score : 0),
    0,
  );
}

/**
 * The scores object (`x-indicators: scores`) as the indicator table of the case's variant: one
 * number per indicator, bounded by its maximum, with the guidance beside it and the running total
 * against the pass mark (Art. 19, 21).
 */
export function IndicatorScoresField(props: FieldProps) {
  const { onChange, fieldPathId, disabled, readonly, schema, registry, rawErrors } = props;
  const formData = props.formData as unknown;
  const { t, language } = useI18n();
  const indicators: IndicatorChoices | undefined = (registry.formContext as SchemaFormContext).indicators;
  const scores = (typeof formData === 'object' && formData !== null ? formData : {}) as Record<string, TypedNumber>;
  const dimensionTitle = (id: string) => indicators?.dimensions.find((dimension) => dimension.id === id)?.title ?? id;
  const sum = total(scores);
  const items = [...(indicators?.items ?? [])];
  // One cell per dimension, spanning its indicators (they are listed dimension by dimension).
  const span = (index: number) => {
    const dimension = items[index]?.dimension;
    if (index > 0 && items[index - 1]?.dimension === dimension) return 0;
    let count = 1;
    while (items[index + count]?.dimension === dimension) count += 1;
    return count;
  };
  return (
    <fieldset id={fieldPathId.$id} style={{ border: 0, padding: 0, margin: '0 0 24px' }}>
      <legend style={{ fontSize: 14, fontWeight: 600 }}>{typeof schema.title === 'string' ? schema.title : ''}</legend>
      {typeof schema.description === 'string' && (
        <Typography.Paragraph type="secondary">{schema.description}</Typography.Paragraph>
      )}
      {indicators?.illustrative === true && (
        <Typography.Paragraph type="warning">{t('illustrativeIndicators')}</Typography.Paragraph>
      )}
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={items}
        columns={[
          {
            title: t('dimension'),
            dataIndex: 'dimension',
            render: (id: string) => dimensionTitle(id),
            onCell: (_, index) => ({ rowSpan: span(index ?? 0) }),
            width: 160,
          },
          {
            title: t('indicator'),
            dataIndex: 'title',
            render: (title: string, row) => (
              <>
                <div>
                  {title}（{articleText(row.article, language)}）
                </div>
                <Typography.Text type="secondary">{row.guidance}</Typography.Text>
              </>
            ),
          },
          { title: t('maxScore'), dataIndex: 'maxScore', width: 80 },
          {
            title: t('score'),
            width: 120,
            render: (_: unknown, row) => (
              <NumberTextInput
                aria-label={`${row.title} ${t('score')}`}
                // A score out of range, or letters, stay as typed and are marked (the server names
                // them, Art. 19); antd's InputNumber clamped the one and dropped the other.
                status={invalidScore(scores[row.id], row.maxScore) ? 'error' : undefined}
                aria-invalid={invalidScore(scores[row.id], row.maxScore)}
                value={scores[row.id]}
                integer={false}
                disabled={disabled === true || readonly === true}
                onValue={(next) => {
                  const { [row.id]: _dropped, ...others } = scores;
                  const updated = next === undefined ? others : { ...others, [row.id]: next };
                  onChange(updated, fieldPathId.path, undefined, fieldPathId.$id);
                }}
              />
            ),
          },
        ]}
      />
      <Typography.Paragraph style={{ marginTop: 8 }} strong>
        {t('totalScore')}
        {t('colon')}
        {sum} / {t('passScore')} {indicators?.passScore ?? '—'}
      </Typography.Paragraph>
      {rawErrors?.map((error) => (
        <Typography.Text key={error} type="danger" role="alert">
          {error}
        </Typography.Text>
      ))}
    </fieldset>
  );
}
