import { objectionReceipt } from './notice-text.js';
import { noticeWordsOf, usePublicProgrammes } from './programmes.js';
import { Button, Result } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { holdFocus } from '../focus-return.js';
import { fill } from '../i18n/fill.js';
import { useI18n } from '../i18n/i18n.js';
import { chinaTime } from '../workbench/format.js';
import type { PublicNotice } from './notices-data.js';

export interface Receipt {
  caseId: string;
  evidence: number;
  /** What the form calls its evidence (书面举证材料, 证明材料); absent in a receipt kept before it was. */
  evidenceTitle?: string;
  /** When the server received it (an instant), as the receipt states it in China time. */
  receivedAt: string;
  /** The code to quote (random: it counts nothing); SAMR's inbox shows it on the review it opened. */
  receipt: string;
}

/**
 * The last receipt of a notice, kept in the tab until 再提出一项异议: folding it (收起回执) or a reload
 * does not take away the code its sender must quote.
 */
const receiptKey = (caseId: string) => `qbz.receipt.${caseId}`;

export function keptReceipt(caseId: string): Receipt | undefined {
  try {
    const kept = JSON.parse(sessionStorage.getItem(receiptKey(caseId)) ?? 'null') as Receipt | null;
    return kept?.caseId === caseId && typeof kept.receipt === 'string' ? kept : undefined;
  } catch {
    return undefined;
  }
}

function keepReceipt(caseId: string, receipt: Receipt | undefined): void {
  try {
    if (receipt === undefined) sessionStorage.removeItem(receiptKey(caseId));
    else sessionStorage.setItem(receiptKey(caseId), JSON.stringify(receipt));
  } catch {
    // A full storage: the receipt stays on screen until the notice is folded, as before.
  }
}

/** A notice's receipt as the card shows it, kept in the tab as it changes. */
export function useKeptReceipt(caseId: string): [Receipt | undefined, (next: Receipt | undefined) => void] {
  const [receipt, showReceipt] = useState<Receipt | undefined>(() => keptReceipt(caseId));
  const setReceipt = (next: Receipt | undefined) => {
    keepReceipt(caseId, next);
    showReceipt(next);
  };
  return [receipt, setReceipt];
}

/**
 * What the sender of an objection keeps: the receipt, then what may be done with it — print it, file
 * another, fold it. The fold is its own (收起回执): a 收起异议表 above it stood before the receipt and
 * named a form that was gone.
 */
export function ObjectionReceipt(props: {
  notice: PublicNotice;
  receipt: Receipt;
  onAnother: () => void;
  onFold: () => void;
}) {
  const { notice, receipt } = props;
  const { t, language } = useI18n();
  // Who reviews it, under which article, as the programme's manifest says (publicNotice).
  const words = noticeWordsOf(usePublicProgrammes().programmes, notice.process);
  // The form the keyboard was in is gone once the receipt shows (and so is the control that showed a
  // folded one): its heading takes the focus, and a screen reader reads it, rather than the page's body.
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // And kept there while the confirmation closes (it gives the focus back to what had it before).
    holdFocus(() => title.current);
  }, [receipt]);
  return (
    <Result
      className="qbz-receipt"
      status="success"
      title={
        <h2 ref={title} tabIndex={-1} className="qbz-receipt-title">
          {t('objectionReceived')}
        </h2>
      }
      subTitle={
        <>
          {objectionReceipt(words, t, language, {
            park: notice.about.subject.name ?? notice.about.subject.code,
            caseId: receipt.caseId,
            evidence: receipt.evidence,
            evidenceTitle: receipt.evidenceTitle ?? t('attachment'),
          })}
          <br />
          {fill(t('objectionReceivedAt'), { time: chinaTime(receipt.receivedAt) })}
          <br />
          <strong data-receipt-number>{fill(t('objectionNumber'), { receipt: receipt.receipt })}</strong>
        </>
      }
      extra={
        <>
          {/* Kept by the objector, to quote when they ask after it (print.css prints it alone). */}
          <Button
            type="primary"
            onClick={() => {
              window.print();
            }}
          >
            {t('printReceipt')}
          </Button>
          <Button onClick={props.onAnother}>{t('anotherObjection')}</Button>
          <Button onClick={props.onFold}>{t('closeReceipt')}</Button>
        </>
      }
    />
  );
}
