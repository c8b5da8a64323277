import { beforeAll, describe, expect, it } from 'vitest';
import { periodsIn, readNumber } from '../../engine/definitions/checks/text-numbers.js';
import type { Indicators, Rules } from '../../engine/definitions/types.js';
import { check, checkBroken, editBpmn, editJson, expectNoProblem, lines, loadRealVersion, type RealVersion } from './helpers.js';

// Numbers in words that disagree with the value they describe (issue 12, item 3): warnings, on a
// modified copy of 2024-03-14.

let real: RealVersion;
function ruleOf(rules: Rules, name: string): Rules[string] {
  const rule = rules[name];
  if (rule === undefined) throw new Error(`no rule ${name}`);
  return rule;
}
beforeAll(async () => {
  real = await loadRealVersion();
});

describe('reading numbers written in Chinese or digits', () => {
  it('reads Chinese numerals and digits', () => {
    expect(['五', '十', '十五', '二十二', '一百', '一百零五', '两', '7', '１５'].map(readNumber)).toEqual([
      5, 10, 15, 22, 100, 105, 2, 7, 15,
    ]);
    expect(readNumber('五五')).toBeUndefined();
  });

  it('finds periods with their unit, and ignores article numbers and calendar years', () => {
    expect(periodsIn('公示期（不少于五个工作日，第二十二条、第二十八条）')).toEqual([{ kind: 'workingDays', amount: 5 }]);
    expect(periodsIn('示范期到期前六个月，近三年，2024年')).toEqual([
      { kind: 'months', amount: 6 },
      { kind: 'months', amount: 36 },
    ]);
  });
});

describe('rule-title-number and indicator-text-number', () => {
  it('the real version has none', async () => {
    const result = await check(real.source, real.context);
    expectNoProblem(result, { check: 'element-text-number' });
    expectNoProblem(result, { check: 'rule-title-number' });
    expectNoProblem(result, { check: 'indicator-text-number' });
  });

  it('warns when the notice is 7 working days and its title still says 不少于五个工作日 (Art. 22)', async () => {
    const source = editJson<Rules>(real.source, 'rules.json', (rules) => {
      rules.publicityMinWorkingDays = { ...ruleOf(rules, 'publicityMinWorkingDays'), value: 7 };
    });
    const [problem] = await checkBroken(real.context, source, {
      check: 'rule-title-number',
      file: 'rules.json',
      pointer: '/publicityMinWorkingDays/title',
      severity: 'warning',
    });
    expect(problem?.article).toBe('Art. 22');
    // The two notice timers' documentation (公示期不少于五个工作日) says so too.
    const problems = (await check(source, real.context)).problems;
    expect(problems.filter((found) => found.check === 'element-text-number').map((found) => [found.element, found.article])).toEqual([
      ['publicityEndsTimer_acceptance', 'Art. 22'],
      ['publicityEndsTimer_reReview', 'Art. 22'],
    ]);
    expect(problems).toHaveLength(3);
  });

  it('accepts a title that agrees again (七个工作日, or 7个工作日), and years against months (P36M, 三年)', async () => {
    for (const title of ['公示期（不少于七个工作日）', '公示期（不少于7个工作日）']) {
      const source = editJson<Rules>(real.source, 'rules.json', (rules) => {
        rules.publicityMinWorkingDays = { ...ruleOf(rules, 'publicityMinWorkingDays'), value: 7, title };
      });
      const problems = (await check(source, real.context)).problems;
      expect(problems.filter((found) => found.check !== 'element-text-number').map((found) => found.check)).toEqual([]);
    }
    const fixed = editBpmn(
      editJson<Rules>(real.source, 'rules.json', (rules) => {
        rules.publicityMinWorkingDays = { ...ruleOf(rules, 'publicityMinWorkingDays'), value: 7, title: '公示期（不少于七个工作日）' };
      }),
      [/公示期不少于五个工作日/g, '公示期不少于七个工作日'],
    );
    expect(lines(await check(fixed, real.context))).toEqual([]);
    const months = editJson<Rules>(real.source, 'rules.json', (rules) => {
      rules.demonstrationPeriod = { ...ruleOf(rules, 'demonstrationPeriod'), value: 'P36M' };
    });
    expect(lines(await check(months, real.context))).toEqual([]);
  });

  it('warns on a calendar period too: the demonstration period of two years titled 示范期（三年）(Art. 24)', async () => {
    const source = editJson<Rules>(real.source, 'rules.json', (rules) => {
      rules.demonstrationPeriod = { ...ruleOf(rules, 'demonstrationPeriod'), value: 'P2Y' };
    });
    await checkBroken(real.context, source, {
      check: 'rule-title-number',
      file: 'rules.json',
      pointer: '/demonstrationPeriod/title',
      severity: 'warning',
    });
  });

  it('warns when maxScore is 6 and the guidance still says 满分4分', async () => {
    const source = editJson<Indicators>(real.source, 'indicators.json', (indicators) => {
      const indicator = indicators.variants.agriculture?.[0];
      if (indicator === undefined) throw new Error('no agriculture/org-1');
      indicator.maxScore = 6;
      // Written in Chinese and agreeing with maxScore 4: no warning.
      const next = indicators.variants.agriculture?.[1];
      if (next !== undefined) next.guidance = next.guidance.replace('满分4分', '满分四分');
    });
    const problems = await checkBroken(real.context, source, {
      check: 'indicator-text-number',
      file: 'indicators.json',
      pointer: '/variants/agriculture/0/guidance',
      severity: 'warning',
    });
    expect(problems.map((problem) => problem.pointer)).toEqual(['/variants/agriculture/0/guidance']);
    expect(problems[0]?.article).toBe('Art. 8');
  });
});
