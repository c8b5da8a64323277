import { Router } from 'express';
import { ipKeyGenerator, rateLimit, type Store as RateLimitStore } from 'express-rate-limit';
import {
  EngineError,
  isEngineError,
  regionDirectory,
  type Manifest,
  type Said,
  type WorkflowEngine,
} from '../../engine/index.js';
import { referenceCheck } from '../attachment-access.js';
import { manifestsInForce } from '../programmes-in-force.js';
import type { AttachmentStore } from '../attachments.js';
import { unlessSenderLeft } from '../upload-body.js';
import type { UploadGate } from '../upload-gate.js';
import { formBody } from '../request-context.js';
import { SAY } from '../messages.js';
import { refusedPastLimit } from '../request-limits.js';

export interface PublicLimits {
  /** Objections one address may file per hour (Art. 22 is open to anyone). */
  objectionsPerHour: number;
  /** Evidence files one address may upload per hour (an objection takes up to 20). */
  uploadsPerHour: number;
  /** Where each limit keeps its counts; absent: this process's memory (a store no other process shares). */
  store?: (limit: 'public-message' | 'public-upload') => RateLimitStore | undefined;
}

/**
 * What anyone may do without an account: read the open public notices and object to one with written
 * evidence (Art. 22). Each objection is the message the programme's public notice offers
 * (`publicNotice.message`, e.g. `objection`); it opens a review.
 */
