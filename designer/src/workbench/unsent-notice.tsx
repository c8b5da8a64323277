import { Alert, App, Button } from 'antd';
import { useRef } from 'react';
import { asked } from '../forms/submit-guard.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { fill } from '../i18n/fill.js';

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

/** Moves the keyboard to the first field of the form in `container` once it has been drawn afresh. */
function focusFirstField(container: Element | null | undefined): void {
  requestAnimationFrame(() => {
    container?.querySelector<HTMLElement>('input:not([type=hidden]):not([disabled]), textarea, button')?.focus();
  });
}

/**
 * Says that unsent work was put back into the form, and offers to discard it: asked first (it
 * cannot be brought back), then the form starts afresh and the keyboard is at its first field.
 */
export function UnsentNotice({ savedAt, onDiscard }: { savedAt: string | undefined; onDiscard: () => void }) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const notice = useRef<HTMLDivElement>(null);
  if (savedAt === undefined) return null;
  const discard = async () => {
    const container = notice.current?.parentElement;
    const confirmed = await asked(modal, {
      title: t('discardUnsentTitle'),
      content: t('discardUnsentContent'),
      okText: t('discardUnsent'),
      okButtonProps: { danger: true },
      cancelText: t('keepUnsent'),
    });
    if (!confirmed) return;
    onDiscard();
    void message.info(t('unsentDiscarded'));
    focusFirstField(container);
  };
  return (
    <div ref={notice}>
      <Alert
        type="info"
        showIcon
        data-unsent-notice
        title={fill(t('unsentRestored'), { ago: ago(savedAt, t) })}
        action={
          <Button size="small" onClick={() => void discard()}>
            {t('discardUnsent')}
          </Button>
        }
        style={{ marginBottom: 16 }}
      />
    </div>
  );
}
