import type { Locale } from 'antd/es/locale/index.js';
import * as en from 'antd/locale/en_US.js';
import * as zh from 'antd/locale/zh_CN.js';

/**
 * antd's locale files are CommonJS with `exports.default`: depending on the bundler's interop the
 * locale is the namespace's `default` or one level further down.
 */
function localeOf(module: unknown): Locale {
  const first = (module as { default?: unknown }).default;
  const candidate =
    typeof (first as { locale?: unknown } | undefined)?.locale === 'string'
      ? first
      : (first as { default?: unknown } | undefined)?.default;
  return candidate as Locale;
}

export const zhCN = localeOf(zh);
const english = localeOf(en);

/**
 * English as the rest of the app writes it (Telephone is required): antd said 「Please enter User
 * name」 and 「User name cannot be a blank character」 on the account dialog.
 */
export const enUS: Locale = {
  ...english,
  Form: {
    ...english.Form,
    defaultValidateMessages: {
      ...english.Form?.defaultValidateMessages,
      required: '${label} is required',
      whitespace: '${label} is required',
    },
  },
};