export function publicRoutes(
  engine: WorkflowEngine,
  attachments: AttachmentStore,
  limits: PublicLimits,
  uploads: UploadGate,
): Router {
  const router = Router();
  const perHour = (
    limit: number,
    name: 'public-message' | 'public-upload',
    say: (limit: number, minutes: number) => Said,
  ) => {
    const store = limits.store?.(name);
    return rateLimit({
      windowMs: 60 * 60_000,
      limit,
      ...(store !== undefined && { store }),
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: refusedPastLimit((seconds) => say(limit, Math.ceil(seconds / 60))),
    });
  };
  const objectionLimit = perHour(limits.objectionsPerHour, 'public-message', SAY.tooManyPublicMessages);
  const uploadLimit = perHour(limits.uploadsPerHour, 'public-upload', SAY.tooManyPublicUploads);

  // What the web app is titled by before anyone signs in, and what the notices page says of each
  // programme's notices: from the manifest of each programme's version in force (none yet: its first).
  router.get('/api/public/programmes', (_request, response) => {
    response.json(manifestsInForce(engine).map(publicProgramme));
  });

  router.get('/api/public/notices', (_request, response) => {
    response.json(
      engine.publicWindows().map(({ view, message, title, opensOn, closesOn, workingDays }) => {
        // The subject and region under their declared names (park, parkName, province, provinceName).
        const manifest = engine.manifestOf(view);
        const { subject, region } = engine.subjectRegionOf(view);
        const subjectKey = manifest?.subject.name ?? 'subject';
        const regionKey = manifest?.region.name ?? 'region';
        const nameKey = manifest?.publicNotice?.subjectNameField ?? `${subjectKey}Name`;
        const directory = manifest === undefined ? undefined : regionDirectory(manifest);
        const regionName = (
          directory === undefined ? undefined : engine.definitions.directory(directory)
        )?.entries.find((entry) => entry.code === region)?.name;
        return {
          caseId: view.id,
          process: view.process,
          version: view.version,
          [subjectKey]: subject,
          ...(view.subjectName !== undefined && { [nameKey]: view.subjectName }),
          [regionKey]: region,
          ...(regionName !== undefined && { [`${regionKey}Name`]: regionName }),
          // The same under fixed names, with the manifest's titles: a page that has no manifest (the
          // public's) shows any programme's notice (申报县 · 设区的市 as well as 园区 · 省级单位).
          about: {
            subject: {
              code: subject,
              title: manifest?.subject.title ?? subjectKey,
              ...(view.subjectName !== undefined && { name: view.subjectName }),
            },
            region: {
              code: region,
              title: manifest?.region.title ?? regionKey,
              ...(regionName !== undefined && { name: regionName }),
            },
          },
          status: view.status,
          ...(view.statusTitle !== undefined && { result: view.statusTitle }),
          message,
          ...(title !== undefined && { title }),
          ...(opensOn !== undefined && { opensOn }),
          ...(closesOn !== undefined && { closesOn }),
          ...(workingDays !== undefined && { workingDays }),
        };
      }),
    );
  });

  router.post('/api/public/notices/:caseId/objections', objectionLimit, async (request, response) => {
    const body = formBody(request);
    const caseId = String(request.params.caseId);
    const references = referenceCheck(engine, attachments, request.actor, request.user?.username, {
      publicMessage: true,
    });
    // The message is the one the case's programme offers on its notice (`publicNotice.message`). A
    // case that is not there answers as one whose notice is not open (its existence is not public).
    // One answer for all three (no such case, its notice closed, nothing to send there): the words
    // must not tell a case that exists from one that does not.
    const closed = () => new EngineError('not-open', SAY.noticeClosed, { caseId });
    const message = engine.publicNoticeMessage(caseId);
    if (message === undefined) throw closed();
    // The receipt is a random code, not the objection's number on the case: that would tell anyone
    // filing one how many came before (SAMR's inbox shows both, to find the review a code names).
    const { view, receipt } = await engine
      .sendNumberedMessage(caseId, message, request.actor, body.data, references)
      .catch((error: unknown) => {
        if (isEngineError(error, 'not-found') || isEngineError(error, 'not-open')) throw closed();
        // The case's incident is the administrators' (its words name the case's timer or the
        // definition's fault): the public hears that its notice is over — a timer due, held by the
        // incident its firing raised — or else that nothing was sent and why, in its own words.
        if (!isEngineError(error, 'incident')) throw error;
        if (!engine.publicWindows().some((window) => window.view.id === caseId)) throw closed();
        throw new EngineError('incident', SAY.objectionNotTaken, { caseId });
      });
    await attachments.link(view.id, body.data, true);
    response
      .status(201)
      .json({ caseId: view.id, received: true, receivedAt: engine.clock.now().toISOString(), receipt });
  });

  router.post(
    '/api/public/attachments',
    uploadLimit,
    uploads.admit((request) => ipKeyGenerator(request.ip ?? '', 56), 'public'),
    // As sent, never inflated (415 otherwise): see the signed-in upload route.
    uploads.body(attachments),
    async (request, response) => {
      const meta = await unlessSenderLeft(response, (signal) =>
        attachments.save(
          Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0), // a JSON body was parsed already: no file
          decodeName(request.get('x-file-name')),
          request.actor.id,
          engine.clock.now(),
          true,
          signal,
        ),
      );
      // The sender left before it was stored: nothing kept, no one to answer.
      if (meta === undefined) return;
      response.status(201).json({ id: meta.id, name: meta.name, type: meta.type, size: meta.size });
    },
  );

  return router;
}

/** A programme as anyone may read it (GET /api/public/programmes), from its version in force. */
function publicProgramme(manifest: Manifest) {
  const notice = manifest.publicNotice;
  return {
    process: manifest.process,
    version: manifest.version,
    title: manifest.title,
    ...(manifest.shortTitle !== undefined && { shortTitle: manifest.shortTitle }),
    ...(notice?.title !== undefined && {
      publicNotice: {
        title: notice.title,
        articles: notice.articles ?? [],
        objectionArticle: notice.objectionArticle,
        // The group's title: who publishes the notice and reviews the objections (市场监管总局).
        reviewer: manifest.groups[notice.reviewer ?? '']?.title ?? notice.reviewer,
      },
    }),
  };
}

export function decodeName(header: string | undefined): string {
  if (header === undefined) return 'attachment';
  try {
    return decodeURIComponent(header);
  } catch {
    return header;
  }
}
