import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ATTACHMENT_ID_PATTERN } from './attachment-refs.js';
import { linearRegExp } from './linear-regexp.js';
import { isValidUscc, USCC_FORMAT } from './uscc.js';

/** `x-indicators`: marks the field holding indicator `scores` or the list of `vetoes` found. */
export const INDICATORS_KEYWORD = 'x-indicators';
export type IndicatorRole = 'scores' | 'vetoes';

/**
 * `x-not-after: "today"`: a date recording what has happened (a visit made, a meeting held) may not be
 * later than the day it is sent, on the case's clock in China — checked by FormValidator, which knows it.
 */
export const NOT_AFTER_KEYWORD = 'x-not-after';

/**
 * The one Ajv set-up for form schemas, shared by the validator, the engine and the designer:
 * draft 2020-12, strict mode, all errors, the standard formats plus `attachment-id` and
 * `unified-social-credit-code` (GB 32100-2015, check character included), and the
 * `x-indicators` and `x-not-after` annotations the engine acts on after schema validation.
 */
export function createFormAjv(): Ajv2020 {
  // `pattern`s run on a linear-time engine: a published pattern must not be able to hang the server (ReDoS).
  const ajv = new Ajv2020({ strict: true, allErrors: true, code: { regExp: linearRegExp } });
  addFormats.default(ajv);
  ajv.addFormat('attachment-id', ATTACHMENT_ID_PATTERN);
  ajv.addFormat(USCC_FORMAT, { type: 'string', validate: isValidUscc });
  ajv.addKeyword({
    keyword: INDICATORS_KEYWORD,
    schemaType: 'string',
    metaSchema: { enum: ['scores', 'vetoes'] },
  });
  ajv.addKeyword({ keyword: NOT_AFTER_KEYWORD, schemaType: 'string', metaSchema: { enum: ['today'] } });
  return ajv;
}
