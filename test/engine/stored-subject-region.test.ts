import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, as, EngineHarness } from '../support/engine-harness.js';

// Issue 10 A.1: a case record holds its subject and region; records written before they were
// declared hold `park` and `province`, and a restarted engine reads them as the case's subject and
// region. Clients see both under the declared names.

const PARK = { ...as('park', 'P-001'), region: '320000' };
const PROVINCE = as('province', '320000');

describe('the stored subject and region', () => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await EngineHarness.open({ start: '2024-04-01T09:00:00+08:00' });
  });
  afterAll(async () => {
    await h.close();
  });

  it('stores subject and region, and shows them as park and province', async () => {
    const view = await h.engine.startCase({ process: 'quality-brand-zone', park: 'P-001', province: '320000' }, PARK);
    const stored = await h.store.get<Record<string, unknown>>('cases', view.id);
    expect(stored).toMatchObject({ subject: 'P-001', region: '320000' });
    expect(stored).not.toHaveProperty('park');
    expect(view).toMatchObject({ park: 'P-001', province: '320000' });
  });

  it('reads a record stored with park and province as its subject and region after a restart', async () => {
    const started = await h.engine.startCase(
      { process: 'quality-brand-zone', park: 'P-002', province: '320000' },
      { ...as('park', 'P-002'), region: '320000' },
    );
    const { subject, region, ...rest } = (await h.store.get<Record<string, unknown>>('cases', started.id)) ?? {};
    await h.store.put('cases', started.id, { ...rest, park: subject, province: region });
    await h.restart();
    expect(await h.engine.getCase(started.id, ADMIN)).toMatchObject({ park: 'P-002', province: '320000' });
    // Scoped as before: its province sees it, and it is still its park's one open case.
    expect(h.engine.listCases(PROVINCE).map((view) => view.id)).toContain(started.id);
    const other = { ...as('park', 'P-002'), region: '320000' };
    await expect(
      h.engine.startCase({ process: 'quality-brand-zone', subject: 'P-002', region: '320000' }, other),
    ).rejects.toThrow('园区 P-002 已有办理中的案件');
  });
});
