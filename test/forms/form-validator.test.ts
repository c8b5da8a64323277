import { describe, expect, it } from 'vitest';
import { readVersionSource } from '../../engine/definitions/read-definitions.js';
import type { FormSchema, Indicators } from '../../engine/definitions/types.js';
import { FORM_FILE_SUFFIX, FORMS_DIR } from '../../engine/definitions/version-source.js';
import { applyMergePatch, FormValidator, type FieldError } from '../../engine/forms/index.js';
import { REAL_VERSION_DIR } from '../definitions/helpers.js';
import { expectEngineError } from '../legal-time/expect-error.js';

// The real forms and indicators of quality-brand-zone@2024-03-14, read as plain JSON.
const source = await readVersionSource(REAL_VERSION_DIR);
const forms = new Map<string, FormSchema>();
for (const [file, text] of source.files) {
  if (file.startsWith(FORMS_DIR) && file.endsWith(FORM_FILE_SUFFIX)) {
    forms.set(file.slice(FORMS_DIR.length, -FORM_FILE_SUFFIX.length), JSON.parse(text) as FormSchema);
  }
}
const indicators = JSON.parse(source.files.get('indicators.json') ?? 'null') as Indicators;
const VARIANTS = Object.keys(indicators.variants);
const SCORED_FORMS = ['expert-evaluation', 'submit-acceptance-application'];
const validator = new FormValidator(forms, indicators);

function example(formKey: string): unknown {
  const found = forms.get(formKey)?.examples?.[0];
  if (found === undefined) throw new Error(`form ${formKey} has no example`);
  return found;
}

/** The errors of the form's example with `patch` merged onto it (as the scenario runner does). */
function errorsOf(formKey: string, patch: unknown, variant?: string): FieldError[] {
  return validator.check(formKey, applyMergePatch(example(formKey), patch), variant === undefined ? {} : { variant });
}

/** Expects an error at `path` whose message contains every one of `words`; returns its message. */
function expectFieldError(errors: FieldError[], path: string, ...words: string[]): string {
  const found = errors.find((error) => error.path === path && words.every((word) => error.message.includes(word)));
  expect(
    found,
    `an error at ${JSON.stringify(path)} mentioning ${words.join(', ')} among ${JSON.stringify(errors)}`,
  ).toBeDefined();
  return found?.message ?? '';
}

describe('FormValidator: the examples', () => {
  const unscored = [...forms.keys()].filter((formKey) => !SCORED_FORMS.includes(formKey));

  it('loads every form of the real version', () => {
    expect(forms.size).toBeGreaterThanOrEqual(20);
    for (const formKey of SCORED_FORMS) expect(forms.has(formKey)).toBe(true);
  });

  it.each(unscored)('Given the example of %s, it is valid', (formKey) => {
    expect(validator.check(formKey, example(formKey))).toEqual([]);
  });

  it.each(SCORED_FORMS.flatMap((formKey) => VARIANTS.map((variant) => [formKey, variant])))(
    'Given the example of %s, it is valid for a park of type %s',
    (formKey, variant) => {
      expect(validator.check(formKey, example(formKey), { variant })).toEqual([]);
    },
  );
});

