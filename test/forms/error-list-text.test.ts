import type { RJSFValidationError } from '@rjsf/utils';
import { describe, expect, it } from 'vitest';
import { errorListText, errorTransformer } from '../../designer/src/forms/error-messages.js';
import { PHONE_PATTERN } from '../../engine/forms/field-messages.js';

const SCHEMA = {
  type: 'object',
  properties: {
    scores: { type: 'object', title: '指标评分' },
    parkName: { type: 'string', title: '园区名称' },
    phone: { type: 'string', title: '联系电话', maxLength: 13, pattern: PHONE_PATTERN },
    targets: {
      type: 'array',
      title: '创建目标',
      items: { type: 'object', properties: { indicator: { type: 'string', title: '指标名称' } } },
    },
  },
};
const error = (property: string, message: string): RJSFValidationError => ({
  property,
  message,
  stack: `${property} ${message}`,
});

describe('the error list above a form', () => {
  it('names the field once: a server message that names it is not prefixed again', () => {
    const server = '「指标评分」缺少园区类型为「工业」的评估指标体系中以下指标的评分：infra-3「标准化」';
    expect(errorListText(SCHEMA, error('.scores', server), 'zh')).toBe(server);
  });

  it('names the field before a message of the form’s own check', () => {
    expect(errorListText(SCHEMA, error('.parkName', '不能只填空格'), 'zh')).toBe('「园区名称」不能只填空格');
    expect(errorListText(SCHEMA, error('.parkName', 'must not be spaces only'), 'en')).toBe(
      '园区名称 must not be spaces only',
    );
  });

  it('reads as English: a field is required, not “Telephone: is required”; an instruction after a colon; Chinese as it was', () => {
    const schema = {
      type: 'object',
      required: ['phone', 'files'],
      properties: {
        phone: { type: 'string', title: 'Telephone' },
        files: { type: 'array', title: 'Attachments', items: { type: 'string', format: 'attachment-id' }, minItems: 1 },
      },
    };
    const missing = (property: string): RJSFValidationError => ({
      name: 'required',
      property,
      params: { missingProperty: property.slice(1) },
      message: '',
      stack: '',
    });
    const listed = (language: 'zh' | 'en', errors: RJSFValidationError[]) =>
      errorTransformer(schema, language)(errors).map((item) => errorListText(schema, item, language));
    expect(listed('en', [missing('.phone')])).toEqual(['Telephone is required']);
    expect(listed('zh', [missing('.phone')])).toEqual(['「Telephone」为必填项']);
    const tooFew: RJSFValidationError = {
      name: 'minItems',
      property: '.files',
      params: { limit: 1 },
      message: '',
      stack: '',
    };
    expect(listed('en', [tooFew])).toEqual(['Attachments: upload at least 1 file']);
  });

  it('says which row of a list a field is in', () => {
    expect(errorListText(SCHEMA, error('.targets.1.indicator', '为必填项'), 'zh')).toBe(
      '「创建目标」第 2 项「指标名称」为必填项',
    );
    expect(errorListText(SCHEMA, error('.targets.0.indicator', 'is required'), 'en')).toBe(
      '创建目标 row 1, 指标名称 is required',
    );
    // A whole row (a duplicate, say) is named by its list and row.
    expect(errorListText(SCHEMA, error('.targets.2', '与第 1 项重复'), 'zh')).toBe('「创建目标」第 3 项与第 1 项重复');
  });

  it('says what a phone number must be, in Chinese and in English (it said only 格式不正确), its length left unsaid', () => {
    const malformed: RJSFValidationError[] = [
      { name: 'pattern', property: '.phone', params: { pattern: PHONE_PATTERN }, message: '', stack: '' },
      { name: 'maxLength', property: '.phone', params: { limit: 13 }, message: '', stack: '' },
    ];
    expect(errorTransformer(SCHEMA, 'zh')(malformed).map((item) => item.stack)).toEqual([
      '「联系电话」应为11位手机号码（13至19开头，如13912345678），或带区号的固定电话（区号以0开头共3至4位，号码7至8位，如0512-66881234，“-”可省略）',
    ]);
    expect(errorTransformer(SCHEMA, 'en')(malformed).map((item) => item.stack)).toEqual([
      '联系电话 must be an 11-digit mobile number (starting 13 to 19, e.g. 13912345678) or a landline with its area code (an area code of 3 or 4 digits starting with 0, a number of 7 or 8 digits, e.g. 0512-66881234; the "-" may be left out)',
    ]);
  });

  it('says a repeated row in English words, rows counted from 1 as in Chinese (it was ajv’s “must NOT have duplicate items (items ## 2 and 1 are identical)”, counted from 0)', () => {
    const schema = {
      type: 'object',
      properties: {
        experts: { type: 'array', title: 'Expert review panel members', items: { type: 'string' }, uniqueItems: true },
      },
    };
    const repeated: RJSFValidationError = {
      name: 'uniqueItems',
      property: '.experts',
      params: { i: 1, j: 2 },
      message: 'must NOT have duplicate items (items ## 2 and 1 are identical)',
      stack: '',
    };
    const listed = (language: 'zh' | 'en') =>
      errorTransformer(schema, language)([repeated]).map((item) => errorListText(schema, item, language));
    expect(listed('en')).toEqual(['Expert review panel members must not repeat a row (rows 2 and 3 are the same)']);
    expect(listed('zh')).toEqual(['「Expert review panel members」不应当含有重复项（第 2 项与第 3 项重复）']);
  });

  it('says an exclusive bound in English words (it was ajv’s “must be > 0”)', () => {
    const schema = { type: 'object', properties: { area: { type: 'number', title: 'Planned area (km²)' } } };
    const bound = (name: string, comparison: string): RJSFValidationError => ({
      name,
      property: '.area',
      params: { comparison, limit: 0 },
      message: `must be ${comparison} 0`,
      stack: '',
    });
    const listed = errorTransformer(
      schema,
      'en',
    )([bound('exclusiveMinimum', '>'), bound('exclusiveMaximum', '<')]).map((item) =>
      errorListText(schema, item, 'en'),
    );
    expect(listed).toEqual(['Planned area (km²) must be more than 0', 'Planned area (km²) must be less than 0']);
  });
});
