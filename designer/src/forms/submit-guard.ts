import { App } from 'antd';
import type { KeyboardEvent } from 'react';
import { useI18n } from '../i18n/i18n.js';
import type { Decision } from './decision.js';

/** Inputs where Enter would submit the form by itself (a text box, a date picker's box…). */
const TYPING = new Set(['text', 'search', 'url', 'tel', 'email', 'password', 'number', 'date', 'time']);

/**
 * Enter in a field never submits (Enter in the date picker once sent an approval): a form is sent by
 * its button only. The key still reaches the field (a select picks, a date picker takes its date);
 * only the browser's implicit submission is cancelled.
 */
export function blockImplicitSubmit(event: KeyboardEvent<HTMLElement>): void {
  const target = event.target;
  if (event.key === 'Enter' && target instanceof HTMLInputElement && TYPING.has(target.type)) event.preventDefault();
}

/**
 * Asks before a decision is sent, restating it by its title (审核结论：退回修改). Resolves true on
 * 确认提交; the cancel button has the focus, so a stray Enter goes back to the form.
 */
const fill = (template: string, decision: Decision) =>
  template.replaceAll('{label}', decision.label).replaceAll('{choice}', decision.choice);

export function useDecisionConfirm(): (decision: Decision, outcome?: Outcome) => Promise<boolean> {
  const { modal } = App.useApp();
  const { t } = useI18n();
  return (decision, outcome) =>
    outcome?.final === true
      ? // A decision that ends the case (a rejection) says so, and how it ends.
        asked(modal, {
          title: fill(t('confirmDecisionEndingTitle'), decision).replaceAll(
            '{status}',
            outcome.statusTitle ?? outcome.status,
          ),
          content: fill(t('confirmDecisionEndingContent'), decision).replaceAll(
            '{reason}',
            outcome.reason === undefined ? '' : `${outcome.reason} `,
          ),
          okText: t('confirmEndingOk'),
          okButtonProps: { danger: true },
          cancelText: t('confirmDecisionCancel'),
        })
      : asked(modal, {
          title: fill(t('confirmDecisionTitle'), decision),
          content: fill(t('confirmDecisionContent'), decision),
          okText: t('confirmDecisionOk'),
          cancelText: t('confirmDecisionCancel'),
        });
}

type Modal = ReturnType<typeof App.useApp>['modal'];

/** A confirmation whose cancel button has the focus; true on OK. */
export function asked(
  modal: Modal,
  config: Omit<Parameters<Modal['confirm']>[0], 'onOk' | 'onCancel' | 'focusable'>,
): Promise<boolean> {
  return new Promise((resolve) => {
    modal.confirm({
      ...config,
      focusable: { autoFocusButton: 'cancel' },
      onOk: () => {
        resolve(true);
      },
      onCancel: () => {
        resolve(false);
      },
    });
  });
}

/** What a submission would do to its case (POST /api/tasks/:ref/preview). */
export interface Outcome {
  final: boolean;
  status: string;
  statusTitle?: string;
  reason?: string;
}

/**
 * Asks before a submission that would end the case (an Art. 7 declaration ticked 是 ends an
 * application at once), naming the status it ends in and why. Resolves true on 确认提交; the cancel
 * button has the focus.
 */
export function useEndingConfirm(): (outcome: Outcome) => Promise<boolean> {
  const { modal } = App.useApp();
  const { t } = useI18n();
  return (outcome) =>
    asked(modal, {
      title: t('confirmEndingTitle').replaceAll('{status}', outcome.statusTitle ?? outcome.status),
      content: t('confirmEndingContent').replaceAll(
        '{reason}',
        outcome.reason === undefined ? '' : `${outcome.reason} `,
      ),
      okText: t('confirmEndingOk'),
      okButtonProps: { danger: true },
      cancelText: t('confirmDecisionCancel'),
    });
}

/**
 * Asks before a form that cannot be taken back is sent, by its title, saying what follows (`content`;
 * by default that the task is done); true on 确认提交.
 */
export function useSendingConfirm(): (title: string, content?: string) => Promise<boolean> {
  const { modal } = App.useApp();
  const { t } = useI18n();
  return (title, content) =>
    asked(modal, {
      title: t('confirmSendingTitle').replaceAll('{form}', title),
      content: content ?? t('confirmSendingContent'),
      okText: t('confirmDecisionOk'),
      cancelText: t('confirmDecisionCancel'),
    });
}