describe('FormValidator: schema errors in Chinese at the field', () => {
  const form = 'submit-creation-application';

  it('names an empty park name by its title', () => {
    const errors = errorsOf(form, { parkName: '' });
    expect(errors).toEqual([{ path: '/parkName', message: '「园区名称」不能为空' }]);
  });

  it('reports a missing required field at the field itself', () => {
    expect(errorsOf(form, { leadingIndustry: null })).toEqual([
      { path: '/leadingIndustry', message: '「主导产业」为必填项' },
    ]);
    expectFieldError(errorsOf(form, { contact: { phone: null } }), '/contact/phone', '「联系电话」', '必填');
  });

  it('says what a phone number must be, exactly as its pattern takes it (it said only 格式不正确)', () => {
    const phone =
      '「联系电话」应为11位手机号码（13至19开头，如13912345678），或带区号的固定电话（区号以0开头共3至4位，号码7至8位，如0512-66881234，“-”可省略）';
    for (const wrong of ['12345', '12912345678', '0512-123456', '512-66881234', '+86139123456'])
      expect(errorsOf(form, { contact: { phone: wrong } }), wrong).toEqual([
        { path: '/contact/phone', message: phone },
      ]);
    // What the message names is taken: both kinds, area codes of 3 and 4 digits, numbers of 7 and 8, with or without "-".
    for (const right of ['13912345678', '19912345678', '0512-66881234', '051266881234', '010-1234567', '0101234567'])
      expect(errorsOf(form, { contact: { phone: right } }), right).toEqual([]);
  });

  it('keeps a pattern it has no words for said as malformed, without the regex', () => {
    expect(errorsOf(form, { address: { postcode: '2151ab' } })).toEqual([
      { path: '/address/postcode', message: '「邮政编码」格式不正确' },
    ]);
  });

  it('refuses a unified social credit code with a forbidden letter or a wrong check character (GB 32100-2015)', () => {
    const code = '「统一社会信用代码」不是有效的统一社会信用代码，请核对（校验码不符）';
    for (const wrong of ['91320594MA7QW3KXIL', '91320000134812345A', '91320000134812345'])
      expect(errorsOf(form, { applicantBody: { unifiedSocialCreditCode: wrong } }), wrong).toEqual([
        { path: '/applicantBody/unifiedSocialCreditCode', message: code },
      ]);
    expect(errorsOf(form, { applicantBody: { unifiedSocialCreditCode: '91320000134812345R' } })).toEqual([]);
  });

  it('says a number out of range plainly (不能大于 100, not 应当 <= 100)', () => {
    expect(errorsOf(form, { leadingIndustryShare: 150 })).toEqual([
      { path: '/leadingIndustryShare', message: '「主导产业占比（%）」不能大于 100' },
    ]);
    expect(errorsOf(form, { enterpriseCount: 0 })).toEqual([
      { path: '/enterpriseCount', message: '「园区企业数量（家）」不能小于 1' },
    ]);
    expect(errorsOf(form, { area: 0 })).toEqual([{ path: '/area', message: '「园区面积（平方公里）」应大于 0' }]);
  });

  it('counts lengths and list sizes in words people use', () => {
    expect(errorsOf(form, { parkName: '长'.repeat(101) })).toEqual([
      { path: '/parkName', message: '「园区名称」不能超过 100 个字' },
    ]);
    expect(errorsOf('provincial-feasibility-review', { departmentsConsulted: [] })).toEqual([
      { path: '/departmentsConsulted', message: '「会同论证的相关部门」至少填写 1 项' },
    ]);
    // A list of uploads counts files.
    expect(errorsOf('objection', { evidence: [] })).toEqual([
      { path: '/evidence', message: '「书面举证材料」至少上传 1 份文件' },
    ]);
  });

  it('lists the labelled choices for a wrong choice, without one error per branch', () => {
    const errors = errorsOf(form, { parkType: 'mining' });
    expect(errors).toEqual([{ path: '/parkType', message: '「园区类型」应当为下列选项之一：农业、工业、服务业' }]);
  });

  it('says an unknown field is not on the form, at the field', () => {
    expectFieldError(errorsOf(form, { foo: 1 }), '/foo', 'foo', '「全国质量品牌提升示范区创建申请表」', '不允许');
    expectFieldError(errorsOf(form, { contact: { wechat: 'x' } }), '/contact/wechat', 'wechat', '「联系人」', '不允许');
  });

  it('reports the concrete error of a failed if/then, not the if', () => {
    const errors = errorsOf('provincial-acceptance-review', { decision: 'return', comments: null });
    expect(errors).toEqual([{ path: '/comments', message: '「审核意见」为必填项' }]);
    const onSite = errorsOf('expert-evaluation', { onSiteVisitDate: null }, 'industry');
    expect(onSite).toEqual([{ path: '/onSiteVisitDate', message: '「现场验收日期」为必填项' }]);
  });

  it('names the expected type in Chinese', () => {
    expect(errorsOf(form, { area: '52.6' })).toEqual([
      { path: '/area', message: '「园区面积（平方公里）」应当为数字' },
    ]);
  });

  it('rejects a body that is not an object with one error for the whole form', () => {
    for (const body of [null, [], 'text', 42, true]) {
      expect(validator.check(form, body)).toEqual([{ path: '', message: '表单数据应为对象' }]);
    }
  });

  it('names a list row by its position and an unchecked commitment plainly', () => {
    expectFieldError(
      errorsOf(form, { targets: [{ indicator: '' }] }),
      '/targets/0/indicator',
      '「创建目标」第 1 项的「指标名称」',
    );
    expect(errorsOf(form, { commitment: false })).toEqual([
      { path: '/commitment', message: '「申报材料真实性承诺」须勾选' },
    ]);
    const twice = 'a'.repeat(64);
    expectFieldError(
      errorsOf(form, { otherAttachments: [twice, twice] }),
      '/otherAttachments',
      '「其他附件」',
      '第 1 项与第 2 项',
    );
  });

  it('gives each problem once, always in Chinese', () => {
    const errors = errorsOf(form, {
      parkName: '',
      parkType: 'mining',
      area: 'big',
      foo: 1,
      address: null,
      contact: { phone: '1', extra: true },
      targets: [{ indicator: '' }, { indicator: '' }],
    });
    expect(errors.length).toBeGreaterThanOrEqual(7);
    expect(new Set(errors.map((error) => `${error.path} ${error.message}`)).size).toBe(errors.length);
    for (const { message } of errors) expect(message).toMatch(/^「[^」]+」.*[\u4e00-\u9fff]/u);
  });
});

