import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LegalTimeVocabulary } from '../../designer/src/designer/diagram/legal-time/vocabulary.js';
import { browserAvailable, launchChromium, stepScreenshot } from './chromium.js';

/** The BPMN Model Interchange Working Group's reference models, read in place (never copied here). */
const MIWG_DIR = resolve(process.cwd(), '..', 'shared', 'fixtures', 'miwg');
const MODELER = resolve(process.cwd(), 'designer', 'src', 'designer', 'diagram', 'create-modeler.ts');

interface ImportResult {
  warnings: string[];
  error?: string;
  elements: number;
  /** Errors thrown while the properties panel showed each element. */
  panelErrors: string[];
}

const haveModels = existsSync(MIWG_DIR);
if (!haveModels)
  console.warn(`\n${'!'.repeat(78)}\n!! MIWG TEST SKIPPED: no reference models at ${MIWG_DIR}\n${'!'.repeat(78)}\n`);

/** The designer's modeler (createModeler: the same modules as the app) as one script for a page. */
async function bundleModeler(dir: string): Promise<string> {
  const entry = join(dir, 'entry.ts');
  await writeFile(
    entry,
    `import { createModeler } from ${JSON.stringify(MODELER)};\nwindow.createDesignerModeler = createModeler;\n`,
  );
  const outDir = join(dir, 'out');
  await build({
    configFile: false,
    logLevel: 'warn',
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      lib: { entry, formats: ['iife'], name: 'DesignerModeler', fileName: () => 'modeler.js' },
    },
  });
  return outDir;
}

describe.runIf(haveModels && browserAvailable())('the MIWG reference models in the designer’s modeler', () => {
  let browser: Browser;
  let page: Page;
  let dir: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'qbz-miwg-'));
    let outDir: string;
    [browser, outDir] = await Promise.all([launchChromium(), bundleModeler(dir)]);
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.setContent(
      '<html><body style="margin:0;display:flex"><div id="canvas" style="flex:1;min-width:0;height:100vh;position:relative;overflow:hidden"></div>' +
        '<div id="properties" style="width:360px;height:100vh;overflow:auto"></div></body></html>',
    );
    for (const file of await readdir(outDir))
      if (file.endsWith('.css')) await page.addStyleTag({ path: join(outDir, file) });
    await page.addScriptTag({ path: join(outDir, 'modeler.js') });
  }, 120_000);
  afterAll(async () => {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('imports each model without errors and shows every element in the properties panel', async () => {
    const files = (await readdir(MIWG_DIR)).filter((file) => file.endsWith('.bpmn')).sort();
    expect(files).toHaveLength(21);
    const failures: string[] = [];
    const report: string[] = [];
    for (const file of files) {
      const xml = await readFile(join(MIWG_DIR, file), 'utf8');
      const result = await page.evaluate(async (source): Promise<ImportResult> => {
        interface Service {
          getAll(): { id: string }[];
          select(element: unknown): void;
          zoom(level: string): void;
        }
        interface Diagram {
          importXML(xml: string): Promise<{ warnings: { message: string }[] }>;
          get(name: string): Service;
          destroy(): void;
        }
        const create = (window as unknown as { createDesignerModeler: (options: object) => Diagram })
          .createDesignerModeler;
        const container = document.getElementById('canvas');
        const properties = document.getElementById('properties');
        if (container === null || properties === null) throw new Error('page not set up');
        // Typed, so that a member added to the vocabulary fails the type check here, not in CI's browser.
        // The full (高级) panel, so every Camunda group is exercised.
        const vocabulary: LegalTimeVocabulary = {
          rules: () => [],
          dates: () => [],
          label: (key) => key,
          aside: (text, note) => `${text} (${note})`,
          explain: () => undefined,
          conditionWords: () => undefined,
          groups: () => [],
          forms: () => [],
          simple: () => false,
        };
        const modeler = create({
          container,
          properties,
          vocabulary,
        });
        (window as unknown as { current?: Diagram }).current?.destroy();
        (window as unknown as { current?: Diagram }).current = modeler;
        try {
          const { warnings } = await modeler.importXML(source);
          modeler.get('canvas').zoom('fit-viewport');
          const elements = modeler.get('elementRegistry').getAll();
          const panelErrors: string[] = [];
          for (const element of elements) {
            try {
              modeler.get('selection').select(element);
              await new Promise((done) => requestAnimationFrame(done));
            } catch (error) {
              panelErrors.push(`${element.id}: ${(error as Error).message}`);
            }
          }
          modeler.get('selection').select(null);
          return { warnings: warnings.map((warning) => warning.message), elements: elements.length, panelErrors };
        } catch (error) {
          return { warnings: [], error: (error as Error).message, elements: 0, panelErrors: [] };
        }
      }, xml);
      report.push(
        `${file}: ${result.elements} elements, ${result.warnings.length} import warnings` +
          result.warnings.map((warning) => `\n    warning: ${warning}`).join(''),
      );
      if (result.error !== undefined) failures.push(`${file}: import error: ${result.error}`);
      else if (result.elements === 0) failures.push(`${file}: nothing rendered`);
      for (const error of result.panelErrors) failures.push(`${file}: properties panel: ${error}`);
      for (const error of pageErrors.splice(0)) failures.push(`${file}: page error: ${error}`);
      if (file === 'C.1.0.bpmn' || file === 'B.2.0.bpmn')
        await stepScreenshot(page, `miwg-${file.replace('.bpmn', '')}`, false);
    }
    console.log(`MIWG reference models in the designer's modeler:\n${report.join('\n')}`);
    expect(failures).toEqual([]);
  }, 180_000);
});
