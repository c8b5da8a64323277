// npx tsx test/bench/designer-bench.ts: how long the designer takes to open the 2024-03-14 process in
// headless Chromium (navigation to the diagram drawn; median of 5, each in a fresh browser context,
// so nothing is cached), and the gzip size of the web app's JavaScript. Target: ≤ 1.5 s.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { browserAvailable, launchChromium } from '../browser/chromium.js';
import { buildWebApp, startWebServer } from '../browser/web-server.js';

const RUNS = 5;
const TARGET_MS = 1500;
const PROCESS = 'quality-brand-zone';
const VERSION = '2024-03-14';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** gzip size of every JavaScript file of the build, and of the chunks the two entry points load. */
async function bundleSizes(webRoot: string) {
  const assets = join(webRoot, 'assets');
  const files = (await readdir(assets)).filter((file) => file.endsWith('.js'));
  const sizes = await Promise.all(
    files.map(async (file) => {
      const bytes = await readFile(join(assets, file));
      return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    }),
  );
  return sizes.sort((a, b) => b.gzip - a.gzip);
}

if (!browserAvailable()) process.exit(0);
const dir = await mkdtemp(join(tmpdir(), 'qbz-designer-bench-'));
const webRoot = join(dir, 'web');
await buildWebApp(webRoot);
const sizes = await bundleSizes(webRoot);
// What every page loads first (index.html's script and module preloads): the designer is not in it.
const html = await readFile(join(webRoot, 'index.html'), 'utf8');
const initial = new Set([...html.matchAll(/assets\/([\w.-]+\.js)/g)].map((match) => match[1]));
const server = await startWebServer({ webRoot });
const browser = await launchChromium({ asUsersHaveIt: true });
try {
  await server.createUsers({ officer: ['policy-admin'] });
  const draft = await server.ok<{ id: string }>('POST', '/api/drafts', {
    token: server.token('officer'),
    body: { process: PROCESS, from: VERSION },
  });

  /** Milliseconds from navigation until the diagram's elements are drawn. */
  async function open(path: string, kind: 'viewer' | 'modeler'): Promise<number> {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
    await context.addInitScript((token) => {
      sessionStorage.setItem('qbz.token', token);
    }, server.token('officer'));
    const page = await context.newPage();
    const start = performance.now();
    await page.goto(`${server.url}${path}`);
    await page.locator(`[data-diagram="${kind}"][data-diagram-ready="true"] .djs-element`).first().waitFor();
    const elapsed = performance.now() - start;
    await context.close();
    return elapsed;
  }

  const results: Record<string, number[]> = { version: [], draft: [] };
  await open(`/designer/${PROCESS}/${VERSION}`, 'viewer'); // warm the server, not the browser
  for (let run = 0; run < RUNS; run++) {
    results.version?.push(await open(`/designer/${PROCESS}/${VERSION}`, 'viewer'));
    results.draft?.push(await open(`/designer/${PROCESS}/draft:${draft.id}`, 'modeler'));
  }

  const total = sizes.reduce((sum, size) => sum + size.gzip, 0);
  const lines = [
    `designer: open ${PROCESS}@${VERSION} in headless Chromium (median of ${RUNS}, cold context each run)`,
    ...Object.entries(results).map(
      ([name, times]) =>
        `  ${name === 'version' ? 'published version (viewer)   ' : 'draft (modeler + panel)      '} median ${Math.round(median(times))} ms` +
        `  [${times.map((time) => Math.round(time)).join(', ')}]  target ≤ ${TARGET_MS} ms: ${median(times) <= TARGET_MS ? 'met' : 'NOT MET'}`,
    ),
    `web app JavaScript: ${sizes.length} files, gzip ${kb(total)} (raw ${kb(sizes.reduce((sum, size) => sum + size.raw, 0))})`,
    `  loaded by every page (index.html): gzip ${kb(sizes.filter((size) => initial.has(size.file)).reduce((sum, size) => sum + size.gzip, 0))}` +
      ` in ${initial.size} files; the rest loads on demand (the designer's routes, the modeler, the form renderer)`,
    ...sizes
      .slice(0, 8)
      .map((size) => `  ${size.file.padEnd(40)} gzip ${kb(size.gzip).padStart(10)}  raw ${kb(size.raw)}`),
  ];
  console.log(lines.join('\n'));
} finally {
  await browser.close();
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}
// Sessions and timers of the server child are gone; anything left (Chromium helpers) must not keep us.
process.exit(0);
