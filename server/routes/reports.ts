import { Router, type RequestHandler } from 'express';
import type { Store as RateLimitStore } from 'express-rate-limit';
import type { WorkflowEngine } from '../../engine/index.js';
import { CASE_EXPORT_WORDS, languageOf, SAY } from '../messages.js';
import { perCallerPerMinute } from '../request-limits.js';
import { requireUser, signedIn } from '../request-context.js';
import { caseFilterOf, casesFor } from '../reports/case-query.js';
import { writeCaseWorkbook } from '../reports/case-export.js';
import { statisticsOf } from '../reports/statistics.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Reports over the cases the caller may see (exactly `GET /api/cases`' scope): the case list as an
 * Excel workbook, and the statistics page's figures. Mounted before `/api/cases/:id`.
 */
export function reportRoutes(engine: WorkflowEngine, exportLimit: RequestHandler): Router {
  const router = Router();

  router.get(
    '/api/cases/export.xlsx',
    // Refused without a login before it is counted: the limit is per account.
    signedIn,
    exportLimit,
    async (request, response) => {
      // Filters are read (and refused when malformed) before the first byte goes out.
      const cases = casesFor(engine, request, caseFilterOf(request, engine));
      const day = engine.clock.now().toISOString().slice(0, 10);
      const language = languageOf(request);
      response.status(200).type(XLSX);
      response.attachment(CASE_EXPORT_WORDS.fileName(day)[language]);
      // The writer pipes its zip into the response and ends it.
      await writeCaseWorkbook(engine, cases, response, language);
    },
  );

  router.get('/api/statistics', async (request, response) => {
    requireUser(request);
    response.json(await statisticsOf(engine, casesFor(engine, request), request.actor, languageOf(request)));
  });

  return router;
}

export interface ReportLimits {
  /** Excel exports one account may ask for per minute. */
  exportsPerMinute: number;
  /** Where the counts are kept; absent: this process's memory. */
  store?: RateLimitStore;
}

/**
 * At most `exportsPerMinute` exports a minute per account: each reads every case the account sees and
 * writes a workbook (about 14 ms of the thread for a park's few, more for SAMR's all), and one park
 * asking for its export in a loop held everyone's answers up to 790 ms (found by the attacker's pass);
 * a person exports a few times an hour. Past it, 429 with Retry-After.
 */
export function exportLimit(limits: ReportLimits): RequestHandler {
  return perCallerPerMinute(limits.exportsPerMinute, limits.store, SAY.tooManyExports);
}
