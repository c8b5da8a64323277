import type { FormContextType, RJSFSchema, ValidatorType } from '@rjsf/utils';
import { customizeValidator, type CustomValidatorOptionsType, type Localizer } from '@rjsf/validator-ajv8';
import type { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import localizeEnModule from 'ajv-i18n/localize/en/index.js';
import localizeZhModule from 'ajv-i18n/localize/zh/index.js';
import { ATTACHMENT_ID_PATTERN } from '../../../engine/forms/attachment-refs.js';
import { INDICATORS_KEYWORD } from '../../../engine/forms/form-ajv.js';
import { isValidUscc, USCC_FORMAT } from '../../../engine/forms/uscc.js';
import { trimmedTexts } from '../../../engine/forms/text-ends.js';
import type { Language } from '../i18n/messages.js';
import { InterpretingAjv } from './interpreting-ajv.js';
import { withoutBlankOptionalLists } from './blank-lists.js';

/**
 * ajv-i18n's files are CommonJS `module.exports = fn`: Vite hands over the function itself as the
 * default import, TypeScript types it as `{ default: fn }` (see engine/forms/form-validator.ts).
 */
function unwrapLocalize(module: unknown): Localizer {
  const candidate = typeof module === 'function' ? module : (module as { default?: unknown } | undefined)?.default;
  if (typeof candidate !== 'function') throw new Error('ajv-i18n: a localizer did not load');
  return candidate as Localizer;
}

function registerIndicatorsKeyword(ajv: Ajv): Ajv {
  ajv.addKeyword({ keyword: INDICATORS_KEYWORD, schemaType: 'string', metaSchema: { enum: ['scores', 'vetoes'] } });
  return ajv;
}

/**
 * Whether this page may turn strings into code. Ajv compiles schemas with `new Function`; the
 * server's Content Security Policy (no `'unsafe-eval'`) forbids it, the Vite dev server does not.
 */
function codeGenerationAllowed(): boolean {
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the probe is the point
    return (new Function('return true') as () => boolean)();
  } catch {
    return false;
  }
}

/**
 * The browser's copy of the server's Ajv set-up (engine/forms/form-ajv.ts): draft 2020-12, all
 * errors, the formats of ajv-formats plus `attachment-id` and `unified-social-credit-code`, and the `x-indicators` annotation
 * registered so schemas that carry it are accepted. Ajv2020 where the page may generate code,
 * otherwise the interpreting stand-in with the same errors (interpreting-ajv.ts). Not strict: rjsf
 * also validates fragments it derives from a schema (an option of a `oneOf`, a branch of an `if`),
 * and the server stays the strict authority.
 */
export function createValidator(
  language: Language,
  generateCode: boolean,
): ValidatorType<unknown, RJSFSchema, FormContextType> {
  const AjvClass = generateCode ? Ajv2020 : InterpretingAjv;
  return customizeValidator(
    {
      AjvClass: AjvClass as unknown as CustomValidatorOptionsType['AjvClass'],
      // The server's formats (ajv-formats 3), not the older copy rjsf would add.
      ajvFormatOptions: false,
      customFormats: {
        ...(fullFormats as unknown as NonNullable<CustomValidatorOptionsType['customFormats']>),
        'attachment-id': ATTACHMENT_ID_PATTERN,
        [USCC_FORMAT]: isValidUscc,
      },
      ajvOptionsOverrides: { allErrors: true, strict: false, verbose: true },
      extenderFn: registerIndicatorsKeyword as unknown as CustomValidatorOptionsType['extenderFn'],
    },
    unwrapLocalize(language === 'zh' ? localizeZhModule : localizeEnModule),
  );
}

const validators = new Map<Language, ValidatorType<unknown, RJSFSchema, FormContextType>>();

/** One validator per language (each compiles and caches the schemas it has seen). */
let generateCode: boolean | undefined;

export function validatorFor(language: Language): ValidatorType<unknown, RJSFSchema, FormContextType> {
  let validator = validators.get(language);
  if (validator === undefined) {
    generateCode ??= codeGenerationAllowed();
    validator = createValidator(language, generateCode);
    validators.set(language, validator);
  }
  return validator;
}

/**
 * The validator, checking data as the server will (its texts trimmed), and telling `seen` the data
 * of each validation as it starts: rjsf hands its error
 * transformer the errors alone, and a type error reads differently on an emptied field and on a
 * value of the wrong kind (error-messages.ts).
 */
export function watchingValidator<T extends object>(validator: T, seen: { data: unknown }): T {
  return new Proxy(validator, {
    get(target, key) {
      const member: unknown = Reflect.get(target, key, target);
      if (typeof member !== 'function') return member;
      if (key !== 'validateFormData') return member.bind(target) as unknown;
      return (data: unknown, schema: RJSFSchema, ...rest: unknown[]) => {
        // Checked as it will be sent: trimmed at both ends (engine/forms/text-ends.ts), without the
        // lists left blank that this data does not need (blank-lists.ts).
        seen.data = withoutBlankOptionalLists(
          validator as ValidatorType<unknown, RJSFSchema, FormContextType>,
          schema,
          trimmedTexts(data),
        );
        return (member as (...args: unknown[]) => unknown).call(target, seen.data, schema, ...rest);
      };
    },
  });
}
