const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–999 in Chinese numerals as articles are numbered: 7 → 七, 19 → 十九, 28 → 二十八, 105 → 一百零五. */
function chineseNumber(value: number): string {
  if (value < 10) return DIGITS[value] ?? String(value);
  if (value < 20) return `十${value % 10 === 0 ? '' : (DIGITS[value % 10] ?? '')}`;
  if (value < 100)
    return `${DIGITS[Math.floor(value / 10)] ?? ''}十${value % 10 === 0 ? '' : (DIGITS[value % 10] ?? '')}`;
  if (value < 1000) {
    const rest = value % 100;
    const tail =
      rest === 0
        ? ''
        : rest < 10
          ? `零${DIGITS[rest] ?? ''}`
          : rest < 20
            ? `一${chineseNumber(rest)}`
            : chineseNumber(rest);
    return `${DIGITS[Math.floor(value / 100)] ?? ''}百${tail}`;
  }
  return String(value);
}

/** `Art. 19` → `第十九条`, as the measures number their articles; undefined for anything else. */
export function articleNumeral(article: string): string | undefined {
  const match = /^Art\.\s*(\d+)$/.exec(article.trim());
  return match?.[1] === undefined ? undefined : `第${chineseNumber(Number(match[1]))}条`;
}

/** `Art. 19` → `（第十九条）` for messages to users; anything else as given, in brackets; nothing for none. */
export function articleText(article: string | undefined): string {
  if (article === undefined) return '';
  return `（${articleNumeral(article) ?? article}）`;
}
