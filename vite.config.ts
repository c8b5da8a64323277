import { defineConfig } from 'vitest/config';

// One config for the web app build (designer/ and workbench, later) and the test runner.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
