import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { bundleServer } from '../../server/bundle-server.js';
import { SERVER_BUNDLE_ENV } from '../server/http-client.js';

/**
 * Global set-up of both projects: the server bundled once per run, so that each of the ~50 servers the
 * tests start loads one file with plain node instead of compiling the sources through tsx (4.6 → 3.0
 * CPU-s a start). The bundle is what `npm start` runs. It lies inside the project (test-results/), where
 * its packages are found; the workers inherit the variable naming it, as they are started after this.
 */
export default async function setup(): Promise<() => Promise<void>> {
  await mkdir('test-results', { recursive: true });
  const dir = await mkdtemp(join(process.cwd(), 'test-results', 'server-bundle-'));
  await bundleServer(dir);
  process.env[SERVER_BUNDLE_ENV] = dir;
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
