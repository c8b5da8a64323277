import { objectionFinal, objectionHint, objectionNoticeClosed } from './notice-text.js';
import { noticeWordsOf, usePublicProgrammes } from './programmes.js';
import { Alert, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../api/client.js';
import { holdFocus } from '../focus-return.js';
import { fill } from '../i18n/fill.js';
import { SchemaForm, type FieldError } from '../forms/index.js';
import { useI18n } from '../i18n/i18n.js';
import { loadForm, loadToday, messageFormKey } from '../workbench/catalog.js';
import { useAsync } from '../workbench/use-async.js';
import { UnsentNotice } from '../workbench/unsent-notice.js';
import { hasUnsentWork, useUnsentWork } from '../workbench/unsent-work.js';
import type { FormSchema } from '../../../engine/definitions/types.js';
import type { PublicNotice } from './notices-data.js';
import { keptReceipt, ObjectionReceipt, type Receipt } from './objection-receipt.js';

/**
 * Whose unsent objection a tab keeps: the public's, signed in or not (no account may take the name).
 * In this tab only, gone when it closes or the objection is sent: a reload or a slip of the back
 * button does not cost a long statement and its evidence.
 */
const VISITOR = 'public';

/** A form's first field a person can type in or choose from (a select's search box is an input). */
const FIRST_FIELD = 'input:not([type="hidden"]):not([tabindex="-1"]), textarea';

/** The form's evidence: its top-level list of uploads (书面举证材料; county-brand's 证明材料). */
function evidenceField(schema: FormSchema): { name: string; title: string } | undefined {
  for (const [name, field] of Object.entries(schema.properties ?? {})) {
    const { type, title, items } = field as { type?: unknown; title?: unknown; items?: { format?: unknown } };
    if (type === 'array' && items?.format === 'attachment-id' && typeof title === 'string') return { name, title };
  }
  return undefined;
}

function evidenceCount(data: unknown, field: string | undefined): number {
  if (typeof data !== 'object' || data === null || field === undefined) return 0;
  const files = (data as Record<string, unknown>)[field];
  return Array.isArray(files) ? files.length : 0;
}

/** How long a new form's first field is waited for: the form renderer loads on demand. */
const FIELD_WAIT_MS = 10_000;

/**
 * Gives the form's first field the keyboard once it is drawn. After a reload that opened on the
 * receipt, the form renderer (loaded with the first form shown) was not there yet when 再提出一项异议
 * took the receipt and its button away, and the keyboard fell to the page. Not if the person has put
 * it somewhere meanwhile.
 */
function focusFirstField(area: () => HTMLElement | null): void {
  const focus = (): boolean => {
    const field = area()?.querySelector<HTMLElement>(FIRST_FIELD);
    if (field === null || field === undefined) return false;
    if (document.activeElement === null || document.activeElement === document.body) field.focus();
    return true;
  };
  if (focus()) return;
  const watch = new MutationObserver(() => {
    if (focus()) watch.disconnect();
  });
  watch.observe(document.body, { childList: true, subtree: true });
  setTimeout(() => {
    watch.disconnect();
  }, FIELD_WAIT_MS);
}

/** Where a notice's unsent objection is kept in this tab (unsent-work.ts). */
const objectionForm = (caseId: string) => `objection.${caseId}`;

/**
 * Whether a notice's objection form opens unfolded: this tab holds what was typed in it and not sent,
 * or the receipt of one sent (reloaded, the page showed the notice folded, the work out of sight).
 */
export function objectionUnderWay(caseId: string): boolean {
  return hasUnsentWork(VISITOR, objectionForm(caseId)) || keptReceipt(caseId) !== undefined;
}

/**
 * An objection to one notice, without an account (Art. 22: 任何单位或个人): the version's
 * `objection` form with evidence uploads, sent to the notice; a receipt when it has been received.
 */
export function ObjectionForm(props: {
  notice: PublicNotice;
  version: string;
  receipt: Receipt | undefined;
  setReceipt: (next: Receipt | undefined) => void;
  onFold: () => void;
}) {
  const { notice, version, receipt, setReceipt } = props;
  const { t, language } = useI18n();
  const formKey = messageFormKey(notice.message);
  const form = useAsync(
    () => loadForm(notice.process, version, formKey, language),
    `${notice.process}@${version}/${formKey}/${language}`,
  );
  const today = useAsync(() => loadToday(), 'today');
  // The note and the warning cite the programme's own articles and reviewer (its manifest's publicNotice).
  const known = usePublicProgrammes();
  const words = noticeWordsOf(known.programmes, notice.process);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldError[] | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const unsent = useUnsentWork(VISITOR, objectionForm(notice.caseId));
  const [restored, setRestored] = useState(unsent.restored);
  // 再提出一项异议 takes the receipt away with its button: the new form's first field has the keyboard.
  const formArea = useRef<HTMLDivElement>(null);
  const another = useRef(false);
  // A refusal that names no field is said above the form, out of sight from 提交异议 at its foot (on a
  // phone, 1,600 px up): it takes the keyboard, and the screen scrolls to it.
  const failureArea = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (failure !== undefined) holdFocus(() => failureArea.current);
  }, [failure]);
  useEffect(() => {
    if (receipt === undefined && another.current) {
      another.current = false;
      focusFirstField(() => formArea.current);
    }
  }, [receipt]);

  const submit = async (data: unknown) => {
    setBusy(true);
    setFailure(undefined);
    try {
      const answer = await api<{ caseId: string; received: boolean; receivedAt: string; receipt: string }>(
        'POST',
        `/api/public/notices/${encodeURIComponent(notice.caseId)}/objections`,
        { data },
      );
      setErrors(undefined);
      unsent.clear();
      setRestored(undefined);
      const evidence = form.data === undefined ? undefined : evidenceField(form.data);
      setReceipt({
        caseId: answer.caseId,
        evidence: evidenceCount(data, evidence?.name),
        ...(evidence !== undefined && { evidenceTitle: evidence.title }),
        receivedAt: answer.receivedAt,
        receipt: answer.receipt,
      });
    } catch (caught) {
      // Field errors stand at their fields (and in the form's list); the summary would repeat them.
      const fieldErrors = caught instanceof ApiError && caught.errors.length > 0 ? caught.errors : undefined;
      setErrors(fieldErrors);
      if (fieldErrors === undefined) setFailure(refusal(caught));
    } finally {
      setBusy(false);
    }
  };

  /**
   * Why nothing was sent. A notice that takes no objections now (409 not-open) has closed since the
   * page was loaded — its period over, or the case ended: the server says only 该公示当前不在受理期内
   * (as for a case it does not show), the page says the notice's period and that nothing was sent.
   */
  const refusal = (caught: unknown): string => {
    if (!(caught instanceof ApiError)) return String(caught);
    if (caught.status !== 409 || caught.code !== 'not-open') return caught.message;
    const period =
      notice.closesOn === undefined
        ? fill(t('noticeOpenEnd'), { from: notice.opensOn ?? '—' })
        : `${notice.opensOn ?? '—'} — ${notice.closesOn}`;
    return objectionNoticeClosed(words, t, language, period);
  };

  if (receipt !== undefined)
    return (
      <ObjectionReceipt
        notice={notice}
        receipt={receipt}
        onAnother={() => {
          another.current = true;
          setReceipt(undefined);
        }}
        onFold={props.onFold}
      />
    );
  if (form.error !== undefined) return <Alert type="error" showIcon title={form.error.message} />;
  if (form.data === undefined || (known.programmes === undefined && !known.failed)) return <Spin />;
  return (
    <div ref={formArea}>
      {/* Standing information, not news: antd's default role="alert" interrupts a screen reader. */}
      <Alert
        type="info"
        showIcon
        role="note"
        title={objectionHint(words, t, language, evidenceField(form.data)?.title ?? t('attachment'))}
        style={{ marginBottom: 16 }}
      />
      {failure !== undefined && (
        <div ref={failureArea} tabIndex={-1} data-objection-failure>
          <Alert type="error" showIcon role="alert" title={failure} style={{ marginBottom: 16 }} />
        </div>
      )}
      <UnsentNotice
        restored={restored === undefined ? undefined : { kind: 'unsent', at: restored.savedAt }}
        onDiscard={() => {
          unsent.clear();
          setRestored(undefined);
        }}
      />
      <SchemaForm
        // Discarded, the form starts afresh (its fields keep no trace of the restored work).
        key={restored === undefined ? 'fresh' : 'restored'}
        schema={form.data}
        {...(restored !== undefined && { formData: restored.data })}
        onEdit={unsent.save}
        onSubmit={submit}
        {...(errors !== undefined && { extraErrors: errors })}
        busy={busy}
        uploadPath="/api/public/attachments"
        downloads={false}
        {...(today.data !== undefined && { today: today.data })}
        idPrefix={`objection-${notice.caseId}`}
        submitLabel={t('submitObjection')}
        // Sent, it cannot be taken back nor changed (a second objection is another one): asked first.
        confirmSending
        sendingConsequence={objectionFinal(words, t, language)}
      />
    </div>
  );
}
