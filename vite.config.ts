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
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
