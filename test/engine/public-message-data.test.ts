import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../engine/cases/case-record.js';
import { as, EngineHarness, throughAcceptance, throughCreation } from '../support/engine-harness.js';

describe('what the public sends', () => {
  it('is kept as its submission and never becomes the case’s data (the objection’s `commitment` is not the park’s)', async () => {
    const h = await EngineHarness.open({ start: '2024-04-01T09:00:00+08:00' });
    try {
      const created = await throughCreation(h);
      await h.advanceTo('2025-04-02T09:00:00+08:00');
      expect((await throughAcceptance(h, created.id)).status).toBe('publicizing');
      const stored = async () => (await h.store.get<CaseRecord>('cases', created.id))?.variables ?? {};
      const before = await stored();
      expect(before.commitment, 'the park’s own declaration, from its application').toBeDefined();

      const objection = await h.example('objection');
      await h.engine.sendMessage(created.id, 'objection', as('public'), objection);

      const after = await stored();
      expect(after).toEqual(before);
      expect(after).not.toHaveProperty('objector');
      const submissions = await h.engine.submissions(created.id, as('samr'));
      expect(submissions.at(-1)).toMatchObject({ kind: 'message', name: 'objection', data: objection });
    } finally {
      await h.close();
    }
  });
});

describe('a public notice', () => {
  it('says what it publicises, as the diagram names the window’s sub-process: the acceptance result, then the re-review’s', async () => {
    const h = await EngineHarness.open({ start: '2024-04-01T09:00:00+08:00' });
    try {
      const created = await throughCreation(h);
      await h.advanceTo('2025-04-02T09:00:00+08:00');
      await throughAcceptance(h, created.id);
      const titles = () => h.engine.publicWindows().map((window) => [window.view.id, window.title]);
      expect(titles()).toEqual([[created.id, '公示评估验收结果']]);

      await h.advanceTo('2025-04-11T09:00:00+08:00');
      expect(titles()).toEqual([]);
      const recognized = await h.complete(created.id, 'samrRecognition', as('samr'));
      expect(recognized.status).toBe('demonstrating');
      // The re-review opens six months before the demonstration period ends (Art. 28).
      await h.advanceTo('2027-11-01T09:00:00+08:00');
      await h.complete(created.id, 'submitReReviewApplication', as('park', 'P-001'));
      await h.complete(created.id, 'provincialReReview', as('province', '320000'));
      await h.complete(created.id, 'provincialLeadingGroupReReview', as('province-leading-group', '320000'));
      for (const ministry of ['moa', 'mofcom', 'mct', 'cnipa'])
        await h.complete(created.id, 'departmentOpinion', as('ministry', ministry));
      await h.complete(created.id, 'samrReReviewEvaluation', as('samr'));
      expect(titles()).toEqual([[created.id, '公示复审评估结果']]);
    } finally {
      await h.close();
    }
  });
});
