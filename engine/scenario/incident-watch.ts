import type { Incident } from '../cases/case-record.js';
import type { IncidentEvent } from '../cases/incident-events.js';

/** An incident one of a script's cases got or lost (CONTRACT §5's timeline, extended). */
export interface ScenarioIncident {
  /** The case's name in the script. */
  case: string;
  caseId: string;
  kind: Incident['kind'];
  /** The diagram element the engine could not carry out ('' when it names none). */
  element: string;
  message: string;
  /** Raised or held: when the engine recorded it; cleared: the clock when the runner found it gone. */
  at: string;
}

/**
 * One incident raised or cleared during a step, when the engine recorded it: every one, in order,
 * those that came and went within the step included.
 */
export interface ScenarioIncidentEvent extends ScenarioIncident {
  event: 'raised' | 'cleared';
}

/** The engine's incident events in a script's words: its cases' names, `raised` or `cleared`. */
export function scenarioEvents(
  events: readonly IncidentEvent[],
  aliases: ReadonlyMap<string, string>,
): ScenarioIncidentEvent[] {
  return events.flatMap((event): ScenarioIncidentEvent[] => {
    const alias = aliases.get(event.caseId);
    if (alias === undefined) return [];
    return [
      {
        event: event.type === 'incident.raised' ? 'raised' : 'cleared',
        case: alias,
        caseId: event.caseId,
        kind: event.kind,
        element: event.element,
        message: event.message,
        at: event.at,
      },
    ];
  });
}

/**
 * The incidents of one step's events raised and cleared again within it, each with when it was
 * cleared: a case held them neither before nor after the step, so nothing else says the engine was
 * stuck on them meanwhile.
 */
export function cameAndWent(
  events: readonly ScenarioIncidentEvent[],
): { incident: ScenarioIncidentEvent; clearedAt: string }[] {
  const open = new Map<string, ScenarioIncidentEvent>();
  const passed: { incident: ScenarioIncidentEvent; clearedAt: string }[] = [];
  // Cleared by element: a date computed at last clears whatever that element held.
  const where = (event: ScenarioIncidentEvent) => JSON.stringify([event.caseId, event.element]);
  for (const event of events) {
    if (event.event === 'raised') {
      if (!open.has(where(event))) open.set(where(event), event);
      continue;
    }
    const raised = open.get(where(event));
    if (raised === undefined) continue;
    open.delete(where(event));
    passed.push({ incident: raised, clearedAt: event.at });
  }
  return passed;
}

export interface IncidentChanges {
  raised: ScenarioIncident[];
  cleared: ScenarioIncident[];
}

/**
 * One incident, whatever its id: retried (on a restart, a calendar published) and still failing the
 * same way, the engine records it anew — the case still holds it, nothing was raised or cleared.
 */
const sameness = (incident: Pick<Incident, 'kind' | 'element' | 'message'>): string =>
  JSON.stringify([incident.kind, incident.element, incident.message]);

/**
 * What the scenario runner last saw each case hold, so that a script replayed against a rule version
 * the engine cannot carry out says so instead of passing silently: a case's incidents are compared
 * after every step with those it held after the one before.
 */
export class IncidentWatch {
  readonly #held = new Map<string, ScenarioIncident[]>();

  /** Takes a case's incidents now; answers those it got and lost since it was last seen. */
  see(alias: string, caseId: string, incidents: readonly Incident[], now: string): IncidentChanges {
    const before = this.#held.get(alias) ?? [];
    const known = new Map(before.map((incident) => [sameness(incident), incident]));
    const held = incidents.map(
      (incident): ScenarioIncident =>
        known.get(sameness(incident)) ?? {
          case: alias,
          caseId,
          kind: incident.kind,
          element: incident.element,
          message: incident.message,
          at: incident.at,
        },
    );
    this.#held.set(alias, held);
    const stillHeld = new Set(held.map(sameness));
    return {
      raised: held.filter((incident) => !known.has(sameness(incident))),
      cleared: before
        .filter((incident) => !stillHeld.has(sameness(incident)))
        .map((incident) => ({ ...incident, at: now })),
    };
  }

  /** Every incident the cases hold as last seen, case by case in the order they were started. */
  held(): ScenarioIncident[] {
    return [...this.#held.values()].flat();
  }
}

/** An `expect`'s `incidents`: the kinds the case holds, exactly (sorted, duplicates kept); what is wrong, if anything. */
export function incidentsProblem(incidents: readonly Incident[], expected: readonly string[]): string | undefined {
  const actual = incidents.map((incident) => incident.kind).sort();
  const wanted = [...expected].sort();
  if (actual.join() === wanted.join()) return undefined;
  // The engine's own words: which element it could not carry out, and why.
  const what = incidents.map((incident) => `${incident.kind} at ${incident.element || '?'}: ${incident.message}`);
  const details = what.length > 0 ? ` (${what.join('; ')})` : '';
  return `incidents are [${actual.join(', ')}], expected [${wanted.join(', ')}]${details}`;
}
