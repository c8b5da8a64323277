import type { DiffEntry } from '../../../../server/drafts/version-diff.js';
import { articleNumeral } from '../../../../engine/forms/article-text.js';
import { periodWords } from '../periods/period-words.js';
import { formWords } from './form-diff-words.js';
import { scoreWords } from './score-diff-words.js';
import { shortTitle, textChange } from './text-change.js';

/**
 * A version difference (server/drafts/version-diff.ts) as a policy officer reads it: by the names,
 * titles and articles of the measures — 公示期：5 个工作日 → 7 个工作日（第二十二条）; 工业园区 / 质量基础设施 /
 * 计量检定校准与测量能力 — never by keys (`publicityMinWorkingDays`, `industry/infra-1`). Pure; the
 * compare panel supplies the names it cannot know (park types, dimensions, elements of the diagram).
 */

/** What an officer sees the differences grouped as. */
export type DiffGroup = 'periods' | 'indicators' | 'forms' | 'diagram' | 'manifest';

export const DIFF_GROUPS: readonly DiffGroup[] = ['periods', 'indicators', 'forms', 'diagram', 'manifest'];

export function groupOf(kind: DiffEntry['kind']): DiffGroup {
  switch (kind) {
    case 'rule':
      return 'periods';
    case 'indicator':
    case 'passScore':
    case 'veto':
      return 'indicators';
    case 'form':
      return 'forms';
    case 'element':
    case 'flow':
      return 'diagram';
    case 'manifest':
      return 'manifest';
  }
}

export interface DiffNames {
  variant: (name: string) => string;
  dimension: (id: string) => string | undefined;
  /** A diagram element's name (draft or base), for a flow's ends. */
  element: (id: string) => string | undefined;
  /** A rule's short title, for an element's `rule` property. */
  rule: (name: string) => string | undefined;
  /** A text of the definitions in the page's language (the catalogue's English), where it has one. */
  text?: (chinese: string) => string;
}

/** What a line says: a heading (the thing changed) and the changes in it. */
export interface DiffWords {
  title: string;
  lines: string[];
}

type Shape = Record<string, unknown>;
const isShape = (value: unknown): value is Shape =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string =>
  value === undefined || value === null || value === ''
    ? '（无）'
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);

const article = (value: unknown) => (typeof value === 'string' ? (articleNumeral(value) ?? value) : '');

export { shortTitle, textChange };

/** `field：before → after` for each field that differs, in the given order, with the given words. */
function fieldLines(
  before: Shape,
  after: Shape,
  labels: Record<string, string>,
  show: (field: string, value: unknown) => string,
  only = false,
) {
  const fields = only
    ? Object.keys(labels)
    : [...new Set([...Object.keys(labels), ...Object.keys(before), ...Object.keys(after)])];
  return fields
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => {
      const [x, y] = [before[field], after[field]];
      const label = labels[field] ?? field;
      if (typeof x === 'string' && typeof y === 'string' && Math.max(x.length, y.length) > 40)
        return `${label}：${textChange(x, y)}`;
      return `${label}：${show(field, x)} → ${show(field, y)}`;
    });
}

const CHANGE_WORD = { added: '新增', removed: '删除' } as const;

function ruleWords(entry: DiffEntry): DiffWords {
  const before = isShape(entry.before) ? entry.before : {};
  const after = isShape(entry.after) ? entry.after : {};
  const shape = entry.change === 'removed' ? before : after;
  const name = shortTitle(text(shape.title));
  const cited = article(shape.article);
  const citation = cited === '' ? '' : `（${cited}）`;
  if (entry.change !== 'changed')
    return { title: name, lines: [`${CHANGE_WORD[entry.change]}：${periodWords(shape.value, 'zh')}${citation}`] };
  const lines: string[] = [];
  if (JSON.stringify(before.value) !== JSON.stringify(after.value))
    lines.push(`${name}：${periodWords(before.value, 'zh')} → ${periodWords(after.value, 'zh')}${citation}`);
  lines.push(
    ...fieldLines(
      before,
      after,
      { title: '名称', article: '条款' },
      (field, value) => (field === 'article' ? article(value) : text(value)),
      true,
    ),
  );
  return { title: name, lines };
}

