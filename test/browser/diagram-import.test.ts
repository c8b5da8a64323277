import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findVersionDirs } from '../../engine/definitions/read-definitions.js';
import { browserAvailable, launchChromium, stepScreenshot } from './chromium.js';
import { camundaModdle, openDiagramPage } from './diagram-page.js';

/** The part of the bpmn-js modeler API the page script uses. */
interface BpmnModeler {
  importXML(xml: string): Promise<{ warnings: { message: string }[] }>;
  get(service: 'canvas'): { zoom(level: string): void };
  get(service: 'elementRegistry'): { getAll(): unknown[] };
}

interface ImportResult {
  warnings: string[];
  error?: string;
  elements: number;
}

/** Every definition version's diagram imports into the bpmn-js modeler (with the Camunda moddle) cleanly. */
describe.runIf(browserAvailable())('process diagrams in bpmn-js', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('open without warnings and render every element', async () => {
    const dirs = await findVersionDirs('definitions');
    expect(dirs.length).toBeGreaterThan(0);
    const page = await openDiagramPage(browser, 'bpmn-modeler.production.min.js');
    for (const dir of dirs) {
      const xml = await readFile(join(dir, 'process.bpmn'), 'utf8');
      const result = await page.evaluate(
        async ({ xml, camunda }): Promise<ImportResult> => {
          const Modeler = (window as unknown as { BpmnJS: new (options: object) => BpmnModeler }).BpmnJS;
          const modeler = new Modeler({ container: '#canvas', moddleExtensions: { camunda } });
          try {
            const { warnings } = await modeler.importXML(xml);
            modeler.get('canvas').zoom('fit-viewport');
            return {
              warnings: warnings.map((warning) => warning.message),
              elements: modeler.get('elementRegistry').getAll().length,
            };
          } catch (error) {
            return { warnings: [], error: (error as Error).message, elements: 0 };
          }
        },
        { xml, camunda: camundaModdle },
      );
      expect(result.error, dir).toBeUndefined();
      expect(result.warnings, dir).toEqual([]);
      const flowElements = (xml.match(/<bpmn:(?:\w+Event|\w*Task|\w+Gateway|subProcess|sequenceFlow)\b/g) ?? []).length;
      expect(result.elements, dir).toBeGreaterThan(flowElements);
      await stepScreenshot(page, `diagram-${dir.split('/').slice(-2).join('@')}`, false);
    }
  });
});
