import type { DiffEntry } from '../../../../server/drafts/version-diff.js';
import { articleNumeral } from '../../../../engine/forms/article-text.js';
import { shortTitle, textChange } from './text-change.js';

/**
 * What a revision changes in the scoring (indicators.json) as a policy officer reads it, in Chinese or
 * English: an indicator by park type, dimension and title with its score, name, dimension, article and
 * guidance in words — 满分 4 → 6 / Maximum score 4 → 6 — the pass score and the vetoes likewise. In
 * English the compare tab said `maxScore: 4 → 5`, the indicator's keys.
 */

type Language = 'zh' | 'en';
type Shape = Record<string, unknown>;
const isShape = (value: unknown): value is Shape =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The names the words cannot know: park types and dimensions, in the page's language. */
export interface ScoreNames {
  variant: (name: string) => string;
  dimension: (id: string) => string | undefined;
}

const WORDS = {
  zh: {
    colon: '：',
    none: '（无）',
    added: '新增',
    removed: '删除',
    maxScore: '满分',
    passScore: '合格分数',
    veto: '否决项',
    fields: { title: '名称', dimension: '维度', article: '条款', guidance: '评分指引' },
  },
  en: {
    colon: ': ',
    none: '(none)',
    added: 'Added',
    removed: 'Removed',
    maxScore: 'Maximum score',
    passScore: 'Pass score',
    veto: 'Veto',
    fields: { title: 'Name', dimension: 'Dimension', article: 'Article', guidance: 'Scoring guidance' },
  },
} as const;

const differs = (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b);

/** The words for one entry's values, in one language. */
function speaker(language: Language, names: ScoreNames) {
  const w = WORDS[language];
  const text = (value: unknown): string =>
    value === undefined || value === null || value === ''
      ? w.none
      : typeof value === 'string'
        ? value
        : JSON.stringify(value);
  // Art. 8 reads 第八条 in Chinese; in English as the measures' translation cites it.
  const article = (value: unknown) =>
    typeof value === 'string' ? (language === 'zh' ? (articleNumeral(value) ?? value) : value) : '';
  const show = (field: string, value: unknown) =>
    field === 'article'
      ? article(value)
      : field === 'dimension' && typeof value === 'string'
        ? (names.dimension(value) ?? value)
        : text(value);
  /** `名称：before → after` for each of `fields` that differs; a long text by what changed in it. */
  const fieldLines = (before: Shape, after: Shape, fields: readonly (keyof typeof w.fields)[]) =>
    fields
      .filter((field) => differs(before[field], after[field]))
      .map((field) => {
        const [x, y] = [before[field], after[field]];
        const label = w.fields[field];
        if (typeof x === 'string' && typeof y === 'string' && Math.max(x.length, y.length) > 40)
          return `${label}${w.colon}${textChange(x, y)}`;
        return `${label}${w.colon}${show(field, x)} → ${show(field, y)}`;
      });
  return { w, text, fieldLines };
}

/** An indicator, the pass score or a veto added, removed or changed, in the page's language. */
export function scoreWords(
  entry: DiffEntry,
  names: ScoreNames,
  language: Language = 'zh',
): { title: string; lines: string[] } {
  const { w, text, fieldLines } = speaker(language, names);
  const before = isShape(entry.before) ? entry.before : {};
  const after = isShape(entry.after) ? entry.after : {};
  const shape = entry.change === 'removed' ? before : after;
  const change = entry.change === 'added' ? w.added : w.removed;
  if (entry.kind === 'passScore')
    return { title: w.passScore, lines: [`${w.passScore}${w.colon}${text(entry.before)} → ${text(entry.after)}`] };
  if (entry.kind === 'veto')
    return {
      title: `${w.veto}${w.colon}${text(shape.title)}`,
      lines: entry.change === 'changed' ? fieldLines(before, after, ['title', 'article']) : [change],
    };
  const variant = names.variant(entry.key.split('/')[0] ?? '');
  const dimension = typeof shape.dimension === 'string' ? (names.dimension(shape.dimension) ?? shape.dimension) : '';
  const title = [variant, shortTitle(dimension), text(shape.title)].filter((part) => part !== '').join(' / ');
  if (entry.change !== 'changed') return { title, lines: [`${change}${w.colon}${w.maxScore} ${text(shape.maxScore)}`] };
  const score = differs(before.maxScore, after.maxScore)
    ? [`${w.maxScore} ${text(before.maxScore)} → ${text(after.maxScore)}`]
    : [];
  return { title, lines: [...score, ...fieldLines(before, after, ['title', 'dimension', 'article', 'guidance'])] };
}