const ELEMENT_TYPES: Record<'zh' | 'en', Record<string, string>> = {
  zh: {
    'bpmn:UserTask': '用户任务',
    'bpmn:ServiceTask': '服务任务',
    'bpmn:Task': '任务',
    'bpmn:StartEvent': '开始事件',
    'bpmn:EndEvent': '结束事件',
    'bpmn:IntermediateCatchEvent': '中间事件',
    'bpmn:IntermediateThrowEvent': '中间事件',
    'bpmn:BoundaryEvent': '边界事件',
    'bpmn:ExclusiveGateway': '排他网关',
    'bpmn:ParallelGateway': '并行网关',
    'bpmn:EventBasedGateway': '事件网关',
    'bpmn:SubProcess': '子流程',
    'bpmn:CallActivity': '调用活动',
  },
  // As bpmn-js' menus name them.
  en: {
    'bpmn:UserTask': 'user task',
    'bpmn:ServiceTask': 'service task',
    'bpmn:Task': 'task',
    'bpmn:StartEvent': 'start event',
    'bpmn:EndEvent': 'end event',
    'bpmn:IntermediateCatchEvent': 'intermediate event',
    'bpmn:IntermediateThrowEvent': 'intermediate event',
    'bpmn:BoundaryEvent': 'boundary event',
    'bpmn:ExclusiveGateway': 'exclusive gateway',
    'bpmn:ParallelGateway': 'parallel gateway',
    'bpmn:EventBasedGateway': 'event-based gateway',
    'bpmn:SubProcess': 'sub-process',
    'bpmn:CallActivity': 'call activity',
  },
};

/** An element's type in words (`bpmn:UserTask`: 用户任务, user task); one not listed by its BPMN name. */
function elementType(type: unknown, language: 'zh' | 'en'): string {
  return typeof type === 'string' ? (ELEMENT_TYPES[language][type] ?? type.replace(/^bpmn:/, '')) : '';
}

/** What an element or a flow is called: 公示期满（中间事件）, 连线：a → b; in English, its name from `names`. */
function elementTitle(entry: DiffEntry, names: DiffNames, language: 'zh' | 'en'): string {
  const before = isShape(entry.before) ? entry.before : {};
  const after = isShape(entry.after) ? entry.after : {};
  const shape = entry.change === 'removed' ? before : after;
  const end = (id: unknown) => names.element(text(id)) ?? text(id);
  if (entry.kind === 'flow')
    return language === 'zh'
      ? `连线：${end(shape.source)} → ${end(shape.target)}`
      : `Flow: ${end(shape.source)} → ${end(shape.target)}`;
  const type = elementType(shape.type, language);
  // The draft's name tells apart two elements named alike; a removed element has only its own.
  const own = typeof shape.name === 'string' && shape.name !== '' ? shape.name.replace(/\s+/g, ' ') : undefined;
  const name =
    (entry.change === 'removed' ? undefined : names.element(entry.key)) ??
    (own === undefined ? entry.key : (names.text?.(own) ?? own));
  if (type === '') return name;
  return language === 'zh' ? `${name}（${type}）` : `${name} (${type})`;
}

const ELEMENT_FIELDS: Record<string, string> = {
  name: '名称',
  type: '类型',
  documentation: '说明',
  rule: '期限规则',
  due: '公开的日期',
  from: '起算日期',
  direction: '方向',
  cycle: '周期',
  dueIs: '公开哪一天',
  status: '案件状态',
  reason: '结束原因',
  formKey: '表单',
  candidateGroups: '可发送的组',
  condition: '条件',
};

function elementWords(entry: DiffEntry, names: DiffNames): DiffWords {
  const before = isShape(entry.before) ? entry.before : {};
  const after = isShape(entry.after) ? entry.after : {};
  const title = elementTitle(entry, names, 'zh');
  if (entry.change !== 'changed') return { title, lines: [CHANGE_WORD[entry.change]] };
  // Extension properties are compared one by one, beside the element's own fields.
  const flat = (value: Shape): Shape => ({
    ...value,
    ...(isShape(value.properties) ? value.properties : {}),
    properties: undefined,
  });
  const show = (field: string, value: unknown) =>
    field === 'rule' && typeof value === 'string'
      ? (names.rule(value) ?? value)
      : field === 'type' && typeof value === 'string'
        ? (ELEMENT_TYPES.zh[value] ?? value)
        : text(value);
  return { title, lines: fieldLines(flat(before), flat(after), ELEMENT_FIELDS, show) };
}

const MANIFEST_FIELDS: Record<string, string> = {
  title: '标题',
  basis: '依据',
  calendar: '工作日历',
  statuses: '案件状态',
  dates: '日期',
  groups: '办理组',
  subjectName: '主体名称字段',
  publicSubmissionReaders: '可查阅公众提交内容的组',
};

