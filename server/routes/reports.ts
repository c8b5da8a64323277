import { Router } from 'express';
import type { WorkflowEngine } from '../../engine/index.js';
import { CASE_EXPORT_WORDS, languageOf } from '../messages.js';
import { requireUser } from '../request-context.js';
import { caseFilterOf, casesFor } from '../reports/case-query.js';
import { writeCaseWorkbook } from '../reports/case-export.js';
import { statisticsOf } from '../reports/statistics.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Reports over the cases the caller may see (exactly `GET /api/cases`' scope): the case list as an
 * Excel workbook, and the statistics page's figures. Mounted before `/api/cases/:id`.
 */
export function reportRoutes(engine: WorkflowEngine): Router {
  const router = Router();

  router.get('/api/cases/export.xlsx', async (request, response) => {
    requireUser(request);
    // Filters are read (and refused when malformed) before the first byte goes out.
    const cases = casesFor(engine, request, caseFilterOf(request, engine));
    const day = engine.clock.now().toISOString().slice(0, 10);
    const language = languageOf(request);
    response.status(200).type(XLSX);
    response.attachment(CASE_EXPORT_WORDS.fileName(day)[language]);
    // The writer pipes its zip into the response and ends it.
    await writeCaseWorkbook(engine, cases, response, language);
  });

  router.get('/api/statistics', async (request, response) => {
    requireUser(request);
    response.json(await statisticsOf(engine, casesFor(engine, request), request.actor, languageOf(request)));
  });

  return router;
}
