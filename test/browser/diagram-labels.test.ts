import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchChromium } from './chromium.js';
import { drawDiagram, labelCollisions, openDiagramPage } from './diagram-page.js';

async function bpmnFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.bpmn'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * Every diagram reads as drawn by bpmn-js with the designer's label font (DIAGRAM_TEXT): no label on
 * top of another, none over a shape it does not name (issue 12 item 7). Boxes are the drawn text's
 * own, so a label that outgrows its BPMNDI bounds counts where it is seen. Fix a failure with
 * `npx tsx test/browser/place-labels.ts FILE.bpmn`.
 */
describe.runIf(browserAvailable())('labels of the process diagrams', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    page = await openDiagramPage(browser);
  }, 60_000);
  afterAll(async () => {
    await browser.close();
  });

  it('never overlap another label or a shape they do not name', async () => {
    const files = [...(await bpmnFiles('definitions')), ...(await bpmnFiles('test/programmes'))];
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) {
      const diagram = await drawDiagram(page, await readFile(file, 'utf8'));
      expect(diagram.warnings, file).toEqual([]);
      // The 2024 process names more than a hundred elements: the check looks at all of them.
      expect(diagram.labels.length, file).toBeGreaterThan(20);
      expect(labelCollisions(diagram), file).toEqual([]);
    }
  });

  it('finds a label drawn over another', async () => {
    const xml = await readFile('definitions/quality-brand-zone/2024-03-14/process.bpmn', 'utf8');
    // The return flow's label put back where bpmn-js guesses it (its middle), over the gateway's name.
    const guessed = xml.replace(
      /(bpmnElement="Flow_leadingGroupDecision_to_mergeFeasibilityReview">[\s\S]*?)\s*<bpmndi:BPMNLabel>[\s\S]*?<\/bpmndi:BPMNLabel>/,
      '$1',
    );
    expect(guessed).not.toBe(xml);
    expect(labelCollisions(await drawDiagram(page, guessed))).toContain(
      'label feasibilityDecision「论证结论？」 overlaps label Flow_leadingGroupDecision_to_mergeFeasibilityReview「退回修改」',
    );
  });
});
