// npx tsx test/bench/page-weight-bench.ts: the JavaScript a signed-in park loads for the inbox (`/`) and
// for a case (`/cases/:id`), gzip bytes as the browser received them (each file gzipped at level 9, as
// the server's compression would), and the time to a usable case page in headless Chromium: from
// navigation until the open task's form can be filled (its first field and its submit button are
// there). Median of 5, each in a fresh browser context, so nothing is cached. Target: ≤ 1.5 s.
// `npx tsx test/bench/page-weight-bench.ts dist-a dist-b`: compares prebuilt web apps, runs alternating.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import type { CaseView } from '../../engine/cases/case-view.js';
import { browserAvailable, launchChromium } from '../browser/chromium.js';
import { buildWebApp, startWebServer, type WebServer } from '../browser/web-server.js';
import { caseReady, inboxReady, signedInPage, WAIT } from './page-weight-page.js';

const RUNS = 5;
const TARGET_MS = 1500;
const PROCESS = 'quality-brand-zone';
const USER = 'park1';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

interface Visit {
  ms: number;
  /** The page's main thread busy (tasks run) until then: less swayed by other work on the machine. */
  busyMs: number;
  /** gzip bytes of each JavaScript file the page loaded, by file name. */
  scripts: Map<string, number>;
}

/** Opens `path` signed in, in a cold context, and waits until `ready` says the page can be used. */
async function visit(browser: Browser, server: WebServer, path: string, ready: (page: Page) => Promise<void>) {
  const { context, page, cdp } = await signedInPage(browser, server, USER);
  const bodies: Promise<void>[] = [];
  const scripts = new Map<string, number>();
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    const name = new URL(response.url()).pathname.split('/').pop() ?? response.url();
    bodies.push(
      response.body().then(
        (body) => void scripts.set(name, gzipSync(body, { level: 9 }).length),
        () => undefined,
      ),
    );
  });
  const start = performance.now();
  await page.goto(`${server.url}${path}`);
  await ready(page);
  const ms = performance.now() - start;
  const { metrics } = await cdp.send('Performance.getMetrics');
  const busyMs = (metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? NaN) * 1000;
  // Whatever else the page fetches on its own (e.g. the diagram after the form) counts as loaded by it.
  await page.waitForLoadState('networkidle', WAIT);
  await Promise.all(bodies);
  await context.close();
  return { ms, busyMs, scripts } satisfies Visit;
}

const total = (visit: Visit) => [...visit.scripts.values()].reduce((sum, size) => sum + size, 0);

function describe(name: string, visits: Visit[]): string[] {
  const times = visits.map((one) => one.ms);
  const last = visits.at(-1);
  if (last === undefined) return [];
  return [
    `${name}: JavaScript loaded gzip ${kb(total(last))} in ${last.scripts.size} files; ` +
      `usable after median ${Math.round(median(times))} ms [${times.map((time) => Math.round(time)).join(', ')}], ` +
      `main thread busy median ${Math.round(median(visits.map((one) => one.busyMs)))} ms`,
    ...[...last.scripts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([file, size]) => `    ${file.padEnd(44)} gzip ${kb(size).padStart(10)}`),
  ];
}

if (!browserAvailable()) process.exit(0);
// With web roots given (prebuilt, e.g. main's build beside this branch's), each is served by its own
// server and their runs alternate, so that a shared machine's load falls on all of them alike.
const given = process.argv.slice(2);
const dir = await mkdtemp(join(tmpdir(), 'qbz-page-weight-bench-'));
const built = join(dir, 'web');
const webRoots = given.length > 0 ? given : [built];
if (given.length === 0) await buildWebApp(built);
const browser = await launchChromium({ asUsersHaveIt: true });
const servers: WebServer[] = [];
try {
  const subjects = [];
  for (const webRoot of webRoots) {
    const server = await startWebServer({ webRoot });
    servers.push(server);
    await server.createUsers({ [USER]: ['park:P-001'] });
    const started = await server.ok<CaseView>('POST', '/api/cases', {
      as: USER,
      body: { process: PROCESS, park: 'P-001', province: '320000' },
    });
    const casePath = `/cases/${encodeURIComponent(started.id)}`;
    const ready = (page: Page) => inboxReady(page, started.id);
    subjects.push({ webRoot, server, casePath, inboxReady: ready, inbox: [] as Visit[], cases: [] as Visit[] });
  }
  for (const subject of subjects) await visit(browser, subject.server, subject.casePath, caseReady); // warm the servers, not the browser
  for (let run = 0; run < RUNS; run++)
    for (const subject of subjects) {
      subject.inbox.push(await visit(browser, subject.server, '/', subject.inboxReady));
      subject.cases.push(await visit(browser, subject.server, subject.casePath, caseReady));
    }
  for (const subject of subjects) {
    const caseMedian = median(subject.cases.map((one) => one.ms));
    console.log(
      [
        `page weight${given.length === 0 ? '' : ` (${subject.webRoot})`}: a park signed in, headless Chromium, cold context each run (median of ${RUNS})`,
        ...describe('/ (inbox)', subject.inbox),
        ...describe('/cases/:id (case, open task form)', subject.cases),
        `time to a usable case page: median ${Math.round(caseMedian)} ms, target ≤ ${TARGET_MS} ms: ${caseMedian <= TARGET_MS ? 'met' : 'NOT MET'}`,
      ].join('\n'),
    );
  }
} finally {
  await browser.close();
  for (const server of servers) await server.stop();
  await rm(dir, { recursive: true, force: true });
}
process.exit(0);
