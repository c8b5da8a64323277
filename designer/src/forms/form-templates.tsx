import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Templates } from '@rjsf/antd';
import { descriptionId, errorId, getTemplate, getUiOptions, helpId, TranslatableString } from '@rjsf/utils';
import type {
  ArrayFieldItemButtonsTemplateProps,
  ArrayFieldItemTemplateProps,
  ArrayFieldTemplateProps,
  ErrorListProps,
  FieldTemplateProps,
  ObjectFieldTemplateProps,
  RJSFSchema,
} from '@rjsf/utils';
import { Alert, Button, Col, Row, Space, Typography } from 'antd';
import { useEffect, useRef, type ComponentType, type ReactNode } from 'react';
import { fill } from '../i18n/fill.js';
import { useI18n } from '../i18n/i18n.js';
import { errorFieldId, focusErrorField, inFormOrder } from './error-order.js';
import { errorListText } from './error-messages.js';
import { afterRowAction, ROW_BUTTONS, rowActionOf, type RowAction } from './row-focus.js';

const AntFieldTemplate = Templates.FieldTemplate as ComponentType<FieldTemplateProps>;

/** A group's heading: the form's title at the root, a field group's title inside, with its description. */
function Heading({
  title,
  required,
  description,
  root,
}: {
  title: string;
  required?: boolean;
  description: unknown;
  root: boolean;
}) {
  return (
    <>
      {title !== '' && (
        <legend className={root ? 'qbz-form-title' : 'qbz-group-title'}>
          {title}
          {required === true && !root && (
            <span className="qbz-required" aria-hidden>
              *
            </span>
          )}
        </legend>
      )}
      {typeof description === 'string' && description !== '' && (
        <Typography.Paragraph type="secondary" className="qbz-group-description">
          {description}
        </Typography.Paragraph>
      )}
    </>
  );
}

/** Short inputs share a row on wide screens; groups, lists and long texts take the whole width. */
function isWide(schema: RJSFSchema | undefined, widget: unknown): boolean {
  if (schema === undefined) return true;
  return schema.type === 'object' || schema.type === 'array' || widget === 'textarea' || typeof widget === 'string';
}

/**
 * Field groups as `<fieldset>` with a `<legend>` (screen readers announce the group with each
 * field), the description above the fields it explains rather than below them.
 */
export function ObjectFieldTemplate(props: ObjectFieldTemplateProps) {
  const { title, required, schema, fieldPathId, properties } = props;
  const root = fieldPathId.path.length === 0;
  return (
    <fieldset id={fieldPathId.$id} className={root ? 'qbz-form' : 'qbz-group'}>
      <Heading title={title} required={required} description={schema.description} root={root} />
      <Row gutter={24}>
        {properties
          .filter((property) => !property.hidden)
          .map((property) => {
            const content = property.content.props as { schema?: RJSFSchema; uiSchema?: Record<string, unknown> };
            const wide = isWide(content.schema, content.uiSchema?.['ui:widget']);
            return (
              <Col key={property.name} xs={24} lg={wide ? 24 : 12}>
                {property.content}
              </Col>
            );
          })}
      </Row>
    </fieldset>
  );
}

/**
 * One row of a list: the item, and its buttons (move, remove) at their own width beside it — below it
 * where the row is too narrow for both (a phone). rjsf-antd's row kept a 120 px column for them: on a
 * phone that halved the item.
 */
export function ArrayFieldItemTemplate(props: ArrayFieldItemTemplateProps) {
  const { children, buttonsProps, displayLabel, hasToolbar, registry, uiSchema } = props;
  const Buttons = getTemplate('ArrayFieldItemButtonsTemplate', registry, getUiOptions(uiSchema));
  return (
    <Row align={displayLabel ? 'middle' : 'top'} gutter={[8, 8]}>
      <Col flex="1 1 260px" style={{ minWidth: 0 }}>
        {children}
      </Col>
      {hasToolbar && (
        <Col flex="none">
          <Space.Compact>
            <Buttons {...buttonsProps} />
          </Space.Compact>
        </Col>
      )}
    </Row>
  );
}

/**
 * A row's 上移, 下移 and 删除, each named with its row (「上移：第 2 项」): rjsf-antd's buttons were
 * named by their icons (arrow-up, delete), in English, alike on every row.
 */
