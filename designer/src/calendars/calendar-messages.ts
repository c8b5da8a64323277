import { pageTextHook, type PageText } from '../i18n/page-text.js';

/**
 * The calendar editor's UI strings, Chinese first (kept beside the page, which loads on its own);
 * `{name}` marks a placeholder. Field errors come from the shared checks and are always Chinese.
 */
const zh = {
  title: '节假日安排',
  hint: '按国务院办公厅每年发布的节假日安排通知录入：放假的各段假期（含其中的周末）与调休上班日。录入后立即生效，等待该年份的案件随即计算期限。更正已发布的年份会生成新版本，原版本保留。',
  year: '年份',
  revision: '版本',
  notice: '通知',
  number: '文号',
  issued: '发布日期',
  url: '通知网址',
  noticeTitle: '通知标题',
  holidays: '放假安排',
  holidayDays: '放假天数',
  workdays: '调休上班日',
  source: '来源',
  addYear: '录入新年份',
  correct: '更正',
  show: '查看',
  newYear: '录入 {year} 年节假日安排',
  correctYear: '更正 {year} 年节假日安排（将成为第 {revision} 版）',
  viewYear: '{year} 年（第 {revision} 版）',
  festival: '节日名称',
  from: '开始日期',
  to: '结束日期',
  date: '日期',
  range: '第{n}段假期',
  workday: '第{n}个调休上班日',
  addHoliday: '添加一段假期',
  addWorkday: '添加调休上班日',
  remove: '删除',
  publish: '发布',
  cancel: '取消',
  published:
    '{year} 年节假日安排已发布（第 {revision} 版）；{resolved} 个案件的异常已解除，{redated} 个案件的期限已重新计算',
  errors: '请修改以下问题后再发布',
  preview: '月历预览',
  legendHoliday: '假期',
  legendWorkday: '调休上班',
  legendRest: '周末休息',
  legendWeekday: '工作日',
  weekdays: '一,二,三,四,五,六,日',
  months: '1月,2月,3月,4月,5月,6月,7月,8月,9月,10月,11月,12月',
  missing: '{year}年节假日安排尚未录入',
};

const en: Record<keyof typeof zh, string> = {
  title: 'Holiday calendar',
  hint: "Enter each year from the State Council's annual notice: the blocks of days off (weekend days inside them included) and the make-up working days. It applies at once; cases waiting on the year get their dates. Correcting a published year makes a new revision; the old one is kept.",
  year: 'Year',
  revision: 'Revision',
  notice: 'Notice',
  number: 'Document number',
  issued: 'Issued on',
  url: 'Notice address',
  noticeTitle: 'Notice title',
  holidays: 'Days off',
  holidayDays: 'Days off',
  workdays: 'Make-up working days',
  source: 'Source',
  addYear: 'Enter a new year',
  correct: 'Correct',
  show: 'Show',
  newYear: 'Enter the {year} arrangement',
  correctYear: 'Correct {year} (becomes revision {revision})',
  viewYear: '{year} (revision {revision})',
  festival: 'Festival',
  from: 'From',
  to: 'To',
  date: 'Date',
  range: 'Block {n}',
  workday: 'Make-up day {n}',
  addHoliday: 'Add a block of days off',
  addWorkday: 'Add a make-up working day',
  remove: 'Remove',
  publish: 'Publish',
  cancel: 'Cancel',
  published:
    '{year} published (revision {revision}); incidents resolved on {resolved, plural, one {# case} other {# cases}}, due dates moved on {redated, plural, one {# case} other {# cases}}',
  errors: 'Fix these before publishing',
  preview: 'Month view',
  legendHoliday: 'Day off',
  legendWorkday: 'Make-up working day',
  legendRest: 'Weekend',
  legendWeekday: 'Working day',
  weekdays: 'Mo,Tu,We,Th,Fr,Sa,Su',
  // Named, as an English calendar heads its months (Month 1 … Month 12 read as a count).
  months: 'January,February,March,April,May,June,July,August,September,October,November,December',
  missing: 'The {year} holiday arrangement has not been entered',
};

export type CalendarMessageKey = keyof typeof zh;
export type CalendarText = PageText<CalendarMessageKey>;

export const CALENDAR_MESSAGES = { zh, en };

/** `c(key, values)`: the calendar editor's strings in the app's language. */
export const useCalendarText = pageTextHook(CALENDAR_MESSAGES);
