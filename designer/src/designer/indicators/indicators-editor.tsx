import { Alert, Button, Card, Input, InputNumber, Select, Space, Switch, Tabs, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { Indicator, Indicators, Veto } from '../../../../engine/definitions/types.js';
import { useDesignerI18n } from '../designer-i18n.js';
import { pointerTokens, type FileFocus } from '../focus.js';
import { variantLabel } from './variant-label.js';
import { removeColumns } from '../remove-column.js';
import { FILES, jsonText, parseJson, type Workspace } from '../workspace.js';
import { UnreadableFile, unreadableReason } from '../unreadable-file.js';
import { guidanceMaxScore, variantTotals } from './indicator-totals.js';
import { cellLabel } from '../cell-label.js';
import { CardTable } from '../../card-table.js';

interface Props {
  workspace: Workspace;
  focus: FileFocus | undefined;
}

/** indicators.json (CONTRACT §4): a table per park type with running totals, the pass mark, vetoes. */
export function IndicatorsEditor({ workspace, focus }: Props) {
  const { d } = useDesignerI18n();
  const text = workspace.text(FILES.indicators);
  const data = useMemo(() => parseJson<Indicators>(text), [text]);
  const variants = Object.keys(data?.variants ?? {});
  const [variant, setVariant] = useState(variants[0] ?? '');
  const tokens = focus?.file === FILES.indicators ? pointerTokens(focus.pointer) : [];
  useEffect(() => {
    if (tokens[0] === 'variants' && tokens[1] !== undefined) setVariant(tokens[1]);
  }, [focus]);
  const unreadable = unreadableReason(FILES.indicators, text);
  if (unreadable !== undefined)
    return <UnreadableFile workspace={workspace} path={FILES.indicators} reason={unreadable} />;
  if (data === undefined)
    return <Alert type="error" showIcon title={d('invalidJson', { message: FILES.indicators })} />;

  const readOnly = workspace.readOnly;
  const save = (next: Indicators) => {
    workspace.edit(FILES.indicators, jsonText(next));
  };
  const label = (name: string) => variantLabel(name, d);
  const setIndicators = (name: string, list: Indicator[]) => {
    save({ ...data, variants: { ...data.variants, [name]: list } });
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap size="large">
          <Space>
            <Switch
              checked={data.illustrative}
              disabled={readOnly}
              onChange={(illustrative) => {
                save({ ...data, illustrative });
              }}
            />
            {d('illustrative')}
          </Space>
          <Space>
            {d('passScore')}
            <InputNumber
              aria-label="passScore"
              min={0}
              value={data.passScore}
              disabled={readOnly}
              status={tokens[0] === 'passScore' ? 'warning' : ''}
              onChange={(passScore) => {
                if (passScore !== null) save({ ...data, passScore });
              }}
            />
          </Space>
          {variants.map((name) => {
            const { total } = variantTotals(data.variants[name] ?? []);
            const reachable = total >= data.passScore;
            return (
              <Tag key={name} color={reachable ? 'green' : 'red'} data-total={name}>
                {d('totalOf', { variant: label(name), total })} · {d(reachable ? 'passReachable' : 'passUnreachable')}
              </Tag>
            );
          })}
        </Space>
      </Card>
      <Tabs
        activeKey={variant}
        onChange={setVariant}
        items={variants.map((name) => ({
          key: name,
          label: label(name),
          children: (
            <VariantTable
              variant={name}
              data={data}
              readOnly={readOnly}
              focusedIndex={tokens[0] === 'variants' && tokens[1] === name ? Number(tokens[2]) : undefined}
              onChange={(list) => {
                setIndicators(name, list);
              }}
            />
          ),
        }))}
      />
      <VetoTable
        vetoes={data.vetoes}
        readOnly={readOnly}
        focusedIndex={tokens[0] === 'vetoes' ? Number(tokens[1]) : undefined}
        onChange={(vetoes) => {
          save({ ...data, vetoes });
        }}
      />
    </Space>
  );
}

interface VariantProps {
  variant: string;
  data: Indicators;
  readOnly: boolean;
  focusedIndex: number | undefined;
  onChange: (list: Indicator[]) => void;
}

function VariantTable({ variant, data, readOnly, focusedIndex, onChange }: VariantProps) {
  const { d } = useDesignerI18n();
  const list = data.variants[variant] ?? [];
  const { total, byDimension } = variantTotals(list);
  const dimensions =
    data.dimensions ?? [...new Set(list.map((item) => item.dimension))].map((id) => ({ id, title: id }));
  const set = (index: number, change: Partial<Indicator>) => {
    onChange(list.map((item, at) => (at === index ? { ...item, ...change } : item)));
  };
  const rows = list.map((item, index) => ({ ...item, index }));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text type="secondary">{d('byDimension')}:</Typography.Text>
        {dimensions.map((dimension) => (
          <Tag key={dimension.id} data-dimension-total={`${variant}/${dimension.id}`}>
            {dimension.title} {byDimension.get(dimension.id) ?? 0}
          </Tag>
        ))}
        <Tag color="blue" data-variant-total={variant}>
          {d('total')} {total} / {d('passScore')} {data.passScore}
        </Tag>
      </Space>
      {/* On a phone each indicator is a card, each value under its column's name: as a table 编号 and
          条款 were 20 px wide and the title read a character a line, each row 350 px tall. */}
      <CardTable<(typeof rows)[number]>
        rowKey="index"
        size="small"
        pagination={false}
        dataSource={rows}
        rowClassName={(row) => (row.index === focusedIndex ? 'qbz-focused' : '')}
        onRow={(row) => ({ 'data-indicator': `${variant}/${row.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: d('dimension'),
            dataIndex: 'dimension',
            width: 170,
            render: (dimension: string, row) => (
              <Select
                value={dimension}
                disabled={readOnly}
                aria-label={cellLabel(variantLabel(variant, d), row.id, d('dimension'))}
                style={{ width: '100%' }}
                popupMatchSelectWidth={false}
                options={dimensions.map((item) => ({ value: item.id, label: item.title }))}
                onChange={(next) => {
                  set(row.index, { dimension: next });
                }}
              />
            ),
          },
          {
            title: d('indicatorId'),
            dataIndex: 'id',
            width: 120,
            render: (id: string, row) => (
              <Input
                value={id}
                disabled={readOnly}
                aria-label={cellLabel(variantLabel(variant, d), row.id, d('indicatorId'))}
                onChange={(event) => {
                  set(row.index, { id: event.target.value });
                }}
              />
            ),
          },
          {
            title: d('indicatorTitle'),
            dataIndex: 'title',
            width: 220,
            render: (title: string, row) => (
              <Input.TextArea
                autoSize
                value={title}
                disabled={readOnly}
                aria-label={cellLabel(variantLabel(variant, d), row.id, d('indicatorTitle'))}
                onChange={(event) => {
                  set(row.index, { title: event.target.value });
                }}
              />
            ),
          },
          {
            title: d('article'),
            dataIndex: 'article',
            width: 90,
            render: (article: string, row) => (
              <Input
                value={article}
                disabled={readOnly}
                aria-label={cellLabel(variantLabel(variant, d), row.id, d('article'))}
                onChange={(event) => {
                  set(row.index, { article: event.target.value });
                }}
              />
            ),
          },
          {
            title: d('maxScore'),
            dataIndex: 'maxScore',
            width: 90,
            render: (maxScore: number, row) => (
              <InputNumber
                min={0}
                value={maxScore}
                disabled={readOnly}
                aria-label={cellLabel(variantLabel(variant, d), row.id, d('maxScore'))}
                style={{ width: 70 }}
                onChange={(next) => {
                  if (next !== null) set(row.index, { maxScore: next });
                }}
              />
            ),
          },
          {
            title: d('guidance'),
            dataIndex: 'guidance',
            render: (guidance: string, row) => {
              const stated = guidanceMaxScore(guidance);
              return (
                <>
                  <Input.TextArea
                    aria-label={cellLabel(variantLabel(variant, d), row.id, d('guidance'))}
                    autoSize={{ minRows: 1, maxRows: 4 }}
                    value={guidance}
                    disabled={readOnly}
                    onChange={(event) => {
                      set(row.index, { guidance: event.target.value });
                    }}
                  />
                  {stated !== undefined && stated !== row.maxScore && (
                    <Typography.Text type="warning">{d('guidanceMismatch', { n: stated })}</Typography.Text>
                  )}
                </>
              );
            },
          },
          ...removeColumns<(typeof rows)[number]>(readOnly, d('remove'), (row) => {
            onChange(list.filter((_item, at) => at !== row.index));
          }),
        ]}
      />
      {!readOnly && (
        <Button
          onClick={() => {
            onChange([
              ...list,
              {
                id: `new-${list.length + 1}`,
                dimension: dimensions[0]?.id ?? '',
                title: '',
                article: 'Art. ',
                maxScore: 0,
                guidance: '',
              },
            ]);
          }}
        >
          {d('addIndicator')}
        </Button>
      )}
    </Space>
  );
}

interface VetoProps {
  vetoes: Veto[];
  readOnly: boolean;
  focusedIndex: number | undefined;
  onChange: (vetoes: Veto[]) => void;
}

function VetoTable({ vetoes, readOnly, focusedIndex, onChange }: VetoProps) {
  const { d } = useDesignerI18n();
  const set = (index: number, change: Partial<Veto>) => {
    onChange(vetoes.map((veto, at) => (at === index ? { ...veto, ...change } : veto)));
  };
  const column = (key: 'id' | 'title' | 'article', title: string, width?: number) => ({
    title,
    dataIndex: key,
    ...(width !== undefined && { width }),
    render: (value: string, row: Veto & { index: number }) => (
      <Input
        value={value}
        disabled={readOnly}
        aria-label={cellLabel(row.id, title)}
        onChange={(event) => {
          set(row.index, { [key]: event.target.value });
        }}
      />
    ),
  });
  return (
    <Card size="small" title={d('vetoes')}>
      <CardTable<Veto & { index: number }>
        rowKey="index"
        size="small"
        pagination={false}
        dataSource={vetoes.map((veto, index) => ({ ...veto, index }))}
        rowClassName={(row) => (row.index === focusedIndex ? 'qbz-focused' : '')}
        columns={[
          column('id', d('vetoId'), 280),
          column('title', d('vetoTitle')),
          column('article', d('article'), 100),
          ...removeColumns<Veto & { index: number }>(readOnly, d('remove'), (row) => {
            onChange(vetoes.filter((_v, at) => at !== row.index));
          }),
        ]}
      />
      {!readOnly && (
        <Button
          style={{ marginTop: 8 }}
          onClick={() => {
            onChange([...vetoes, { id: '', title: '', article: 'Art. 7' }]);
          }}
        >
          {d('addVeto')}
        </Button>
      )}
    </Card>
  );
}
