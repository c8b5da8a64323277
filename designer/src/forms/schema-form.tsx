import { LoadingOutlined } from '@ant-design/icons';
import Form from '@rjsf/antd';
import type CoreForm from '@rjsf/core';
import type { ErrorSchema, FormValidation, RJSFSchema } from '@rjsf/utils';
import { Button, Space } from 'antd';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { AttachmentsWidget, AttachmentWidget } from './attachment-widgets.js';
import { DateWidget } from './date-widget.js';
import { SelectWidget } from './select-widget.js';
import { TextareaWidget } from './textarea-widget.js';
import { IndicatorScoresField, IndicatorVetoesWidget, YesNoWidget } from './choice-widgets.js';
import {
  ArrayFieldItemButtonsTemplate,
  ArrayFieldItemTemplate,
  ArrayFieldTemplate,
  ErrorListTemplate,
  FieldTemplate,
  ObjectFieldTemplate,
} from './form-templates.js';
import { schemaForRendering } from './conditional-shapes.js';
import { decisionOf, type Decision } from './decision.js';
import { focusErrorField, inFormOrder } from './error-order.js';
import {
  errorTransformer,
  fieldIdOf,
  fieldLabel,
  propertyOf,
  propertyTokens,
  schemaAt,
  toErrorSchema,
  type FieldError,
} from './error-messages.js';
import type { IndicatorChoices, SchemaFormContext } from './form-context.js';
import { translatorFor } from './translate.js';
import { submitsAfterFailedPreview } from './preview-failure.js';
import {
  blockImplicitSubmit,
  useDecisionConfirm,
  useEndingConfirm,
  useSendingConfirm,
  type Outcome,
} from './submit-guard.js';
import { exampleWithoutUploads, useTrainingServer } from './training-example.js';
import { FIELDS, uiSchemaFor, WIDGETS } from './ui-schema.js';
import { InputTemplate } from './input-template.js';
import { validatorFor, watchingValidator } from './validator.js';
import { trimmedTexts } from '../../../engine/forms/text-ends.js';
import { blankTextCheck } from './blank-text.js';
import { withoutBlankOptionalLists } from './blank-lists.js';
import { withIndicatorScoreErrors } from './score-check.js';
import { notAfterTodayCheck } from './not-after-check.js';
import './schema-form.css';

export interface SchemaFormProps {
  /** A form schema (JSON Schema 2020-12, Chinese titles) as the definitions API serves it. */
  schema: Record<string, unknown>;
  /** Starting data; none for a form a user fills in (the example is one click away when `showExample`). */
  formData?: unknown;
  onChange?: (data: unknown) => void;
  /** Called when the user changes the data (a field, the example filled in), not when the form fills its defaults. */
  onEdit?: (data: unknown) => void;
  /** Called with valid data; a rejected promise leaves the form as it is. */
  onSubmit?: (data: unknown) => unknown;
  /** The server's field errors (JSON Pointers), shown at their fields until the field is changed. */
  extraErrors?: readonly FieldError[];
  readonly?: boolean;
  /** Where uploads go (default `/api/attachments`; the public objection form uses `/api/public/attachments`). */
  uploadPath?: string;
  /** Offer stored files for download (default true; the public has no account to download with). */
  downloads?: boolean;
  /** A preview with example data (the designer's): its files are example files, not looked up. */
  preview?: boolean;
  /** The indicator system for `x-indicators` fields (the expert's score sheet). */
  indicators?: IndicatorChoices;
  /** Field ids start with this (several forms on one page need different ones). */
  idPrefix?: string;
  submitLabel?: string;
  busy?: boolean;
  /** Offer "fill in the example" (`examples[0]`, uploads left empty) for training, on a sandbox-clock server only. */
  showExample?: boolean;
  /**
   * Ask before a decision is sent, restating it (default true). Off where submitting only moves on to
   * a step of one's own that confirms (the bulk opinion's list of cases).
   */
  confirmDecision?: boolean;
  /**
   * Ask before sending a form that decides nothing by a choice yet cannot be taken back (a task's: an
   * application, the experts' scores; an objection): 确认提交「form title」？. Decisions are asked about anyway.
   */
  confirmSending?: boolean;
  /** What the sending question says follows (default: the task is done; an objection says who reviews it). */
  sendingConsequence?: string;
  /** Today as the server has it (a sandbox's day): date pickers open on it and call it today. */
  today?: string;
  /** What sending `data` would do to its case: a submission that would end it is asked about first. */
  outcomeOf?: (data: unknown) => Promise<Outcome>;
  /** A preview that was not answered (see submitsAfterFailedPreview): nothing was sent; say why. */
  onPreviewFailed?: (error: unknown) => void;
  /** More buttons beside the submit button (a task's 保存草稿). */
  extraActions?: ReactNode;
}

