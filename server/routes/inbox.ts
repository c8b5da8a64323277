import { Router } from 'express';
import { EngineError, type WorkflowEngine } from '../../engine/index.js';
import { HttpError } from '../http-errors.js';
import { SAY } from '../messages.js';
import { QUERY_PARAMETERS, REQUEST_BODIES } from '../openapi-requests.js';
import { objectBody, onlyFieldsOf, onlyParametersOf, requireUser } from '../request-context.js';

/**
 * 催办 and the notification centre over HTTP: each call is one engine call (the engine decides who
 * may remind which task and who sees which notification).
 */
export function inboxRoutes(engine: WorkflowEngine): Router {
  const router = Router();

  router.post('/api/tasks/:taskRef/remind', async (request, response) => {
    requireUser(request);
    const body = request.body === undefined ? {} : objectBody(request);
    onlyFieldsOf(body, REQUEST_BODIES.ReminderNote);
    const note = body.note;
    if (note !== undefined && typeof note !== 'string')
      throw new HttpError(422, 'validation', SAY.notText('note', '催办说明'));
    response.json(await engine.remindTask(request.params.taskRef, request.actor, note?.trim()));
  });

  router.get('/api/notifications', async (request, response) => {
    requireUser(request);
    onlyParametersOf(request.query, QUERY_PARAMETERS.listNotifications);
    // Another word, or the parameter twice, would list everything as if it were absent.
    const { unread } = request.query;
    if (unread !== undefined && unread !== 'true' && unread !== 'false')
      throw new EngineError('validation', SAY.notBoolean('unread', '只看未读'), { field: 'unread' });
    const unreadOnly = unread === 'true';
    response.json(await engine.notifications.list(request.actor, { unreadOnly }));
  });

  router.post('/api/notifications/read', async (request, response) => {
    requireUser(request);
    const body = objectBody(request);
    onlyFieldsOf(body, REQUEST_BODIES.NotificationsRead);
    const { ids } = body;
    const valid = ids === 'all' || (Array.isArray(ids) && ids.every((id) => typeof id === 'string'));
    if (!valid) throw new HttpError(422, 'validation', SAY.notNotificationIds);
    const marked = await engine.notifications.markRead(request.actor, ids);
    response.json({ marked, unread: (await engine.notifications.list(request.actor)).unread });
  });

  return router;
}