describe('FormValidator: dates of what has happened are not later than the day they are sent', () => {
  const sentOn = (formKey: string, patch: unknown, today: string, variant?: string) =>
    validator.check(formKey, applyMergePatch(example(formKey), patch), { today, ...(variant && { variant }) });

  it('refuses an on-site visit dated after today, at the field, saying both days', () => {
    expect(sentOn('expert-evaluation', { onSiteVisitDate: '2025-09-19' }, '2025-09-18', 'industry')).toEqual([
      { path: '/onSiteVisitDate', message: '「现场验收日期」不能晚于今天（2025-09-18），填写的是 2025-09-19' },
    ]);
    expect(sentOn('expert-evaluation', { onSiteVisitDate: '2025-09-18' }, '2025-09-18', 'industry')).toEqual([]);
  });

  it('finds a marked date in a list row, named by its row', () => {
    const application = example('submit-acceptance-application') as { targetAchievements: object[] };
    const targetAchievements = application.targetAchievements.map((row, index) =>
      index === 1 ? { ...row, achievedOn: '2030-01-01' } : row,
    );
    expect(sentOn('submit-acceptance-application', { targetAchievements }, '2026-01-01', 'industry')).toEqual([
      {
        path: '/targetAchievements/1/achievedOn',
        message: '「创建目标完成情况」第 2 项的「达成日期」不能晚于今天（2026-01-01），填写的是 2030-01-01',
      },
    ]);
  });

  it('leaves a date not so marked, and every date when the day is not given, to the schema alone', () => {
    expect(sentOn('major-event', { occurredOn: '2024-03-01' }, '2024-03-01')).toEqual([]);
    expect(errorsOf('major-event', { occurredOn: '2099-01-01' })).toEqual([]);
    for (const key of forms.keys()) expect(sentOn(key, {}, '2024-03-14', 'industry'), key).toEqual([]);
  });
});

