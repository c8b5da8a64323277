import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView } from '../../engine/cases/case-view.js';
import type { Manifest } from '../../engine/definitions/types.js';
import { definitionsWithRevisions } from '../support/definitions-fixture.js';
import {
  ADMIN,
  as,
  EngineHarness,
  formExample,
  throughAcceptance,
  throughCreation,
} from '../support/engine-harness.js';

/**
 * A foretold end reads the gateway's flows in the order the engine tries them: bpmn-elements takes the
 * diagram's sequence flows as they are listed (flowElements), not as the gateway lists its <outgoing>,
 * and a designer's diagram may list the two differently (a flow reconnected to the gateway).
 * This revision's eligibility gateway tries first a flow reading the form that goes on (an Art. 7
 * declaration made to go on, contrived), then the Art. 27 ban; its <outgoing> lists the ban first.
 */
describe('a foretold end, the gateway listing its flows otherwise than the diagram, or ending otherwise', () => {
  let h: EngineHarness;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const fixture = await definitionsWithRevisions([
      {
        version: '2026-04-01',
        effectiveFrom: '2026-04-01',
        edit: async (read) => {
          const art7 = 'Flow_eligibilityCheck_to_ineligibleArt7End';
          const art27 = 'Flow_eligibilityCheck_to_ineligibleArt27End';
          const xml = (await read('process.bpmn'))
            .replace('targetRef="ineligibleArt7End"', 'targetRef="mergeFeasibilityReview"')
            // The Art. 7 end goes with its only flow (its lane's reference, the event and its shape).
            .replace('<bpmn:flowNodeRef>ineligibleArt7End</bpmn:flowNodeRef>', '')
            .replace(/<bpmn:endEvent id="ineligibleArt7End"[\s\S]*?<\/bpmn:endEvent>/, '')
            .replace(/<bpmndi:BPMNShape id="ineligibleArt7End_di"[\s\S]*?<\/bpmndi:BPMNShape>/, '')
            .replace(
              '<bpmn:incoming>Flow_eligibilityCheck_to_mergeFeasibilityReview</bpmn:incoming>',
              `<bpmn:incoming>Flow_eligibilityCheck_to_mergeFeasibilityReview</bpmn:incoming><bpmn:incoming>${art7}</bpmn:incoming>`,
            )
            .replace(
              `<bpmn:outgoing>${art7}</bpmn:outgoing>\n      <bpmn:outgoing>${art27}</bpmn:outgoing>`,
              `<bpmn:outgoing>${art27}</bpmn:outgoing>\n      <bpmn:outgoing>${art7}</bpmn:outgoing>`,
            );
          return { 'process.bpmn': xml };
        },
      },
      {
        // The Art. 7 end, which the form may reach before the ban, ends the case otherwise (contrived).
        version: '2026-07-01',
        effectiveFrom: '2026-07-01',
        edit: async (read) => ({
          'process.bpmn': (await read('process.bpmn')).replace(
            /(<bpmn:endEvent id="ineligibleArt7End"[\s\S]*?<camunda:property name="status" value=")ineligible(")/,
            '$1rejected$2',
          ),
        }),
      },
      {
        // Names the revocation and the date it sets otherwise, the date with no article (contrived).
        version: '2026-10-01',
        effectiveFrom: '2026-10-01',
        edit: async (read) => {
          const manifest = JSON.parse(await read('manifest.json')) as Manifest;
          manifest.statuses.revoked = { ...manifest.statuses.revoked, title: '认定已撤销' };
          manifest.dates.reapplyAllowedFrom = { title: '重新申请之日' };
          return { 'manifest.json': JSON.stringify(manifest) };
        },
      },
    ]);
    cleanup = fixture.cleanup;
    h = await EngineHarness.open({ start: '2024-04-01T09:00:00+08:00', definitions: fixture.root });
    const revoked = (await throughCreation(h)).id;
    await h.advanceTo('2025-04-02T09:00:00+08:00');
    await throughAcceptance(h, revoked);
    await h.advanceTo('2025-04-11T09:00:00+08:00');
    await h.complete(revoked, 'samrRecognition', as('samr'));
    await h.advanceTo('2026-03-02T09:00:00+08:00');
    await h.engine.sendMessage(revoked, 'revocationProposed', as('samr'), await formExample('revocation-proposed'));
    await h.advanceTo('2026-03-16T09:00:00+08:00');
    const decided = await h.complete(revoked, 'samrRevocationDecision', as('samr'), { decision: 'revoke' });
    expect(decided.status).toBe('revoked');
    await h.advanceTo('2026-06-01T09:00:00+08:00');
  });
  afterAll(async () => {
    await h.close();
    await cleanup();
  });

  /**
   * The revoked park starts a new case (withdrawing one left open: one case a park at a time), which
   * is told nothing, and submits its application declaring an Art. 7 situation: the case as it goes.
   */
  async function declareInNewCase(version: string): Promise<CaseView> {
    for (const open of h.engine.listCases(ADMIN).filter((view) => view.park === 'P-001' && !view.final))
      await h.engine.sendMessage(open.id, 'withdraw', as('park', 'P-001'), await formExample('withdraw'));
    const started = await h.engine.startCase(
      { process: 'quality-brand-zone', park: 'P-001', province: '320000' },
      { ...as('park', 'P-001'), region: '320000' },
    );
    expect(started.version).toBe(version);
    expect(started.foretold).toBeUndefined();
    return h.complete(started.id, 'submitCreationApplication', as('park', 'P-001'), {
      parkType: 'industry',
      art7Declarations: { majorQualityAccident: true },
    });
  }

  it('tells no end where the form may send the case on first, and the form does', async () => {
    const declared = await declareInNewCase('2026-04-01');
    expect(declared.status).toBe('applying');
    expect(declared.openTasks.map((task) => task.taskId)).toEqual(['provincialFeasibilityReview']);
  });

  it('tells no end where the form may end the case otherwise first, and the form does', async () => {
    await h.advanceTo('2026-08-03T09:00:00+08:00');
    expect((await declareInNewCase('2026-07-01')).status).toBe('rejected');
  });

  it('names the earlier case’s end and dates as its own version does, not as the new case’s', async () => {
    await h.advanceTo('2026-10-02T09:00:00+08:00');
    for (const open of h.engine.listCases(ADMIN).filter((view) => view.park === 'P-001' && !view.final))
      await h.engine.sendMessage(open.id, 'withdraw', as('park', 'P-001'), await formExample('withdraw'));
    const started = await h.engine.startCase(
      { process: 'quality-brand-zone', park: 'P-001', province: '320000' },
      { ...as('park', 'P-001'), region: '320000' },
    );
    expect(started.version).toBe('2026-10-01');
    expect(started.foretold?.earlier).toEqual([
      expect.objectContaining({
        status: 'revoked',
        statusTitle: '已撤销认定',
        due: { reapplyAllowedFrom: '2029-03-17' },
        dueTitles: { reapplyAllowedFrom: { title: '可再次提出创建申请之日', article: 'Art. 27' } },
      }),
    ]);
  });
});
