import { beforeAll, describe, expect, it } from 'vitest';
import type { Indicators, Rules } from '../../engine/definitions/types.js';
import {
  diffWords,
  groupOf,
  shortTitle,
  textChange,
  type DiffNames,
} from '../../designer/src/designer/review/diff-words.js';
import { formWords } from '../../designer/src/designer/review/form-diff-words.js';
import { diffVersions } from '../../server/drafts/version-diff.js';
import { editBpmn, editJson, loadRealVersion, setJson, type RealVersion } from '../definitions/helpers.js';

// The compare tab's words for what a revision changes (issue 12, item 4): the server's diff of the
// real version against a revised copy, read by names, titles and articles.

let real: RealVersion;
beforeAll(async () => {
  real = await loadRealVersion();
});

const names: DiffNames = {
  variant: (name) => ({ agriculture: '农业园区', industry: '工业园区' })[name] ?? name,
  dimension: (id) => (id === 'organisation' ? '组织保障' : undefined),
  element: (id) => ({ objectionWindow_acceptance: '公示期内', publicityEndsTimer_acceptance: '公示期届满' })[id],
  rule: (name) => (name === 'publicityMinWorkingDays' ? '评估验收及复审结果公示期' : undefined),
};

describe('differences in words', () => {
  it('a period by its title, the value in words and its article; an indicator by park type, dimension and title', async () => {
    let revised = editJson<Rules>(real.source, 'rules.json', (rules) => {
      const rule = rules.publicityMinWorkingDays;
      if (rule !== undefined) rule.value = 7;
    });
    revised = editJson<Indicators>(revised, 'indicators.json', (indicators) => {
      const indicator = indicators.variants.agriculture?.[0];
      if (indicator === undefined) throw new Error('no agriculture/org-1');
      indicator.maxScore = 6;
      indicator.guidance = indicator.guidance.replace('满分4分', '满分6分');
    });
    revised = setJson(
      revised,
      'forms/provincial-feasibility-review.schema.json',
      '/properties/comments/title',
      '论证意见（详细）',
    );
    revised = editBpmn(revised, [
      '<bpmn:intermediateCatchEvent id="publicityEndsTimer_acceptance" name="公示期满">',
      '<bpmn:intermediateCatchEvent id="publicityEndsTimer_acceptance" name="公示期届满">',
    ]);
    const diff = await diffVersions(real.source, revised);
    const words = Object.fromEntries(
      diff.entries.map((entry) => [
        `${entry.kind}:${entry.key}`,
        { group: groupOf(entry.kind), ...diffWords(entry, names) },
      ]),
    );

    expect(words['rule:publicityMinWorkingDays']).toEqual({
      group: 'periods',
      title: '评估验收及复审结果公示期',
      lines: ['评估验收及复审结果公示期：5 个工作日 → 7 个工作日（第二十二条）'],
    });
    expect(words['indicator:agriculture/org-1']).toEqual({
      group: 'indicators',
      title: '农业园区 / 组织保障 / 创建工作领导小组与工作机制',
      lines: ['满分 4 → 6', '评分指引：满分4分（第八条）… → 满分6分（第八条）…'],
    });
    expect(words['form:provincial-feasibility-review']).toMatchObject({
      group: 'forms',
      title: '省级市场监管部门可行性论证意见表（provincial-feasibility-review）',
      lines: ['修改字段：审核意见 → 论证意见（详细）（comments）'],
    });
    expect(words['element:publicityEndsTimer_acceptance']).toEqual({
      group: 'diagram',
      title: '公示期届满（中间事件）',
      lines: ['名称：公示期满 → 公示期届满'],
    });
  });

  it('in English, a period, a task, an event and a flow are headed in English (they read （用户任务） and （中间事件）), by the catalogue’s names', async () => {
    let revised = editJson<Rules>(real.source, 'rules.json', (rules) => {
      const rule = rules.publicityMinWorkingDays;
      if (rule !== undefined) rule.value = 7;
    });
    revised = editBpmn(
      revised,
      [
        '<bpmn:intermediateCatchEvent id="publicityEndsTimer_acceptance" name="公示期满">',
        '<bpmn:intermediateCatchEvent id="publicityEndsTimer_acceptance" name="公示期届满">',
      ],
      ['name="可行性论证与遴选"', 'name="可行性论证"'],
      [/<bpmn:sequenceFlow id="Flow_publicityStart_acceptance_to_mergeObjectionWindow_acceptance"[^>]*\/>/, ''],
    );
    const diff = await diffVersions(real.source, revised);
    // The names as the designer gives them in English: the catalogue's, where it has them.
    const catalogue: Record<string, string> = {
      可行性论证: 'Feasibility review',
      公示期届满: 'Public notice period ended',
      '评估验收及复审结果公示期（不少于五个工作日，第二十二条、第二十八条）':
        'Public notice period for acceptance and re-review results (no fewer than five working days, Art. 22, Art. 28)',
    };
    const say = (text: string) => catalogue[text] ?? text;
    const english: DiffNames = {
      ...names,
      element: (id) =>
        ({
          provincialFeasibilityReview: '可行性论证',
          publicityEndsTimer_acceptance: '公示期届满',
          publicityStart_acceptance: '公示开始',
          mergeObjectionWindow_acceptance: '合并',
        })[id] ?? undefined,
      text: say,
    };
    const translated: DiffNames = {
      ...english,
      element: (id) => {
        const name = english.element(id);
        return name === undefined ? undefined : say(name);
      },
    };
    const titles = Object.fromEntries(
      diff.entries.map((entry) => [`${entry.kind}:${entry.key}`, diffWords(entry, translated, 'en').title]),
    );
    expect(titles['element:provincialFeasibilityReview']).toBe('Feasibility review (user task)');
    expect(titles['element:publicityEndsTimer_acceptance']).toBe('Public notice period ended (intermediate event)');
    expect(titles['rule:publicityMinWorkingDays']).toBe('Public notice period for acceptance and re-review results');
    expect(titles['flow:Flow_publicityStart_acceptance_to_mergeObjectionWindow_acceptance']).toBe(
      'Flow: 公示开始 → 合并',
    );
    // A name the catalogue lacks stays as written; the words of the page are English.
    for (const title of Object.values(titles))
      expect(title.replace(/公示开始|合并/g, '')).not.toMatch(/[\u3400-\u9fff（）：]/);
  });

  it('a changed form says what changed in each field and which became required, in the form editor’s words', async () => {
    // It said only 修改字段：园区面积（平方公里）（area） and 表单的标题、说明、必填项或示例有修改.
    const revised = editJson<Record<string, unknown>>(
      real.source,
      'forms/submit-creation-application.schema.json',
      (form) => {
        const properties = form.properties as Record<string, Record<string, unknown>>;
        if (properties.area === undefined) throw new Error('no area');
        properties.area.maximum = 5000;
        properties.qualityOfficer = { type: 'string', title: '质量负责人', maxLength: 50 };
        form.required = [...(form.required as string[]).filter((key) => key !== 'leadingIndustry'), 'qualityOfficer'];
      },
    );
    const diff = await diffVersions(real.source, revised);
    const entry = diff.entries.find((found) => found.kind === 'form');
    if (entry === undefined) throw new Error('no form difference');
    expect(diffWords(entry, names)).toEqual({
      title: '全国质量品牌提升示范区创建申请表（submit-creation-application）',
      lines: [
        '新增字段：质量负责人（qualityOfficer）',
        '修改字段：园区面积（平方公里）（area）',
        '改为必填：质量负责人（qualityOfficer）',
        '改为选填：主导产业（leadingIndustry）',
        '园区面积（平方公里）：最大值 10000 → 5000',
      ],
    });
    // In English the same, where the compare tab said nothing of a form but its title.
    expect(formWords(entry, 'en').lines).toEqual([
      'Fields added: 质量负责人 (qualityOfficer)',
      'Fields changed: 园区面积（平方公里） (area)',
      'Now required: 质量负责人 (qualityOfficer)',
      'No longer required: 主导产业 (leadingIndustry)',
      '园区面积（平方公里）: maximum 10000 → 5000',
    ]);
  });

  it('an indicator, the pass score and a veto say what changed in words in English too (it said `maxScore: 4 → 6`)', async () => {
    const revised = editJson<Indicators>(real.source, 'indicators.json', (indicators) => {
      const indicator = indicators.variants.agriculture?.[0];
      const veto = indicators.vetoes[0];
      if (indicator === undefined || veto === undefined) throw new Error('no agriculture/org-1 or veto');
      indicator.maxScore = 6;
      indicator.title = '领导小组';
      indicators.passScore += 5;
      veto.title = `${veto.title}（修订）`;
    });
    const diff = await diffVersions(real.source, revised);
    const english: DiffNames = { ...names, variant: (name) => (name === 'agriculture' ? 'Agricultural park' : name) };
    const words = (kind: string, language: 'zh' | 'en') => {
      const entry = diff.entries.find((found) => found.kind === kind);
      if (entry === undefined) throw new Error(`no ${kind} difference`);
      return diffWords(entry, language === 'zh' ? names : english, language);
    };
    expect(words('indicator', 'en')).toEqual({
      title: 'Agricultural park / 组织保障 / 领导小组',
      lines: ['Maximum score 4 → 6', 'Name: 创建工作领导小组与工作机制 → 领导小组'],
    });
    // The Chinese as diffWords said it before.
    expect(words('indicator', 'zh').lines).toEqual(['满分 4 → 6', '名称：创建工作领导小组与工作机制 → 领导小组']);
    expect(words('passScore', 'en').title).toBe('Pass score');
    expect(words('passScore', 'en').lines).toEqual([expect.stringMatching(/^Pass score: (\d+) → (\d+)$/)]);
    expect(words('veto', 'en').title).toMatch(/^Veto: .+（修订）$/);
    expect(words('veto', 'en').lines).toEqual([expect.stringMatching(/^Name: .+ → .+（修订）$/)]);
    expect(words('veto', 'zh').lines).toEqual([expect.stringMatching(/^名称：.+ → .+（修订）$/)]);
  });

  it('shortens titles and long texts to what matters', () => {
    expect(shortTitle('评估验收及复审结果公示期（不少于五个工作日，第二十二条、第二十八条）')).toBe(
      '评估验收及复审结果公示期',
    );
    expect(shortTitle('（只有括号）')).toBe('（只有括号）');
    expect(
      textChange('甲乙丙丁戊己庚辛壬癸满分4分子丑寅卯辰巳午未申酉', '甲乙丙丁戊己庚辛壬癸满分6分子丑寅卯辰巳午未申酉'),
    ).toBe('…庚辛壬癸满分4分子丑寅卯辰… → …庚辛壬癸满分6分子丑寅卯辰…');
  });
});