export function ArrayFieldItemButtonsTemplate(props: ArrayFieldItemButtonsTemplateProps) {
  const { disabled, readonly, hasMoveUp, hasMoveDown, hasRemove, index, registry } = props;
  const { t } = useI18n();
  const buttons = [
    {
      name: 'move-up',
      shown: hasMoveUp || hasMoveDown,
      enabled: hasMoveUp,
      word: TranslatableString.MoveUpButton,
      icon: <ArrowUpOutlined />,
      onClick: props.onMoveUpItem,
    },
    {
      name: 'move-down',
      shown: hasMoveUp || hasMoveDown,
      enabled: hasMoveDown,
      word: TranslatableString.MoveDownButton,
      icon: <ArrowDownOutlined />,
      onClick: props.onMoveDownItem,
    },
    {
      name: 'remove',
      shown: hasRemove,
      enabled: true,
      word: TranslatableString.RemoveButton,
      icon: <DeleteOutlined />,
      onClick: props.onRemoveItem,
    },
  ];
  return buttons
    .filter((button) => button.shown)
    .map((button) => {
      const action = registry.translateString(button.word);
      return (
        <Button
          key={button.name}
          className={`rjsf-array-item-${button.name}`}
          icon={button.icon}
          danger={button.name === 'remove'}
          title={action}
          aria-label={fill(t('rowButton'), { action, row: index + 1 })}
          disabled={disabled === true || readonly === true || !button.enabled}
          onClick={button.onClick}
        />
      );
    });
}

/** Lists (创建目标, 部门…): a group with its rows and an add button that says what it adds. */
export function ArrayFieldTemplate(props: ArrayFieldTemplateProps) {
  const { title, required, schema, fieldPathId, items, canAdd, onAddClick, disabled, readonly, rawErrors } = props;
  const { t } = useI18n();
  // The row added takes the focus: it stood above the button, which kept it, and what was typed next
  // went nowhere.
  const rows = useRef<HTMLDivElement>(null);
  const added = useRef(false);
  useEffect(() => {
    if (!added.current) return;
    added.current = false;
    const last = rows.current?.lastElementChild;
    last?.querySelector<HTMLElement>('input:not([type="hidden"]), textarea, button')?.focus();
  }, [items.length]);
  // 上移, 下移 and 删除 take away the button that had the focus (the row is moved or gone, or the first
  // row's 上移 is disabled), and a keyboard user was sent back to the top of the page. The focus
  // follows the row moved, or goes to the row that took the removed one's place.
  const rowAction = useRef<RowAction | undefined>(undefined);
  useEffect(() => {
    const action = rowAction.current;
    const list = rows.current;
    if (action === undefined || list === null) return;
    rowAction.current = undefined;
    const target = afterRowAction(action, list.children.length);
    const row = list.children.item(target.row);
    const button =
      target.button === undefined
        ? undefined
        : [target.button, ...ROW_BUTTONS]
            .map((name) => row?.querySelector<HTMLButtonElement>(`.rjsf-array-item-${name}`))
            .find((candidate) => candidate != null && !candidate.disabled);
    (button ?? list.parentElement?.querySelector<HTMLElement>(':scope > .qbz-array-add'))?.focus();
  });
  return (
    <fieldset id={fieldPathId.$id} className="qbz-group">
      <Heading title={title} required={required} description={schema.description} root={false} />
      <div
        className="qbz-array-items"
        ref={rows}
        onClickCapture={(event) => {
          rowAction.current = rowActionOf(event.target, rows.current);
        }}
      >
        {items}
      </div>
      {canAdd === true && readonly !== true && (
        <Button
          className="qbz-array-add"
          icon={<PlusOutlined />}
          onClick={(event) => {
            added.current = true;
            onAddClick(event);
          }}
          disabled={disabled}
          aria-label={`${t('addItem')}${t('colon')}${title}`}
        >
          {t('addItem')}
        </Button>
      )}
      {rawErrors?.map((error) => (
        <Typography.Text key={error} type="danger" role="alert" style={{ display: 'block' }}>
          {error}
        </Typography.Text>
      ))}
    </fieldset>
  );
}

/**
 * The errors above the form, in the order their fields stand on it, each a link to its field (the
 * focus goes there) and a sentence that names it: the browser's checks say 「园区名称」…, the
 * server's field errors already do (rjsf would put `.scores` in front of them).
 */
