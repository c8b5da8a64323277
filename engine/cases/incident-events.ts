import type { AuditDraft } from '../audit/audit-chain.js';
import { INCIDENT_KINDS, type Incident } from './case-record.js';

/**
 * An incident a committed transition raised or resolved, as its audit entry records it: when (the
 * transition's instant — a timer's own due instant when a wave catches up), on which case, which
 * element, of what kind and why. A case's incidents before and after a command do not tell what came
 * and went within it (a timer wave, a calendar year published meanwhile); these do, in order.
 */
export interface IncidentEvent {
  type: 'incident.raised' | 'incident.resolved';
  caseId: string;
  at: string;
  kind: Incident['kind'];
  /** The diagram element the engine could not carry out ('' when it names none). */
  element: string;
  message: string;
}

export type IncidentListener = (event: IncidentEvent) => void;

const isKind = (value: unknown): value is Incident['kind'] =>
  typeof value === 'string' && (INCIDENT_KINDS as readonly string[]).includes(value);

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The incident events among a transition's audit entries, in the order they were noted. */
export function incidentEventsOf(audit: readonly AuditDraft[]): IncidentEvent[] {
  return audit.flatMap((entry): IncidentEvent[] => {
    if (entry.type !== 'incident.raised' && entry.type !== 'incident.resolved') return [];
    const { kind, element, message } = entry.details;
    if (!isKind(kind)) return [];
    return [
      { type: entry.type, caseId: entry.caseId, at: entry.at, kind, element: text(element), message: text(message) },
    ];
  });
}
