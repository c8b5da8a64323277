import { join } from 'node:path';
import { englishCount } from '../english-count.js';
import { EngineError } from '../errors.js';
import { shownKey } from '../messages.js';
import {
  compareDates,
  loadCalendar,
  readCalendarSources,
  type CalendarFile,
  type LocalDate,
  type WorkingDayCalendar,
} from '../legal-time/index.js';
import { runtimeVersionOf, type RuntimeVersion } from '../runtime/runtime-version.js';
import { formatProblem, hasErrors, type Problem } from './problems.js';
import type { Directory } from './types.js';
import { validateDefinitions } from './validate-definitions.js';
import type { DefinitionContext } from './version-source.js';
import type { Catalogue } from './translations.js';

/**
 * The definition versions an engine runs: every version of the definitions directory that passes
 * the validator (a version with errors is refused, never half-loaded), with its working-day calendar.
 */
export class DefinitionRegistry {
  private readonly calendarData = new Map<string, CalendarFile[]>();

  private constructor(
    readonly root: string,
    readonly options: { shared?: string },
    private readonly calendarDirs: ReadonlyMap<string, string>,
    private readonly versions: ReadonlyMap<string, RuntimeVersion>,
    private readonly calendars: Map<string, WorkingDayCalendar>,
    private readonly directories: DefinitionContext['directories'],
    private readonly catalogues: ReadonlyMap<string, ReadonlyMap<string, Catalogue>>,
    readonly problems: readonly Problem[],
  ) {}

  /** What the validator checks versions against (calendars, directory files). */
  get context(): DefinitionContext {
    return { calendars: new Set(this.calendarDirs.keys()), directories: this.directories };
  }

  /** A directory file (e.g. `provinces`), when there is one. */
  directory(name: string): Directory | undefined {
    return this.directories.get(name);
  }

  /** Loads and checks a definitions directory. Throws `invalid-definition` when any version has errors. */
  static async load(root: string, options: { shared?: string } = {}): Promise<DefinitionRegistry> {
    const { versions, problems, context, calendarDirs, translations } = await validateDefinitions(root, options);
    if (hasErrors(problems)) {
      const errors = problems.filter((problem) => problem.severity === 'error');
      throw new EngineError(
        'invalid-definition',
        `definitions in ${root} have ${englishCount(errors.length, 'error')}; first: ${formatProblem(errors[0] as Problem)}`,
        { root, problems: errors },
      );
    }
    const runtime = new Map<string, RuntimeVersion>();
    for (const version of versions) {
      const loaded = await runtimeVersionOf(version);
      runtime.set(loaded.key, loaded);
    }
    const registry = new DefinitionRegistry(
      root,
      options,
      calendarDirs,
      runtime,
      new Map(),
      context.directories,
      translations,
      problems,
    );
    await registry.reloadCalendars();
    return registry;
  }

  /** Re-reads calendar files (after a new year's data was added) — incidents are retried afterwards. */
  async reloadCalendars(): Promise<void> {
    const ids = new Set([...this.versions.values()].map((version) => version.definition.manifest.calendar));
    for (const id of ids) {
      const dir = this.calendarDirs.get(id) ?? join(this.root, 'calendars', id);
      this.calendars.set(id, await loadCalendar(dir));
      const { sources } = await readCalendarSources(dir);
      this.calendarData.set(id, sources.map((source) => source.data as CalendarFile));
    }
  }

  /** The ids of the calendars the versions count in, e.g. `cn`. */
  calendarIds(): string[] {
    return [...this.calendarData.keys()].sort();
  }

  /** The directory a calendar's year files are kept in (where a new year is written). */
  calendarDir(id: string): string {
    if (!this.calendarData.has(id)) throw new EngineError('not-found', `日历 ${id} 不存在`, { calendar: id });
    return this.calendarDirs.get(id) ?? join(this.root, 'calendars', id);
  }

  /** The files of a loaded calendar (holidays and make-up days per year), for clients. */
  calendarFiles(id: string): CalendarFile[] {
    const files = this.calendarData.get(id);
    if (files === undefined) throw new EngineError('not-found', `日历 ${id} 不存在`, { calendar: id });
    return files;
  }

  calendarOf(version: RuntimeVersion): WorkingDayCalendar {
    const calendar = this.calendars.get(version.definition.manifest.calendar);
    if (calendar === undefined) throw new EngineError('not-found', `calendar ${version.definition.manifest.calendar} is not loaded`);
    return calendar;
  }

  get(process: string, version: string): RuntimeVersion {
    const found = this.versions.get(`${process}@${version}`);
    if (found === undefined) {
      throw new EngineError('not-found', `流程定义 ${shownKey(`${process}@${version}`)} 不存在`, { process, version });
    }
    return found;
  }

  list(process?: string): RuntimeVersion[] {
    return [...this.versions.values()]
      .filter((version) => process === undefined || version.definition.manifest.process === process)
      .sort((a, b) => compareDates(a.definition.manifest.effectiveFrom, b.definition.manifest.effectiveFrom));
  }

  /**
   * What a process's definitions say, in `language`, keyed by the text as written
   * (`<process>/translations/<language>.json`); empty when there is no such catalogue. Throws
   * `not-found` for a process with no version.
   */
  translations(process: string, language: string): Catalogue {
    if (this.list(process).length === 0) {
      throw new EngineError('not-found', `流程 ${process} 不存在`, { process });
    }
    return this.catalogues.get(process)?.get(language) ?? {};
  }

  /** The newest version whose effectiveFrom is on or before `day` (CONTRACT §1). */
  inForce(process: string, day: LocalDate): RuntimeVersion {
    const candidates = this.list(process).filter((version) => compareDates(version.definition.manifest.effectiveFrom, day) <= 0);
    const found = candidates.at(-1);
    if (found === undefined) {
      throw new EngineError('not-found', `流程 ${process} 在 ${day} 没有生效的版本`, { process, day });
    }
    return found;
  }
}