const widgets = {
  DateWidget,
  SelectWidget,
  TextareaWidget,
  [WIDGETS.attachment]: AttachmentWidget,
  [WIDGETS.attachments]: AttachmentsWidget,
  [WIDGETS.yesNo]: YesNoWidget,
  [WIDGETS.indicatorVetoes]: IndicatorVetoesWidget,
};
const fields = { [FIELDS.indicatorScores]: IndicatorScoresField };
const templates = {
  FieldTemplate,
  ObjectFieldTemplate,
  ArrayFieldTemplate,
  ArrayFieldItemButtonsTemplate,
  ArrayFieldItemTemplate,
  ErrorListTemplate,
  BaseInputTemplate: InputTemplate,
};

/** Whether an error at rjsf `property` belongs to a field that was left (blurred) or to one inside it. */
function touchedError(property: string | undefined, touched: ReadonlySet<string>, idPrefix: string): boolean {
  const tokens = propertyTokens(property);
  if (tokens.length === 0) return false;
  const id = [idPrefix, ...tokens].join('_');
  return [...touched].some((left) => left === id || left.startsWith(`${id}_`));
}

/**
 * Nothing is answered for the user: no commitment ticked (`const: true`), no declaration set to
 * "no" (a required boolean stays unanswered until chosen, Art. 7). Upload lists start empty (no
 * blank row to fill with a hash); other lists show their first row.
 */
const defaultFormStateBehavior = {
  constAsDefaults: 'never' as const,
  requiredBooleanDefault: 'skip' as const,
  emptyObjectFields: 'populateRequiredDefaults' as const,
  arrayMinItems: {
    populate: 'all' as const,
    computeSkipPopulate: (_validator: unknown, schema: RJSFSchema) =>
      typeof schema.items === 'object' && !Array.isArray(schema.items) && schema.items.format === 'attachment-id',
  },
};

/**
 * Renders a form schema with @rjsf/antd: Chinese validation messages at each field (Ajv 2020 with
 * ajv-i18n, said the way the server says them), the server's 422 field errors at theirs, choices by
 * their Chinese titles, uploads with progress for `attachment-id` fields. Used by the workbench for
 * tasks, by the public notice page for objections, and by the designer for its live preview.
 */
