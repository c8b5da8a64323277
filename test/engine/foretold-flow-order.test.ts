import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitionsWithRevisions } from '../support/definitions-fixture.js';
import { as, EngineHarness, formExample, throughAcceptance, throughCreation } from '../support/engine-harness.js';

/**
 * A foretold end reads the gateway's flows in the order the engine tries them: bpmn-elements takes the
 * diagram's sequence flows as they are listed (flowElements), not as the gateway lists its <outgoing>,
 * and a designer's diagram may list the two differently (a flow reconnected to the gateway).
 * This revision's eligibility gateway tries first a flow reading the form that goes on (an Art. 7
 * declaration made to go on, contrived), then the Art. 27 ban; its <outgoing> lists the ban first.
 */
describe('a foretold end, the gateway listing its flows otherwise than the diagram', () => {
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

  it('tells no end where the form may send the case on first, and the form does', async () => {
    const started = await h.engine.startCase(
      { process: 'quality-brand-zone', park: 'P-001', province: '320000' },
      { ...as('park', 'P-001'), region: '320000' },
    );
    expect(started.version).toBe('2026-04-01');
    expect(started.foretold).toBeUndefined();
    const declared = await h.complete(started.id, 'submitCreationApplication', as('park', 'P-001'), {
      parkType: 'industry',
      art7Declarations: { majorQualityAccident: true },
    });
    expect(declared.status).toBe('applying');
    expect(declared.openTasks.map((task) => task.taskId)).toEqual(['provincialFeasibilityReview']);
  });
});
