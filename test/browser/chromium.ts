import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The system Chromium (Debian package `chromium`); never a downloaded browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where browser tests leave screenshots for people to look at. */
export const ARTIFACTS_DIR = join(process.cwd(), 'test-results', 'screenshots');

const required = process.env.REQUIRE_BROWSER === '1';

/**
 * A picture of a step a test goes through, for people reviewing the pages (`SCREENSHOTS=1 npm test`):
 * taken only when asked for, as the pictures cost about a tenth of a browser file's time. What a
 * failing test had open is saved either way, by the files' `afterEach`.
 */
export async function stepScreenshot(page: Page, name: string, fullPage = true): Promise<void> {
  if (process.env.SCREENSHOTS === '1') await failureScreenshot(page, name, fullPage);
}

/** A page as a failing test left it (always taken; a page that cannot be pictured any more is skipped). */
export async function failureScreenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage }).catch(() => undefined);
}

/**
 * Whether browser tests can run. Without Chromium they are skipped with a loud notice, unless
 * REQUIRE_BROWSER=1 (as in CI), when the missing browser is a failure.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (required)
    throw new Error(`REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`);
  console.warn(
    `\n${'!'.repeat(78)}\n!! BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium).\n!! Set REQUIRE_BROWSER=1 to make this a failure.\n${'!'.repeat(78)}\n`,
  );
  return false;
}

/**
 * The features Playwright turns off (playwright-core 1.65's `disabledFeatures`). Chromium keeps only the
 * last `--disable-features` switch it is given, so ours has to repeat these.
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Every window, and each browser context opens one, preloads its address bar's two pop-ups as WebUI
 * pages in a renderer of their own, which nothing here ever shows: they were a tenth of case-page's
 * CPU time (21 of 218 CPU-s, sampled from /proc).
 */
const ADDRESS_BAR_POPUPS = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

/**
 * V8 without its optimising compilers (Maglev, Turbofan): the interpreter and the baseline compiler
 * only. A test's page lives seconds, and the functions that got hot in it were compiled again on the
 * renderer's background threads (0.11–0.13 CPU-s of a case page load's 1.0–1.5, traced) for calls
 * that had mostly been made already. case-page.test.ts: 72.1 → 62.9 CPU-s for the file (renderer
 * 38.1 → 30.9), four runs each, back to back; miwg.test.ts (every reference model imported and
 * clicked through, the most JavaScript a page runs here) and reports.test.ts (ECharts) no slower.
 * What a script does is the same at every tier: only how fast. `--jitless` (no baseline compiler
 * either) saved less (−10 % where this saved −14 %, the same runs).
 */
const INTERPRETED_JAVASCRIPT = '--js-flags=--no-maglev --no-turbofan';

/**
 * The system Chromium, as a person who asked for reduced motion (WCAG 2.3.3): the workbench then shows
 * dialogs, menus and lists at once, and a test waits for no animation. A context made with
 * `reducedMotion: 'no-preference'` sees antd's animations, as most people do (workbench, form-quality).
 * `asUsersHaveIt`: V8 with its optimising compilers, for a bench that times pages as people get them
 * (the tests' browser does without them: `INTERPRETED_JAVASCRIPT`).
 */
export async function launchChromium({ asUsersHaveIt = false } = {}): Promise<Browser> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // Closed network here: keep Chromium from reaching out (see .library env notes).
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--force-prefers-reduced-motion',
      `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...ADDRESS_BAR_POPUPS].join(',')}`,
      ...(asUsersHaveIt ? [] : [INTERPRETED_JAVASCRIPT]),
    ],
  });
}
