import type { LegalTimeDeclaration, LegalTimeExplanation } from './legal-time-words.js';

/**
 * What the "法定期限" (legal time) group offers: the draft's rules and the manifest's dates, read
 * when the panel renders so that edits in the Periods tab show up without reopening the diagram.
 */
export interface LegalTimeVocabulary {
  /** Rules that are periods (durations or working days), with their value in words. */
  rules(): { name: string; title: string; article?: string; words: string }[];
  /** Dates declared in manifest.json. */
  dates(): { name: string; title: string }[];
  /** A label of the group in the current UI language. */
  label(key: LegalTimeLabel): string;
  /** A text with a note after it, in brackets of the current UI language: 撤回申请（未声明）, Withdraw (not declared). */
  aside(text: string, note: string): string;
  /** The element's legal time in words with a worked example date (from the working-day calendar). */
  explain(declaration: LegalTimeDeclaration): LegalTimeExplanation | undefined;
  /** A flow's condition in words where it is a simple choice, from the forms filled in just before it. */
  conditionWords(body: string, formKeys: readonly string[]): string | undefined;
  /** Groups declared in manifest.json (who may send a message), by their titles. */
  groups(): { name: string; title: string }[];
  /** The draft's forms (a message event's form), by their titles. */
  forms(): { key: string; title: string }[];
  /** Whether the panel shows only what a policy officer decides (the "高级" switch is off). */
  simple(): boolean;
}

export type LegalTimeLabel =
  | 'group'
  | 'rule'
  | 'due'
  | 'from'
  | 'direction'
  | 'cycle'
  | 'dueIs'
  | 'none'
  | 'after'
  | 'before'
  | 'cycleYes'
  | 'lastDay'
  | 'fireDay'
  | 'unknown'
  | 'messageGroup'
  | 'senders'
  | 'sendersHint'
  | 'taskGroup'
  | 'actors'
  | 'actorsHint'
  | 'taskForm'
  | 'messageForm';
