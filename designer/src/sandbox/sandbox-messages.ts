import { pageTextHook, type PageText } from '../i18n/page-text.js';

/**
 * The sandbox clock page's strings, Chinese first (kept beside the page, which loads on its own);
 * `{name}` marks a placeholder.
 */
const zh = {
  title: '演练时钟',
  hint: '此服务器运行在演练环境（CLOCK=simulated）：时间不随真实时间流逝，只在此推进。推进后，其间到期的定时事项（期限届满、期间开始等）按到期先后执行，各方的待办与期限随之变化。时钟不能回拨。',
  notSimulated: '此服务器按系统时钟运行，时间不能推进（仅演练环境 CLOCK=simulated 可用）。',
  now: '当前时间：{time}（北京时间）',
  date: '推进到日期',
  time: '时刻（北京时间）',
  advance: '推进',
  confirmTitle: '将时钟推进到 {time}（北京时间）？',
  confirmBody: '推进后不能回拨；其间到期的定时事项将依次执行。',
  confirm: '推进',
  cancel: '取消',
  pickDate: '请选择日期',
  notLater: '请选择晚于当前时间的时刻（时钟不能回拨）',
  advanced: '已推进到 {time}（北京时间），执行定时事项 {fired} 项。',
  incidents: '推进期间的异常（{count} 项）',
  incidentsHint: '异常的案件暂停在出现异常的步骤，待问题排除（如录入节假日安排）后重试，或在案件页面点击「重试」。',
  at: '到期时间',
  caseId: '案件',
  event: '情况',
  raised: '出现',
  cleared: '已排除',
  message: '说明',
  damagedDetail:
    '数据文件损坏：{file}。案件已暂停办理：请按 README「Storage」一节从备份恢复该文件，再打开案件点击「重试」。',
  calendarMissingDetail:
    '{year} 年节假日安排尚未录入，此期限无法按工作日计算：在「节假日安排」页录入该年安排后，案件自动继续。',
};

const en: Record<keyof typeof zh, string> = {
  title: 'Rehearsal clock',
  hint: 'This server runs as a rehearsal (CLOCK=simulated): its time does not pass by itself, it moves only here. Timers that fall due meanwhile (periods ending or opening) run in the order they are due, and everyone’s tasks and deadlines change with them. The clock cannot go back.',
  notSimulated:
    'This server runs on the system clock; its time cannot be moved (only a rehearsal with CLOCK=simulated can).',
  now: 'Now: {time} (Beijing time)',
  date: 'Move to the date',
  time: 'Time (Beijing time)',
  advance: 'Move the clock',
  confirmTitle: 'Move the clock to {time} (Beijing time)?',
  confirmBody: 'It cannot be moved back; the timers due meanwhile will run one after another.',
  confirm: 'Move',
  cancel: 'Cancel',
  pickDate: 'Choose a date',
  notLater: 'Choose a time later than now (the clock cannot go back)',
  advanced: 'Moved to {time} (Beijing time); {fired, plural, one {# timer} other {# timers}} ran.',
  incidents: 'Incidents while moving ({count})',
  incidentsHint:
    'A case with an incident waits at the step where it arose: once the cause is put right (a year’s holidays entered, say) retry it, or press “Retry” on its case page.',
  at: 'Due',
  caseId: 'Case',
  event: 'What happened',
  raised: 'Raised',
  cleared: 'Cleared',
  message: 'Details',
  damagedDetail:
    'A data file is damaged: {file}. The case is set aside: restore the file from a backup (README, “Storage”), then open the case and press “Retry”.',
  calendarMissingDetail:
    'The {year} holidays have not been entered, so this date cannot be counted in working days: once they are entered on the Holiday calendar page, the case goes on by itself.',
};

export type SandboxMessageKey = keyof typeof zh;
export type SandboxText = PageText<SandboxMessageKey>;

export const SANDBOX_MESSAGES = { zh, en };

/** `s(key, values)`: the sandbox clock page's strings in the app's language. */
export const useSandboxText = pageTextHook(SANDBOX_MESSAGES);
