import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkText,
  locationText,
  problemArticle,
  problemText,
} from '../../designer/src/designer/review/problem-text.js';
import type { Indicators } from '../../engine/definitions/types.js';
import { check, editJson, loadRealVersion, REPO_ROOT, withFile } from '../definitions/helpers.js';

/** Every check id the validator can report: `.error('id'`, `.warning('id'`, `check: 'id'`, and bpmnlint's rules. */
async function validatorCheckIds(): Promise<string[]> {
  const ids = new Set<string>(['limit']);
  const dir = join(REPO_ROOT, 'engine/definitions');
  const files = (await readdir(dir, { recursive: true })).filter((file) => file.endsWith('.ts'));
  for (const file of files) {
    const text = await readFile(join(dir, file), 'utf8');
    for (const match of text.matchAll(/\.(?:error|warning)\(\s*'([a-z-]+)'|check: '([a-z-]+)'/g))
      ids.add(match[1] ?? match[2] ?? '');
    if (file.endsWith('bpmn-lint.ts'))
      for (const match of text.matchAll(/^ {2}'?([a-z-]+)'?: [a-zA-Z]+,$/gm)) ids.add(`bpmnlint/${match[1] ?? ''}`);
  }
  ids.delete('');
  return [...ids].sort();
}

describe('the validator problems in Chinese', () => {
  it('every check the validator reports has a Chinese sentence', async () => {
    const ids = await validatorCheckIds();
    expect(ids).toContain('timer-rearmed');
    expect(ids).toContain('rule-title-number');
    expect(ids).toContain('bpmnlint/label-required');
    expect(ids.filter((id) => checkText(id) === undefined)).toEqual([]);
  });

  it('carries over the names the English message quotes, and falls back to English for an unknown check', () => {
    expect(
      problemText({ check: 'unknown-date', message: 'due "publicityEndz" is not declared in manifest.json dates' }),
    ).toBe('引用了版本说明中未声明的日期（涉及：publicityEndz）');
    expect(problemText({ check: 'no-such-check', message: 'something else' })).toBe('something else');
    expect(problemText({ check: 'timer-without-rule', message: 'timer names no rule: add a "rule" property' })).toBe(
      '定时器没有指定期限规则',
    );
  });

  it('says the numbers that disagree in Chinese, and finds the article of an element in its documentation', () => {
    expect(
      problemText({
        check: 'rule-title-number',
        message: 'title "公示期（不少于五个工作日）" says 5 working days, the value is 7 working days',
      }),
    ).toBe('期限的名称中写的数字与期限的取值不一致，请同时修改名称：名称写的是 5 个工作日，取值是 7 个工作日');
    expect(
      problemText({
        check: 'indicator-text-number',
        message: 'industry/infra-1: guidance says 满分6分, maxScore is 5',
      }),
    ).toBe('指标的名称或评分指引中写的满分与指标的满分不一致，请同时修改文字：文字写的是满分6分，指标满分为 5 分');
    const names = { elementArticle: (id: string) => (id === 'publicityEndsTimer_acceptance' ? 'Art. 22' : undefined) };
    expect(problemArticle({ element: 'publicityEndsTimer_acceptance' }, names)).toBe('Art. 22');
    expect(problemArticle({ element: 'publicityEndsTimer_acceptance', article: 'Art. 28' }, names)).toBe('Art. 28');
  });

  it('says where in words: the element by its name, a rule by its title, an indicator by variant and title', () => {
    const names = {
      element: (id: string) => ({ publicityEndsTimer_acceptance: '公示期满' })[id],
      rule: (name: string) => ({ publicityMinWorkingDays: '评估验收及复审结果公示期', demonstrationPeriod: ' ' })[name],
      indicator: (variant: string, index: number) =>
        variant === 'agriculture' && index === 0 ? '创建工作领导小组与工作机制' : undefined,
      variant: (variant: string) => (variant === 'agriculture' ? '农业园区' : undefined),
    };
    const file = 'quality-brand-zone/2024-03-14/';
    expect(locationText({ file: `${file}process.bpmn`, element: 'publicityEndsTimer_acceptance' }, names)).toBe(
      '「公示期满」',
    );
    expect(locationText({ file: `${file}process.bpmn`, element: 'unnamed' }, names)).toBe('unnamed');
    expect(locationText({ file: `${file}rules.json`, pointer: '/publicityMinWorkingDays/title' }, names)).toBe(
      '期限「评估验收及复审结果公示期」的名称',
    );
    // A rule whose title is blank (the very problem, often) is told by its key, not as 期限「」.
    expect(locationText({ file: `${file}rules.json`, pointer: '/demonstrationPeriod/title' }, names)).toBe(
      '期限 demonstrationPeriod 的名称',
    );
    expect(locationText({ file: `${file}indicators.json`, pointer: '/variants/agriculture/0/guidance' }, names)).toBe(
      '指标（农业园区）「创建工作领导小组与工作机制」的评分指引',
    );
  });

  it('says which label of a form a form-label problem misses, and where by the form and field titles', () => {
    const field = (member: string) => ({
      check: 'form-label',
      message: `field "replyNote" has no ${member}`,
      pointer: `/properties/replyNote/${member}`,
    });
    expect(problemText(field('description'))).toBe('表单字段缺少中文说明（涉及：replyNote）');
    expect(problemText(field('title'))).toBe('表单字段缺少中文标题（涉及：replyNote）');
    expect(problemText({ check: 'form-label', message: 'the form has no Chinese title', pointer: '/title' })).toBe(
      '表单缺少中文标题',
    );
    const names = {
      form: (key: string) => (key === 'department-opinion' ? '相关部门意见表' : undefined),
      formField: (key: string, tokens: string[]) =>
        key === 'department-opinion' && tokens.join('/') === 'properties/replyNote' ? '答复说明' : undefined,
    };
    const file = 'quality-brand-zone/2024-03-14/forms/department-opinion.schema.json';
    expect(locationText({ file, pointer: '/properties/replyNote/description' }, names)).toBe(
      '表单「相关部门意见表」字段「答复说明」的说明',
    );
    expect(locationText({ file, pointer: '/properties/otherNote' }, names)).toBe(
      '表单「相关部门意见表」字段「otherNote」',
    );
    expect(locationText({ file, pointer: '/title' }, names)).toBe('表单「相关部门意见表」的标题');
    expect(locationText({ file, pointer: '/examples/0/replyNote' }, names)).toBe('表单「相关部门意见表」的示例');
  });

  it('says where in English by the English names given (it read 表单「撤回申请」 and 期限「…」的名称 in English)', () => {
    const names = {
      element: (id: string) => ({ publicityEndsTimer_acceptance: 'Public notice period over' })[id],
      rule: (name: string) => ({ publicityMinWorkingDays: 'Public notice period', demonstrationPeriod: ' ' })[name],
      indicator: (variant: string, index: number) =>
        variant === 'agriculture' && index === 0 ? 'Leading group and working mechanism' : undefined,
      variant: (variant: string) => (variant === 'agriculture' ? 'Agricultural park' : undefined),
      form: (key: string) => (key === 'withdraw' ? 'Withdraw the application' : undefined),
      formField: (key: string, tokens: string[]) =>
        key === 'withdraw' && tokens.join('/') === 'properties/reason' ? 'Reason' : undefined,
    };
    const at = (file: string, where: { element?: string; pointer?: string }) =>
      locationText({ file: `quality-brand-zone/2024-03-14/${file}`, ...where }, names, 'en');
    const places = [
      at('process.bpmn', { element: 'publicityEndsTimer_acceptance' }),
      at('rules.json', { pointer: '/publicityMinWorkingDays/title' }),
      at('rules.json', { pointer: '/demonstrationPeriod/title' }),
      at('indicators.json', { pointer: '/variants/agriculture/0/guidance' }),
      at('indicators.json', { pointer: '/variants/agriculture' }),
      at('forms/withdraw.schema.json', { pointer: '/properties/reason/description' }),
      at('forms/withdraw.schema.json', { pointer: '/properties/other' }),
      at('forms/withdraw.schema.json', { pointer: '/title' }),
    ];
    expect(places).toEqual([
      '“Public notice period over”',
      'Period “Public notice period”, title',
      'Period demonstrationPeriod, title',
      'Indicator (Agricultural park) “Leading group and working mechanism”, scoring guidance',
      'Indicators (Agricultural park)',
      'Form “Withdraw the application”, field “Reason”, description',
      'Form “Withdraw the application”, field “other”',
      'Form “Withdraw the application”, title',
    ]);
    for (const place of places) expect(place).not.toMatch(/[\u3400-\u9fff「」（）]/);
  });

  it('names the file of a problem about a whole file — where and in the sentence — and never quotes what it holds', async () => {
    // QA's broken draft (PUT before the server refused such files): the validator's problems about it.
    const real = await loadRealVersion();
    const broken = {
      'manifest.json': 'not json',
      'rules.json': '[]',
      'indicators.json': (real.source.files.get('indicators.json') ?? '').slice(0, 200),
      'forms/department-opinion.schema.json': '{"title": "相关部门',
      'process.bpmn': (real.source.files.get('process.bpmn') ?? '').slice(0, 5000),
    };
    const source = Object.entries(broken).reduce((from, [file, text]) => withFile(from, file, text), real.source);
    const { problems } = await check(source, real.context);
    const wholeFile = problems.filter((problem) => ['json-syntax', 'file-shape', 'bpmn-parse'].includes(problem.check));
    expect(wholeFile.map((problem) => [problem.check, locationText(problem, {})])).toEqual([
      ['json-syntax', 'manifest.json'],
      ['file-shape', 'rules.json'],
      ['json-syntax', 'indicators.json'],
      ['json-syntax', 'forms/department-opinion.schema.json'],
      ['bpmn-parse', 'process.bpmn'],
    ]);
    expect(wholeFile.map((problem) => problemText(problem))).toEqual([
      '文件 manifest.json 不是有效的 JSON，无法读取',
      '文件 rules.json 的内容结构不符合要求（缺少字段、类型不对或有未知字段）',
      '文件 indicators.json 不是有效的 JSON，无法读取',
      '文件 forms/department-opinion.schema.json 不是有效的 JSON，无法读取',
      '流程图文件 process.bpmn 无法读取',
    ]);
    // The engine's message (small print; the text in English) quotes none of the file; one that
    // could not read it names it.
    for (const problem of wholeFile) {
      if (problem.check !== 'file-shape') expect(problem.message).toContain(locationText(problem, {}));
      for (const text of ['not json', '相关部门', '<bpmn:']) expect(problem.message).not.toContain(text);
    }
    // A root-level shape error still says which property.
    const misspelt = { check: 'file-shape', file: 'definitions/p/v/manifest.json', pointer: '' };
    expect(problemText({ ...misspelt, message: 'unknown property "subjectNam"' })).toBe(
      '文件 manifest.json 的内容结构不符合要求（缺少字段、类型不对或有未知字段）（涉及：subjectNam）',
    );
    // No problem of the broken files goes without a place.
    expect(problems.filter((problem) => locationText(problem, {}) === '')).toEqual([]);
  });

  it('says an example a changed indicator left behind by park type and indicator name, with what to change', async () => {
    // QA: lowering 产业链 chain-1's full mark for agricultural parks (6 → 5) reported the untouched
    // expert forms' examples as 「…（涉及：agriculture）」.
    const real = await loadRealVersion();
    const lowered = editJson<Indicators>(real.source, 'indicators.json', (indicators) => {
      const chain = indicators.variants.agriculture?.find((indicator) => indicator.id === 'chain-1');
      if (chain !== undefined) chain.maxScore = 5;
    });
    const removed = editJson<Indicators>(real.source, 'indicators.json', (indicators) => {
      indicators.variants.services =
        indicators.variants.services?.filter((indicator) => indicator.id !== 'org-3') ?? [];
    });
    const examples = async (source: typeof real.source) =>
      (await check(source, real.context)).problems.filter((problem) => problem.check === 'form-example-indicators');
    const names = {
      variant: (variant: string) => ({ agriculture: '农业园区', services: '服务业园区' })[variant],
      indicatorTitle: (variant: string, id: string) =>
        variant === 'agriculture' && id === 'chain-1' ? '产业链质量协同' : undefined,
    };
    const [tooHigh] = await examples(lowered);
    expect(tooHigh === undefined ? undefined : problemText(tooHigh, names)).toBe(
      '表单示例中的评分与指标体系不一致：示例给「产业链质量协同」评 6 分，农业园区此项满分为 5 分（改了满分的，请一并修改示例的评分）',
    );
    const [gone] = await examples(removed);
    expect(gone === undefined ? undefined : problemText(gone, names)).toBe(
      '表单示例中的评分与指标体系不一致：示例为指标 org-3 评了分，服务业园区的指标中没有此指标（删改了指标的，请一并修改示例）',
    );
    for (const problem of [...(await examples(lowered)), ...(await examples(removed))])
      expect(problemText(problem, names)).not.toMatch(/agriculture|services/);
  });
});
