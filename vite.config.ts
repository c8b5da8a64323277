import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';
import { defineConfig } from 'vitest/config';

// One config: the web app (designer/, built into dist/web and served by npm start) and the tests.
export default defineConfig({
  root: 'designer',
  // Each built file also gzipped (.gz), served as it is (server/web-app.ts): compressed per
  // request, the 1.4 MB diagram editor took the threads the store's file reads use, and a visitor
  // asking for it in a loop slowed signed-in reads tenfold.
  plugins: [react(), compression({ algorithms: ['gzip'], threshold: 1024, logLevel: 'silent' })],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
  test: {
    root: '.',
    // Two unit files at a time on two cores (below): a test that takes 20 s alone may take 40 s beside another.
    testTimeout: 60_000,
    // A file's set-up (a server, users, a case walked to its step) waits with its tests: beside another
    // file on two busy cores it took over Vitest's default 10 s, and the file's tests were all skipped.
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: on CI's two cores, every file one after
    // another. The unit files wait on fsync, child processes and PostgreSQL as much as they compute.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          root: '.',
          include: ['test/**/*.test.ts'],
          exclude: ['test/browser/**'],
          // A worker keeps the modules it loaded for its next file: loading the engine afresh for each
          // of ~90 files was 94 s of the unit project's time (364 s → 239 s without it). The unit
          // files share no module state they change (no mocks; each opens its own engine and store).
          isolate: false,
          // The server bundled once for the run (each server a test starts loads it: test/support/server-bundle.ts).
          globalSetup: ['test/support/server-bundle.ts'],
        },
      },
      {
        // After the other tests, two files at a time (each runs a server and Chromium). Clicks in a
        // dialog wait until it has stopped zooming in (form-controls.ts `clickInDialog`): on starved
        // cores a click could land beside a button still moving, and the dialog stayed open.
        extends: true,
        test: {
          name: 'browser',
          root: '.',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/support/server-bundle.ts', 'test/browser/global-setup.ts'],
          // A failed test's afterEach saves full-page screenshots of every open page: on a loaded
          // machine that took longer than the default 10 s, and the evidence was lost.
          hookTimeout: 60_000,
          // What a test polls for (a selection, a status, a class) is the page catching up: on two
          // starved cores that took over Vitest's default second (a diagram element selected from the
          // search, CI). Only a failing poll waits longer.
          expect: { poll: { timeout: 10_000 } },
          // As the unit files: a worker keeps playwright-core and the helpers for its next file (each file
          // launches its own Chromium and server, and closes them).
          isolate: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
