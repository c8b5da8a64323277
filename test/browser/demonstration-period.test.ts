import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView } from '../../engine/cases/case-view.js';
import { OpenPages, startServerAndBrowser } from './browser-setup.js';
import { browserAvailable, stepScreenshot } from './chromium.js';
import { clickInDialog, pickDate, twoChars } from './form-controls.js';
import { PHONE, signInTab } from './page-visit.js';
import { newTab } from './tabs.js';
import {
  ACCEPTANCE,
  completeWithExample,
  PROCESS,
  SAMPLE_USERS,
  throughCreation,
  VERSION,
  walk,
} from './sample-cases.js';
import type { WebServer } from './web-server.js';

const shot = (page: Page, name: string) => stepScreenshot(page, `demonstration-${name}`);

/**
 * A recognised zone's demonstration period (Art. 24, 27) on its case page: what the zone sends and the
 * dates it is held to. Its own server: the case runs from the sandbox's start, its dates within the
 * calendar years the definitions carry.
 */
describe.runIf(browserAvailable())('the demonstration period on the case page (Art. 24, 27)', () => {
  let server: WebServer;
  let browser: Browser | undefined;
  const pages = new OpenPages('demonstration-failed');
  /** The zone the first test recognises; the second revokes it (its dates stay within 2024–2026). */
  let zone = '';

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    await server.createUsers({ ...SAMPLE_USERS, park9: ['park:P-009'] });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await (server as WebServer | undefined)?.stop();
  });
  afterEach(async (context) => {
    await pages.closeAll(context.task);
  }, 60_000);

  async function open(time: string, username: string, caseId: string): Promise<Page> {
    const page = pages.keep(await newTab(browser as Browser, { viewport: { width: 1440, height: 1000 }, time }));
    await signInTab(page, server, username);
    await page.goto(`${server.url}/cases/${encodeURIComponent(caseId)}`);
    await page.getByRole('heading', { name: '办理记录' }).waitFor();
    return page;
  }

  /**
   * The bell's entries, opened by its button named `bell` (通知 (n) / Notifications (n)), each as
   * "title｜what it is about and when" (案件有新进展：园区｜公示结束 2025-… ).
   */
  async function bellEntries(page: Page, bell: RegExp): Promise<() => Promise<string[]>> {
    await page.getByRole('button', { name: bell }).click();
    // Once it has grown to its place: a link clicked while the panel still zoomed in (antd's ant-zoom-big,
    // slow on a loaded machine) missed it, and the page stayed where it was.
    await page.locator('.ant-popover:not(.ant-zoom-big)').waitFor();
    const items = page.locator('.ant-popover:visible .ant-list-item');
    return () =>
      items.evaluateAll((elements) =>
        elements.map(
          (item) =>
            `${item.querySelector('a')?.textContent ?? ''}｜${item.querySelector('.ant-typography')?.textContent ?? ''}`,
        ),
      );
  }
  /** An entry with its label, the zone's name and what it is about, then its time. */
  const told = (title: string, about: string): unknown =>
    expect.stringMatching(new RegExp(`^${title}｜${about} · \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}`));

  it('a zone’s report of a major matter (Art. 27) is asked about before it is sent, and its form is empty once sent; a year on, its dates say what they are counted from', async () => {
    const caseId = await throughCreation(server, 'park9', 'P-009', '云栖湾数字经济产业园');
    zone = caseId;
    const opens = (await server.ok<CaseView>('GET', `/api/cases/${caseId}`, { as: 'admin' })).due.acceptanceOpens;
    await server.advanceTo(`${opens ?? ''}T09:00:00+08:00`);
    await walk(server, caseId, 'park9', [...ACCEPTANCE, ['expert', 'expertEvaluation']]);
    const ends = (await server.ok<CaseView>('GET', `/api/cases/${caseId}`, { as: 'admin' })).due.publicityEnds;
    const recognised = new Date(Date.parse(`${ends ?? ''}T09:00:00+08:00`) + 86_400_000).toISOString();
    await server.advanceTo(recognised);
    await completeWithExample(server, 'samr', caseId, 'samrRecognition');
    const reports = async () =>
      (await server.ok<{ name: string }[]>('GET', `/api/cases/${caseId}/submissions`, { as: 'admin' })).filter(
        (submission) => submission.name === 'majorEvent',
      ).length;

    const park = await open(recognised, 'park9', caseId);
    // The zone's bell told it the notice closed (a timer's plain end, by its name) and that it was
    // recognised (the stage entered by the event named on the diagram), each under its label.
    const entries = await bellEntries(park, /^通知 \(\d+\)$/);
    await expect
      .poll(entries)
      .toEqual(
        expect.arrayContaining([
          told('案件有新进展：云栖湾数字经济产业园', '公示结束'),
          told('案件进入新阶段：云栖湾数字经济产业园', '认定为示范区'),
        ]),
      );
    await park.keyboard.press('Escape');
    await park.locator('.ant-popover:visible').waitFor({ state: 'detached' });
    await park.getByRole('button', { name: '示范区重大事项报告', exact: true }).click();
    const report = park.locator('.ant-collapse-item').filter({ hasText: '示范区重大事项报告' });
    await report.getByRole('button', { name: '填入示例（培训用）' }).click();
    await pickDate(park, report, '发生日期', (ends ?? '').slice(0, 10));
    const sendIt = () => report.getByRole('button', { name: twoChars('提交') }).click();
    await sendIt();
    // It cannot be taken back: asked by its title, with what sending it means (it was sent at once).
    const dialog = park.getByRole('dialog', { name: '确认提交「示范区重大事项报告」？' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('提交后不能撤回或修改，将记入本案办理记录。');
    await shot(park, '13-major-event-asked');
    await clickInDialog(park, dialog.getByRole('button', { name: '暂不提交' }));
    await dialog.waitFor({ state: 'detached' });
    expect(await reports()).toBe(0);

    await sendIt();
    await clickInDialog(park, dialog.getByRole('button', { name: '确认提交' }));
    await expect.poll(reports).toBe(1);
    // Sent, the form starts empty for the next report: it kept the one sent, a second 提交 sending it again.
    await expect.poll(() => report.getByLabel('事项标题').inputValue()).toBe('');
    await shot(park, '14-major-event-sent');
    await sendIt();
    await report.locator('[role=alert]').filter({ hasText: '「事项标题」为必填项' }).waitFor();
    expect(await reports()).toBe(1);

    // A year on, the next annual date is the second anniversary: two years from recognition, as the
    // table says (it read 向后计算1年 under a date two years on, Art. 27).
    const { due } = await server.ok<CaseView>('GET', `/api/cases/${caseId}`, { as: 'admin' });
    const first = due.nextAnnualReportDue ?? '';
    await server.advanceTo(`${first}T23:59:59+08:00`);
    await server.advanceTo(new Date(Date.parse(`${first}T00:00:00+08:00`) + 2 * 86_400_000).toISOString());
    const later = await server.ok<CaseView>('GET', `/api/cases/${caseId}`, { as: 'admin' });
    expect(later.due.nextAnnualReportDue).not.toBe(first);
    await park.reload();
    const row = park.locator('tr[data-row-key="nextAnnualReportDue"]');
    await expect
      .poll(() => row.textContent())
      .toContain(`自认定之日（${later.due.recognizedOn ?? ''}）起，向后计算2年`);
    expect(await row.textContent()).toContain(later.due.nextAnnualReportDue);
    // The first year's report, open now, says which year it is for: from the day after recognition to
    // the first anniversary (a late one stands beside the next year's under the same name, Art. 27).
    const yearStart = new Date(Date.parse(`${later.due.recognizedOn ?? ''}T00:00:00Z`) + 86_400_000).toISOString();
    const reportCard = park.locator('.qbz-task-card[data-task="submitAnnualReport"]');
    expect(await reportCard.locator('[data-task-period="1"]').textContent()).toBe(
      ` · 所属期间：${yearStart.slice(0, 10)} 至 ${first}`,
    );
    // The province, holding nothing on the case, reads that the zone owes it and since when (the page
    // said only 您在本案件暂无待办任务, the reports left unsent one red box on the diagram).
    const openedOn = new Date(Date.parse(`${first}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const province = await open(`${openedOn}T09:00:00+08:00`, 'province-js', caseId);
    const owed = province.locator('[data-others-tasks] [data-others-task="submitAnnualReport"]');
    await owed.waitFor();
    expect(await owed.textContent()).toBe(
      '报送年度工作报告创建主体（园区管理委员会或所在地人民政府） · 云栖湾数字经济产业园 · ' +
        `${openedOn} 00:00 开启 · 所属期间：${yearStart.slice(0, 10)} 至 ${first}`,
    );
    // The demonstration period is counted from the day of recognition, by its date (it read only
    // 自事件发生之日起, Art. 24).
    const period = park.locator('tr[data-row-key="demonstrationEnds"]');
    expect(await period.textContent()).toContain(`自事件发生之日（${later.due.recognizedOn ?? ''}）起，向后计算3年`);
  }, 300_000);

  it('a zone revoked (Art. 27): its new case says above the form, before it is filled, that submitting ends it, and from which day it may apply again', async () => {
    expect(zone, 'the zone the test above recognises').not.toBe('');
    const proposal = await server.ok<{ examples: unknown[] }>(
      'GET',
      `/api/definitions/${PROCESS}/${VERSION}/forms/revocation-proposed`,
    );
    const propose = () =>
      server.ok('POST', `/api/cases/${zone}/messages/revocationProposed`, {
        as: 'samr',
        body: { data: proposal.examples[0] },
      });
    // Proposed once and kept (维持认定, a plain end SAMR's decision reached), then proposed again.
    await propose();
    await completeWithExample(server, 'samr', zone, 'samrRevocationDecision', { decision: 'keep' });
    await propose();
    const revoked = await completeWithExample(server, 'samr', zone, 'samrRevocationDecision', { decision: 'revoke' });
    expect(revoked.status).toBe('revoked');
    const allowedFrom = revoked.due.reapplyAllowedFrom ?? '';
    const again = await server.ok<CaseView>('POST', '/api/cases', {
      as: 'park9',
      body: { process: PROCESS, park: 'P-009', province: '320000' },
    });

    // The walk filled the whole creation application and learnt it only in the dialog before 提交.
    const park = await open(revoked.updatedAt, 'park9', again.id);
    const card = park.locator('.qbz-task-card[data-task="submitCreationApplication"]');
    const banner = card.locator('[data-foretold="ineligible"]');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('无论本表单如何填写，今日提交后本案都将以「不符合申报条件」办结');
    expect(await banner.textContent()).toContain('不得再次提出创建申请（Art. 27）');
    expect(await banner.textContent()).toContain(
      `此前的案件 ${zone} 已于 ${revoked.statusDate} 办结（已撤销认定）；可再次提出创建申请之日：${allowedFrom}（第二十七条）。`,
    );
    // Above the form, not below it.
    const above = await banner.evaluate((node) => {
      const form = node.closest('.qbz-task-card')?.querySelector('form');
      return form != null && (node.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    });
    expect(above).toBe(true);
    await shot(park, '15-reapply-ban-foretold');

    // The zone's bell: SAMR's proposals reached it as new matters on its case, by the message's name,
    // and the revocation kept as progress on the case, by the end's name; one opens that case.
    const entries = await bellEntries(park, /^通知 \(\d+\)$/);
    await expect
      .poll(entries)
      .toEqual(
        expect.arrayContaining([
          told('案件收到新事项：云栖湾数字经济产业园', '提出撤销'),
          told('案件有新进展：云栖湾数字经济产业园', '维持认定'),
        ]),
      );
    await shot(park, '15a-zone-bell');
    await park
      .locator('.ant-popover:visible .ant-list-item')
      .filter({ hasText: '提出撤销' })
      .getByRole('link', { name: '案件收到新事项：云栖湾数字经济产业园' })
      .first()
      .click();
    await park.waitForURL(`**/cases/${encodeURIComponent(zone)}`);
    // The revoked zone's own page (the new case's heading names the park by its id, P-009).
    await park.getByRole('heading', { name: '云栖湾数字经济产业园 已撤销认定', level: 1 }).waitFor();
    // Its end says on what grounds and by which decision (Art. 27), not only 撤销认定 and the comment.
    const details = park.locator('[data-ended] [data-decision-detail]');
    await details.first().waitFor();
    expect(await details.allTextContents()).toEqual([
      '撤销事由：示范推广工作不力、引领效果不明显',
      expect.stringMatching(/^核查情况：经会同相关部门核查/),
      '决定文号：国市监质函〔2026〕35号',
    ]);

    await park.goto(`${server.url}/cases/${encodeURIComponent(again.id)}?lang=en`);
    await banner.waitFor();
    await expect
      .poll(() => banner.textContent())
      .toContain('submitting it today ends this case as "Not eligible to apply"');
    expect(await banner.textContent()).toContain(
      `Earlier case ${zone} ended on ${revoked.statusDate} (Recognition revoked); Date from which a creation application may be made again: ${allowedFrom} (Art. 27).`,
    );
    // The reason the end records is the definitions' and reads in English too (it stayed 该园区示范区认定被撤销未满三年…).
    expect(await banner.textContent()).toContain(
      'revoked less than three years ago: it may not apply for creation again (Art. 27).',
    );
    expect(await banner.textContent()).not.toMatch(/[\u4e00-\u9fff]/);
    // The bell in English: each label, and the names the diagram gives, in English.
    const english = await bellEntries(park, /^Notifications \(\d+\)$/);
    await expect
      .poll(english)
      .toEqual(
        expect.arrayContaining([
          told('New matter on the case: 云栖湾数字经济产业园', 'Revocation proposed'),
          told('Progress on the case: 云栖湾数字经济产业园', 'Keep recognition'),
          told('Progress on the case: 云栖湾数字经济产业园', 'Public notice ended'),
          told('Case entered a new stage: 云栖湾数字经济产业园', 'Recognised as a demonstration zone'),
        ]),
      );
    await park.keyboard.press('Escape');
    await park.locator('.ant-popover:visible').waitFor({ state: 'detached' });

    // On a phone, by keyboard: the first Tab after the case's 刷新 (the page's heading comes next)
    // stops on the banner, a region named by its first sentence, and shows its top (the form's first
    // field took that Tab, and the banner's words were scrolled off above it: found by the walk).
    await park.setViewportSize(PHONE);
    await park.getByRole('button', { name: 'Reload', exact: true }).focus();
    await park.keyboard.press('Tab');
    const region = park.getByRole('region', { name: /^Read this first: whatever this form holds/ });
    expect(await region.evaluate((node) => node === document.activeElement)).toBe(true);
    expect(await region.locator('[data-foretold]').count()).toBe(1);
    const top = await region.evaluate((node) => node.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(PHONE.height);
    await shot(park, '16-reapply-ban-phone-keyboard');
  }, 300_000);
});
