import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildWebApp } from './web-build.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** One build of the web app for every browser test file (see startWebServer). */
    webRoot: string;
  }
}

/**
 * Builds the web app once for the browser project instead of once per file: a Vite build takes two
 * cores for half a minute, and a dozen of them beside Chromium was what made the browser tests flaky.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'qbz-web-build-'));
  const webRoot = join(dir, 'web');
  await buildWebApp(webRoot);
  project.provide('webRoot', webRoot);
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
