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
export const enUS = localeOf(en);
