import { api } from '../api/client.js';
import type { CalendarFile } from '../../../engine/legal-time/calendar-file.js';
import { calendarFromFiles, chinaDateOf, type WorkingDayCalendar } from '../../../engine/legal-time/pure.js';
import type { Directory, FormSchema, Indicators, Manifest, Rules } from '../../../engine/definitions/types.js';
import { translateSchema } from '../i18n/definition-text.js';
import type { Language } from '../i18n/messages.js';
import { loadDefinitionText } from '../i18n/use-definition-text.js';
import provincesFile from '../../../definitions/directory/provinces.json' with { type: 'json' };

/** GET /api/definitions/:process/:version */
export interface VersionInfo {
  manifest: Manifest;
  rules: Rules;
  indicators: Indicators;
  forms: string[];
  /** The region's directory, when the version's manifest names one (cities, provinces). */
  regions?: Directory;
}

/** Answers that do not change while the app runs (a published version is immutable), fetched once. */
const cache = new Map<string, Promise<unknown>>();

function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  let pending = cache.get(key) as Promise<T> | undefined;
  if (pending === undefined) {
    pending = load();
    cache.set(key, pending);
    // A failure is not remembered: the next caller asks again.
    pending.catch(() => cache.delete(key));
  }
  return pending;
}

export function loadVersion(process: string, version: string): Promise<VersionInfo> {
  return cached(`version:${process}@${version}`, () =>
    api<VersionInfo>('GET', `/api/definitions/${encodeURIComponent(process)}/${encodeURIComponent(version)}`),
  );
}

/**
 * Public: the objection form is filled in without an account. In another `language` its titles and
 * descriptions come from the process's catalogue (the same object each time, as the original's).
 */
export function loadForm(
  process: string,
  version: string,
  formKey: string,
  language: Language = 'zh',
): Promise<FormSchema> {
  const key = `form:${process}@${version}/${formKey}`;
  const original = cached(key, () =>
    api<FormSchema>(
      'GET',
      `/api/definitions/${encodeURIComponent(process)}/${encodeURIComponent(version)}/forms/${encodeURIComponent(formKey)}`,
    ),
  );
  if (language === 'zh') return original;
  return cached(`${key}:${language}`, async () =>
    translateSchema(await original, await loadDefinitionText(process, language)),
  );
}

/** The form titles of several form keys (a task's name in lists), keyed `process@version/formKey`. */
export async function loadFormTitles(keys: readonly { process: string; version: string; formKey: string }[]) {
  const titles = new Map<string, string>();
  await Promise.all(
    keys.map(async ({ process, version, formKey }) => {
      const schema = await loadForm(process, version, formKey).catch(() => undefined);
      if (typeof schema?.title === 'string') titles.set(`${process}@${version}/${formKey}`, schema.title);
    }),
  );
  return titles;
}

/** Calendars change when policy staff enter or correct a year: the next page asks the server again. */
export function forgetCalendars(): void {
  for (const key of [...cache.keys()]) if (key.startsWith('calendar:')) cache.delete(key);
}

/** The working-day calendar (statutory holidays and make-up days), counted in the browser. */
export function loadCalendar(id: string): Promise<WorkingDayCalendar> {
  return cached(`calendar:${id}`, async () =>
    calendarFromFiles(await api<CalendarFile[]>('GET', `/api/calendars/${encodeURIComponent(id)}`), id),
  );
}

/**
 * Today in China as the server's clock has it. The sandbox clock (CLOCK=simulated) may be years
 * away from the browser's: a public `GET /api/clock` (when the server offers one) or, for an admin,
 * `GET /api/admin/clock` tells it; otherwise the browser's own clock is the best there is (the same
 * day as a server on the system clock).
 */
export async function loadToday(admin = false): Promise<string> {
  for (const path of ['/api/clock', ...(admin ? ['/api/admin/clock'] : [])]) {
    if (missingClocks.has(path)) continue;
    try {
      return chinaDateOf((await api<{ now: string }>('GET', path)).now);
    } catch {
      missingClocks.add(path);
    }
  }
  return chinaDateOf(new Date());
}

/** Clock endpoints this server does not offer: asked once. */
const missingClocks = new Set<string>();

/** A message's form is named after it: `majorEvent` → `major-event` (README, "What a diagram declares"). */
export function messageFormKey(message: string): string {
  return message.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

export const PROVINCES: Directory = provincesFile;

/** A region's name by its code, from `directory` (a case's `regions`, in its language) or as written. */
export function provinceName(code: string, directory: Directory = PROVINCES): string {
  return directory.entries.find((entry) => entry.code === code)?.name ?? code;
}
