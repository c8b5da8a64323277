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
