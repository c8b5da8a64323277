import express, { Router, type Request } from 'express';
import { isEngineError, type WorkflowEngine } from '../../engine/index.js';
import type { AttachmentMeta, AttachmentStore } from '../attachments.js';
import { HttpError } from '../http-errors.js';
import { requireUser } from '../request-context.js';
import { decodeName } from './public.js';

/**
 * Upload (raw body, the file name in `X-File-Name`, percent-encoded) and download. A file may be
 * downloaded by its uploader and by whoever may see a case whose form data refers to it.
 */
export function attachmentRoutes(engine: WorkflowEngine, attachments: AttachmentStore): Router {
  const router = Router();

  router.post(
    '/api/attachments',
    express.raw({ type: () => true, limit: attachments.maxBytes }),
    async (request, response) => {
      const user = requireUser(request);
      const body: unknown = request.body;
      if (!Buffer.isBuffer(body)) throw new HttpError(422, 'validation', '请上传文件内容');
      const meta = await attachments.save(
        body,
        decodeName(request.get('x-file-name')),
        user.username,
        engine.clock.now(),
      );
      response.status(201).json(meta);
    },
  );

  /** The attachment's details if the caller may read it (its uploader, or a case it is part of); else 404. */
  async function readable(request: Request): Promise<AttachmentMeta> {
    const user = requireUser(request);
    const meta = await attachments.meta(String(request.params.id));
    if (meta === undefined) throw new HttpError(404, 'not-found', '附件不存在');
    let allowed = meta.uploadedBy === user.username || request.actor.roles.some((role) => role.group === 'admin');
    for (const caseId of meta.cases) {
      if (allowed) break;
      try {
        const view = await engine.getCase(caseId, request.actor);
        // Evidence from the public is personal data: readable by national groups, not by the park.
        const manifest = engine.definitions.get(view.process, view.version).definition.manifest;
        allowed = meta.restricted !== true || engine.mayReadPublicSubmissions(request.actor, manifest);
      } catch (error) {
        if (!isEngineError(error, 'not-found')) throw error;
      }
    }
    if (!allowed) throw new HttpError(404, 'not-found', '附件不存在');
    return meta;
  }

  router.get('/api/attachments/:id/meta', async (request, response) => {
    const meta = await readable(request);
    response.json({ id: meta.id, name: meta.name, type: meta.type, size: meta.size });
  });

  router.get('/api/attachments/:id', async (request, response) => {
    const meta = await readable(request);
    response
      .type(meta.type)
      .set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(meta.name)}`)
      .set('X-Content-Type-Options', 'nosniff')
      .send(await attachments.content(meta.id));
  });

  return router;
}
