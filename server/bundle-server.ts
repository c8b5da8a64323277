// The server as one file for plain node: compiling the TypeScript sources at every start (tsx) cost
// ~2.8 s of a cold start on an empty store (docs/benchmarks.md, "Waking up"); a bundle loads in a
// fraction of that. `npm run build` writes it into dist/node/server (server/bundle.ts); the tests' global
// set-up writes one per run (test/support/server-bundle.ts), so each server a test starts loads it too.
//
// Layout: <out>/main.js (the server, serve.ts inlined) and <out>/draft-worker.js (the designer's worker
// thread, server/drafts/off-thread.ts starts it from beside the bundle). Files a module finds next to
// itself through import.meta.url are copied beside the bundle: the PostgreSQL migrations
// (engine/store/postgres/migrate.ts). Packages stay external: node_modules load as they are, found from
// <out> upwards, so <out> lies inside the project.
import { cp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { build, type Plugin } from 'esbuild';

/**
 * JSON a module imports from a package (`camunda-bpmn-moddle/resources/camunda.json`) goes into the
 * bundle: esbuild writes an external import without its `with { type: 'json' }`, which node refuses.
 */
const jsonIntoBundle: Plugin = {
  name: 'json-into-bundle',
  setup(on) {
    on.onResolve({ filter: /\.json$/ }, (args) =>
      args.path.startsWith('.') ? undefined : { path: createRequire(args.importer).resolve(args.path) },
    );
  },
};

/** Bundles the server and its draft worker into `out`, the migrations beside them. */
export async function bundleServer(out: string): Promise<void> {
  await build({
    entryPoints: [
      { in: 'server/main.ts', out: 'main' },
      { in: 'server/drafts/draft-worker.ts', out: 'draft-worker' },
    ],
    outdir: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    plugins: [jsonIntoBundle],
    logLevel: 'warning',
  });
  await cp('engine/store/postgres/migrations', `${out}/migrations`, { recursive: true });
}
