import { beforeAll, describe, it } from 'vitest';
import { check, checkBroken, expectNoProblem, loadRealVersion, removeJson, setJson, type RealVersion } from './helpers.js';

// `publicSubmissionReaders` (manifest): who may read what the public sends (Art. 22; README "Security").

let real: RealVersion;
beforeAll(async () => {
  real = await loadRealVersion();
});

const MANIFEST = 'manifest.json';

describe('the validator checks who may read the public’s submissions', () => {
  it('accepts the real declaration (samr, ministry, expert)', async () => {
    expectNoProblem(await check(real.source, real.context), { check: 'public-readers' });
  });

  it('refuses a process anyone may message that declares no readers', async () => {
    await checkBroken(real.context, removeJson(real.source, MANIFEST, '/publicSubmissionReaders'), {
      check: 'public-readers',
      file: 'process.bpmn',
    });
  });

  it.each([
    ['the public itself', 'public', 'public-readers'],
    ['the subject objected against', 'park', 'public-readers'],
    ['an undeclared group', 'journalists', 'unknown-group'],
  ])('refuses %s as a reader, at the entry', async (_label, group, problem) => {
    await checkBroken(real.context, setJson(real.source, MANIFEST, '/publicSubmissionReaders/-', group), {
      check: problem,
      file: MANIFEST,
      pointer: '/publicSubmissionReaders/3',
    });
  });
});
