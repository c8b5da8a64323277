import { api } from '../api/client.js';
import type { PublishedVersion } from './designer-api.js';

/** YYYY-MM-DD in China Standard Time (CONTRACT §3). */
export function chinaDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(instant);
}

/** Today as the server counts it (its sandbox clock with CLOCK=simulated); the browser's if unreachable. */
export async function serverToday(): Promise<string> {
  try {
    return (await api<{ today: string }>('GET', '/api/clock')).today;
  } catch {
    return chinaDate(new Date());
  }
}

/** The first day of the month after `date` (the default effective date of a publication). */
export function firstOfNextMonth(date: string): string {
  const [year = 0, month = 1] = date.split('-').map(Number);
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

export type VersionState = 'inForce' | 'scheduled' | 'superseded';

/** In force: the newest effectiveFrom on or before today; scheduled: later; superseded: older (CONTRACT §1). */
export function versionStates(
  versions: readonly PublishedVersion[],
  today: string,
): Map<PublishedVersion, VersionState> {
  const states = new Map<PublishedVersion, VersionState>();
  const byProcess = new Map<string, PublishedVersion[]>();
  for (const version of versions) byProcess.set(version.process, [...(byProcess.get(version.process) ?? []), version]);
  for (const list of byProcess.values()) {
    const started = list.filter((version) => version.effectiveFrom <= today);
    const current = started.reduce<PublishedVersion | undefined>(
      (best, version) => (best === undefined || version.effectiveFrom > best.effectiveFrom ? version : best),
      undefined,
    );
    for (const version of list)
      states.set(version, version.effectiveFrom > today ? 'scheduled' : version === current ? 'inForce' : 'superseded');
  }
  return states;
}
