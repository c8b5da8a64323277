import { join } from 'node:path';
import express, { Router } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { indexPage } from './index-page.js';

/**
 * Serves the built web app: its files, and index.html for the app's own addresses (`/`, `/cases/:id`,
 * `/notices`, `/designer/...`) so that a reload lands on the same page, titled by the programme in
 * force (`programmes`, index-page.ts).
 */
export function webAppRoutes(
  root: string,
  programmes: () => readonly { title: string; shortTitle?: string }[] = () => [],
): Router {
  const router = Router();
  const index = indexPage(join(root, 'index.html'), programmes);
  // Asked for by name too, it is the titled page (the file server would send the built one).
  router.get('/index.html', index);
  // Vite names each built file under assets/ by a hash of its content: a browser may keep it for good
  // (a new build has new names, and index.html, never cached unchecked, points to them).
  // Each is served gzipped as built (vite.config.ts): gzipping a megabyte per request took the threads the
  // store's file reads use, and a visitor asking for the diagram editor in a loop slowed every read.
  router.use(
    '/assets',
    expressStaticGzip(join(root, 'assets'), {
      index: false,
      serveStatic: { index: false, immutable: true, maxAge: '365d', fallthrough: false },
    }),
  );
  router.use(express.static(root, { index: false, maxAge: '1h' }));
  router.get(/^\/(?!api\/).*/, index);
  return router;
}
