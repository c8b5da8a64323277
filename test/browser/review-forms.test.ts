import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView, TaskView } from '../../engine/cases/case-view.js';
import { ARTIFACTS_DIR, browserAvailable, launchChromium, stepScreenshot } from './chromium.js';
import { CLOCK_START, startWebServer, type WebServer } from './web-server.js';
import { ACCEPTANCE, completeWithExample, CREATION, opinions, type Step, walkEach } from './sample-cases.js';
import { choose, clickInDialog, twoChars } from './form-controls.js';
import { closeTab, newTab } from './tabs.js';
import { signInTab } from './page-visit.js';

const PROCESS = 'quality-brand-zone';
const VERSION = '2024-03-14';
const MINISTRIES = ['moa', 'mofcom', 'mct', 'cnipa'] as const;
/** One park per case (a park has one case in progress at a time): park-1 … park-20. */
const PARKS = Array.from({ length: 20 }, (_, index) => `park-${index + 1}`);
const parkCode = (user: string) => `P-${String(100 + Number(user.split('-')[1])).padStart(3, '0')}`;
const USERS: Record<string, string[]> = {
  ...Object.fromEntries(PARKS.map((park) => [park, [`park:${parkCode(park)}`]])),
  'province-js': ['province:320000'],
  'group-js': ['province-leading-group:320000'],
  samr: ['samr'],
  expert: ['expert'],
  ...Object.fromEntries(MINISTRIES.map((ministry) => [ministry, [`ministry:${ministry}`]])),
};

const RE_REVIEW: Step[] = [
  ['park', 'submitReReviewApplication'],
  ['province-js', 'provincialReReview'],
  ['group-js', 'provincialLeadingGroupReReview'],
  ...opinions(),
  ['samr', 'samrReReviewEvaluation'],
];

/** A review form of the version: where it stands, and where 退回 sends the case back to. */
interface Review {
  taskId: string;
  user: string;
  phase: Step[];
  returnTitle: string;
  rejectTitle: string;
  returnsTo: string;
  /** Fields a return needs beyond the comment. */
  onReturn?: (form: Locator) => Promise<void>;
}

const REVIEWS: Review[] = [
  {
    taskId: 'provincialFeasibilityReview',
    user: 'province-js',
    phase: CREATION,
    returnTitle: '退回修改',
    rejectTitle: '不予通过',
    returnsTo: 'submitCreationApplication',
  },
  {
    taskId: 'provincialLeadingGroupReview',
    user: 'group-js',
    phase: CREATION,
    returnTitle: '退回修改',
    rejectTitle: '不予通过',
    returnsTo: 'provincialFeasibilityReview',
  },
  {
    taskId: 'samrCreationApproval',
    user: 'samr',
    phase: CREATION,
    returnTitle: '退回修改',
    rejectTitle: '不予通过',
    returnsTo: 'submitCreationApplication',
  },
  {
    taskId: 'provincialAcceptanceReview',
    user: 'province-js',
    phase: ACCEPTANCE,
    returnTitle: '退回修改',
    rejectTitle: '不予通过',
    returnsTo: 'submitAcceptanceApplication',
  },
  {
    taskId: 'provincialLeadingGroupAcceptanceReview',
    user: 'group-js',
    phase: ACCEPTANCE,
    returnTitle: '退回修改',
    rejectTitle: '不予通过',
    returnsTo: 'provincialAcceptanceReview',
  },
  {
    taskId: 'samrAcceptanceReview',
    user: 'samr',
    phase: ACCEPTANCE,
    returnTitle: '退回修改',
    rejectTitle: '不予通过',
    returnsTo: 'submitAcceptanceApplication',
    onReturn: async (form) => {
      await form.getByLabel('改进意见', { exact: true }).fill('请补充质量基础设施建设情况的佐证材料。');
    },
  },
  {
    taskId: 'samrRecognition',
    user: 'samr',
    phase: [],
    returnTitle: '退回重新评估',
    rejectTitle: '不予认定',
    returnsTo: 'expertEvaluation',
  },
  {
    taskId: 'provincialReReview',
    user: 'province-js',
    phase: RE_REVIEW,
    returnTitle: '退回修改',
    rejectTitle: '不予通过',
    returnsTo: 'submitReReviewApplication',
  },
  {
    taskId: 'provincialLeadingGroupReReview',
    user: 'group-js',
    phase: RE_REVIEW,
    returnTitle: '退回修改',
    rejectTitle: '不予通过',
    returnsTo: 'provincialReReview',
  },
  {
    taskId: 'samrReReviewEvaluation',
    user: 'samr',
    phase: RE_REVIEW,
    returnTitle: '退回修改',
    rejectTitle: '不予通过',
    returnsTo: 'submitReReviewApplication',
  },
];