function manifestWords(entry: DiffEntry): DiffWords {
  const title = MANIFEST_FIELDS[entry.key] ?? entry.key;
  if (entry.change !== 'changed') return { title, lines: [CHANGE_WORD[entry.change]] };
  if (typeof entry.before === 'string' && typeof entry.after === 'string')
    return {
      title,
      lines: [
        entry.before.length + entry.after.length > 80
          ? textChange(entry.before, entry.after)
          : `${entry.before} → ${entry.after}`,
      ],
    };
  if (isShape(entry.before) && isShape(entry.after)) {
    const [a, b] = [entry.before, entry.after];
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
      (key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]),
    );
    const named = (key: string) => {
      const value = b[key] ?? a[key];
      return isShape(value) && typeof value.title === 'string' ? `${value.title}（${key}）` : key;
    };
    return { title, lines: [`有修改：${keys.map(named).join('、')}`] };
  }
  return { title, lines: [`${text(entry.before)} → ${text(entry.after)}`] };
}

function show(value: unknown, kind: DiffEntry['kind'], field: string, language: 'zh' | 'en'): string {
  if (kind === 'rule' && field === 'value') return periodWords(value, language);
  if (typeof value === 'string') return value.length > 60 ? `${value.slice(0, 60)}…` : value;
  return value === undefined ? '—' : JSON.stringify(value);
}

/** What changed inside a changed entry, field by field ("name: 公示期满 → 公示期届满"): English for the rest. */
export function changeDetails(entry: DiffEntry, language: 'zh' | 'en'): string[] {
  if (entry.change !== 'changed') return [];
  const { before, after } = entry;
  if (entry.kind === 'form') return [];
  if (!isShape(before) || !isShape(after))
    return [`${show(before, entry.kind, '', language)} → ${show(after, entry.kind, '', language)}`];
  const lines = (a: Shape, b: Shape, prefix: string): string[] =>
    [...new Set([...Object.keys(a), ...Object.keys(b)])]
      .filter((field) => JSON.stringify(a[field]) !== JSON.stringify(b[field]))
      .flatMap((field) => {
        const [x, y] = [a[field], b[field]];
        // One level down (an element's extension properties): name the property that changed.
        if (prefix === '' && isShape(x) && isShape(y)) return lines(x, y, `${field}.`);
        const shown = (value: unknown) => (value === undefined ? '—' : show(value, entry.kind, field, language));
        return [`${prefix}${field}: ${shown(x)} → ${shown(y)}`];
      });
  return lines(before, after, '');
}

/** One difference in words, in the page's language. */
export function diffWords(entry: DiffEntry, names: DiffNames, language: 'zh' | 'en' = 'zh'): DiffWords {
  if (language === 'zh') return chineseWords(entry, names);
  // The scores and forms in the officer's words in English too (they said `maxScore: 4 → 5`, and a
  // form nothing); the rest by its Chinese title with its fields' changes.
  if (groupOf(entry.kind) === 'indicators') return scoreWords(entry, names, language);
  if (entry.kind === 'form') return formWords(entry, language, names.text);
  return { title: englishTitle(entry, names), lines: changeDetails(entry, language) };
}

const MANIFEST_FIELDS_EN: Record<string, string> = {
  title: 'Title',
  basis: 'Basis',
  calendar: 'Working-day calendar',
  statuses: 'Case statuses',
  dates: 'Dates',
  groups: 'Groups',
  subjectName: 'Subject name field',
  publicSubmissionReaders: 'Groups that may read public submissions',
};

/** The heading of a period, an element, a flow or a part of the manifest in English (they read 公示期满（中间事件）). */
function englishTitle(entry: DiffEntry, names: DiffNames): string {
  switch (entry.kind) {
    case 'element':
    case 'flow':
      return elementTitle(entry, names, 'en');
    case 'manifest':
      return MANIFEST_FIELDS_EN[entry.key] ?? entry.key;
    case 'rule': {
      const shape = entry.change === 'removed' ? entry.before : entry.after;
      const title = isShape(shape) && typeof shape.title === 'string' && shape.title !== '' ? shape.title : entry.key;
      return shortTitle(names.text?.(title) ?? title);
    }
    default:
      return chineseWords(entry, names).title;
  }
}

function chineseWords(entry: DiffEntry, names: DiffNames): DiffWords {
  switch (entry.kind) {
    case 'rule':
      return ruleWords(entry);
    case 'indicator':
    case 'passScore':
    case 'veto':
      return scoreWords(entry, names);
    case 'form':
      return formWords(entry);
    case 'element':
    case 'flow':
      return elementWords(entry, names);
    case 'manifest':
      return manifestWords(entry);
  }
}
