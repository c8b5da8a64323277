import { beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../engine/definitions/problems.js';
import type { VersionSource } from '../../engine/definitions/version-source.js';
import {
  check,
  checkBroken,
  feelCondition,
  loadRealVersion,
  removeJson,
  setCondition,
  setJson,
  type ExpectedProblem,
  type RealVersion,
} from './helpers.js';

// Issue 10 A: who a case is about and through whom it goes, how many open cases a subject may have,
// what the public notice offers and which group is anyone are declarations the validator checks.

let real: RealVersion;
beforeAll(async () => {
  real = await loadRealVersion();
});

const MANIFEST = 'manifest.json';
const expectBroken = (source: VersionSource, ...expected: ExpectedProblem[]): Promise<Problem[]> =>
  checkBroken(real.context, source, ...expected);

describe('manifest declarations of subject, region, anyone and the public notice', () => {
  it('the real version declares them and validates', async () => {
    const result = await check(real.source, real.context);
    expect(result.problems).toEqual([]);
    expect(result.version?.manifest).toMatchObject({
      subject: { name: 'park', title: '园区' },
      region: { name: 'province', title: '省级单位', directory: 'provinces' },
      openCasesPerSubject: 1,
      publicNotice: { message: 'objection', subjectNameField: 'parkName' },
    });
    expect(result.version?.manifest.groups.public).toMatchObject({ anyone: true });
  });

  it('subject and region are required', async () => {
    await expectBroken(removeJson(real.source, MANIFEST, '/subject'), { check: 'file-shape', file: MANIFEST });
    await expectBroken(removeJson(real.source, MANIFEST, '/region'), { check: 'file-shape', file: MANIFEST });
  });

  it('a group scoped to a name that is neither the subject, the region nor element is an error at the group', async () => {
    await expectBroken(setJson(real.source, MANIFEST, '/groups/park/scope', 'county'), {
      check: 'group-scope',
      file: MANIFEST,
      pointer: '/groups/park/scope',
    });
  });

  it('subject and region need two names, neither an engine word', async () => {
    await expectBroken(setJson(real.source, MANIFEST, '/region/name', 'park'), {
      check: 'subject-region',
      file: MANIFEST,
      pointer: '/region/name',
    });
    await expectBroken(setJson(real.source, MANIFEST, '/subject/name', 'element'), {
      check: 'subject-region',
      file: MANIFEST,
      pointer: '/subject/name',
    });
  });

  it("the region's directory must exist", async () => {
    await expectBroken(setJson(real.source, MANIFEST, '/region/directory', 'counties'), {
      check: 'unknown-directory',
      file: MANIFEST,
      pointer: '/region/directory',
    });
  });

  it('one group at most is anyone, and it is not scoped', async () => {
    await expectBroken(setJson(real.source, MANIFEST, '/groups/expert/anyone', true), {
      check: 'anyone-group',
      file: MANIFEST,
      pointer: '/groups',
    });
    await expectBroken(setJson(real.source, MANIFEST, '/groups/park/anyone', true), {
      check: 'anyone-group',
      file: MANIFEST,
      pointer: '/groups/park/scope',
    });
  });

  it('a group that sees only the cases assigned to it is not scoped', async () => {
    await expectBroken(setJson(real.source, MANIFEST, '/groups/park/sees', 'assigned'), {
      check: 'group-sees',
      file: MANIFEST,
      pointer: '/groups/park/sees',
    });
    await expectBroken(setJson(real.source, MANIFEST, '/groups/expert/sees', 'everything'), {
      check: 'file-shape',
      file: MANIFEST,
    });
  });

  it('openCasesPerSubject is a positive whole number', async () => {
    await expectBroken(setJson(real.source, MANIFEST, '/openCasesPerSubject', 0), { check: 'file-shape', file: MANIFEST });
    await expectBroken(setJson(real.source, MANIFEST, '/openCasesPerSubject', 1.5), { check: 'file-shape', file: MANIFEST });
  });

  it('dueSoonWorkingDays is a whole number of working days, 1 to 60', async () => {
    for (const wrong of [0, 1.5, '5', 61])
      await expectBroken(setJson(real.source, MANIFEST, '/dueSoonWorkingDays', wrong), {
        check: 'file-shape',
        file: MANIFEST,
      });
  });

  it('the public notice offers a message the anyone group may send', async () => {
    await expectBroken(setJson(real.source, MANIFEST, '/publicNotice/message', 'withdraw'), {
      check: 'public-notice',
      file: 'process.bpmn',
      severity: 'warning',
    });
    // Without `anyone`, nobody may send the objection: the notice offers nothing, and nothing is public.
    const problems = await expectBroken(removeJson(real.source, MANIFEST, '/groups/public/anyone'), {
      check: 'public-notice',
      file: 'process.bpmn',
      severity: 'warning',
    });
    expect(problems.some((problem) => problem.message.includes('no group is declared "anyone"'))).toBe(true);
  });

  it("the notice's own words are declared together, cite articles, and name a declared group as its reviewer", async () => {
    const words = { title: '拟命名的园区', articles: ['Art. 22'], objectionArticle: 'Art. 22', reviewer: 'samr' };
    const declared = setJson(real.source, MANIFEST, '/publicNotice', { message: 'objection', ...words });
    expect((await check(declared, real.context)).problems).toEqual([]);
    const { reviewer: _left, ...withoutReviewer } = words;
    await expectBroken(setJson(real.source, MANIFEST, '/publicNotice', { message: 'objection', ...withoutReviewer }), {
      check: 'file-shape',
      file: MANIFEST,
    });
    await expectBroken(setJson(real.source, MANIFEST, '/publicNotice/articles', ['第二十二条']), {
      check: 'file-shape',
      file: MANIFEST,
    });
    await expectBroken(setJson(real.source, MANIFEST, '/publicNotice', { message: 'objection', ...words, reviewer: 'nobody' }), {
      check: 'public-notice',
      file: MANIFEST,
      pointer: '/publicNotice/reviewer',
    });
  });

  it('a condition reads the case under the declared names (case.park, case.province)', async () => {
    const flow = 'Flow_feasibilityDecision_to_provincialLeadingGroupReview';
    const declared = setCondition(
      real.source,
      flow,
      feelCondition('decision = &quot;approve&quot; and case.park != &quot;&quot; and case.province != &quot;&quot;'),
    );
    expect((await check(declared, real.context)).problems.filter((problem) => problem.element === flow)).toEqual([]);
  });
});
