// `npm run build` (after the web app) runs this: the server bundled into dist/node/server, which `npm
// start` runs with plain node (server/bundle-server.ts).
import { rm } from 'node:fs/promises';
import { bundleServer } from './bundle-server.js';

await rm('dist/node', { recursive: true, force: true });
await bundleServer('dist/node/server');
