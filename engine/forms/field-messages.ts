/**
 * The Chinese wording of one schema error at a field, where ajv-i18n's own is unhelpful. Pure: the server's
 * validator and the browser's form both say it, so a user reads the same message before and after submitting.
 */

type Schema = Record<string, unknown>;

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** ajv-i18n leaves JSON type names in English (`应当是 number 类型`). */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: '文本',
  number: '数字',
  integer: '整数',
  boolean: '是或否',
  object: '对象',
  array: '列表',
  null: '空值',
};

/** What a malformed value of a format is, in words (the format's name means nothing to a user). */
const FORMAT_MESSAGES: Readonly<Record<string, string>> = {
  date: '应为有效的日期，如 2024-05-20',
  'date-time': '应为有效的日期和时间',
  time: '应为有效的时间',
  email: '应为有效的电子邮箱地址',
  uri: '应为有效的网址',
  'attachment-id': '请上传文件',
  'unified-social-credit-code': '不是有效的统一社会信用代码，请核对（校验码不符）',
};

/**
 * A Chinese phone number as forms write it: an 11-digit mobile number (13… to 19…), or a landline with
 * its area code (0 and 2–3 digits), an optional hyphen and a 7–8-digit number.
 */
export const PHONE_PATTERN = '^(?:1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$';

/**
 * What a value of a pattern forms share must look like, keyed by the pattern as written, so that the
 * message says exactly what it accepts. Another pattern is said to be malformed only: the help text
 * beside the field says what it is (repeating the regex helps no one).
 */
export const PATTERN_MESSAGES: Readonly<Record<string, string>> = {
  [PHONE_PATTERN]:
    '应为11位手机号码（13至19开头，如13912345678），或带区号的固定电话（区号以0开头共3至4位，号码7至8位，如0512-66881234，“-”可省略）',
};

/** The titles of a field whose choices are written `oneOf: [{ const, title }]`. */
function choiceTitles(schema: Schema | undefined): string[] | undefined {
  const options = schema?.oneOf;
  if (!Array.isArray(options)) return undefined;
  const titles = options.map((option: unknown) =>
    isSchema(option) && 'const' in option
      ? typeof option.title === 'string'
        ? option.title
        : JSON.stringify(option.const)
      : undefined,
  );
  return titles.every((title): title is string => title !== undefined) ? titles : undefined;
}

/** A list of uploaded files (its items are attachment ids): counted in files, not entries. */
export function isUploadList(schema: Schema | undefined): boolean {
  const items = schema?.items;
  return typeof items === 'object' && items !== null && (items as Schema).format === 'attachment-id';
}

/**
 * The message for an error of `keyword` at a field whose schema is `schema`; `localized` is ajv-i18n's
 * message, kept where it already says it well.
 */
export function zhFieldMessage(
  keyword: string,
  params: Readonly<Record<string, unknown>>,
  schema: Schema | undefined,
  localized: string,
): string {
  switch (keyword) {
    case 'pattern':
      return PATTERN_MESSAGES[String(params.pattern)] ?? '格式不正确';
    case 'format':
      return FORMAT_MESSAGES[String(params.format)] ?? '格式不正确';
    case 'minimum':
      return `不能小于 ${String(params.limit)}`;
    case 'maximum':
      return `不能大于 ${String(params.limit)}`;
    case 'exclusiveMinimum':
      return `应大于 ${String(params.limit)}`;
    case 'exclusiveMaximum':
      return `应小于 ${String(params.limit)}`;
    case 'multipleOf':
      return `应为 ${String(params.multipleOf)} 的整数倍`;
    case 'minLength':
      return Number(params.limit) === 1 ? '不能为空' : `不能少于 ${String(params.limit)} 个字`;
    case 'maxLength':
      return `不能超过 ${String(params.limit)} 个字`;
    case 'minItems':
      return isUploadList(schema) ? `至少上传 ${String(params.limit)} 份文件` : `至少填写 ${String(params.limit)} 项`;
    case 'maxItems':
      return isUploadList(schema) ? `最多上传 ${String(params.limit)} 份文件` : `最多填写 ${String(params.limit)} 项`;
    case 'type':
      return `应当为${String(params.type)
        .split(',')
        .map((type) => TYPE_NAMES[type] ?? type)
        .join('或')}`;
    case 'oneOf': {
      const titles = choiceTitles(schema);
      return titles === undefined ? localized : `应当为下列选项之一：${titles.join('、')}`;
    }
    case 'const':
      return params.allowedValue === true ? '须勾选' : localized;
    case 'uniqueItems': {
      // ajv-i18n counts from 0 and names the later item first.
      const [first = 0, second = 0] = [Number(params.j), Number(params.i)].sort((a, b) => a - b);
      return `不应当含有重复项（第 ${first + 1} 项与第 ${second + 1} 项重复）`;
    }
    case 'propertyNames':
      return `中的编号 ${String(params.propertyName)} 无效`;
    default:
      return localized;
  }
}
