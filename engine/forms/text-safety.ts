/**
 * Characters no text a person typed into a form needs, and that make a stored text lie about itself:
 * NUL (cuts strings short downstream), bidirectional overrides and isolates (`‮fdp.exe` shows as
 * `exe.pdf`), and lone UTF-16 surrogates (not text; encoders replace or refuse them). One check, shared
 * by form validation (engine and browser) and by file names (server).
 */
const UNSAFE_IN_FORMS = /[\0\u202a-\u202e\u2066-\u2069]/;

/** For file names: every control character and every bidirectional mark, besides the above. */
const UNSAFE_IN_NAMES =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Control characters (Unicode's Cc: U+0000–001F, U+007F–009F). */
const CONTROL = /\p{Cc}/u;

export const UNSAFE_TEXT_MESSAGE = '含有不允许的字符（空字符、双向文字控制符或无效的 Unicode 代理项）';

/**
 * Nothing a reader would see: white space (`\s` covers the ideographic and no-break spaces) and the
 * zero-width characters and fillers that render as nothing.
 */
const BLANK = /^[\s\u115f\u1160\u180e\u200b-\u200d\u2060\u3164\uffa0]*$/;

export const BLANK_TEXT_MESSAGE = '不能只填空格或不可见字符';

/** Whether a text shows nothing (a required field filled with spaces or zero-width characters). */
export function isBlankText(text: string): boolean {
  return BLANK.test(text);
}

/**
 * What is wrong with a free text outside forms that must say something (a draft's title, an account's
 * organisation), as a message naming the field by `label`; undefined when nothing is.
 */
export function freeTextProblem(text: string, label: string): string | undefined {
  if (hasUnsafeText(text)) return `「${label}」${UNSAFE_TEXT_MESSAGE}`;
  if (isBlankText(text)) return `请填写「${label}」`;
  return undefined;
}

/** Every string value in `data`, with its JSON Pointer. */
export function stringValues(data: unknown, path = ''): { path: string; text: string }[] {
  if (typeof data === 'string') return [{ path, text: data }];
  if (Array.isArray(data)) return data.flatMap((item, index) => stringValues(item, `${path}/${index}`));
  if (typeof data !== 'object' || data === null) return [];
  return Object.entries(data).flatMap(([key, value]) =>
    stringValues(value, `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`),
  );
}

/** Whether a form text holds a character forms refuse. */
export function hasUnsafeText(text: string): boolean {
  return UNSAFE_IN_FORMS.test(text) || !isWellFormed(text);
}

/**
 * Whether a text holds a control character (C0, DEL, C1: line breaks and tabs too), which a text shown
 * on one line — an account's display name or organisation, in a header or a history line — must not:
 * a line break would make one history line read as two.
 */
export function hasControlText(text: string): boolean {
  return CONTROL.test(text);
}

function isWellFormed(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      index += 1;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      return false;
    }
  }
  return true;
}

/** JSON Pointers of every string (value or key) in `data` holding a character forms refuse. */
export function unsafeTextPaths(data: unknown, path = ''): string[] {
  if (typeof data === 'string') return hasUnsafeText(data) ? [path] : [];
  if (Array.isArray(data)) return data.flatMap((item, index) => unsafeTextPaths(item, `${path}/${index}`));
  if (typeof data !== 'object' || data === null) return [];
  return Object.entries(data).flatMap(([key, value]) => {
    const at = `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    return hasUnsafeText(key) ? [at] : unsafeTextPaths(value, at);
  });
}

/** A name with control characters, bidirectional marks and lone surrogates removed. */
export function stripUnsafeText(text: string): string {
  return text.replace(UNSAFE_IN_NAMES, '');
}
