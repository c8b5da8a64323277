// npx tsx test/bench/page-weight-profile.ts [webRoot]: where the time to a usable case page goes — a
// timeline of what the page fetched (scripts, API calls: start and end, ms from navigation) and the
// main thread's busy time by kind (script, layout, style) until the open task's form can be filled.
// Companion to page-weight-bench.ts (which gives the figures); this one says why. PROFILE_OUT=file
// also writes the CPU profile (open it in Chromium's DevTools, Performance panel).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseView } from '../../engine/cases/case-view.js';
import { browserAvailable, launchChromium } from '../browser/chromium.js';
import { buildWebApp, startWebServer } from '../browser/web-server.js';
import { caseReady, signedInPage } from './page-weight-page.js';

const USER = 'park1';

if (!browserAvailable()) process.exit(0);
const given = process.argv[2];
const dir = await mkdtemp(join(tmpdir(), 'qbz-page-weight-profile-'));
const webRoot = given ?? join(dir, 'web');
if (given === undefined) await buildWebApp(webRoot);
const server = await startWebServer({ webRoot });
const browser = await launchChromium({ asUsersHaveIt: true });
try {
  await server.createUsers({ [USER]: ['park:P-001'] });
  const started = await server.ok<CaseView>('POST', '/api/cases', {
    as: USER,
    body: { process: 'quality-brand-zone', park: 'P-001', province: '320000' },
  });
  const path = `/cases/${encodeURIComponent(started.id)}`;
  for (let run = 0; run < 3; run++) {
    const { context, page, cdp } = await signedInPage(browser, server, USER);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const start = performance.now();
    await page.goto(`${server.url}${path}`);
    await caseReady(page);
    const ms = performance.now() - start;
    const { profile } = await cdp.send('Profiler.stop');
    const metrics = Object.fromEntries(
      (await cdp.send('Performance.getMetrics')).metrics.map((metric) => [metric.name, metric.value]),
    );
    const entries = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((entry) => {
        const resource = entry as PerformanceResourceTiming;
        return {
          name: new URL(resource.name).pathname.split('/').slice(-2).join('/'),
          start: Math.round(resource.startTime),
          end: Math.round(resource.responseEnd),
        };
      }),
    );
    const domContentLoaded = await page.evaluate(() => {
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { response: Math.round(navigation.responseEnd), dcl: Math.round(navigation.domContentLoadedEventEnd) };
    });
    const ready = await page.evaluate(() => Math.round(performance.now()));
    console.log(`run ${run}: usable after ${Math.round(ms)} ms (page clock ${ready} ms)`, domContentLoaded);
    const msOf = (name: string) => ((metrics[name] ?? NaN) * 1000).toFixed(0);
    console.log(
      `  main thread busy: task ${msOf('TaskDuration')} ms, script ${msOf('ScriptDuration')} ms, ` +
        `layout ${msOf('LayoutDuration')} ms, style ${msOf('RecalcStyleDuration')} ms`,
    );
    if (run === 2 && process.env.PROFILE_OUT !== undefined)
      await writeFile(process.env.PROFILE_OUT, JSON.stringify(profile));
    if (run === 2) {
      // Self time by script and by function (sampled), to say where the main thread went.
      const byId = new Map(profile.nodes.map((node) => [node.id, node]));
      const self = new Map<number, number>();
      const samples = profile.samples ?? [];
      const deltas = profile.timeDeltas ?? [];
      samples.forEach((sample, index) => {
        self.set(sample, (self.get(sample) ?? 0) + (deltas[index + 1] ?? 0) / 1000);
      });
      const byScript = new Map<string, number>();
      const byFunction = new Map<string, number>();
      for (const [id, time] of self) {
        const frame = byId.get(id)?.callFrame;
        if (frame === undefined) continue;
        const script =
          frame.url === '' ? `(${frame.functionName || 'native'})` : (frame.url.split('/').pop() ?? frame.url);
        byScript.set(script, (byScript.get(script) ?? 0) + time);
        const name = `${frame.functionName || '(anonymous)'} ${script}:${frame.lineNumber}:${frame.columnNumber}`;
        byFunction.set(name, (byFunction.get(name) ?? 0) + time);
      }
      const top = (map: Map<string, number>, count: number) =>
        [...map]
          .sort((a, b) => b[1] - a[1])
          .slice(0, count)
          .map(([key, time]) => `    ${time.toFixed(0).padStart(6)} ms  ${key}`);
      console.log('  self time by script:', '\n' + top(byScript, 25).join('\n'));
      console.log('  self time by function:', '\n' + top(byFunction, 40).join('\n'));
    }
    if (run === 2)
      for (const entry of entries.sort((a, b) => a.start - b.start))
        console.log(`  ${String(entry.start).padStart(5)} → ${String(entry.end).padStart(5)}  ${entry.name}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}
process.exit(0);
