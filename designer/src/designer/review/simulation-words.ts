import type { ScenarioIncident, ScenarioIncidentEvent, Simulation } from '../designer-api.js';
import type { DesignerText } from '../designer-i18n.js';
import type { DesignerMessageKey } from '../designer-messages.js';

/** A due date's declared title (manifest `dates`), or undefined for one the manifest does not declare. */
export type DateTitle = (name: string) => string | undefined;

/** One changed date in words: "公示期最后一日：新版本为 2025-05-08，原为 2025-05-06". */
export function differenceWords(
  d: DesignerText,
  title: DateTitle,
  name: string,
  current: string | undefined,
  draft: string | undefined,
): string {
  const date = title(name) ?? name;
  if (current === undefined) return d('differenceOnlyDraft', { date, draft: draft ?? '' });
  if (draft === undefined) return d('differenceOnlyCurrent', { date, current });
  return d('differenceWords', { date, draft, current });
}

/** Every date the draft moves, once each, in the order the script first meets it. */
export function differenceLines(d: DesignerText, title: DateTitle, result: Simulation): string[] {
  const lines = result.differences.flatMap((difference) => {
    const names = [...new Set([...Object.keys(difference.current ?? {}), ...Object.keys(difference.draft ?? {})])];
    return names
      .filter((name) => difference.current?.[name] !== difference.draft?.[name])
      .map((name) => differenceWords(d, title, name, difference.current?.[name], difference.draft?.[name]));
  });
  return [...new Set(lines)];
}

/**
 * The runner's reason for a failed expectation (`expect on case "c1": due.publicityEnds is 2025-05-08,
 * expected 2025-05-06`), its due dates in words: the script was written for the version in force, so
 * what it expected is the old date and what the draft gave is the new one. Other parts stay as written.
 */
export function reasonWords(d: DesignerText, title: DateTitle, reason: string): string {
  const parts = reason.replace(/^expect on case "[^"]*": /, '').split('; ');
  return parts
    .map((part) => {
      const due = /^due\.(\w+) is (not set|\S+), expected (\S+)$/.exec(part);
      if (due === null) return part;
      const [, name = '', actual = '', expected = ''] = due;
      return differenceWords(d, title, name, expected, actual === 'not set' ? undefined : actual);
    })
    .join('；');
}

const INCIDENT_KINDS: Record<ScenarioIncident['kind'], DesignerMessageKey> = {
  'calendar-missing': 'incidentCalendarMissing',
  'missing-date': 'incidentMissingDate',
  evaluation: 'incidentEvaluation',
  damaged: 'incidentDamaged',
};

/**
 * What a run left stuck, said beside its result (a run whose expectations all hold is not simply
 * 通过 when a case holds an incident): "运行结束时 1 个案件存在流程异常：节假日日历缺失，日期无法计算".
 * Undefined when no case holds one.
 */
export function incidentSummary(d: DesignerText, incidents: readonly ScenarioIncident[]): string | undefined {
  if (incidents.length === 0) return undefined;
  const cases = new Set(incidents.map((incident) => incident.case)).size;
  const kinds = [...new Set(incidents.map((incident) => d(INCIDENT_KINDS[incident.kind])))];
  return d('simulationIncidents', { cases, kinds: kinds.join(d('incidentKindsJoin')) });
}

/** One incident a step raised or cleared: "出现异常：节假日日历缺失，日期无法计算（c1）". */
export function incidentEventWords(d: DesignerText, event: ScenarioIncidentEvent): string {
  const values = { kind: d(INCIDENT_KINDS[event.kind]), case: event.case };
  return event.event === 'raised' ? d('incidentRaised', values) : d('incidentCleared', values);
}