export function ErrorListTemplate({ errors, registry }: ErrorListProps) {
  const { t, language } = useI18n();
  const { idPrefix } = registry.globalFormOptions;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={t('fixErrors')}
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }} className="qbz-error-summary">
          {inFormOrder(errors, idPrefix).map((error, index) => (
            <li key={index}>
              <a
                href={`#${errorFieldId(error.property, idPrefix)}`}
                onClick={(event) => {
                  event.preventDefault();
                  focusErrorField(error.property, idPrefix);
                }}
              >
                {errorListText(registry.rootSchema as Record<string, unknown>, error, language)}
              </a>
            </li>
          ))}
        </ul>
      }
    />
  );
}

/**
 * Objects and lists bring their own heading and description (above); every other field keeps
 * @rjsf/antd's template (a real `<label>`, the description below, errors at the field).
 */
/** Elements ARIA lets say they are required (a group of check boxes may not). */
const REQUIRABLE = [
  'input',
  'select',
  'textarea',
  ...['checkbox', 'combobox', 'gridcell', 'listbox', 'radiogroup', 'spinbutton', 'textbox', 'tree'].map(
    (role) => `[role="${role}"]`,
  ),
].join(', ');

/**
 * Tells assistive technology what the field's own element does not: that it is invalid and required
 * (antd's select and text area say neither), and which texts describe it (its error, its help) — for
 * the upload button too. Set on the element the label points at, whatever widget rendered it.
 */
function FieldAria({
  id,
  invalid,
  required,
  children,
}: {
  id: string;
  invalid: boolean;
  required: boolean;
  children: ReactNode;
}) {
  const wrapper = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = wrapper.current;
    if (root === null) return;
    const apply = () => {
      const field = root.querySelector<HTMLElement>(`[id="${CSS.escape(id)}"]`);
      if (field === null) return;
      // A button takes neither (ARIA): its name and descriptions say it.
      if (!(field instanceof HTMLButtonElement)) {
        if (invalid) field.setAttribute('aria-invalid', 'true');
        else field.removeAttribute('aria-invalid');
        if (required && field.matches(REQUIRABLE)) field.setAttribute('aria-required', 'true');
      }
      const describing = [errorId(id), helpId(id), descriptionId(id)].filter(
        (candidate) => document.getElementById(candidate) !== null,
      );
      const own = (field.getAttribute('aria-describedby') ?? '').split(' ').filter((token) => token !== '');
      const all = [...new Set([...own.filter((token) => document.getElementById(token) !== null), ...describing])];
      if (all.join(' ') === own.join(' ')) return;
      if (all.length > 0) field.setAttribute('aria-describedby', all.join(' '));
      else field.removeAttribute('aria-describedby');
    };
    apply();
    // antd shows a field's error after a motion frame, once this effect has run: look again then.
    const observer = new MutationObserver(apply);
    observer.observe(root, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
    };
  }, [id, invalid, required]);
  return (
    <div ref={wrapper} style={{ display: 'contents' }}>
      {children}
    </div>
  );
}

export function FieldTemplate(props: FieldTemplateProps) {
  const { schema, uiSchema, displayLabel, hidden, children, rawErrors } = props;
  const container = schema.type === 'object' || (schema.type === 'array' && !displayLabel);
  if (hidden) return <AntFieldTemplate {...props} />;
  if (!container) {
    // A list that may be left empty asks for nothing to be filled in, whatever the schema's `required`
    // says of its key (always sent, empty or not): the experts' 否决项 (Art. 7), starred, read as "tick
    // at least one", and any one ticked fails the park.
    const required = props.required === true && !(schema.type === 'array' && (schema.minItems ?? 0) === 0);
    return (
      <FieldAria id={props.id} invalid={(rawErrors ?? []).length > 0} required={required}>
        <AntFieldTemplate {...props} required={required} />
      </FieldAria>
    );
  }
  // Lists show their own errors; a custom field (the indicator table) shows them inside itself.
  const own = schema.type === 'object' && uiSchema?.['ui:field'] === undefined ? (rawErrors ?? []) : [];
  return (
    <div className="qbz-container">
      {children}
      {own.map((error) => (
        <Typography.Text key={error} type="danger" role="alert" style={{ display: 'block', marginBottom: 16 }}>
          {error}
        </Typography.Text>
      ))}
    </div>
  );
}
