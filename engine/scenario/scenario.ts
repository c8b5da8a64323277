import { INCIDENT_KINDS } from '../cases/case-record.js';
import { EngineError } from '../errors.js';
import { parseChinaInstant } from '../legal-time/china-time.js';

/** A case script (CONTRACT §5). */
export interface Scenario {
  process: string;
  clock: string;
  steps: Step[];
}

export type Step =
  | { start: StartStep; expectError?: string }
  | { complete: string; case: string; as: string; data?: unknown; expectError?: string }
  | { message: string; case: string; as: string; data?: unknown; expectError?: string }
  | { advance: string }
  | { advanceTo: string }
  | { restart: true }
  | { expect: Expectation };

/**
 * `{ case, <subject>, <region>, as? }`: the subject and region under the names the process declares
 * (`park`, `province`) or the neutral `subject` / `region` (read when the step runs).
 */
export interface StartStep {
  case: string;
  as?: string;
  readonly [name: string]: string | undefined;
}

export interface Expectation {
  case: string;
  status?: string;
  version?: string;
  openTasks?: string[];
  due?: Record<string, string>;
  /** The kinds of the incidents the case holds, exactly (`[]`: none). */
  incidents?: string[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The errors a step may expect: bad data, the wrong actor, no such open task or window, and a case the
 * definition cannot move (the command is refused and the case holds an incident).
 */
export const EXPECTED_ERRORS = ['validation', 'forbidden', 'not-open', 'incident'] as const;

/** An instant as the runner reads it: with an offset, or China time without one (never the host's zone). */
function isInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    parseChinaInstant(value);
    return true;
  } catch {
    return false;
  }
}

const STEP_KINDS = ['start', 'complete', 'message', 'advance', 'advanceTo', 'restart', 'expect'] as const;

function unreadable(message: string, index?: number): EngineError {
  return new EngineError('validation', index === undefined ? message : `step ${index}: ${message}`, {
    ...(index !== undefined && { step: index }),
  });
}

function requireString(step: Record<string, unknown>, key: string, index: number): void {
  if (typeof step[key] !== 'string' || step[key] === '') throw unreadable(`"${key}" must be a non-empty string`, index);
}

/** Checks a parsed scenario's shape; throws `validation` (the runner's exit 2) when it cannot be run. */
export function parseScenario(data: unknown): Scenario {
  if (!isObject(data)) throw unreadable('a scenario is a JSON object');
  if (typeof data.process !== 'string' || data.process === '') throw unreadable('"process" must be a process name');
  if (!isInstant(data.clock)) {
    throw unreadable(
      '"clock" must be an ISO 8601 instant, e.g. 2024-04-01T09:00:00+08:00 (without an offset: China time)',
    );
  }
  if (!Array.isArray(data.steps)) throw unreadable('"steps" must be a list');
  for (const [index, step] of (data.steps as unknown[]).entries()) {
    if (!isObject(step)) throw unreadable('a step is an object', index);
    const kinds = STEP_KINDS.filter((kind) => kind in step);
    if (kinds.length !== 1) throw unreadable(`a step has exactly one of ${STEP_KINDS.join(', ')}`, index);
    const [kind] = kinds;
    if ('expectError' in step && !(EXPECTED_ERRORS as readonly unknown[]).includes(step.expectError)) {
      throw unreadable(`"expectError" is one of ${EXPECTED_ERRORS.join(', ')}`, index);
    }
    switch (kind) {
      case 'start': {
        const start = step.start;
        if (!isObject(start)) throw unreadable('"start" is an object { case, <subject>, <region>, as? }', index);
        // The subject and region keys are the process's declared names: every value is a text.
        for (const key of ['case', ...Object.keys(start)]) requireString(start, key, index);
        if (Object.keys(start).filter((key) => key !== 'case' && key !== 'as').length !== 2) {
          throw unreadable('"start" names the case, its subject and its region (e.g. { case, park, province })', index);
        }
        break;
      }
      case 'complete':
      case 'message':
        for (const key of [kind, 'case', 'as']) requireString(step, key, index);
        break;
      case 'advance':
        if (typeof step.advance !== 'string' || !/^P/.test(step.advance))
          throw unreadable('"advance" is an ISO 8601 duration', index);
        break;
      case 'advanceTo':
        if (!isInstant(step.advanceTo)) {
          throw unreadable('"advanceTo" is an ISO 8601 instant (without an offset: China time)', index);
        }
        break;
      case 'restart':
        if (step.restart !== true) throw unreadable('"restart" is true', index);
        break;
      case 'expect': {
        const expect = step.expect;
        if (!isObject(expect)) throw unreadable('"expect" is an object', index);
        requireString(expect, 'case', index);
        if (
          'openTasks' in expect &&
          !(Array.isArray(expect.openTasks) && expect.openTasks.every((task) => typeof task === 'string'))
        ) {
          throw unreadable('"openTasks" is a list of task ids', index);
        }
        if (
          'due' in expect &&
          !(isObject(expect.due) && Object.values(expect.due).every((day) => typeof day === 'string'))
        ) {
          throw unreadable('"due" maps date names to YYYY-MM-DD', index);
        }
        if (
          'incidents' in expect &&
          !(
            Array.isArray(expect.incidents) &&
            expect.incidents.every((kind) => (INCIDENT_KINDS as readonly unknown[]).includes(kind))
          )
        ) {
          throw unreadable(`"incidents" is a list of incident kinds (${INCIDENT_KINDS.join(', ')})`, index);
        }
        break;
      }
      default:
        break;
    }
  }
  return data as unknown as Scenario;
}
