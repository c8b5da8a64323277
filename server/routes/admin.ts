import { Router } from 'express';
import {
  chinaMinuteOf,
  isEngineError,
  parseChinaInstant,
  type IncidentEvent,
  type SimulatedClock,
  type WorkflowEngine,
} from '../../engine/index.js';
import { HttpError } from '../http-errors.js';
import { SAY } from '../messages.js';
import { REQUEST_BODIES } from '../openapi-requests.js';
import { noBody, objectBody, onlyFieldsOf, requireRole, stringField } from '../request-context.js';

/** An instant without an offset is China time, never the server's zone (CONTRACT §5, §6). */
function chinaInstant(text: string): Date {
  try {
    return parseChinaInstant(text);
  } catch (error) {
    if (!isEngineError(error, 'validation')) throw error;
    throw new HttpError(422, 'validation', SAY.advanceToFormat);
  }
}

/** How far one advance may move the sandbox clock: a rehearsal spans a few years, a typo (2925) centuries. */
const MAX_ADVANCE_YEARS = 100;
/** The last minute the engine's dates can name: a China date in year 10000 is no YYYY-MM-DD. */
const LAST_INSTANT = parseChinaInstant('9999-12-31T23:59:00');

/**
 * The instant an advance asks for, refused (422, moving nothing) when it is no text — 12345 was told
 * 「目标时间」为必填项 — or lies further ahead than an advance may go: the clock never goes back, so
 * year 9999 left a rehearsal there for good, and a minute into year 10000 (9999-12-31T23:59-12:00)
 * made every new case refuse to start, in English (not a date (YYYY-MM-DD)).
 */
function advanceTarget(body: Record<string, unknown>, now: Date): Date {
  const value = body.advanceTo;
  if (value !== undefined && value !== null && typeof value !== 'string')
    throw new HttpError(422, 'validation', SAY.advanceToFormat);
  const target = chinaInstant(stringField(body, 'advanceTo', '目标时间'));
  const furthest = new Date(now);
  furthest.setUTCFullYear(furthest.getUTCFullYear() + MAX_ADVANCE_YEARS);
  const limit = furthest < LAST_INSTANT ? furthest : LAST_INSTANT;
  if (target > limit)
    throw new HttpError(422, 'validation', SAY.advanceTooFar(MAX_ADVANCE_YEARS, chinaMinuteOf(limit)));
  return target;
}

/** How long an advance waits for due timers another process holds (longer than a timer lease). */
const WAIT_FOR_OTHERS_MS = 30_000;
const POLL_MS = 100;

/**
 * The due timers fired, and how many. A timer whose firing failed is held by the incident it raised
 * (told in the advance's `incidents`) while the wave fired every other: the advance happened, and is
 * answered so — it was 409 `incident` for the first such case, its count and incidents lost.
 */
async function fireDue(engine: WorkflowEngine): Promise<number> {
  try {
    return await engine.runDueTimers();
  } catch (error) {
    const fired = isEngineError(error, 'incident') ? error.context.timersFired : undefined;
    if (typeof fired !== 'number') throw error;
    return fired;
  }
}

/**
 * "200, due timers fired" (CONTRACT §6) with several processes on one database: due cases another
 * process holds — firing them, or killed while holding them, until its lease runs out — are waited
 * for, and taken over when released. Returns how many timers this process fired meanwhile.
 */
async function firedByOthers(engine: WorkflowEngine): Promise<number> {
  let fired = 0;
  const until = Date.now() + WAIT_FOR_OTHERS_MS;
  while ((await engine.dueTimerCases()) > 0 && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    fired += await fireDue(engine);
  }
  return fired;
}

/** An incident raised or cleared during an advance, in the scenario runner's words (`raised`, `cleared`). */
function advanceIncident(event: IncidentEvent) {
  const { caseId, kind, element, message, at } = event;
  return { event: event.type === 'incident.raised' ? 'raised' : 'cleared', caseId, kind, element, message, at };
}

/** Administration: the sandbox clock (only with CLOCK=simulated) and incident retries. */
export function adminRoutes(
  engine: WorkflowEngine,
  clock: SimulatedClock | undefined,
  onAdvanced: (now: Date) => Promise<void> = () => Promise.resolve(),
): Router {
  const router = Router();

  if (clock !== undefined) {
    router.get('/api/admin/clock', (request, response) => {
      requireRole(request, 'admin');
      response.json({ now: clock.now().toISOString(), simulated: true });
    });

    router.post('/api/admin/clock', async (request, response) => {
      requireRole(request, 'admin');
      const body = objectBody(request);
      onlyFieldsOf(body, REQUEST_BODIES.ClockAdvance);
      const advanceTo = advanceTarget(body, clock.now());
      // What the timers fired did to the cases' incidents, each as it happened: one raised and
      // cleared again within the advance too, which the cases' incidents afterwards would not show.
      const events: IncidentEvent[] = [];
      const stop = engine.watchIncidents((event) => events.push(event));
      let fired: number;
      try {
        clock.advanceTo(advanceTo);
        await onAdvanced(clock.now());
        fired = (await fireDue(engine)) + (await firedByOthers(engine));
      } finally {
        stop();
      }
      response.json({ now: clock.now().toISOString(), timersFired: fired, incidents: events.map(advanceIncident) });
    });
  }

  router.post('/api/admin/incidents/retry', async (request, response) => {
    requireRole(request, 'admin');
    noBody(request);
    response.json({ resolved: await engine.retryIncidents() });
  });

  return router;
}
