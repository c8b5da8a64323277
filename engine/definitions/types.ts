import type { ExecutionPhase } from './execution-phases.js';
import type { LocalDate } from '../legal-time/pure.js';

/** `manifest.json` of one definition version (CONTRACT §1, §8). */
export interface Manifest {
  process: string;
  version: string;
  title: string;
  effectiveFrom: LocalDate;
  basis: string;
  /** The working-day calendar the version counts in: `definitions/calendars/<calendar>/`. */
  calendar: string;
  /** Who a case is about (e.g. `park`): the name clients use for it, and its title in messages. */
  subject: SubjectDeclaration;
  /** Through whom a case goes (e.g. `province`), and the directory file listing valid codes. */
  region: RegionDeclaration;
  /** How many cases of the process one subject may have open at once (none: any number). */
  openCasesPerSubject?: number;
  /**
   * How many working days before a task's due date its holders are warned (`task.dueSoon`) and the
   * overdue board shows it yellow; none: five (due-soon.ts).
   */
  dueSoonWorkingDays?: number;
  /** Parts of the diagram bpmn-engine runs as sub-processes, to keep an instance small (no change to what cases do). */
  executionPhases?: ExecutionPhase[];
  /** The public notices page: the message anyone may send there, and the key naming the subject. */
  publicNotice?: PublicNoticeDeclaration;
  /** What the workbench's button that starts a case says (e.g. 发起命名申报; none: the workbench's own words). */
  startTitle?: string;
  /** The programme's name as the web app heads its pages and tabs (e.g. 全国质量品牌强县; none: the web app's own). */
  shortTitle?: string;
  /** The form field naming the case's subject (e.g. `parkName`), shown in lists and public notices. */
  subjectName?: string;
  /** What the statistics page counts (none: it shows no designations by type). */
  statistics?: StatisticsDeclaration;
  statuses: Record<string, StatusDeclaration>;
  /** Named dates a case exposes (`due`), set by timers and by elements with a `due` property. */
  dates: Record<string, DateDeclaration>;
  /** Candidate groups, with the scope each is checked against. */
  groups: Record<string, GroupDeclaration>;
  /**
   * Groups that may read what the public sends (objections: identity, contact, evidence; Art. 22) and
   * who sent it. Everyone else reads that it came, not from whom (engine/redaction).
   */
  publicSubmissionReaders?: string[];
  /** The document a revision rests on (set when a draft is published in the designer). */
  revision?: RevisionBasis;
}

/** 修订依据: the document that orders a revision, as its 文号 and publication name it. */
export interface RevisionBasis {
  title: string;
  /** 文号, e.g. 国市监质发〔2025〕12号. */
  documentNumber: string;
  issuedOn: LocalDate;
  /** Where the document is published (an http(s) address). */
  url: string;
}

export interface StatisticsDeclaration {
  /** A declared date an open case has once its subject holds the designation (e.g. `recognizedOn`). */
  designationDate?: string;
  /** A choice field of a form that classifies subjects (e.g. `parkType`). */
  subjectTypeField?: string;
}

export interface StatusDeclaration {
  title: string;
  article?: string;
  /** A final status ends the case; only end events carry one. */
  final?: boolean;
}

export interface DateDeclaration {
  title: string;
  article?: string;
  /**
   * The date records when something happened (公示之日, 认定之日) rather than one to watch for: never
   * shown as a case's next date, even on its day.
   */
  event?: boolean;
}

/** The subject a case is about: `name` is the word clients use (`park`), `title` the one people read (`园区`). */
export interface SubjectDeclaration {
  name: string;
  title: string;
}

/** The region a case goes through (`province`, `省级单位`), with the directory file listing valid codes. */
export interface RegionDeclaration {
  name: string;
  title: string;
  /** The directory file under `definitions/directory/` listing valid codes (none: any code). */
  directory?: string;
}

/**
 * How a group's tasks are scoped, as written in the manifest: the declared subject's or region's name
 * (to the case's subject or region), `element` (the element of a multi-instance task's collection,
 * e.g. a ministry code); none: national. Inside the engine, `scopeKind` reads it.
 */
export type GroupScope = string;

export interface PublicNoticeDeclaration {
  /** The message the public notices page offers (e.g. `objection`); its catch event admits the anyone group. */
  message: string;
  /** The key a public notice names the subject's name under (e.g. `parkName`; default `<subject>Name`). */
  subjectNameField?: string;
  /**
   * What the notices page says of this programme's notices, declared together (none: the web app's own
   * words): what is on notice (拟命名的全国质量品牌强县), the articles the notice rests on, the article
   * objections are filed and reviewed under, and the group that publishes the notice and reviews them.
   */
  title?: string;
  articles?: string[];
  objectionArticle?: string;
  reviewer?: string;
}

export interface GroupDeclaration {
  title: string;
  article?: string;
  scope?: GroupScope;
  /** This group is anyone at all, without an account (e.g. `public`, Art. 22). */
  anyone?: true;
  /** For region scopes: the directory file under `definitions/directory/` listing valid codes. */
  directory?: string;
  /** For `element` scopes: the valid scope values and their names. */
  members?: Record<string, string>;
  /** Who this group may send reminders (催办) to: every open task, or the subject's tasks in its region. */
  supervises?: 'all' | 'subject';
  /**
   * Which cases an unscoped group sees: every case (absent), or only those a token has reached one of
   * its tasks in (`assigned`: an expert panel sees the applications sent to it for evaluation, Art. 21).
   */
  sees?: 'assigned';
}

/** `rules.json`: named periods and parameters (CONTRACT §3). */
export type Rules = Record<string, Rule>;

/** A period (ISO 8601 date duration or a positive whole number of working days) or a list of codes. */
export type RuleValue = string | number | string[];

export interface Rule {
  value: RuleValue;
  article: string;
  title: string;
}

/** `indicators.json` (CONTRACT §4). */
export interface Indicators {
  illustrative: boolean;
  note?: string;
  /** The article the indicator system comes from (Art. 19), cited in scoring messages. */
  article?: string;
  passScore: number;
  /** The form field whose value picks the variant (e.g. `parkType`). */
  variantField: string;
  dimensions?: { id: string; title: string; article?: string }[];
  variants: Record<string, Indicator[]>;
  vetoes: Veto[];
}

export interface Indicator {
  id: string;
  dimension: string;
  title: string;
  article: string;
  maxScore: number;
  guidance: string;
}

export interface Veto {
  id: string;
  title: string;
  article: string;
}

/** A form's JSON Schema (draft 2020-12); only what the engine reads is typed. */
export interface FormSchema {
  $schema?: string;
  title?: string;
  description?: string;
  type?: string;
  properties?: Record<string, FormSchema>;
  examples?: unknown[];
  [keyword: string]: unknown;
}

/** A directory file under `definitions/directory/`: codes and names (e.g. provinces). */
export interface Directory {
  title: string;
  note?: string;
  entries: { code: string; name: string }[];
}
