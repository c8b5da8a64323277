import { Router } from 'express';
import type { WorkflowEngine } from '../../engine/index.js';

/** The working-day calendars (public data): the web app counts working days left with them. */
export function calendarRoutes(engine: WorkflowEngine): Router {
  const router = Router();
  router.get('/api/calendars/:id', (request, response) => {
    response.json(engine.definitions.calendarFiles(request.params.id));
  });
  return router;
}
