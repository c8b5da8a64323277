import { Router } from 'express';
import type { WorkflowEngine } from '../../engine/index.js';
import type { DraftService } from '../drafts/drafts.js';
import { HttpError } from '../http-errors.js';
import { REQUEST_BODIES } from '../openapi-requests.js';
import { objectBody, onlyFieldsOf, requireRole } from '../request-context.js';

const EDITORS = ['policy-admin', 'admin'];

/**
 * The working-day calendars: public data (the web app counts working days left with them), and the
 * years policy staff enter from the State Council's notice (README "Calendars").
 */
export function calendarRoutes(engine: WorkflowEngine, drafts: DraftService): Router {
  const router = Router();

  router.get('/api/calendars', (_request, response) => {
    response.json({ years: engine.calendarYears(), missing: engine.missingCalendarYears() });
  });

  router.get('/api/calendars/:id', (request, response) => {
    response.json(engine.definitions.calendarFiles(request.params.id));
  });

  // One path for both: GET names a calendar (`cn`), POST a year of it (`2030`).
  router.post('/api/calendars/:id', async (request, response) => {
    const user = requireRole(request, ...EDITORS);
    if (!/^\d{4}$/.test(request.params.id)) throw new HttpError(404, 'not-found', '年份应为四位数字，如 2027');
    const year = Number(request.params.id);
    const entry = objectBody(request);
    // Its parts' fields are the engine's to check (engine/legal-time/year-entry.ts), at their paths.
    onlyFieldsOf(entry, REQUEST_BODIES.CalendarYearEntry);
    const published = await engine.publishCalendarYear(year, entry, request.actor);
    await drafts.recordPublication('calendar.published', `calendar:${published.calendar}/${year}`, user.username, {
      calendar: published.calendar,
      year,
      revision: published.revision,
      ...(published.replaces !== undefined && { replaces: published.replaces }),
      notice: published.notice,
      resolved: published.resolved,
      redated: published.redated,
      ...(published.failed.length > 0 && { failed: published.failed }),
    });
    response.status(published.replaces === undefined ? 201 : 200).json(published);
  });

  return router;
}
