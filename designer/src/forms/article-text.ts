/** `Art. 22` as the measures write it in Chinese (第二十二条), for Chinese text. */
export function articleText(article: string | undefined, language: 'zh' | 'en'): string {
  if (article === undefined) return '';
  const match = /^Art\.\s*(\d+)$/.exec(article.trim());
  if (language === 'en' || match?.[1] === undefined) return article;
  return `第${chineseNumber(Number(match[1]))}条`;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

function chineseNumber(value: number): string {
  if (value < 10) return DIGITS[value] ?? String(value);
  if (value < 20) return `十${value % 10 === 0 ? '' : (DIGITS[value % 10] ?? '')}`;
  if (value < 100) {
    const tens = DIGITS[Math.floor(value / 10)] ?? '';
    return `${tens}十${value % 10 === 0 ? '' : (DIGITS[value % 10] ?? '')}`;
  }
  return String(value);
}