export function SchemaForm(props: SchemaFormProps) {
  const { schema, readonly = false, idPrefix = 'root', busy = false } = props;
  const { t, language } = useI18n();
  // The form owns what is typed (rjsf uncontrolled, `initialFormData`): echoing each change back as
  // `formData` let a blur's report, computed before a pending keystroke, overwrite it (typed text lost).
  // New data from outside (a prefill, the training example) starts the form afresh under a new key.
  const [start, setStart] = useState({ data: props.formData, generation: 0 });
  const [given, setGiven] = useState(props.formData);
  if (given !== props.formData) {
    setGiven(props.formData);
    setStart((before) => ({ data: props.formData, generation: before.generation + 1 }));
  }
  const [attempted, setAttempted] = useState(false);
  const formRef = useRef<CoreForm>(null);
  // The form's data as last reported, starting from what it opened with (its defaults filled in).
  const lastReported = useRef<string | undefined>(undefined);
  // 填入示例 starts the form afresh, its own button with it: the keyboard goes to the new button (it
  // fell to the page, and a keyboard user began again from the top).
  const exampleButton = useRef<HTMLButtonElement>(null);
  const exampleJustFilled = useRef(false);
  useEffect(() => {
    lastReported.current = JSON.stringify(formRef.current?.state.formData);
    if (exampleJustFilled.current) exampleButton.current?.focus();
    exampleJustFilled.current = false;
  }, [start.generation]);
  // Before the first submit, errors show at the fields the user has left (blurred) only.
  const attemptedNow = useRef(false);
  const touched = useRef(new Set<string>());
  const confirmDecision = useDecisionConfirm();
  const confirmEnding = useEndingConfirm();
  const confirmSending = useSendingConfirm();
  const training = useTrainingServer(props.showExample === true && !readonly);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    setDismissed(new Set());
    // The server's refusal: its first field error is where the user goes, not the list above a long form.
    const [first] = inFormOrder(
      (props.extraErrors ?? [])
        .filter((error) => error.path !== '')
        .map((error) => ({ property: propertyOf(error.path) })),
      idPrefix,
    );
    if (first !== undefined) focusErrorField(first.property, idPrefix);
  }, [props.extraErrors, idPrefix]);

  const rendered = useMemo(() => schemaForRendering(schema), [schema]);
  // The data of the latest validation, for the error messages (an emptied field or a wrong kind).
  const validated = useRef<{ data: unknown }>({ data: undefined }).current;
  const validator = useMemo(() => watchingValidator(validatorFor(language), validated), [language, validated]);
  const customValidate = useMemo(() => {
    const blank = blankTextCheck(schema, t('blankText'));
    const today = props.today;
    if (today === undefined) return blank;
    const late = notAfterTodayCheck(schema, today, t('dateAfterToday'));
    return (data: unknown, errors: FormValidation) => late(data, blank(data, errors));
  }, [schema, t, props.today]);
  const uiSchema = useMemo(
    () =>
      uiSchemaFor(schema, {
        indicators: props.indicators !== undefined,
        choose: t('choosePlaceholder'),
        vetoesHelp: t('vetoesHelp'),
      }),
    [schema, props.indicators, t],
  );
  const transformErrors = useMemo(() => {
    const transform = errorTransformer(schema, language, () => validated.data);
    const scoreMessages = {
      outOfRange: t('scoreOutOfRange'),
      notNumber: t('scoreNotNumber'),
      missing: t('scoresMissing'),
      missingName: t('scoreMissingName'),
      missingNamesJoin: t('scoreMissingNamesJoin'),
      label: (field: string) => fieldLabel(schemaAt(schema, [field]), [field], language),
      named: (title: string) => fieldLabel({ title }, [title], language),
    };
    // In the form's order: the first error is the one a submit focuses, the first field on the form.
    return (errors: Parameters<typeof transform>[0]) => {
      const checked = withIndicatorScoreErrors(
        schema,
        props.indicators,
        validated.data,
        transform(errors),
        scoreMessages,
      );
      return inFormOrder(
        checked.filter((error) => attemptedNow.current || touchedError(error.property, touched.current, idPrefix)),
        idPrefix,
      );
    };
  }, [schema, language, idPrefix, props.indicators, t]);
  const attempt = () => {
    attemptedNow.current = true;
  };
  // Errors on show are said again in the language switched to (they stayed in the old one until their
  // field was checked again), and again once the form's own words in that language have come in (a
  // schema given anew clears them). Quietly: the keyboard stays on the switch; it is no submit attempt.
  const resaying = useRef(false);
  const shownWith = useRef({ language, schema });
  useEffect(() => {
    const form = formRef.current;
    const before = shownWith.current;
    if ((before.language === language && before.schema === schema) || form === null) return;
    shownWith.current = { language, schema };
    if (!attemptedNow.current && touched.current.size === 0) return;
    resaying.current = true;
    form.validateForm();
    // rjsf reports what it found (onError) once its state is set, after this effect.
    setTimeout(() => {
      resaying.current = false;
    }, 0);
  }, [language, schema]);
  // One submission at a time, from 提交 until it is sent or the question is answered: a second Enter
  // (or tap) while the preview was on its way opened a second confirmation over the first, and
  // confirming both sent the form twice (the second refused, unseen).
  const sending = useRef(false);
  const send = async (typed: unknown) => {
    // Sent as the server stores it, and as it was checked: texts trimmed at both ends, no list left
    // blank that this data does not need.
    const formData = withoutBlankOptionalLists(validator, rendered, trimmedTexts(typed));
    const decision = props.confirmDecision === false ? undefined : decisionOf(schema, formData);
    // A preview refused (invalid data, a task done in another window) asks nothing more, not even
    // 确认提交「退回修改」？: the submission is refused alike, at once, and says why.
    const preview = await props.outcomeOf?.(formData).then(
      (outcome) => ({ outcome, refused: false }),
      (error: unknown) => {
        if (submitsAfterFailedPreview(error)) return { outcome: undefined, refused: true };
        props.onPreviewFailed?.(error);
        throw error;
      },
    );
    if (preview?.refused !== true && !(await confirmed(decision, preview?.outcome))) return;
    await props.onSubmit?.(formData);
  };
  /** Asks before what cannot be taken back: a decision, an ending, a form sent for good. */
  const confirmed = async (decision: Decision | undefined, outcome: Outcome | undefined) => {
    const title = typeof schema.title === 'string' ? schema.title : '';
    if (decision !== undefined) return confirmDecision(decision, outcome);
    if (outcome?.final === true) return confirmEnding(outcome);
    if (props.confirmSending === true) return confirmSending(title, props.sendingConsequence);
    return true;
  };
  const formContext = useMemo<SchemaFormContext>(
    () => ({
      uploadPath: props.uploadPath ?? '/api/attachments',
      readonlyAsDisabled: true,
      labelAlign: 'left',
      colon: false,
      downloads: props.downloads ?? true,
      ...(props.indicators !== undefined && { indicators: props.indicators }),
      ...(props.today !== undefined && { today: props.today }),
      ...(props.preview === true && { preview: true }),
    }),
    [props.uploadPath, props.indicators, props.downloads, props.today, props.preview],
  );
  const extraErrors = useMemo<ErrorSchema | undefined>(() => {
    const shown = (props.extraErrors ?? []).filter((error) => !dismissed.has(error.path));
    return shown.length === 0 ? undefined : toErrorSchema(shown);
  }, [props.extraErrors, dismissed]);

  const example = Array.isArray(schema.examples) ? (schema.examples[0] as unknown) : undefined;

  return (
    <div onKeyDownCapture={blockImplicitSubmit} onSubmitCapture={attempt}>
      <Form
        key={start.generation}
        ref={formRef}
        schema={rendered}
        uiSchema={uiSchema}
        initialFormData={start.data}
        validator={validator}
        customValidate={customValidate}
        className={readonly ? 'qbz-schema-form qbz-readonly' : 'qbz-schema-form'}
        widgets={widgets}
        fields={fields}
        templates={templates}
        formContext={formContext}
        idPrefix={idPrefix}
        readonly={readonly}
        noHtml5Validate
        // Errors show at each field as it is left; the summary (role=alert) only once a submit was
        // tried, or the server refused the form: shown earlier it appeared and grew as a keyboard
        // user merely tabbed through empty fields, and a screen reader said it again at each one.
        showErrorList={readonly || (!attempted && extraErrors === undefined) ? false : 'top'}
        focusOnFirstError={(error) => {
          if (!resaying.current) focusErrorField(error.property, idPrefix);
        }}
        liveValidate={attempted ? 'onChange' : 'onBlur'}
        onBlur={(id) => {
          touched.current.add(id);
        }}
        transformErrors={transformErrors}
        translateString={translatorFor(language)}
        experimental_defaultFormStateBehavior={defaultFormStateBehavior}
        {...(extraErrors !== undefined && { extraErrors })}
        onChange={(event, id) => {
          props.onChange?.(event.formData);
          // A field left without a change reports the same data again (its blur validates): not an edit.
          const json = JSON.stringify(event.formData);
          const changed = json !== lastReported.current;
          lastReported.current = json;
          if (id !== undefined && changed) props.onEdit?.(event.formData);
          if (id !== undefined && props.extraErrors !== undefined) {
            const touched = props.extraErrors.filter((error) => {
              const field = fieldIdOf(error.path, idPrefix);
              return error.path !== '' && (id === field || id.startsWith(`${field}_`));
            });
            if (touched.length > 0)
              setDismissed((before) => new Set([...before, ...touched.map((error) => error.path)]));
          }
        }}
        onError={() => {
          if (!resaying.current) setAttempted(true);
        }}
        onSubmit={(event) => {
          setAttempted(true);
          if (sending.current || busy) return;
          sending.current = true;
          void send(event.formData)
            .catch(() => undefined)
            .finally(() => {
              sending.current = false;
            });
        }}
      >
        {readonly ? (
          <></>
        ) : (
          <Space wrap>
            {/* Not `loading`: antd's icon can stay behind after its leave motion and rename the button
              ("loading 提交") for screen readers. Not disabled while sending either (a second press
              waits, see `sending`): it has the keyboard, and a disabled button dropped it to the page,
              where a refusal (此任务已办结) left it. */}
            <Button
              type="primary"
              htmlType="submit"
              onClick={attempt}
              // Pressing the mouse must not take the focus from the field being typed in: that blur
              // re-validates, the error summary above shrinks, the button moves up under the pointer,
              // and the click lands beside it (the first 提交 after fixing an error did nothing).
              onMouseDown={(event) => {
                event.preventDefault();
              }}
              aria-disabled={busy || undefined}
              icon={busy ? <LoadingOutlined /> : undefined}
            >
              {props.submitLabel ?? t('submit')}
            </Button>
            {props.extraActions}
            {training && example !== undefined && (
              <Button
                ref={exampleButton}
                type="link"
                // As for 提交: pressing the mouse must not take the focus from the field it is in. Left
                // empty (the decision, where 放弃草稿 leaves the keyboard), that field's error shows on
                // the blur, the button moves down from under the pointer and the click did nothing.
                onMouseDown={(event) => {
                  event.preventDefault();
                }}
                onClick={() => {
                  const filled = exampleWithoutUploads(schema, example);
                  exampleJustFilled.current = true;
                  setStart((before) => ({ data: filled, generation: before.generation + 1 }));
                  props.onChange?.(filled);
                  props.onEdit?.(filled);
                }}
              >
                {t('fillExample')}
              </Button>
            )}
          </Space>
        )}
      </Form>
    </div>
  );
}