/** The steps of a phase before a review's task. */
const before = (review: Review): Step[] =>
  review.phase.slice(
    0,
    review.phase.findIndex(([, id]) => id === review.taskId),
  );

/**
 * The server, started after the build and before Chromium (both compete for two shared cores): a
 * start that did not answer in time under load is tried again, twice at most.
 */
async function startServer(options: Parameters<typeof startWebServer>[0]): Promise<WebServer> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startWebServer({ startTimeoutMs: 120_000, ...options });
    } catch (error) {
      if (attempt === 3 || !String(error).includes('did not answer')) throw error;
    }
  }
}

describe.runIf(browserAvailable())('review forms in Chromium: return and reject on every review form', () => {
  let server: WebServer;
  let browser: Browser;
  /** Each review's two cases: the one returned and the one rejected. */
  const cases = new Map<string, { returned: string; rejected: string }>();

  beforeAll(async () => {
    server = await startServer({});
    browser = await launchChromium();
    await server.createUsers(USERS);
  }, 600_000);
  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await (server as WebServer | undefined)?.stop();
  });

  /** Each case's park user. */
  const parkOf = new Map<string, string>();
  async function complete(user: string, caseId: string, taskId: string, patch: unknown = {}): Promise<void> {
    await completeWithExample(server, user === 'park' ? (parkOf.get(caseId) ?? user) : user, caseId, taskId, patch);
  }
  /** Both cases of each review walked their steps. */
  const runEach = (walks: readonly (readonly [Review, readonly Step[]])[]) =>
    walkEach(
      server,
      walks.flatMap(([review, steps]) =>
        Object.values(cases.get(review.taskId) ?? {}).map((caseId) => ({
          caseId,
          parkUser: parkOf.get(caseId) ?? 'park',
          steps,
        })),
      ),
    );
  const view = (caseId: string) => server.ok<CaseView>('GET', `/api/cases/${caseId}`, { as: 'admin' });

  /** The test's one tab and the user signed in on it. */
  let tab: { page: Page; user: string } | undefined;
  /**
   * The user's page on the sandbox's day (a new session after each clock jump), opened at `path`;
   * `opened` says whether it was loaded there just now. One tab serves every user of a test, each in
   * turn (each user's decisions come one after another): a user's first page is a load of that tab
   * under a new session, which a tab of each user's own would have cost as well, and a context fewer
   * for each other user (a new context's renderer compiles the web app afresh: 2.5–3.6 CPU-s).
   * Signed in through the API (`signInTab`), not the login form: the form is the subject of
   * workbench.test.ts (its first test signs three users in by it), and filling it here cost each
   * user's tab a load of the form and of its inbox in every test.
   */
  async function pageOf(user: string, time: string, path: string): Promise<{ page: Page; opened: boolean }> {
    if (tab?.user === user) return { page: tab.page, opened: false };
    const page = tab?.page ?? (await newTab(browser, { viewport: { width: 1440, height: 1000 }, time }));
    await signInTab(page, server, user);
    await page.goto(`${server.url}${path}`);
    tab = { page, user };
    return { page, opened: true };
  }
  afterEach(async (context) => {
    // A failing step leaves the open page on disk, as it was.
    if (context.task.result?.state === 'fail' && tab !== undefined)
      await tab.page
        .screenshot({
          path: join(ARTIFACTS_DIR, `review-forms-failed-${context.task.name.slice(0, 12)}-${tab.user}.png`),
          fullPage: true,
        })
        .catch(() => undefined);
    // Given back after a failure too: the next test's first page is its own, not one left mid-step.
    if (tab !== undefined) await closeTab(tab.page);
    tab = undefined;
  });

  /**
   * The decision taken on the case page: the training example, a comment typed while 同意 is chosen,
   * then the return or reject chosen (the comment must stay, on screen and filled), sent by the button
   * and confirmed in a dialog that restates the choice.
   */
  async function decide(review: Review, caseId: string, choice: string, time: string): Promise<void> {
    const path = `/cases/${encodeURIComponent(caseId)}`;
    const { page, opened } = await pageOf(review.user, time, path);
    // The user's next cases within the app, as its links go (the page is not loaded again): the route
    // changes, the case loads.
    if (!opened)
      await page.evaluate((to) => {
        history.pushState(null, '', to);
        dispatchEvent(new PopStateEvent('popstate'));
      }, path);
    const form = page.locator(`[data-task="${review.taskId}"]`);
    if (review.taskId === 'samrCreationApproval' && choice === review.returnTitle) await opinionsBeside(page);
    await form.getByRole('button', { name: '填入示例（培训用）' }).click();
    const comment = `${choice}：请按第七条补充说明（${review.taskId}）。`;
    // Each form names its fields its own way (审核结论 / 领导小组意见 / 认定结论…): read them from the form.
    const { decision, comments } = await titlesOf(review, caseId);
    await form.getByLabel(comments, { exact: true }).fill(comment);
    await choose(page, form, decision, choice);
    await expect.poll(() => form.getByLabel(comments, { exact: true }).inputValue()).toBe(comment);
    if (choice === review.returnTitle) await review.onReturn?.(form);
    if (choice === review.returnTitle && review.taskId === 'provincialFeasibilityReview') {
      // Sent once without the comment a return needs: the error shows; the comment typed, the next
      // click opens the dialog (the error summary used to shrink on that mouse press and move the
      // button from under the pointer, so the first click did nothing).
      await form.getByLabel(comments, { exact: true }).fill('');
      await form.getByRole('button', { name: twoChars('提交') }).click();
      await form
        .getByText(/为必填项/)
        .first()
        .waitFor();
      await form.getByLabel(comments, { exact: true }).fill(comment);
    }
    await form.getByRole('button', { name: twoChars('提交') }).click();
    const dialog = page.getByRole('dialog');
    // A decision that ends the case says so in the same question (确认提交「不予通过」？本案将结束：…).
    await page.getByRole('dialog', { name: new RegExp(`^确认提交「${choice}」？`) }).waitFor();
    await clickInDialog(page, dialog.getByRole('button', { name: '确认提交' }));
    await form.waitFor({ state: 'detached' });
  }

  /**
   * SAMR decides with what was sent since the application beside its form: the province's review,
   * its leading group's, each ministry's opinion (Art. 17), each opening to its decision and document.
   */
  async function opinionsBeside(page: Page): Promise<void> {
    const opinions = page.locator('[data-earlier-opinions]');
    await opinions.getByRole('heading', { name: '材料提交后各方的意见（6 份）' }).waitFor();
    const headers = opinions.locator('[data-earlier-opinion]');
    const expected = [
      /^可行性论证与遴选 · 省级市场监管部门 · 江苏省 · [\d-]+ [\d:]+同意（列入创建名单）$/,
      /^领导小组审议创建名单 · 质量强省（区、市）工作领导小组 · 江苏省 · .+同意$/,
      ...['农业农村部', '商务部', '文化和旅游部', '国家知识产权局'].map(
        (ministry) => new RegExp(`^相关部门意见（创建） · 相关部门 · ${ministry} · .+同意$`),
      ),
    ];
    // Each decision shows once its form has come (until then the header has no tag), so poll for them.
    const mismatched = async () => {
      const shown = await headers.allInnerTexts();
      const matches =
        shown.length === expected.length && expected.every((pattern, index) => pattern.test(shown[index] ?? ''));
      return matches ? [] : shown;
    };
    await expect.poll(mismatched).toEqual([]);
    // A ministry's opinion opens by keyboard to its decision and the whole document.
    const ministry = opinions.getByRole('button', { name: /^相关部门意见（创建）/ }).first();
    await ministry.focus();
    await page.keyboard.press('Enter');
    const panel = opinions.locator('.ant-collapse-item').nth(2);
    await panel.getByText('意见说明').waitFor();
    expect(await ministry.getAttribute('aria-expanded')).toBe('true');
    expect(await panel.innerText()).toMatch(/部门意见\s+同意/);
    await stepScreenshot(page, 'review-forms-opinions-beside-samr', false);
  }

  /** The titles the review's form gives its decision and its comment. */
  async function titlesOf(review: Review, caseId: string): Promise<{ decision: string; comments: string }> {
    const tasks = await server.ok<TaskView[]>('GET', '/api/tasks', { as: review.user });
    const task = tasks.find((open) => open.caseId === caseId && open.taskId === review.taskId);
    if (task === undefined) throw new Error(`${review.user} has no ${review.taskId} on ${caseId}`);
    const schema = await server.ok<{ properties: Record<string, { title: string }> }>(
      'GET',
      `/api/definitions/${PROCESS}/${VERSION}/forms/${task.formKey}`,
    );
    const title = (field: string) => schema.properties[field]?.title ?? field;
    return { decision: title('decision'), comments: title('comments') };
  }

  async function decideAll(reviews: readonly Review[], time: string): Promise<void> {
    for (const review of reviews) {
      const { returned, rejected } = cases.get(review.taskId) ?? { returned: '', rejected: '' };
      await decide(review, returned, review.returnTitle, time);
      const back = await view(returned);
      expect(back.final, `${review.taskId} returned`).toBe(false);
      expect(
        back.openTasks.map((task) => task.taskId),
        `${review.taskId} returned`,
      ).toEqual([review.returnsTo]);
      await decide(review, rejected, review.rejectTitle, time);
      const ended = await view(rejected);
      // A failed re-review within the demonstration period keeps the recognition (Art. 28); elsewhere it ends the case.
      if (review.phase === RE_REVIEW) expect(ended.status, `${review.taskId} rejected`).toBe('demonstrating');
      else expect(ended.final, `${review.taskId} rejected (${ended.status})`).toBe(true);
      expect(ended.openTasks).toEqual([]);
    }
  }

  async function start(): Promise<string> {
    const park = PARKS[parkOf.size] ?? 'park-1';
    const started = await server.ok<CaseView>('POST', '/api/cases', {
      as: park,
      body: { process: PROCESS, park: parkCode(park), province: '320000' },
    });
    parkOf.set(started.id, park);
    return started.id;
  }

  const inPhase = (phase: Step[]) => REVIEWS.filter((review) => review.phase === phase);
  const later = REVIEWS.filter((review) => review.phase !== CREATION);
  const reReview = [...inPhase(RE_REVIEW)];

  it('creation: a province, its leading group and SAMR return and reject in the page', async () => {
    for (const review of REVIEWS) cases.set(review.taskId, { returned: await start(), rejected: await start() });
    await runEach([
      ...inPhase(CREATION).map((review) => [review, before(review)] as const),
      ...later.map((review) => [review, CREATION] as const),
    ]);
    await decideAll(inPhase(CREATION), CLOCK_START);
    // The park finds its application back in its inbox, marked as returned and by which step.
    const returned = cases.get('provincialFeasibilityReview')?.returned ?? '';
    const { page: park } = await pageOf(parkOf.get(returned) ?? 'park', CLOCK_START, '/');
    await park.getByRole('heading', { name: '待办任务' }).waitFor();
    const marked = park.locator('[data-returned]').locator('..');
    await marked.first().waitFor();
    expect(await marked.count()).toBe(1);
    expect(await marked.innerText()).toMatch(/^退回修改\s*可行性论证与遴选于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 退回$/);
    const link = park.getByRole('link', { name: '提交创建申请' });
    expect(await link.getAttribute('aria-describedby')).toMatch(/^task-returned-/);
  }, 300_000);

  it('acceptance: the province, its leading group and SAMR return and reject', async () => {
    const time = '2025-04-02T09:00:00+08:00';
    await server.advanceTo(time);
    await runEach(later.map((review) => [review, review.phase === ACCEPTANCE ? before(review) : ACCEPTANCE] as const));
    await decideAll(inPhase(ACCEPTANCE), time);
  }, 300_000);

  it('recognition: SAMR returns a case to the experts and refuses recognition of another', async () => {
    const recognition = REVIEWS.filter((review) => review.taskId === 'samrRecognition');
    const pending = [...recognition, ...reReview].flatMap((review) => Object.values(cases.get(review.taskId) ?? {}));
    await server.advanceTo('2025-04-25T09:00:00+08:00');
    for (const id of pending) await complete('expert', id, 'expertEvaluation');
    const time = '2025-05-07T10:00:00+08:00';
    await server.advanceTo(time);
    await decideAll(recognition, time);
  }, 300_000);

  it('re-review: the province, its leading group and SAMR return and reject', async () => {
    const ids = reReview.flatMap((review) => Object.values(cases.get(review.taskId) ?? {}));
    for (const id of ids) await complete('samr', id, 'samrRecognition');
    await server.advanceTo('2026-05-11T09:00:00+08:00');
    for (const id of ids)
      await complete('park', id, 'submitAnnualReport', {
        reportYear: 1,
        reportPeriod: { start: '2025-05-08', end: '2026-05-07' },
      });
    await server.advanceTo('2027-05-10T09:00:00+08:00');
    for (const id of ids)
      await complete('park', id, 'submitAnnualReport', {
        reportYear: 2,
        reportPeriod: { start: '2026-05-08', end: '2027-05-07' },
      });
    const time = '2027-11-08T09:00:00+08:00';
    await server.advanceTo(time);
    await runEach(reReview.map((review) => [review, before(review)] as const));
    await decideAll(reReview, time);
    const { page } = await pageOf('samr', time, '/');
    await stepScreenshot(page, 'review-forms-re-review');
  }, 300_000);
});
