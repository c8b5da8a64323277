import { App, Button, Card, Checkbox, Col, Collapse, Grid, Input, Row, Select, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { DesignerMessageKey } from '../designer-messages.js';
import { useDesignerI18n, type DesignerText } from '../designer-i18n.js';
import { pointerTokens } from '../focus.js';
import { removeColumns } from '../remove-column.js';
import { FieldDetails, SchemaJson } from './field-details.js';
import {
  choicesOf,
  exampleOf,
  FIELD_KINDS,
  fieldKind,
  propertiesOf,
  requiredOf,
  withExample,
  withField,
  withKind,
  withoutField,
  withRequired,
  withText,
  type FieldKind,
  type JsonSchema,
} from './form-fields.js';
import { FormPreview } from './form-preview.js';
import { cellLabel } from '../cell-label.js';
import { CardTable } from '../../card-table.js';
import { ExplainedButton } from '../review/explained-button.js';
import { whyNotNewName } from '../new-name.js';

interface Props {
  form: JsonSchema;
  readOnly: boolean;
  /** A JSON Pointer into the form a problem points at. */
  pointer: { value: string; seq: number } | undefined;
  onChange: (form: JsonSchema) => void;
}

const KIND_LABEL: Record<FieldKind, DesignerMessageKey> = {
  string: 'typeString',
  date: 'typeDate',
  number: 'typeNumber',
  integer: 'typeInteger',
  boolean: 'typeBoolean',
  attachment: 'typeAttachment',
  complex: 'typeComplex',
};

function summary(schema: JsonSchema): string {
  const parts: string[] = [];
  const choices = choicesOf(schema);
  if (choices.length > 0) parts.push(choices.map((choice) => choice.title || choice.value).join(' / '));
  for (const [keyword, sign] of [
    ['minLength', '≥'],
    ['maxLength', '≤'],
    ['minimum', '≥'],
    ['maximum', '≤'],
  ] as const)
    if (typeof schema[keyword] === 'number') parts.push(`${keyword} ${sign} ${String(schema[keyword])}`);
  if (schema.type === 'array') parts.push('[ ]');
  return parts.join(' · ');
}

/**
 * The accessible name of the input a pointer into the form leads to: the form's title, a field's
 * 说明 (its details) or else its 标题 (the row's first input).
 */
function focusLabel(tokens: string[], d: DesignerText): string | undefined {
  if (tokens.length === 1 && tokens[0] === 'title') return d('formTitle');
  if (tokens[0] !== 'properties' || tokens[1] === undefined) return undefined;
  return tokens.length === 3 && tokens[2] === 'description'
    ? cellLabel(tokens[1], d('description'))
    : cellLabel(tokens[1], d('fieldTitle'));
}

/** One form: its fields in a table (details in each row), the example, and the live preview. */
export function FormEditor({ form, readOnly, pointer, onChange }: Props) {
  const { d } = useDesignerI18n();
  const { message } = App.useApp();
  const [expanded, setExpanded] = useState<string[]>([]);
  const editor = useRef<HTMLDivElement>(null);
  const [newKey, setNewKey] = useState('');
  const [preview, setPreview] = useState<unknown>(() => exampleOf(form));
  // Below 576 px the fields are cards (CardTable), as wide as the screen: no table 720 px wide to scroll.
  const cards = Grid.useBreakpoint().sm === false;
  const properties = propertiesOf(form);
  const required = new Set(requiredOf(form));
  const tokens = pointerTokens(pointer?.value);
  // `/properties/<field>/…`; `/examples/0/…` is the example's, fixed in its box, not in the field's row
  // (the row was highlighted and the example box left closed to the keyboard).
  const focusedField = tokens[0] === 'properties' ? tokens[1] : undefined;

  useEffect(() => {
    if (focusedField !== undefined)
      setExpanded((keys) => (keys.includes(focusedField) ? keys : [...keys, focusedField]));
    const label = focusLabel(tokens, d);
    const target =
      tokens[0] === 'examples'
        ? `[data-json-box="examples"]`
        : label === undefined
          ? undefined
          : `[aria-label="${CSS.escape(label)}"]`;
    if (target === undefined) {
      if (focusedField !== undefined)
        document.querySelector(`[data-row-key="${CSS.escape(focusedField)}"]`)?.scrollIntoView({ block: 'center' });
      return undefined;
    }
    // The keyboard goes where the fix is typed (and a screen reader says where that is). The input shows
    // once its row's details are expanded and the tab is shown: a frame or more after this effect.
    let frame = 0;
    let tries = 0;
    const seek = () => {
      const input = editor.current?.querySelector<HTMLElement>(target) ?? null;
      input?.focus({ preventScroll: true });
      if (input !== null && document.activeElement === input) input.scrollIntoView({ block: 'center' });
      else if (++tries < 60) frame = requestAnimationFrame(seek);
    };
    frame = requestAnimationFrame(seek);
    return () => {
      cancelAnimationFrame(frame);
    };
  }, [pointer]);

  const setField = (key: string, schema: JsonSchema) => {
    onChange(withField(form, key, schema));
  };
  const rows = Object.entries(properties).map(([key, schema]) => ({ key, schema }));
  // Why 添加字段 cannot be pressed yet, beside it: a name in Chinese or with _ was refused in silence.
  const keyProblem = whyNotNewName(newKey, properties, {
    empty: d('newFieldKeyEmpty'),
    invalid: d('newFieldKeyInvalid'),
    taken: d('fieldExists', { key: newKey }),
  });

  return (
    <Row gutter={16} ref={editor}>
      <Col xs={24} xxl={15}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Input
            prefix={<Typography.Text type="secondary">{d('formTitle')}:</Typography.Text>}
            aria-label={d('formTitle')}
            value={typeof form.title === 'string' ? form.title : ''}
            disabled={readOnly}
            onChange={(event) => {
              onChange(withText(form, 'title', event.target.value));
            }}
          />
          <Input.TextArea
            value={typeof form.description === 'string' ? form.description : ''}
            placeholder={d('formDescription')}
            autoSize={{ minRows: 2, maxRows: 6 }}
            disabled={readOnly}
            onChange={(event) => {
              onChange(withText(form, 'description', event.target.value));
            }}
          />
          {/* On a phone each field is a card, each value under its column's name, its details under it:
              as a table it ran off the screen's right edge, 标题 a 120 px box. */}
          <CardTable<(typeof rows)[number]>
            size="small"
            pagination={false}
            {...(!cards && { scroll: { x: 720 } })}
            dataSource={rows}
            rowClassName={(row) => (row.key === focusedField ? 'qbz-focused' : '')}
            expandable={{
              expandedRowKeys: expanded,
              onExpandedRowsChange: (keys) => {
                setExpanded(keys as string[]);
              },
              expandedRowRender: (row) => (
                <FieldDetails
                  fieldKey={row.key}
                  schema={row.schema}
                  readOnly={readOnly}
                  onChange={(schema) => {
                    setField(row.key, schema);
                  }}
                />
              ),
            }}
            columns={[
              {
                title: d('fieldKey'),
                dataIndex: 'key',
                width: 180,
                render: (key: string) => <Typography.Text code>{key}</Typography.Text>,
              },
              {
                title: d('fieldTitle'),
                key: 'title',
                render: (_, row) => (
                  <Input
                    value={typeof row.schema.title === 'string' ? row.schema.title : ''}
                    disabled={readOnly}
                    aria-label={cellLabel(row.key, d('fieldTitle'))}
                    onChange={(event) => {
                      setField(row.key, withText(row.schema, 'title', event.target.value));
                    }}
                  />
                ),
              },
              {
                title: d('fieldType'),
                key: 'type',
                width: 110,
                render: (_, row) => (
                  <Select<FieldKind>
                    value={fieldKind(row.schema)}
                    disabled={readOnly}
                    style={{ width: '100%' }}
                    popupMatchSelectWidth={false}
                    options={FIELD_KINDS.map((kind) => ({ value: kind, label: d(KIND_LABEL[kind]) }))}
                    onChange={(kind) => {
                      setField(row.key, withKind(row.schema, kind));
                    }}
                  />
                ),
              },
              {
                title: d('required'),
                key: 'required',
                width: 64,
                align: 'center',
                render: (_, row) => (
                  <Checkbox
                    checked={required.has(row.key)}
                    disabled={readOnly}
                    aria-label={cellLabel(row.key, d('required'))}
                    onChange={(event) => {
                      onChange(withRequired(form, row.key, event.target.checked));
                    }}
                  />
                ),
              },
              {
                title: d('constraints'),
                key: 'constraints',
                width: 110,
                ellipsis: true,
                render: (_, row) => <Typography.Text type="secondary">{summary(row.schema)}</Typography.Text>,
              },
              ...removeColumns<(typeof rows)[number]>(readOnly, d('removeField'), (row) => {
                onChange(withoutField(form, row.key));
              }),
            ]}
          />
          {!readOnly && (
            <Space>
              <Input
                placeholder={d('newFieldKey')}
                value={newKey}
                style={{ width: 280, maxWidth: '100%' }}
                status={newKey !== '' && keyProblem !== undefined ? 'error' : ''}
                onChange={(event) => {
                  setNewKey(event.target.value.trim());
                }}
              />
              <ExplainedButton
                disabledReason={keyProblem}
                testId="add-field"
                onClick={() => {
                  onChange(withField(form, newKey, { type: 'string', title: newKey, maxLength: 200 }));
                  setExpanded((keys) => [...keys, newKey]);
                  setNewKey('');
                }}
              >
                {d('addField')}
              </ExplainedButton>
            </Space>
          )}
          <Collapse
            size="small"
            {...(tokens[0] === 'examples' && { activeKey: ['example'] })}
            items={[
              {
                key: 'example',
                label: d('example'),
                children: (
                  <SchemaJson
                    hint={d('exampleJson')}
                    box="examples"
                    schema={exampleOf(form) ?? {}}
                    readOnly={readOnly}
                    onChange={(example) => {
                      onChange(withExample(form, example));
                    }}
                  />
                ),
              },
            ]}
          />
        </Space>
      </Col>
      <Col xs={24} xxl={9}>
        <Card
          size="small"
          title={d('preview')}
          extra={
            !readOnly && (
              <Button
                size="small"
                onClick={() => {
                  onChange(withExample(form, preview));
                  void message.success(d('exampleUpdated'));
                }}
              >
                {d('useAsExample')}
              </Button>
            )
          }
        >
          <FormPreview schema={form} data={exampleOf(form)} onChange={setPreview} />
        </Card>
      </Col>
    </Row>
  );
}
