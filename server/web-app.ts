import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';

/**
 * Serves the built web app: its files, and index.html for the app's own addresses (`/`, `/cases/:id`,
 * `/notices`, `/designer/...`) so that a reload lands on the same page.
 */
export function webAppRoutes(root: string): Router {
  const router = Router();
  // Vite names each built file under assets/ by a hash of its content: a browser may keep it for good
  // (a new build has new names, and index.html, never cached unchecked, points to them).
  router.use(
    '/assets',
    express.static(join(root, 'assets'), { index: false, immutable: true, maxAge: '365d', fallthrough: false }),
  );
  router.use(express.static(root, { index: false, maxAge: '1h' }));
  router.get(/^\/(?!api\/).*/, (_request, response, next) => {
    const index = join(root, 'index.html');
    if (!existsSync(index)) {
      next();
      return;
    }
    response.set('Cache-Control', 'no-cache').sendFile(index);
  });
  return router;
}
