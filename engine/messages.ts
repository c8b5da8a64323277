import { englishCount } from './english-count.js';
import type { Said } from './errors.js';
import { stripUnsafeText, UNSAFE_TEXT_MESSAGE } from './forms/text-safety.js';

/** How much of a name taken from the address (a case id, a form's key) a refusal says back. */
const KEY_SHOWN = 64;

/**
 * A name from the request as a refusal says it back: cut to 64 characters (a 3,000-character case id in
 * the path came back whole in 案件 … 不存在), and without the characters no text may hold (NUL, bidi).
 */
export function shownKey(key: string): string {
  const safe = stripUnsafeText(key);
  return safe.length > KEY_SHOWN ? `${safe.slice(0, KEY_SHOWN)}…` : safe;
}

/**
 * What the engine says to people when it refuses a step, in Chinese and in English (the server
 * answers in English to a client asking for it). The programme's own words (a subject's title, a
 * message's title) come from the definitions and stay as written there.
 */
export const ENGINE_SAYS = {
  // The task's ref is internal (t_…): kept in the error's details for a client, never said to people.
  taskNotOpen: {
    zh: '该任务已办结或不存在（可能已在其他窗口或由他人提交），请刷新后查看',
    en: 'This task is done or does not exist (perhaps sent in another window or by a colleague); refresh to see the case',
  },
  taskNotYet: { zh: '该任务尚不能办理', en: 'This task cannot be done yet' },
  mayNotDoTask: { zh: '当前用户无权办理该任务', en: 'Your account may not do this task' },
  mayNotRemind: { zh: '当前用户无权催办该任务', en: 'Your account may not send a reminder for this task' },
  reminderNoteTooLong: (max: number): Said => ({
    zh: `催办说明不能超过 ${String(max)} 个字`,
    en: `A reminder's note may be at most ${String(max)} characters long`,
  }),
  reminderNoteUnsafe: {
    zh: `「催办说明」${UNSAFE_TEXT_MESSAGE}`,
    en: 'The reminder’s note contains characters that are not allowed (a null character, a bidirectional text control or an invalid Unicode surrogate)',
  },
  mayNotSend: { zh: '当前用户无权发送该事项', en: 'Your account may not send this' },
  mayNotStart: (subject: string, region: string): Said => ({
    zh: `当前用户无权为 ${subject} 在 ${region} 发起申请`,
    en: `Your account may not start a case for ${subject} in ${region}`,
  }),
  noRegionOnAccount: (regionTitle: string): Said => ({
    zh: `您的账号未登记所在${regionTitle}，不能发起申请；请联系系统管理员补填`,
    en: `Your account names no region, so it cannot start a case; ask an administrator to add it`,
  }),
  caseIdTaken: (id: string): Said => ({ zh: `案件编号 ${id} 已存在`, en: `A case ${id} exists already` }),
  openCase: (subjectTitle: string, subject: string, active: string): Said => ({
    zh: `${subjectTitle} ${subject} 已有办理中的案件 ${active}`,
    en: `${subjectTitle} ${subject} has a case in progress: ${active}`,
  }),
  notInWindow: (title: string): Said => ({
    zh: `当前不在「${title}」的受理期内`,
    en: `“${title}” cannot be sent now`,
  }),
  noSuchCase: (id: string): Said => ({ zh: `案件 ${shownKey(id)} 不存在`, en: `No case ${shownKey(id)}` }),
  caseUnreadable: (id: string): Said => ({
    zh: `案件 ${shownKey(id)} 的数据暂时无法读取，已通知系统管理员；恢复后即可继续办理`,
    en: `The data of case ${shownKey(id)} cannot be read at the moment; the administrator has been told, and the case goes on once it is restored`,
  }),
  timerHeld: (id: string, element: string): Said => ({
    zh: `案件 ${id} 的定时事项 ${element} 已到期但无法执行（已记录异常），待管理员处理后重试；在此之前不受理其他操作`,
    en: `Case ${id}: the timer ${element} is due but could not be carried out (an incident is recorded); nothing else is taken on the case until an administrator has dealt with it and retried`,
  }),
  noSuchNotification: { zh: '通知不存在', en: 'No such notification' },
  /** `now` as people read it: China time to the minute. */
  clockBackwards: (now: string): Said => ({
    zh: `模拟时钟不能倒退：现在是 ${now}（北京时间）`,
    en: `The simulated clock cannot go back: it is ${now} (Beijing time)`,
  }),
  calendarYearMissing: (calendar: string, year: number, date: string): Said => ({
    zh: `节假日日历 ${calendar} 尚无 ${String(year)} 年的安排（计算 ${date} 需要），无法按工作日计算；录入该年安排后即可继续`,
    en: `calendar ${calendar} has no data for ${String(year)} (asked about ${date})`,
  }),
  calendarNeeded: (days: number): Said => ({
    zh: `${String(days)} 个工作日的期限需要节假日日历`,
    en: `a period of ${englishCount(days, 'working day')} needs a working-day calendar`,
  }),
  calendarUnchanged: (year: number, revision: number): Said => ({
    zh: `${String(year)}年的节假日安排与已发布的第${String(revision)}版相同，无需更正`,
    en: `The ${String(year)} holidays are the same as published revision ${String(revision)}: nothing to correct`,
  }),
} as const;