describe('FormValidator: indicator scores and vetoes (CONTRACT §4, Art. 19)', () => {
  const form = 'expert-evaluation';

  it('rejects an indicator id outside the variant, citing Art. 19', () => {
    const errors = errorsOf(form, { scores: { 'no-such-indicator': 5 } }, 'industry');
    expect(errors).toEqual([
      {
        path: '/scores/no-such-indicator',
        message: '「指标评分」中的指标 no-such-indicator 不在园区类型为「工业」的评估指标体系中（第十九条）',
      },
    ]);
  });

  it('rejects a negative score', () => {
    expectFieldError(errorsOf(form, { scores: { 'org-1': -1 } }, 'industry'), '/scores/org-1', '「指标评分」', '0');
  });

  it('names a score below 0 or not a number by its indicator, as one above its maximum (it said 「指标评分」中的 org-1 不能小于 0)', () => {
    expect(errorsOf(form, { scores: { 'org-1': -1, 'org-2': '4' } }, 'industry')).toEqual([
      {
        path: '/scores/org-1',
        message: '「指标评分」中「创建工作领导小组与工作机制」（org-1）的得分应为 0 至 4 分，填写的是 -1',
      },
      {
        path: '/scores/org-2',
        message: '「指标评分」中「质量品牌提升纳入发展规划和工作考核」（org-2）的得分应为 0 至 4 分，填写的是 "4"',
      },
    ]);
  });

  it('checks the maximum of the case’s variant', () => {
    // infra-1 is worth 6 points for an industrial park and 4 for an agricultural one.
    expect(errorsOf(form, { scores: { 'infra-1': 6 } }, 'industry')).toEqual([]);
    const errors = errorsOf(form, { scores: { 'infra-1': 6 } }, 'agriculture');
    expect(errors).toHaveLength(1);
    expectFieldError(errors, '/scores/infra-1', '「指标评分」', '计量能力建设', '0 至 4 分');
  });

  it('lists the indicators left unscored', () => {
    const errors = errorsOf(form, { scores: { 'org-2': null, 'chain-1': null } }, 'services');
    expect(errors).toHaveLength(1);
    expectFieldError(errors, '/scores', '「指标评分」', 'org-2', 'chain-1', '服务业');
  });

  it('rejects an unknown veto and accepts an Art. 7 one', () => {
    expectFieldError(
      errorsOf(form, { vetoes: ['no-such-veto'] }, 'industry'),
      '/vetoes/0',
      '「否决项」',
      'no-such-veto',
      '第七条',
    );
    expect(errorsOf(form, { vetoes: ['majorSafetyAccident'] }, 'industry')).toEqual([]);
  });

  it('cannot check scores without a known park type', () => {
    for (const variant of [undefined, 'mining', 'constructor']) {
      expectFieldError(errorsOf(form, {}, variant), '/scores', '「指标评分」', '园区类型');
    }
  });

  it('checks the self-assessment of the acceptance application the same way', () => {
    const errors = errorsOf(
      'submit-acceptance-application',
      { selfAssessment: { 'no-such-indicator': 1 } },
      'agriculture',
    );
    expectFieldError(errors, '/selfAssessment/no-such-indicator', '「评估指标自评得分」', '为「农业」', '第十九条');
  });
});

describe('FormValidator: assertValid and unknown forms', () => {
  it('throws validation with the field errors in its context', () => {
    const data = applyMergePatch(example('expert-evaluation'), { scores: { 'no-such-indicator': 5 } });
    const error = expectEngineError(() => {
      validator.assertValid('expert-evaluation', data, { variant: 'industry' });
    }, 'validation');
    expect(error.context).toEqual({
      formKey: 'expert-evaluation',
      errors: validator.check('expert-evaluation', data, { variant: 'industry' }),
    });
    expect(error.message).toMatch(/[\u4e00-\u9fff]/u);
  });

  it('passes valid data', () => {
    expect(() => {
      validator.assertValid('withdraw', example('withdraw'));
    }).not.toThrow();
  });

  it('throws not-found for an unknown form key', () => {
    expectEngineError(() => validator.check('no-such-form', {}), 'not-found', { formKey: 'no-such-form' });
    expectEngineError(() => {
      validator.assertValid('no-such-form', {});
    }, 'not-found');
  });

  it('leaves the data it checks untouched', () => {
    const data = applyMergePatch(example('submit-creation-application'), { parkName: '', foo: 1 });
    const before = structuredClone(data);
    validator.check('submit-creation-application', data);
    validator.check('submit-creation-application', data);
    expect(data).toEqual(before);
  });
});
