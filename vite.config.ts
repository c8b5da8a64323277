import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// One config: the web app (designer/, built into dist/web and served by npm start) and the tests.
export default defineConfig({
  root: 'designer',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
  test: {
    root: '.',
    testTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'unit', root: '.', include: ['test/**/*.test.ts'], exclude: ['test/browser/**'] },
      },
      {
        // After the other tests, one file at a time: each file runs a server and Chromium, and two of
        // them beside the unit tests on two cores made timings (and so the tests) unreliable.
        extends: true,
        test: {
          name: 'browser',
          root: '.',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/browser/global-setup.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
