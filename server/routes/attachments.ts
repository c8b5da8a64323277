import { Router, type Request, type RequestHandler } from 'express';
import { rateLimit, type AugmentedRequest, type Store as RateLimitStore } from 'express-rate-limit';
import type { WorkflowEngine } from '../../engine/index.js';
import { mayReadAttachment } from '../attachment-access.js';
import { ALLOWED_TYPE_NAMES } from '../attachment-types.js';
import { bytesName, type AttachmentMeta, type AttachmentStore } from '../attachments.js';
import { HttpError, sizeText } from '../http-errors.js';
import { unlessSenderLeft } from '../upload-body.js';
import type { UploadGate } from '../upload-gate.js';
import { requireUser, signedIn } from '../request-context.js';
import { decodeName } from './public.js';
import { languageOf, SAY } from '../messages.js';

/**
 * Upload (raw body, the file name in `X-File-Name`, percent-encoded) and download. A file may be
 * downloaded by its uploader and by whoever may see a case whose form data refers to it (evidence from
 * the public: only the readers the redaction policy names).
 */
export function attachmentRoutes(
  engine: WorkflowEngine,
  attachments: AttachmentStore,
  uploads: UploadGate,
  perHour: RequestHandler,
): Router {
  const router = Router();

  // The size limit and how it reads (as a refusal says it), and the types accepted: the upload widget
  // says both beside its button and refuses a file above the limit before sending it. Anyone: the
  // public's objection form uploads too.
  router.get('/api/attachments/limits', (_request, response) => {
    response.json({
      maxBytes: attachments.maxBytes,
      maxSize: sizeText(attachments.maxBytes),
      types: ALLOWED_TYPE_NAMES,
    });
  });

  router.post(
    '/api/attachments',
    // Refused before it takes a place: the public's uploads go through /api/public/attachments.
    signedIn,
    perHour,
    uploads.admit((request) => request.user?.username ?? '', 'user'),
    // A compressed body is refused (415): a kilobyte of gzip inflates to a megabyte kept on disk, so
    // the hourly limits would cost a sender a thousandth of the disk they fill. Browsers never send one.
    uploads.body(attachments),
    async (request, response) => {
      const user = requireUser(request);
      const body: unknown = request.body;
      if (!Buffer.isBuffer(body)) throw new HttpError(422, 'validation', SAY.noFileContent);
      const meta = await unlessSenderLeft(response, (signal) =>
        attachments.save(
          body,
          decodeName(request.get('x-file-name')),
          user.username,
          engine.clock.now(),
          false,
          signal,
        ),
      );
      // The sender left before it was stored: nothing kept, no one to answer.
      if (meta === undefined) return;
      response.status(201).json(meta);
    },
  );

  /** The attachment's details if the caller may read it (see mayReadAttachment); else 404, as for none. */
  async function readable(request: Request): Promise<AttachmentMeta> {
    const user = requireUser(request);
    const meta = await attachments.meta(String(request.params.id));
    if (meta === undefined || !(await mayReadAttachment(engine, meta, request.actor, user.username))) {
      throw new HttpError(404, 'not-found', SAY.noSuchAttachment);
    }
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
      // The content's checksum, which names its file: express would hash the whole file again for
      // its own tag, on the thread, on every download (a 20 MB file: about 15 ms).
      .set('ETag', `"${bytesName(meta)}"`);
    if (request.fresh) {
      response.status(304).end();
      return;
    }
    response.send(await attachments.content(meta));
  });

  return router;
}

/**
 * At most `limit` uploads an hour per account: an application takes a few dozen files, and every one
 * stays on disk for a day even if no case takes it up (the sweep), so one account — or one whose
 * password was taken — cannot fill the disk. Counted over every process with a shared store.
 */
export function userUploadLimit(limit: number, store: RateLimitStore | undefined): RequestHandler {
  return rateLimit({
    windowMs: 60 * 60_000,
    limit,
    ...(store !== undefined && { store }),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (request) => `user:${request.user?.username ?? ''}`,
    message: (request: AugmentedRequest) => {
      const reset = request.rateLimit?.resetTime?.getTime();
      const minutes = reset === undefined ? 60 : Math.max(1, Math.ceil((reset - Date.now()) / 60_000));
      const said = SAY.tooManyUploads(limit, minutes);
      return { error: { code: 'too-many-requests', message: said[languageOf(request)] } };
    },
  });
}
