import { Alert, App, Button } from 'antd';
import { useRef } from 'react';
import { asked } from '../forms/submit-guard.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { fill } from '../i18n/fill.js';
import { chinaTime } from './format.js';
import { whenLost } from '../focus-return.js';

const MINUTE = 60_000;

/**
 * How long ago the work was typed, on the browser's clock: its date would be the machine's, which on
 * a training sandbox is not the 今日 the page shows (2026 beside a case in 2025).
 */
function ago(savedAt: string, t: (key: MessageKey) => string): string {
  const minutes = Math.floor((Date.now() - Date.parse(savedAt)) / MINUTE);
  if (!(minutes >= 1)) return t('agoJustNow');
  if (minutes < 60) return fill(t('agoMinutes'), { count: minutes });
  return fill(t('agoHours'), { count: Math.floor(minutes / 60) });
}

/**
 * Moves the keyboard to the first field of the form in `container` once it has been drawn afresh: of
 * the form itself, for a review's form stands beside the document it reviews (whose first download
 * the keyboard went to, at the top of a long page). The confirmation asked first may still be closing
 * (animated): it then hands the focus back to 放弃草稿, gone by then, so to the page; the field takes
 * it from there.
 */
function focusFirstField(container: Element | null | undefined): void {
  const focus = () => {
    const form = container?.querySelector('form') ?? container;
    form?.querySelector<HTMLElement>('input:not([type=hidden]):not([disabled]), textarea, button')?.focus();
  };
  requestAnimationFrame(() => {
    focus();
    whenLost(focus);
  });
}

/** What was put back into a form when it opened: this tab's unsent work, or a draft saved on the server. */
export type Restored = { kind: 'unsent'; at: string } | { kind: 'draft'; at: string; saved?: true };

const WORDS = {
  unsent: {
    button: 'discardUnsent',
    title: 'discardUnsentTitle',
    content: 'discardUnsentContent',
    done: 'unsentDiscarded',
  },
  draft: { button: 'discardDraft', title: 'discardDraftTitle', content: 'discardDraftContent', done: 'draftDiscarded' },
} as const satisfies Record<Restored['kind'], Record<string, MessageKey>>;

/**
 * Says what was put back into the form (unsent work typed `ago`; a draft saved at a time of the case
 * clock), and offers to discard it: asked first (it cannot be brought back), then the form starts
 * afresh with the keyboard at its first field.
 */
export function UnsentNotice({
  restored,
  onDiscard,
}: {
  restored: Restored | undefined;
  onDiscard: () => void | Promise<void>;
}) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const notice = useRef<HTMLDivElement>(null);
  if (restored === undefined) return null;
  const words = WORDS[restored.kind];
  const discard = async () => {
    const container = notice.current?.parentElement;
    const confirmed = await asked(modal, {
      title: t(words.title),
      content: t(words.content),
      okText: t(words.button),
      okButtonProps: { danger: true },
      cancelText: t('keepUnsent'),
    });
    if (!confirmed) return;
    try {
      await onDiscard();
    } catch (caught) {
      void message.error(caught instanceof Error ? caught.message : String(caught));
      return;
    }
    void message.info(t(words.done));
    focusFirstField(container);
  };
  const title =
    restored.kind === 'unsent'
      ? fill(t('unsentRestored'), { ago: ago(restored.at, t) })
      : fill(t(restored.saved === true ? 'draftSavedNotice' : 'draftRestored'), { at: chinaTime(restored.at) });
  return (
    <div ref={notice}>
      <Alert
        type="info"
        showIcon
        data-unsent-notice={restored.kind}
        title={title}
        action={
          <Button size="small" onClick={() => void discard()}>
            {t(words.button)}
          </Button>
        }
        style={{ marginBottom: 16 }}
      />
    </div>
  );
}
