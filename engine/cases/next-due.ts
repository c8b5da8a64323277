import type { Manifest } from '../definitions/types.js';
import { compareDates } from '../legal-time/pure.js';
import type { CaseView } from './case-view.js';

export interface NextDue {
  name: string;
  title: string;
  date: string;
}

/**
 * A case's next named date, as the case lists and their export show it: the earliest of `due` that is
 * still to come, leaving out those the manifest declares events (a record of the day something
 * happened, not a date to watch for). A period's last day is to come until that day is over; a fire
 * day (`dueFireDays`: the day a timer fires, as the first day an application may be made) is reached
 * at 00:00 that day, so on it the next date is the one after. Without `dueFireDays` (not known) every
 * date counts until its day is over. Titled by the manifest (its name without one). An ended case
 * (`final`) has none: its dates stay as the record of what was set, as on its page, and a revoked
 * zone's list row said 2026-04-11, 示范期当年度最后一日, 247 working days left (found by the walk).
 */
export function nextDue(
  dates: Pick<CaseView, 'due' | 'dueFireDays'> & { final?: boolean },
  today: string,
  manifest?: Pick<Manifest, 'dates'>,
): NextDue | undefined {
  if (dates.final === true) return undefined;
  // Two dates on one day: the one the manifest lists first. A zone's last demonstration year ends on
  // the day its period does, and the lists said 本示范年度最后一日（次日起报送年度工作报告） where the zone
  // expires the next day (示范期最后一日, listed before it).
  const declared = Object.keys(manifest?.dates ?? {});
  const rank = (name: string) => (declared.includes(name) ? declared.indexOf(name) : declared.length);
  let next: NextDue | undefined;
  for (const [name, date] of Object.entries(dates.due)) {
    const order = compareDates(date, today);
    const passed = order < 0 || (order === 0 && dates.dueFireDays?.includes(name) === true);
    if (passed || manifest?.dates[name]?.event === true) continue;
    const before = next === undefined ? -1 : compareDates(date, next.date);
    if (next === undefined || before < 0 || (before === 0 && rank(name) < rank(next.name)))
      next = { name, date, title: manifest?.dates[name]?.title ?? name };
  }
  return next;
}
