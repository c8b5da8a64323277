import { spawn } from 'node:child_process';

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: process.cwd(), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} exited ${String(code)}:\n${output}`));
    });
  });
}

/**
 * Builds the web app into `outDir` with the project's Vite config, as `npm run build` does. Vitest
 * sets NODE_ENV=test, which a child inherits: the build would then be React's development build with
 * antd giving every component the same id (`test-id`, so labels and dialogs named by id break) —
 * not what users get.
 */
export async function buildWebApp(outDir: string): Promise<void> {
  const args = ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'];
  await run('npx', args, { ...process.env, NODE_ENV: 'production' });
}
