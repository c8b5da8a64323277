import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchChromium, stepScreenshot } from './chromium.js';
import { openDraftDiagram, startDesignerServer, type DesignerServer } from './designer-server.js';
import { clickInDialog } from './form-controls.js';

const PROCESS = 'quality-brand-zone';
const FIXTURE = 'test/designer/fixtures/camunda-modeler-constructs.bpmn';

const shot = (page: Page, name: string) => stepScreenshot(page, `diagram-designer-${name}`, false);

/** A badge's problems, as its tooltip and accessible name give them. */
const badgeText = (page: Page, element: string) =>
  page.locator(`[data-problem-badge="${element}"]`).getAttribute('aria-label', { timeout: 20_000 });

/**
 * The draft's diagram in the designer as a policy officer reads it (issue 12 items 7 and 8): at 100 %
 * with a minimap, lane titles written across, an element found by its Chinese name; a diagram from
 * Camunda Modeler with constructs the engine does not run marked in Chinese before it is saved, and
 * exported as a .bpmn download.
 */
describe.runIf(browserAvailable())('the designer’s diagram', () => {
  let server: DesignerServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startDesignerServer(), launchChromium()]);
    await server.createUsers({ officer: ['policy-admin'] });
    page = await openDraftDiagram(server, browser, { user: 'officer', process: PROCESS, from: '2024-03-14', errors });
  }, 240_000);
  afterAll(async () => {
    await browser.close();
    await server.stop();
  });

  it('heads the whole diagram 流程, and lets the officer say who sends a message and with which form', async () => {
    // Nothing selected: the panel speaks of the process (bpmn-js' header said COLLABORATION).
    await expect.poll(() => page.locator('.bio-properties-panel-header-type').first().textContent()).toBe('流程');
    await shot(page, '0-process-heading');
    // The bpmn.io watermark (kept, as its licence asks) is a link named in the page's language.
    expect(await page.locator('a.bjs-powered-by').getAttribute('aria-label')).toBe('由 bpmn.io 提供');
    await expect.poll(() => page.getByRole('link', { name: '由 bpmn.io 提供' }).isVisible()).toBe(true);

    await page.locator('.djs-element[data-element-id="objectionReceived_acceptance"]').first().dispatchEvent('click');
    const group = page.locator('[data-group-id="group-messageEvent"]');
    await group.locator('.bio-properties-panel-group-header').click();
    // Who may send it: the manifest's groups by title, ticked as the diagram declares (candidateGroups=public).
    const sender = (name: string) => page.locator(`[data-entry-id="message-sender-${name}"] input`);
    await sender('public').waitFor();
    expect(await page.locator('[data-entry-id="message-sender-public"]').textContent()).toContain('任何单位或个人');
    expect(await sender('public').isChecked()).toBe(true);
    expect(await sender('province').isChecked()).toBe(false);
    // The form, by its title.
    const form = page.locator('[data-entry-id="message-form"] select');
    expect(await form.inputValue()).toBe('objection');
    expect(await form.locator('option:checked').textContent()).toBe('公示异议书');
    // Without the 高级 switch: no raw extension properties beside it.
    expect(await page.locator('[data-group-id="group-CamundaPlatform__ExtensionProperties"]').count()).toBe(0);
    await sender('province').check();
    // Written to the diagram: still ticked once the element is shown again.
    await page.locator('.djs-element[data-element-id="submitCreationApplication"]').first().dispatchEvent('click');
    await page.locator('.djs-element[data-element-id="objectionReceived_acceptance"]').first().dispatchEvent('click');
    await expect.poll(() => sender('province').isChecked()).toBe(true);
    expect(await sender('public').isChecked()).toBe(true);
    await shot(page, '0a-message-event');
    await page.getByRole('button', { name: '撤销' }).click();
    await expect.poll(() => sender('province').isChecked()).toBe(false);
  });

  it('lets the officer say who does a task and with which form, by title, without Camunda’s technical groups', async () => {
    await page.locator('.djs-element[data-element-id="provincialFeasibilityReview"]').first().dispatchEvent('click');
    const group = page.locator('[data-group-id="group-userTask"]');
    await group.locator('.bio-properties-panel-group-header').click();
    const actor = (name: string) => page.locator(`[data-entry-id="task-actor-${name}"] input`);
    await actor('province').waitFor();
    // The section's own buttons speak the page's language (bpmn-js-properties-panel left them English),
    // each named by its section and saying whether it is open (all were 「展开或收起此部分」 alone).
    const title = (await group.locator('.bio-properties-panel-group-header-title').innerText()).trim();
    const toggle = group.getByRole('button', { name: title, exact: true });
    expect(await toggle.getAttribute('title')).toBe('展开或收起此部分');
    expect(await page.locator('.bio-properties-panel [title="Toggle section"]').count()).toBe(0);
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    await toggle.press('Enter');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.press('Enter');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    // The manifest's groups by their titles, ticked as the diagram declares (candidateGroups="province").
    expect(await page.locator('[data-entry-id="task-actor-province"]').textContent()).toContain('省级市场监管部门');
    expect(await actor('province').isChecked()).toBe(true);
    expect(await actor('park').isChecked()).toBe(false);
    const form = page.locator('[data-entry-id="task-form"] select');
    expect(await form.inputValue()).toBe('provincial-feasibility-review');
    expect(await form.locator('option:checked').textContent()).not.toContain('provincial-feasibility-review');
    // Camunda's assignment and form groups (assignee, candidate users, form type) are under 高级 only.
    expect(await page.locator('[data-group-id="group-CamundaPlatform__UserAssignment"]').count()).toBe(0);
    expect(await page.locator('[data-group-id="group-CamundaPlatform__Form"]').count()).toBe(0);
    await shot(page, '0b-user-task');

    await actor('samr').check();
    // Written to the task itself: Camunda's own field under 高级 shows the same candidate groups.
    await page.getByRole('switch', { name: '高级' }).click();
    const assignment = page.locator('[data-group-id="group-CamundaPlatform__UserAssignment"]');
    await assignment.locator('.bio-properties-panel-group-header').click();
    await expect.poll(() => assignment.locator('input[name="candidateGroups"]').inputValue()).toBe('province,samr');
    await page.getByRole('switch', { name: '高级' }).click();
    await page.getByRole('button', { name: '撤销' }).click();
    await expect.poll(() => actor('samr').isChecked()).toBe(false);
  });

  it('reads at 100 %: minimap, lane titles across, search by name selects and centres', async () => {
    await expect.poll(() => page.locator('.djs-minimap.open').count()).toBe(1);
    // The start of the process at its actual size: a task's name is drawn in the 14 px font.
    const taskText = page.locator('.djs-element[data-element-id="submitCreationApplication"] text').first();
    expect(await taskText.evaluate((text) => text.getBoundingClientRect().height)).toBeGreaterThan(14);
    await expect
      .poll(() => page.locator('[data-lane="Lane_park"]').textContent())
      .toContain('创建主体（园区管理委员会或所在地人民政府，第三条）');
    await shot(page, '1-at-100');

    // After another tab and back (the canvas hidden meanwhile): the search still centres, no page error.
    await page.getByRole('tab', { name: '期限' }).click();
    await page.getByRole('tab', { name: '流程图' }).click();
    const search = page.getByRole('combobox', { name: '按名称查找元素' });
    await search.fill('期满到期');
    await page.locator('[data-search-result="expiredEnd"]').click();
    await expect.poll(() => page.locator('.djs-element.selected').getAttribute('data-element-id')).toBe('expiredEnd');
    // Centred in the canvas.
    const canvas = await page.locator('[data-diagram="modeler"]').boundingBox();
    const found = await page.locator('.djs-element[data-element-id="expiredEnd"] .djs-visual').boundingBox();
    if (canvas === null || found === null) throw new Error('canvas or element not drawn');
    expect(Math.abs(found.x + found.width / 2 - (canvas.x + canvas.width / 2))).toBeLessThan(40);
    expect(Math.abs(found.y + found.height / 2 - (canvas.y + canvas.height / 2))).toBeLessThan(40);
    // The lane it is in is named beside it.
    await expect
      .poll(() => page.locator('.qbz-lane-title').allTextContents())
      .toContainEqual(expect.stringContaining('市场监管总局'));
    expect(errors).toEqual([]);
    await shot(page, '2-found');
  });

  it('selects the first result on Enter, and the one ↓ chose', async () => {
    const search = page.getByRole('combobox', { name: '按名称查找元素' });
    const results = page.locator('.ant-select-dropdown:visible [data-search-result]');
    const selected = () => page.locator('.djs-element.selected').getAttribute('data-element-id');
    // Several elements are named with 公示: Enter takes the first listed, without ↓ first.
    await search.fill('公示');
    await expect.poll(() => results.count()).toBeGreaterThan(2);
    const first = await results.first().getAttribute('data-search-result');
    await search.press('Enter');
    await expect.poll(selected).toBe(first);
    await expect.poll(() => search.inputValue()).toBe('');
    // ↓ moves from the first to the second, and Enter takes that one.
    await search.fill('公示');
    await expect.poll(() => results.count()).toBeGreaterThan(2);
    const second = await results.nth(1).getAttribute('data-search-result');
    await search.press('ArrowDown');
    await search.press('Enter');
    await expect.poll(selected).toBe(second);
  });

  it('keeps the diagram when a file cannot be imported, and says which file and why in Chinese until closed', async () => {
    const file = page.locator('[data-testid="bpmn-file"]');
    const refused = page.locator('[data-testid="import-refused"]');
    // Well-formed BPMN without its layout: bpmn-js cleared the canvas, then refused it.
    await file.setInputFiles({
      name: 'no-layout.bpmn',
      mimeType: 'application/xml',
      buffer: Buffer.from(
        '<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" ' +
          'id="d" targetNamespace="x"><bpmn:process id="p"><bpmn:startEvent id="s"/></bpmn:process></bpmn:definitions>',
      ),
    });
    await expect
      .poll(() => refused.textContent())
      .toContain('无法导入文件 no-layout.bpmn，流程图未改变原因：文件没有流程图的布局（BPMNDiagram），无法显示。');
    // Not a toast gone after a few seconds: still there for the officer to read.
    await page.waitForTimeout(6_000);
    expect(await refused.isVisible()).toBe(true);
    expect(await page.locator('.ant-message-error').count()).toBe(0);
    // An empty file: said so, not moddle's "missing start tag".
    await file.setInputFiles({ name: 'empty.bpmn', mimeType: 'application/xml', buffer: Buffer.from('') });
    await expect.poll(() => refused.textContent()).toBe('无法导入文件 empty.bpmn，流程图未改变原因：文件为空。');
    // A cut file: where it stops being readable, in the words of the damaged-file card.
    await file.setInputFiles({
      name: 'cut.bpmn',
      mimeType: 'application/xml',
      buffer: Buffer.from(
        '<?xml version="1.0"?>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">\n' +
          '<bpmn:process id="p"><bpmn:startEvent id="s"/></bpmn:process></bpmn:definit',
      ),
    });
    await expect
      .poll(() => refused.textContent())
      .toContain(
        '无法导入文件 cut.bpmn，流程图未改变原因：文件不是可读取的 BPMN XML，第 3 行第 62 列无法读取。技术细节：',
      );
    expect(await refused.textContent()).not.toContain('missing start tag');
    // A binary file: a sentence, with the parser's words cut short and printable beneath it.
    await file.setInputFiles({
      name: 'junk.bpmn',
      mimeType: 'application/xml',
      buffer: Buffer.from([0, 1, 2, 0xff, 60, 98]),
    });
    await expect.poll(() => refused.textContent()).toContain('无法导入文件 junk.bpmn');
    expect(await refused.textContent()).not.toMatch(/[\u0000-\u0008\ufffd]/);
    await shot(page, '2a-import-refused');
    // Closed by the officer.
    await refused.getByRole('button', { name: '关闭此提示' }).click();
    await expect.poll(() => refused.count()).toBe(0);
    // The diagram as it was, still editable and downloadable.
    await page.locator('.djs-element[data-element-id="submitCreationApplication"]').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 .bpmn' }).click(),
    ]);
    expect(await readFile(await download.path(), 'utf8')).toContain('id="submitCreationApplication"');
    expect(errors).toEqual([]);
  });

  it('refuses a file too large to save at once, by its size, without reading it (60 MB took 8 s with nothing shown); a file it reads shows and says it is being read', async () => {
    const file = page.locator('[data-testid="bpmn-file"]');
    const refused = page.locator('[data-testid="import-refused"]');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 .bpmn' }).click(),
    ]);
    const xml = await readFile(await download.path(), 'utf8');
    // Over Playwright's 50 MB for a file given as bytes: written to a file of its own.
    const huge = join(await mkdtemp(join(tmpdir(), 'qbz-huge-')), 'huge.bpmn');
    await writeFile(
      huge,
      xml.replace('</bpmn:definitions>', `<!--${' '.repeat(60 * 1024 * 1024)}-->\n</bpmn:definitions>`),
    );
    await file.setInputFiles(huge);
    await expect
      .poll(() => refused.textContent(), { timeout: 2_000 })
      .toBe(
        '无法导入文件 huge.bpmn，流程图未改变原因：文件大小为 60.2 MB，草稿中的流程图文件不能超过 1 MB，无法保存。',
      );
    await refused.getByRole('button', { name: '关闭此提示' }).click();
    // Just under the limit by its size, over it as the save sends it (its quotes and line breaks
    // escaped in the JSON body): refused, saying the size the file must come under.
    const near = join(await mkdtemp(join(tmpdir(), 'qbz-near-')), 'near.bpmn');
    const padding = 1024 * 1024 - 1024 - Buffer.byteLength(xml) - '<!---->\n'.length;
    await writeFile(near, xml.replace('</bpmn:definitions>', `<!--${' '.repeat(padding)}-->\n</bpmn:definitions>`));
    await file.setInputFiles(near);
    await expect.poll(() => refused.count()).toBe(1);
    const said = (await refused.textContent()) ?? '';
    expect(said).toMatch(
      /^无法导入文件 near\.bpmn，流程图未改变原因：文件大小为 1 MB，保存时连同转义字符为 1\.\d\d MB，超过一次保存所能接受的 1 MB，无法保存；此文件须小于 \d+ KB。$/,
    );
    const fit = Number(/须小于 (\d+) KB/.exec(said)?.[1]);
    expect(fit).toBeLessThan(1023);
    expect(fit).toBeGreaterThan(900);
    await refused.getByRole('button', { name: '关闭此提示' }).click();
    // One it reads: the button says so meanwhile (busy, named for what it does then), and a status
    // region tells a screen reader which file; both gone once it is open.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { busySeen: string[] }).busySeen = seen;
      new MutationObserver(() => {
        const busy = document.querySelector('[aria-busy="true"]');
        if (busy !== null)
          seen.push(
            `${busy.textContent.trim()} / ${document.querySelector('[data-import-status]')?.textContent ?? ''}`,
          );
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await file.setInputFiles({ name: 'same.bpmn', mimeType: 'application/xml', buffer: Buffer.from(xml) });
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { busySeen: string[] }).busySeen.length))
      .toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { busySeen: string[] }).busySeen[0])).toBe(
      '正在读取与检查… / 正在读取与检查文件 same.bpmn…',
    );
    await expect.poll(() => page.locator('[aria-busy="true"]').count()).toBe(0);
    await page.getByRole('button', { name: '导入 .bpmn' }).waitFor();
    expect(await page.locator('[data-import-status]').textContent()).toBe('');
    expect(errors).toEqual([]);
  });

  it('keeps the lane titles across after the draft’s own diagram is imported back (its lanes’ ids unchanged)', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 .bpmn' }).click(),
    ]);
    const file = await download.path();
    const lane = page.locator('.djs-element[data-element-id="Lane_park"]');
    // Each import draws the lanes anew, and shows the diagram's start: twice the same lanes in view.
    const importDrawn = async () => {
      const drawnBefore = await lane.elementHandle();
      await page.locator('[data-testid="bpmn-file"]').setInputFiles(file);
      await expect.poll(() => drawnBefore.evaluate((node) => node.isConnected)).toBe(false);
    };
    await importDrawn();
    await importDrawn();
    // The lanes' own titles, on their side, give way to the column's again (they showed through
    // beside it: each lane's title twice, one of them turned on its side).
    await expect.poll(() => lane.getAttribute('class')).toContain('qbz-titled-lane');
    const sideways = lane.evaluate(
      (node) => getComputedStyle(node.querySelector(':scope > .djs-visual > text') ?? node).display,
    );
    expect(await sideways).toBe('none');
    await expect
      .poll(() => page.locator('[data-lane="Lane_park"]').textContent())
      .toContain('创建主体（园区管理委员会或所在地人民政府，第三条）');
    await shot(page, '2b-imported-back');
    expect(errors).toEqual([]);
  });

  it('opens a diagram with what it cannot read left out, and says each in Chinese above it until the next import (a toast said only how many)', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 .bpmn' }).click(),
    ]);
    const xml = (await readFile(await download.path(), 'utf8'))
      .replace(
        /(<bpmn:process [^>]*>)/,
        '$1<bpmn:notAThing id="n1"/><bpmn:task id="undrawn"><bpmn:incoming>noSuchFlow</bpmn:incoming></bpmn:task>',
      )
      .replace('id="submitCreationApplication"', 'id="submitCreationApplication" bpmn:colour="red"');
    await page
      .locator('[data-testid="bpmn-file"]')
      .setInputFiles({ name: 'odd.bpmn', mimeType: 'application/xml', buffer: Buffer.from(xml) });
    const warned = page.locator('[data-testid="import-warnings"]');
    await expect.poll(() => warned.textContent()).toContain('流程图已打开，其中 3 处未能读取，已略去：');
    const text = (await warned.textContent()) ?? '';
    expect(text).toMatch(/第 \d+ 行第 \d+ 列的 <bpmn:notAThing> 不是可识别的 BPMN 内容/);
    expect(text).toContain('属性 bpmn:colour 不是可识别的 BPMN 属性');
    expect(text).toContain('引用的元素 noSuchFlow 不存在');
    // Not a toast gone after a few seconds: still there to be read.
    await page.waitForTimeout(5_000);
    expect(await warned.isVisible()).toBe(true);
    await page.locator('.djs-element[data-element-id="submitCreationApplication"]').waitFor();
    // The next import starts afresh.
    await page.locator('[data-testid="bpmn-file"]').setInputFiles(await download.path());
    await expect.poll(() => warned.count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('reads a diagram saved in GBK in its encoding, and says in Chinese an encoding it does not know', async () => {
    // File.text() read UTF-8 only: each Chinese name of a GBK file became �, and bpmn-js said in English
    // “unsupported document encoding <GBK>, falling back to UTF-8” as something left out.
    const file = (encoding: string, name: Buffer) =>
      Buffer.concat([
        Buffer.from(
          `<?xml version="1.0" encoding="${encoding}"?><bpmn:definitions ` +
            'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" ' +
            'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" ' +
            'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" id="d" targetNamespace="x">' +
            '<bpmn:process id="p" isExecutable="true"><bpmn:userTask id="gbkTask" name="',
        ),
        name,
        Buffer.from(
          '"/></bpmn:process><bpmndi:BPMNDiagram id="dg"><bpmndi:BPMNPlane id="pl" bpmnElement="p">' +
            '<bpmndi:BPMNShape id="gbkTask_di" bpmnElement="gbkTask"><dc:Bounds x="100" y="100" width="100" ' +
            'height="80"/></bpmndi:BPMNShape></bpmndi:BPMNPlane></bpmndi:BPMNDiagram></bpmn:definitions>',
        ),
      ]);
    const input = page.locator('[data-testid="bpmn-file"]');
    const label = page.locator('.djs-element[data-element-id="gbkTask"] text').first();
    const warned = page.locator('[data-testid="import-warnings"]');
    // 审核申请 in GBK.
    await input.setInputFiles({
      name: 'gbk.bpmn',
      mimeType: 'application/xml',
      buffer: file('GBK', Buffer.from('c9f3bacbc9eac7eb', 'hex')),
    });
    await expect.poll(() => label.textContent()).toBe('审核申请');
    expect(await warned.count()).toBe(0);
    await input.setInputFiles({
      name: 'odd-encoding.bpmn',
      mimeType: 'application/xml',
      buffer: file('x-no-such-encoding', Buffer.from('审核申请')),
    });
    await expect
      .poll(() => warned.textContent())
      .toContain('文件声明的字符编码 x-no-such-encoding 无法识别，已按 UTF-8 读取');
    expect(await label.textContent()).toBe('审核申请');
    // A byte order mark wins over the declaration (XML 1.0, Appendix F): UTF-16 as Windows' “Unicode”
    // saves it was read as UTF-8 and refused as unreadable; UTF-8 that says UTF-16 (no such file can
    // be, its declaration reads as ASCII) was read as UTF-16, one line of CJK nonsense, and refused too.
    const utf16 = (name: string) =>
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(file('UTF-16', Buffer.from(name)).toString(), 'utf16le')]);
    const refused = page.locator('[data-testid="import-refused"]');
    for (const [name, buffer] of [
      ['utf-16.bpmn', utf16('审核材料')],
      ['says-utf-16.bpmn', file('UTF-16', Buffer.from('审核意见'))],
    ] as const) {
      await input.setInputFiles({ name, mimeType: 'application/xml', buffer });
      await expect.poll(() => label.textContent()).toBe(name === 'utf-16.bpmn' ? '审核材料' : '审核意见');
      expect(await refused.count(), name).toBe(0);
      expect(await warned.count(), name).toBe(0);
    }
    expect(errors).toEqual([]);
  });

  it('marks in Chinese what an imported diagram uses that the engine does not run, and exports it', async () => {
    await page.locator('[data-testid="bpmn-file"]').setInputFiles(FIXTURE);
    expect(await badgeText(page, 'computeScore')).toContain('本系统不能运行脚本任务');
    expect(await badgeText(page, 'whichReviews')).toContain('本系统不能运行包容网关');
    expect(await badgeText(page, 'reviewsDone')).toContain('本系统不能运行包容网关');
    expect(await badgeText(page, 'remindEvery')).toContain('本系统不会触发事件子流程');
    await expect.poll(() => page.locator('.ant-message').textContent()).toContain('本系统不能运行的内容');
    // The elements themselves carry the problem marker; what the engine runs does not.
    expect(await page.locator('.djs-element.qbz-problem-error[data-element-id="computeScore"]').count()).toBe(1);
    expect(await page.locator('[data-problem-badge="provinceReview"]').count()).toBe(0);
    await page.getByRole('button', { name: '适应窗口' }).click();
    await shot(page, '3-imported');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 .bpmn' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.bpmn$/);
    const path = await download.path();
    const exported = await readFile(path, 'utf8');
    expect(exported).toContain('<bpmn:inclusiveGateway id="whichReviews" name="需要哪些审核？"');
    expect(exported).toContain('<bpmn:scriptTask id="computeScore"');
    expect(exported).toContain('triggeredByEvent="true"');
    expect(errors).toEqual([]);
  });

  it('asks before leaving the imported diagram unsaved; 放弃修改并离开 leaves, and the draft keeps its saved diagram', async () => {
    await page.getByRole('link', { name: '返回版本列表' }).first().click();
    const leave = page.getByRole('dialog', { name: '有修改尚未保存，确定离开此页？' });
    await clickInDialog(page, leave.getByRole('button', { name: '放弃修改并离开' }));
    await page.locator(`tr[data-version]`).first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/designer');
    await page.getByRole('link', { name: '打开' }).first().click();
    await page.locator('[data-diagram="modeler"][data-diagram-ready="true"]').waitFor({ timeout: 60_000 });
    await page.locator('.djs-element[data-element-id="submitCreationApplication"]').first().waitFor();
    expect(await page.locator('.djs-element[data-element-id="computeScore"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('asks about leaving at once after a diagram edit, before its XML is exported (it left unasked for a second); undone, nothing is unsaved', async () => {
    const task = page.locator('.djs-element[data-element-id="submitCreationApplication"]').first();
    await task.dispatchEvent('click');
    const name = page.locator('#bio-properties-panel-name');
    if (!(await name.isVisible()))
      await page.locator('[data-group-id="group-general"] .bio-properties-panel-group-header').click();
    await name.fill('提交创建申请（改）');
    await task.getByText('提交创建申请（改）').waitFor();
    await page.getByRole('link', { name: '返回版本列表' }).first().click();
    const leave = page.getByRole('dialog', { name: '有修改尚未保存，确定离开此页？' });
    await leave.waitFor();
    await clickInDialog(page, leave.getByRole('button', { name: '留在此页' }));
    await leave.waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).not.toBe('/designer');
    // Undone back to the saved diagram: nothing unsaved (it stayed 未保存, and leaving asked).
    const unsaved = page.getByRole('tab', { name: /流程图/ }).getByTitle('未保存');
    await unsaved.waitFor();
    await page.getByRole('button', { name: '撤销' }).click();
    await task.getByText('提交创建申请', { exact: true }).waitFor();
    await unsaved.waitFor({ state: 'detached' });
    await page.getByRole('link', { name: '返回版本列表' }).first().click();
    await page.locator('tr[data-version]').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/designer');
    expect(errors).toEqual([]);
  });
});
