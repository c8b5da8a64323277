// Legal time (CONTRACT §3): dates in China, Civil Code periods, working days from calendar data.
export * from './pure.js';
export { loadCalendar, readCalendarSources } from './load-calendar.js';
