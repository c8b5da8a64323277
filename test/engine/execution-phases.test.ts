import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../engine/cases/case-record.js';
import { parseBpmn, list, type ModdleElement } from '../../engine/definitions/moddle.js';
import { DefinitionRegistry } from '../../engine/definitions/registry.js';
import { phasedProcessXml } from '../../engine/runtime/phased-source.js';
import { as, EngineHarness, throughAcceptance, throughCreation } from '../support/engine-harness.js';

const VERSION = join('quality-brand-zone', '2024-03-14');
const START = '2024-04-01T09:00:00+08:00';
const ACCEPTANCE_OPEN = '2025-04-03T09:00:00+08:00';

/** The definitions as they were before the version named execution phases. */
async function definitionsWithoutPhases(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'qbz-drawn-'));
  await cp('definitions', dir, { recursive: true });
  const file = join(dir, VERSION, 'manifest.json');
  const manifest = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  delete manifest.executionPhases;
  await writeFile(file, JSON.stringify(manifest, null, 2));
  return dir;
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0)) await step();
});

describe('execution phases', () => {
  it('runs each phase as a sub-process: drawn ids kept, terminate ends caught on the phase', async () => {
    const registry = await DefinitionRegistry.load('definitions');
    const version = registry.get('quality-brand-zone', '2024-03-14');
    const phases = version.definition.manifest.executionPhases ?? [];
    expect(phases.map((phase) => phase.name)).toEqual(['creation', 'acceptance', 'evaluation', 'demonstration']);
    const { definitions } = await parseBpmn(
      await phasedProcessXml(version.definition.processXml, version.model, phases),
    );
    const process = list(definitions, 'rootElements').find((element) => element.$type === 'bpmn:Process');
    const top = list(process, 'flowElements');
    const ids = (elements: ModdleElement[]) => elements.map((element) => element.id);
    const creation = top.find((element) => element.id === 'executionPhase_creation');
    expect(ids(list(creation, 'flowElements'))).toEqual(
      expect.arrayContaining(['submitCreationApplication', 'samrCreationApproval', 'creationRejectedEnd']),
    );
    // The withdraw window runs beside the phases, at the top, as drawn.
    expect(ids(top)).toEqual(expect.arrayContaining(['withdrawWindow', 'acceptanceOpensTimer', 'recognized']));
    expect(ids(top)).not.toContain('submitCreationApplication');
    // The exit keeps its id between the phase and what follows it.
    const exit = top.find((element) => element.id === 'Flow_creationDecision_to_acceptanceOpensTimer');
    expect((exit?.sourceRef as ModdleElement).id).toBe('executionPhase_creation');
    const rejected = list(creation, 'flowElements').find((element) => element.id === 'creationRejectedEnd');
    expect(list(rejected, 'eventDefinitions').map((definition) => definition.$type)).toEqual([
      'bpmn:ErrorEventDefinition',
    ]);
    const caught = top.find((element) => element.id === 'executionPhase_creation_caught');
    expect((caught?.attachedToRef as ModdleElement).id).toBe('executionPhase_creation');
  });

  it('new cases run on the phases; a case saved as drawn goes on as drawn after the phases are named', async () => {
    const drawn = await definitionsWithoutPhases();
    cleanup.push(() => rm(drawn, { recursive: true, force: true }));
    const before = await EngineHarness.open({ start: START, definitions: drawn });
    const old = await throughCreation(before, 'P-OLD');
    await before.engine.close();
    await before.store.close();

    const h = await EngineHarness.open({ start: START, dataDir: before.dataDir });
    cleanup.push(() => h.close());
    const fresh = await throughCreation(h, 'P-NEW', '330000');
    const stored = (id: string) => h.store.get<CaseRecord>('cases', id);
    expect((await stored(old.id))?.layout).toBeUndefined();
    expect((await stored(fresh.id))?.layout).toMatch(/^phases-[0-9a-f]{12}$/);

    // Both wake when acceptance opens, and go through acceptance to the public notice.
    expect(await h.advanceTo(ACCEPTANCE_OPEN)).toBe(2);
    await h.restart();
    await throughAcceptance(h, old.id, 'P-OLD');
    const publicizing = await throughAcceptance(h, fresh.id, 'P-NEW', '330000');
    expect(publicizing.status).toBe('publicizing');
    expect((await h.engine.getCase(old.id, as('samr'))).status).toBe('publicizing');
    expect((await stored(old.id))?.layout).toBeUndefined();
  });

  it('a rejection inside a phase ends the case as it ends as drawn, with nothing left armed', async () => {
    const rejectInAcceptance = async (definitions?: string) => {
      const h = await EngineHarness.open({ start: START, ...(definitions !== undefined && { definitions }) });
      cleanup.push(() => h.close());
      const view = await throughCreation(h, 'P-001');
      await h.advanceTo(ACCEPTANCE_OPEN);
      await h.complete(view.id, 'submitAcceptanceApplication', as('park', 'P-001'));
      const ended = await h.complete(view.id, 'provincialAcceptanceReview', as('province', '320000'), {
        decision: 'reject',
      });
      return { ended, record: await h.store.get<CaseRecord>('cases', view.id) };
    };
    const drawnDefinitions = await definitionsWithoutPhases();
    cleanup.push(() => rm(drawnDefinitions, { recursive: true, force: true }));
    const phased = await rejectInAcceptance();
    const drawn = await rejectInAcceptance(drawnDefinitions);
    expect(phased.record?.layout).toMatch(/^phases-/);
    expect(drawn.record?.layout).toBeUndefined();

    expect(phased.ended.status).toBe('rejected');
    expect(phased.ended.final).toBe(true);
    expect(phased.record?.tasks).toEqual([]);
    expect(phased.record?.timers).toEqual([]);
    expect(phased.record?.windows).toEqual([]);
    // The phase's exit, taken by bpmn-elements after the end, leaves no mark on the case (its diagram
    // page reads these): the elements it completed and visited are those of the case as drawn.
    expect(phased.record?.completed).toEqual(drawn.record?.completed);
    expect(phased.record?.visited).toEqual(drawn.record?.visited);
    expect(phased.record?.completed?.at(-1)).toBe('provincialAcceptanceRejectedEnd');
  });
});
