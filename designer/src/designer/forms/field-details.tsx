import { Button, Checkbox, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useDesignerI18n } from '../designer-i18n.js';
import { cellLabel } from '../cell-label.js';
import { useHeldText } from '../held-text.js';
import { jsonPlace, type ReadPlace } from '../../../../engine/definitions/json-place.js';
import { NOT_AFTER_KEYWORD } from '../../../../engine/forms/form-ajv.js';
import {
  choicesOf,
  fieldKind,
  withChoices,
  withNumber,
  withText,
  type Choice,
  type JsonSchema,
} from './form-fields.js';

interface Props {
  fieldKey: string;
  schema: JsonSchema;
  readOnly: boolean;
  onChange: (schema: JsonSchema) => void;
}

/** One field's description, choices with Chinese labels, lengths and bounds (or its JSON Schema). */
export function FieldDetails({ fieldKey, schema, readOnly, onChange }: Props) {
  const { d } = useDesignerI18n();
  const kind = fieldKind(schema);
  const number = (keyword: string, label: string) => (
    <Form.Item label={label} style={{ marginBottom: 8 }}>
      <InputNumber
        value={typeof schema[keyword] === 'number' ? schema[keyword] : null}
        disabled={readOnly}
        aria-label={cellLabel(fieldKey, label)}
        onChange={(value) => {
          onChange(withNumber(schema, keyword, value));
        }}
      />
    </Form.Item>
  );
  return (
    <Form layout="vertical" style={{ padding: '4px 8px' }} data-field-details={fieldKey}>
      <Form.Item label={d('description')} style={{ marginBottom: 8 }}>
        <Input.TextArea
          autoSize={{ minRows: 1, maxRows: 5 }}
          value={typeof schema.description === 'string' ? schema.description : ''}
          disabled={readOnly}
          aria-label={cellLabel(fieldKey, d('description'))}
          onChange={(event) => {
            onChange(withText(schema, 'description', event.target.value));
          }}
        />
      </Form.Item>
      {(kind === 'string' || kind === 'date') && (
        <Space size="large" wrap>
          {number('minLength', d('minLength'))}
          {number('maxLength', d('maxLength'))}
        </Space>
      )}
      {kind === 'date' && (
        <Form.Item style={{ marginBottom: 8 }}>
          <Checkbox
            checked={schema[NOT_AFTER_KEYWORD] === 'today'}
            disabled={readOnly}
            aria-label={cellLabel(fieldKey, d('notAfterToday'))}
            onChange={(event) => {
              onChange(withText(schema, NOT_AFTER_KEYWORD, event.target.checked ? 'today' : ''));
            }}
          >
            {d('notAfterToday')}
          </Checkbox>
        </Form.Item>
      )}
      {(kind === 'number' || kind === 'integer') && (
        <Space size="large" wrap>
          {number('minimum', d('minimum'))}
          {number('maximum', d('maximum'))}
        </Space>
      )}
      {kind === 'string' && (
        <ChoicesEditor
          choices={choicesOf(schema)}
          readOnly={readOnly}
          onChange={(choices) => {
            onChange(withChoices(schema, choices));
          }}
        />
      )}
      {kind === 'complex' && (
        <SchemaJson schema={schema} readOnly={readOnly} onChange={onChange} box={`properties/${fieldKey}`} />
      )}
    </Form>
  );
}

function ChoicesEditor(props: { choices: Choice[]; readOnly: boolean; onChange: (choices: Choice[]) => void }) {
  const { d } = useDesignerI18n();
  const { choices, readOnly, onChange } = props;
  const set = (index: number, change: Partial<Choice>) => {
    onChange(choices.map((choice, at) => (at === index ? { ...choice, ...change } : choice)));
  };
  return (
    <Form.Item label={d('choices')} style={{ marginBottom: 8 }}>
      <Space orientation="vertical">
        {choices.map((choice, index) => (
          <Space key={index}>
            <Input
              value={choice.value}
              placeholder={d('choiceValue')}
              disabled={readOnly}
              style={{ width: 180 }}
              onChange={(event) => {
                set(index, { value: event.target.value });
              }}
            />
            <Input
              value={choice.title}
              placeholder={d('choiceTitle')}
              disabled={readOnly}
              style={{ width: 260 }}
              onChange={(event) => {
                set(index, { title: event.target.value });
              }}
            />
            {!readOnly && (
              <Button
                type="link"
                danger
                onClick={() => {
                  onChange(choices.filter((_c, at) => at !== index));
                }}
              >
                {d('remove')}
              </Button>
            )}
          </Space>
        ))}
        {!readOnly && (
          <Button
            size="small"
            onClick={() => {
              onChange([...choices, { value: `option${choices.length + 1}`, title: '' }]);
            }}
          >
            {d('addChoice')}
          </Button>
        )}
      </Space>
    </Form.Item>
  );
}

/**
 * A composite field's schema, or the form's example, as JSON: applied while it parses; while it does
 * not, kept in the box as an unsaved edit (the page asks before it is left; another form chosen
 * meanwhile keeps it for the return) and where it stops being JSON said in the page's language.
 */
export function SchemaJson(props: {
  schema: unknown;
  readOnly: boolean;
  onChange: (schema: JsonSchema) => void;
  /** What the box holds, said above it (a composite field's JSON Schema, unless told). */
  hint?: string;
  /** The box within its form (`examples`, `properties/<field>`): its held text is kept under this name. */
  box: string;
}) {
  const { d } = useDesignerI18n();
  const { kept, hold } = useHeldText(props.box);
  // Back from another form: the text it held, not the form's value.
  const [text, setText] = useState(() => kept ?? JSON.stringify(props.schema, null, 2));
  const [error, setError] = useState<ReadPlace | undefined>(() => (kept === undefined ? undefined : jsonPlace(kept)));
  useEffect(() => {
    // Follow changes made elsewhere unless they are what this text already says.
    setText((current) => {
      try {
        return JSON.stringify(JSON.parse(current)) === JSON.stringify(props.schema)
          ? current
          : JSON.stringify(props.schema, null, 2);
      } catch {
        return current;
      }
    });
  }, [props.schema]);
  return (
    <>
      <Typography.Text type="secondary">{props.hint ?? d('complexField')}</Typography.Text>
      <Input.TextArea
        value={text}
        data-json-box={props.box}
        disabled={props.readOnly}
        autoSize={{ minRows: 4, maxRows: 18 }}
        style={{ fontFamily: 'monospace', fontSize: 12 }}
        status={error === undefined ? '' : 'error'}
        aria-invalid={error !== undefined}
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          const place = jsonPlace(next);
          setError(place);
          hold(place === undefined ? undefined : next);
          if (place === undefined) props.onChange(JSON.parse(next) as JsonSchema);
        }}
      />
      {error !== undefined && (
        <Typography.Text type="danger" data-json-error>
          {d(error.end ? 'invalidJsonEnd' : 'invalidJsonAt', { line: error.line, column: error.column })}
        </Typography.Text>
      )}
    </>
  );
}
