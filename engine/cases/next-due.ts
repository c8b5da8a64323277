import type { Manifest } from '../definitions/types.js';
import { compareDates } from '../legal-time/pure.js';

export interface NextDue {
  name: string;
  title: string;
  date: string;
}

/**
 * A case's next named date, as the case lists and their export show it: the earliest of `due` that is
 * today or later, leaving out those the manifest declares events (a record of the day something
 * happened, not a date to watch for). Titled by the manifest (its name without one).
 */
export function nextDue(
  due: Readonly<Record<string, string>>,
  today: string,
  manifest?: Pick<Manifest, 'dates'>,
): NextDue | undefined {
  let next: NextDue | undefined;
  for (const [name, date] of Object.entries(due)) {
    if (compareDates(date, today) < 0 || manifest?.dates[name]?.event === true) continue;
    if (next === undefined || compareDates(date, next.date) < 0)
      next = { name, date, title: manifest?.dates[name]?.title ?? name };
  }
  return next;
}
