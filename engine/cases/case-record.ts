import { GENESIS_HASH } from '../audit/audit-chain.js';
import { chinaDateOf, type LocalDate } from '../legal-time/pure.js';

/**
 * A case as stored: everything needed to list, authorise and show it without its process instance,
 * which is saved beside it (`states/<id>.<stateRevision>`). The record is the commit point of a
 * transition: the state, audit and submission entries it counts exist before it is written.
 */
export interface CaseRecord {
  id: string;
  process: string;
  version: string;
  /** Who the case is about (the declared subject, e.g. a park id). */
  subject: string;
  /** Through whom it goes (the declared region, e.g. a province code). */
  region: string;
  /** The subject's name from the forms (manifest `subjectName`), e.g. the park's name. */
  subjectName?: string;
  status: string;
  /** The day the case took its current status (Art. 27 ban: the revocation day). */
  statusDate: LocalDate;
  final: boolean;
  reason?: string;
  startedAt: string;
  updatedAt: string;
  endedAt?: string;
  /** Named dates (CONTRACT §2), and where each comes from. */
  due: Record<string, LocalDate>;
  dueBasis: Record<string, DueBasis>;
  /** The latest value of every form field submitted so far, and output assignments. */
  variables: Record<string, unknown>;
  tasks: TaskRecord[];
  timers: TimerRecord[];
  /** Active message catch events (element ids): their messages may be sent now. */
  windows: string[];
  /** Every flow node a token has entered. */
  visited: string[];
  /**
   * Every flow node a token has completed: the diagram's done steps. Not the same as entered: the
   * events behind an event-based gateway are all entered, and all but one are discarded. Absent on
   * records from before it was kept (the first transition seeds it, `seedCompleted`).
   */
  completed?: string[];
  incidents: Incident[];
  /**
   * The layout its process instance is saved on (runtime-version.ts): absent for the diagram as
   * drawn, the layout's name when the version's execution phases run as sub-processes.
   */
  layout?: string;
  revision: number;
  stateRevision: number;
  audit: { count: number; head: string };
  submissions: number;
}

export interface TaskRecord {
  ref: string;
  taskId: string;
  elementId: string;
  formKey: string;
  groups: string[];
  /** The subject, region or collection element the task is scoped to (none: national). */
  scope?: string;
  /** The bpmn-engine instance this task is; none while it waits in the element's queue. */
  executionId?: string;
  createdAt: string;
  /** The message that opened it (e.g. the objection a review is about). */
  origin?: { message: string; submission: number };
  /** The named date that governs the task (a `due` declared on its element), computed when it opened. */
  due?: { name: string; date: LocalDate };
  /** Reminders (催办) supervising groups sent on it, oldest first. */
  reminders?: Reminder[];
  /**
   * The period of a cycle whose end opened the task (README "Timer vocabulary", `cycle`): the due
   * date the cycle's timer exposes, which period it is (from 1) and its first and last days — the
   * k-th demonstration year, whose annual report the task is (Art. 27).
   */
  period?: TaskPeriod;
}

/** One period of a cycle: the `number`-th, from `start` to `end` (both counted in). */
export interface TaskPeriod {
  due: string;
  number: number;
  start: LocalDate;
  end: LocalDate;
}

/** A reminder (催办) on an open task: who sent it (their group) and when, with an optional note. */
export interface Reminder {
  at: string;
  actor: string;
  group: string;
  note?: string;
}

export interface TimerRecord {
  elementId: string;
  executionId: string;
  /** The day the timer started (counted from when it names no `from`). */
  startedOn: LocalDate;
  rule?: string;
  due?: string;
  lastDay?: LocalDate;
  fireDay?: LocalDate;
  /** 00:00 China time on fireDay, as a UTC ISO instant. Absent while the date cannot be computed (see incidents). */
  fireAt?: string;
  /**
   * The incident holding the timer back: its date could not be computed (no `fireAt`), or its firing
   * failed (`fireAt` kept, for an administrator's retry).
   */
  incident?: string;
}

/**
 * Whether a timer fires when its instant comes: it has one, and no incident holds it. A timer whose
 * firing failed (a condition the process could not evaluate) is held until an administrator retries
 * it: fired again at once it failed again, each time noting one more incident, and a timer wave that
 * met it first never got past it.
 */
export const armed = (timer: TimerRecord): timer is TimerRecord & { fireAt: string } =>
  timer.fireAt !== undefined && timer.incident === undefined;

/** Where a due date comes from: the rule, its article, and the calendar years counted in. */
export interface DueBasis {
  element: string;
  rule?: string;
  article?: string;
  value?: string | number;
  /** A cycle's k-th period: the date is `value` × k from `fromDate` (the annual report's 3rd year). */
  periods?: number;
  from?: string;
  /** The day counted from: `from`'s date, or without `from` the day the element was reached. */
  fromDate?: LocalDate;
  direction: 'after' | 'before';
  dueIs: 'lastDay' | 'fireDay';
  lastDay: LocalDate;
  fireDay: LocalDate;
  calendar?: string;
  calendarYears?: number[];
}

/**
 * What kept the engine from carrying a case on: a date needing a year without calendar data, a date
 * not known yet, a condition that could not be evaluated, a record that could not be read.
 */
export const INCIDENT_KINDS = ['calendar-missing', 'missing-date', 'evaluation', 'damaged'] as const;

export interface Incident {
  id: string;
  kind: (typeof INCIDENT_KINDS)[number];
  element: string;
  message: string;
  at: string;
  year?: number;
}

/** One submitted form: task completions and messages, kept in the `submissions` log. */
export interface Submission {
  seq: number;
  at: string;
  actor: string;
  kind: 'task' | 'message' | 'start';
  name: string;
  ref?: string;
  /**
   * The scope of the task submitted, when it had one (a member of a multi-instance task: which
   * department gave this opinion). Tells its rounds apart from the other members'.
   */
  scope?: string;
  /**
   * What the task answered, when a message opened it (a review of an objection): the message and
   * its submission's seq, so that the history tells which of several it decided.
   */
  origin?: { message: string; submission: number };
  data: unknown;
  /**
   * The code a public message's sender was given to quote (random: it tells no one how many came
   * before). Left out of copies shown without the data, as the sender's own.
   */
  receipt?: string;
  /** Set on copies shown without the data (personal data of a member of the public). */
  redacted?: true;
}

/** A case before its first transition: no status yet (the start event gives it one). */
export function newCaseRecord(
  id: string,
  input: { process: string; version: string; subject: string; region: string },
  now: Date,
): CaseRecord {
  const at = now.toISOString();
  return {
    id,
    ...input,
    status: '',
    statusDate: chinaDateOf(now),
    final: false,
    startedAt: at,
    updatedAt: at,
    due: {},
    dueBasis: {},
    variables: {},
    tasks: [],
    timers: [],
    windows: [],
    visited: [],
    incidents: [],
    revision: 0,
    stateRevision: 0,
    audit: { count: 0, head: GENESIS_HASH },
    submissions: 0,
  };
}

/**
 * A record as read from the store: records written before subject and region were declared kept
 * them as `park` and `province`; they are read as the case's subject and region.
 */
export function upgradeRecord(stored: CaseRecord): CaseRecord {
  const legacy = stored as Omit<CaseRecord, 'subject' | 'region'> & {
    subject?: string;
    region?: string;
    park?: string;
    province?: string;
  };
  if (legacy.subject !== undefined || legacy.park === undefined) return stored;
  const { park, province, ...rest } = legacy;
  return { ...rest, subject: park, region: province ?? '' };
}
