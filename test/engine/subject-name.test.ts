import { describe, expect, it } from 'vitest';
import { as, EngineHarness } from '../support/engine-harness.js';

describe('a case ended by the submission that names its subject', () => {
  it('keeps the name (Art. 7 declaration): lists, exports and the case header show it', async () => {
    const h = await EngineHarness.open({ start: '2024-04-01T09:00:00+08:00' });
    try {
      const started = await h.engine.startCase(
        { process: 'quality-brand-zone', park: 'P-001', province: '320000' },
        { ...as('park', 'P-001'), region: '320000' },
      );
      const ended = await h.complete(started.id, 'submitCreationApplication', as('park', 'P-001'), {
        parkName: '云澜湖智能装备产业园区',
        art7Declarations: { majorQualityAccident: true },
      });
      expect(ended.final).toBe(true);
      expect(ended.subjectName).toBe('云澜湖智能装备产业园区');
    } finally {
      await h.close();
    }
  });
});
