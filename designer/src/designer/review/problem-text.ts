import { versionPath, type Problem } from '../../../../engine/definitions/problems.js';

/**
 * What each validator check (`Problem.check`, engine/definitions/checks) means, in the words of a
 * policy officer. The engine's English message stays for developers (shown in small print with the
 * check id); the names it quotes ("publicityEnds") are carried over, since they are what to look for.
 */
export const CHECK_TEXT: Record<string, string> = {
  // Files and their shape
  'missing-file': '版本缺少必需的文件',
  'unexpected-file': '版本中有不属于定义的文件',
  'json-syntax': '文件不是有效的 JSON，无法读取',
  'file-shape': '文件内容的结构不符合要求（缺少字段、类型不对或有未知字段）',
  calendar: '工作日历数据有误',
  limit: '校验超出时间或内存限制，未能完成',
  'duplicate-effective-date': '同一流程已有版本在同一天生效：每个生效日期只能有一个版本',
  // Manifest
  'manifest-process': '版本说明中的流程名称与所在目录不一致',
  'manifest-version': '版本说明中的版本号与所在目录不一致',
  'manifest-statuses': '案件状态的声明有误',
  'unknown-calendar': '版本说明引用了不存在的工作日历',
  'unknown-directory': '版本说明引用了不存在的行政区划目录',
  'directory-duplicate': '行政区划目录中有重复的代码',
  'group-members': '办理组的成员声明有误',
  'public-readers': '任何人都可以发送此消息，版本说明必须指定谁可以查阅公众提交的内容（第二十二条）',
  'subject-name': '版本说明中用于显示园区名称的字段不是表单中的文本字段',
  'subject-region': '申报主体（subject）与所属地区（region）的声明有误：两者不能同名，也不能使用引擎保留的名称',
  'group-scope': '办理组的范围只能是申报主体、所属地区或单个环节',
  'anyone-group': '“任何人”办理组的声明有误：只能有一个，且不能限定范围',
  'group-sees': '只查看分派给本组案件的办理组不能再限定范围，也不能是“任何人”',
  'public-notice': '公示页面提供的消息或显示名称的字段声明有误',
  statistics: '统计声明有误：认定日期须是已声明的日期，主体类型须是表单中的选择字段',
  'unused-status': '声明了但流程中从未使用的案件状态',
  translations: '译文目录（translations/<语言>.json）有误：应为一个 JSON 对象，每条译文为非空文本',
  // Rules (periods) and indicators
  'rule-value': '期限的取值无效（应为年、月、周、日或工作日数）',
  'rule-not-period': '定时器引用的规则不是期限',
  'rule-title-number': '期限的名称中写的数字与期限的取值不一致，请同时修改名称',
  'indicator-text-number': '指标的名称或评分指引中写的满分与指标的满分不一致，请同时修改文字',
  'element-text-number': '元素说明中写的期限与所用期限规则的取值不一致，请同时修改说明',
  'indicator-duplicate': '同一园区类型中指标编号重复',
  'indicator-dimension': '指标所属的维度不存在',
  'pass-score-unreachable': '合格分数高于满分合计，任何园区都无法通过',
  'veto-duplicate': '否决项编号重复',
  'variant-field': '区分园区类型的表单字段与指标的园区类型不一致',
  // Forms
  'form-compile': '表单定义无法使用（JSON Schema 有误）',
  'form-example': '表单的示例数据不符合表单本身',
  'form-example-indicators': '表单示例中的评分与指标体系不一致',
  'form-key': '表单文件名不符合命名规则',
  'form-draft': '表单使用了不支持的 JSON Schema 版本',
  'form-label': '表单或表单字段缺少中文标题或说明',
  'form-enum-label': '表单选项缺少中文名称',
  'form-pattern': '表单字段的格式规则（正则表达式）不安全或无效',
  'form-reserved-field': '表单字段名被系统保留，请换一个名称',
  // The diagram: structure
  'bpmn-parse': '流程图文件无法读取',
  'bpmn-process': '流程图中没有流程',
  'several-processes':
    '流程图中有不止一个流程（池）：每个版本只运行一个流程，其他池中的步骤不会按本办法运行，请把它们画为主流程的泳道',
  'unsupported-element': '流程图使用了本系统不能运行的元素',
  'unsupported-gateway': '流程图使用了本系统不能运行的网关类型',
  'unsupported-start': '流程图使用了本系统不能运行的开始事件',
  'unsupported-boundary': '流程图使用了本系统不能运行的边界事件',
  'join-after-exclusive-join': '合并网关的用法会让流程停住',
  'execution-phase':
    '清单中的运行阶段（executionPhases）不能作为一段流程运行：须只经入口连线进入、至多经一条出口连线离开，有出口的阶段内不能有普通结束事件或并行分支',
  // The diagram: declarations
  'unknown-property': '元素上有系统不认识的扩展属性',
  'duplicate-property': '元素上同一扩展属性写了两次',
  'misplaced-property': '扩展属性放在了不适用的元素上',
  'date-property': '期限相关属性（起算日期、方向、公开哪一天等）的取值无效',
  'literal-period': '定时器直接写了期限：请改为引用“期限”中的规则，以便修订时统一修改',
  'timer-without-rule': '定时器没有指定期限规则',
  'timer-host': '定时器只能放在中间捕获事件或边界事件上',
  'timer-rearmed': '此定时器在退回或异议循环中会重新起算：应从循环之前的日期起算（例如公示开始之日）',
  'unknown-rule': '引用了不存在的期限规则',
  'unknown-date': '引用了版本说明中未声明的日期',
  'unknown-status': '引用了版本说明中未声明的案件状态',
  'status-final': '终结状态只能用在结束事件上，结束事件必须使用终结状态',
  'unknown-form': '引用了不存在的表单',
  'unknown-group': '引用了版本说明中未声明的办理组',
  'task-form': '用户任务没有指定表单',
  'task-group': '用户任务没有指定办理人（组）',
  'task-scope': '办理组的范围与任务不匹配（例如逐部门办理的任务需要按部门划分的组）',
  'task-article': '任务的说明中没有引用办法的条款',
  'task-consistency': '同一任务在流程图的几处使用了不同的表单或办理人',
  'message-name': '消息的名称与表单不对应',
  'message-form': '消息没有对应的表单',
  'message-sender': '没有人可以发送此消息：请指定可发送的办理组',
  'collection-variable': '逐个办理的任务缺少元素变量',
  'collection-type': '逐个办理的任务所用的列表不是列表',
  'collection-language': '逐个办理的任务所用的列表必须以 = 开头的 FEEL 表达式写出',
  'collection-members': '逐个办理的列表中有不属于办理组的成员',
  // The diagram: conditions and expressions
  'expression-language': '表达式必须使用 FEEL 语言',
  'condition-language': '分支条件必须使用 FEEL 语言',
  'condition-type': '分支条件的结果不是“是/否”',
  'condition-choice': '分支条件比较的取值是该字段永远不会取到的值',
  'condition-field': '分支条件读取的字段在到达它的某条路径上没有任何表单填写（例如该字段已从前一步的表单中删除）',
  'feel-syntax': '表达式有语法错误',
  'feel-evaluation': '表达式无法计算（引用了未知的名称或类型不符）',
  'feel-range': '表达式中的范围过大，已拒绝计算',
  'output-name': '输出变量的名称不可用',
};

/** bpmnlint's rules (checks `bpmnlint/<rule>`): drawing and structure of the diagram. */
const LINT_TEXT: Record<string, string> = {
  'label-required': '元素缺少名称',
  'no-disconnected': '元素没有与流程连接',
  'no-implicit-split': '从任务直接分出多条连线：请用网关表示分支',
  'no-implicit-end': '流程在没有结束事件的地方结束',
  'no-implicit-start': '元素没有来路，流程无法到达',
  'conditional-flows': '分支的连线缺少条件',
  'end-event-required': '流程缺少结束事件',
  'start-event-required': '流程缺少开始事件',
  'fake-join': '任务有多条来路却未用网关合并',
  'no-gateway-join-fork': '一个网关同时合并和分支',
  'no-overlapping-elements': '元素在图上重叠',
  'superfluous-gateway': '网关只有一条来路和一条去路，多余',
  'superfluous-label': '元素带有多余的标签',
  'no-duplicate-sequence-flows': '两个元素之间有重复的连线',
  'no-inclusive-gateway': '流程图使用了本系统不能运行的包容网关',
  'no-complex-gateway': '流程图使用了本系统不能运行的复杂网关',
  'event-based-gateway': '事件网关须有至少两条去路，且每条都接捕获事件（消息、定时等）',
  'single-blank-start-event': '流程只能有一个普通开始事件',
  'single-event-definition': '一个事件只能有一种触发方式',
  'sub-process-blank-start-event': '子流程必须以普通开始事件开始',
  'ad-hoc-sub-process': '流程图使用了本系统不能运行的自由子流程',
  'event-sub-process-typed-start-event': '事件子流程的开始事件必须指定触发方式',
  'link-event': '链接事件没有配对',
  global: '全局元素的声明有误',
  'no-bpmndi': '元素没有画在图上',
  'superfluous-termination': '多余的终止结束事件',
};

/** The Chinese sentence for a check id, or undefined when the catalogue does not know it. */
export function checkText(check: string): string | undefined {
  return check.startsWith('bpmnlint/') ? LINT_TEXT[check.slice('bpmnlint/'.length)] : CHECK_TEXT[check];
}

// Words of the vocabulary a message quotes as advice ('add a "rule" property'), not what the problem concerns.
const VOCABULARY = new Set([
  'rule',
  'from',
  'due',
  'direction',
  'cycle',
  'dueIs',
  'status',
  'reason',
  'formKey',
  'candidateGroups',
]);

/** The names an English message quotes ("publicityEnds", "moa"), each once, in order. */
export function quotedNames(message: string): string[] {
  return [...new Set([...message.matchAll(/"([^"\n]{1,60})"/g)].map((match) => match[1] ?? ''))].filter(
    (name) => name !== '' && !VOCABULARY.has(name),
  );
}

const UNIT_WORDS: [RegExp, string][] = [
  [/(\d+) working days/g, '$1 个工作日'],
  [/(\d+) years/g, '$1 年'],
  [/(\d+) months/g, '$1 个月'],
  [/(\d+) days/g, '$1 日'],
];
const periodWords = (text: string) => UNIT_WORDS.reduce((words, [unit, zh]) => words.replace(unit, zh), text);

/** Checks whose message carries numbers worth saying in Chinese too (what the words say, what the value is). */
const DETAIL: Record<string, (message: string, names: ProblemNames, tokens: string[]) => string | undefined> = {
  'rule-title-number': (message) => {
    const match = /says (.+), the value is (.+)$/.exec(message);
    return match === null
      ? undefined
      : `名称写的是 ${periodWords(match[1] ?? '')}，取值是 ${periodWords(match[2] ?? '')}`;
  },
  'element-text-number': (message) => {
    const match = /says (.+), rule "[^"]*" is (.+)$/.exec(message);
    return match === null
      ? undefined
      : `说明写的是 ${periodWords(match[1] ?? '')}，期限规则是 ${periodWords(match[2] ?? '')}`;
  },
  'indicator-text-number': (message) => {
    const match = /says 满分(\S+)分, maxScore is (\d+)/.exec(message);
    return match === null ? undefined : `文字写的是满分${match[1] ?? ''}分，指标满分为 ${match[2] ?? ''} 分`;
  },
  // Reported on a form the author may not have touched: a changed or removed indicator left its
  // example behind. Said by park type and indicator name, with what to change.
  'form-example-indicators': (message, names, tokens) => {
    const score = /^score (\S+) is outside 0–(\S+) in variant "([^"]*)"$/.exec(message);
    const missing = /^indicator "([^"]*)" is not in variant "([^"]*)"$/.exec(message);
    const variant = score?.[3] ?? missing?.[2];
    if (variant === undefined) return undefined;
    const id = tokens.at(-1) ?? '';
    const park = names.variant?.(variant) ?? variant;
    if (score === null) return `示例为指标 ${id} 评了分，${park}的指标中没有此指标（删改了指标的，请一并修改示例）`;
    const title = names.indicatorTitle?.(variant, id);
    return `示例给${title === undefined ? ` ${id} ` : `「${title}」`}评 ${score[1] ?? ''} 分，${park}此项满分为 ${score[2] ?? ''} 分（改了满分的，请一并修改示例的评分）`;
  },
};

/** Checks whose sentence depends on what they point at (a form's title, a field's 标题 or 说明). */
const BY_POINTER: Record<string, (tokens: string[]) => string | undefined> = {
  'form-label': (tokens) => {
    const member = tokens.at(-1);
    if (tokens.length === 1 && member === 'title') return '表单缺少中文标题';
    if (member === 'title') return '表单字段缺少中文标题';
    if (member === 'description') return '表单字段缺少中文说明';
    return undefined;
  },
};

/**
 * Checks about a file as a whole — it is missing, stray, cannot be read, or is not the shape its kind
 * must have: their sentence names the file (its path in the version), since nothing inside it can.
 */
const WHOLE_FILE: Record<string, (file: string) => string> = {
  'missing-file': (file) => `版本缺少必需的文件 ${file}`,
  'unexpected-file': (file) => `版本中有不属于定义的文件 ${file}`,
  'json-syntax': (file) => `文件 ${file} 不是有效的 JSON，无法读取`,
  'file-shape': (file) => `文件 ${file} 的内容结构不符合要求（缺少字段、类型不对或有未知字段）`,
  'bpmn-parse': (file) => `流程图文件 ${file} 无法读取`,
};

/** Whether a problem concerns its file as a whole (nothing inside it to point at). */
function wholeFile(problem: Pick<Problem, 'check' | 'element' | 'pointer'>): boolean {
  return WHOLE_FILE[problem.check] !== undefined && problem.element === undefined && (problem.pointer ?? '') === '';
}

/**
 * A problem in Chinese: the check's sentence and the names it concerns; the English message when the
 * check is not catalogued. A problem about a whole file names the file, never what the file holds.
 */
export function problemText(
  problem: Pick<Problem, 'check' | 'message' | 'pointer'> & Partial<Pick<Problem, 'file' | 'element'>>,
  names: ProblemNames = {},
): string {
  if (problem.file !== undefined && wholeFile(problem)) {
    // What a root-level shape error quotes is a property's name (`unknown property "subjectNam"`).
    const quoted = quotedNames(problem.message);
    const text = WHOLE_FILE[problem.check]?.(versionPath(problem.file)) ?? problem.message;
    return quoted.length === 0 ? text : `${text}（涉及：${quoted.join('、')}）`;
  }
  const parts = tokens(problem.pointer ?? '');
  const text = BY_POINTER[problem.check]?.(parts) ?? checkText(problem.check);
  if (text === undefined) return problem.message;
  const detail = DETAIL[problem.check]?.(problem.message, names, parts);
  if (detail !== undefined) return `${text}：${detail}`;
  const quoted = quotedNames(problem.message);
  return quoted.length === 0 ? text : `${text}（涉及：${quoted.join('、')}）`;
}

/** Names of the things a problem can point at, from the version being edited. */
export interface ProblemNames {
  element?: (id: string) => string | undefined;
  rule?: (name: string) => string | undefined;
  indicator?: (variant: string, index: number) => string | undefined;
  /** An indicator's title by its id (`org-1`) within a park type. */
  indicatorTitle?: (variant: string, id: string) => string | undefined;
  variant?: (variant: string) => string | undefined;
  /** The article an element's documentation cites (`Art. 22`), for problems the engine reports without one. */
  elementArticle?: (id: string) => string | undefined;
  /** A form's title, by its key (`department-opinion`). */
  form?: (key: string) => string | undefined;
  /** The title of a form's field, by the JSON Pointer tokens that reach it (`properties`, `replyNote`). */
  formField?: (key: string, tokens: string[]) => string | undefined;
}

/** The article of a problem: its own, else the one its element's documentation cites. */
export function problemArticle(problem: Pick<Problem, 'article' | 'element'>, names: ProblemNames): string | undefined {
  return problem.article ?? (problem.element === undefined ? undefined : names.elementArticle?.(problem.element));
}

/** The words of a place, in the page's language: 表单「…」字段「…」的说明, Form “…”, field “…”, description. */
const PLACE = {
  zh: {
    fields: {
      title: '名称',
      value: '取值',
      article: '条款',
      guidance: '评分指引',
      maxScore: '满分',
      dimension: '维度',
    },
    formParts: {
      title: '标题',
      description: '说明',
      examples: '示例',
      oneOf: '选项',
      required: '必填',
      pattern: '格式规则',
    },
    member: (word: string) => `的${word}`,
    element: (name: string) => `「${name}」`,
    rule: (title: string) => `期限「${title}」`,
    ruleKey: (key: string) => `期限 ${key} `,
    variant: (variant: string) => `指标（${variant}）`,
    indicator: (variant: string, title: string) => `指标（${variant}）「${title}」`,
    form: (title: string) => `表单「${title}」`,
    field: (title: string) => `字段「${title}」`,
  },
  en: {
    fields: {
      title: 'title',
      value: 'value',
      article: 'article',
      guidance: 'scoring guidance',
      maxScore: 'maximum score',
      dimension: 'dimension',
    },
    formParts: {
      title: 'title',
      description: 'description',
      examples: 'examples',
      oneOf: 'choices',
      required: 'required fields',
      pattern: 'pattern',
    },
    member: (word: string) => `, ${word}`,
    element: (name: string) => `“${name}”`,
    rule: (title: string) => `Period “${title}”`,
    ruleKey: (key: string) => `Period ${key}`,
    variant: (variant: string) => `Indicators (${variant})`,
    indicator: (variant: string, title: string) => `Indicator (${variant}) “${title}”`,
    form: (title: string) => `Form “${title}”`,
    field: (title: string) => `, field “${title}”`,
  },
} as const;
type Place = (typeof PLACE)[keyof typeof PLACE];

const partWord = (words: Readonly<Record<string, string>>, token: string): string => words[token] ?? token;

/** Where in a form: 表单「相关部门意见表」字段「答复说明」的说明. */
function formLocation(key: string, parts: string[], names: ProblemNames, place: Place): string {
  const form = place.form(names.form?.(key) ?? key);
  let end = 0;
  while (parts[end] === 'items' || (parts[end] === 'properties' && parts[end + 1] !== undefined))
    end += parts[end] === 'items' ? 1 : 2;
  const path = parts.slice(0, end);
  const field = path.filter((_, index) => path[index - 1] === 'properties').at(-1);
  const rest = parts[end];
  const member = rest === undefined ? '' : place.member(partWord(place.formParts, rest));
  if (field === undefined) return `${form}${member}`;
  const title = names.formField?.(key, path);
  return `${form}${place.field(title === undefined || title === '' ? field : title)}${member}`;
}

function tokens(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/**
 * Where a problem is, in words: 「公示期最后一日」, 期限「…」的名称, 指标 工业园区 /「…」的评分指引; in
 * English (`language` en) Period “…”, title — by the names given, in that language.
 */
export function locationText(
  problem: Pick<Problem, 'file' | 'element' | 'pointer'> & Partial<Pick<Problem, 'check'>>,
  names: ProblemNames,
  language: 'zh' | 'en' = 'zh',
): string {
  const place = PLACE[language];
  // A file that cannot be read, or is not the shape of its kind, is the place itself: its path.
  if (problem.check !== undefined && wholeFile({ ...problem, check: problem.check })) return versionPath(problem.file);
  if (problem.element !== undefined) {
    const name = names.element?.(problem.element);
    return name === undefined || name === '' ? problem.element : place.element(name);
  }
  const parts = tokens(problem.pointer ?? '');
  const field = (token: string | undefined) => (token === undefined ? '' : place.member(partWord(place.fields, token)));
  if (problem.file.endsWith('rules.json') && parts[0] !== undefined) {
    // A blank title (often the problem itself) would read 期限「」: the rule's key says which one.
    const title = names.rule?.(parts[0])?.trim();
    return title === undefined || title === ''
      ? `${place.ruleKey(parts[0])}${field(parts[1])}`.trimEnd()
      : `${place.rule(title)}${field(parts[1])}`;
  }
  const form = /forms\/([^/]+)\.schema\.json$/.exec(problem.file)?.[1];
  if (form !== undefined) return formLocation(form, parts, names, place);
  if (problem.file.endsWith('indicators.json') && parts[0] === 'variants' && parts[1] !== undefined) {
    const variant = names.variant?.(parts[1]) ?? parts[1];
    if (parts[2] === undefined) return place.variant(variant);
    const title = names.indicator?.(parts[1], Number(parts[2])) ?? parts[2];
    return `${place.indicator(variant, title)}${field(parts[3])}`;
  }
  // Elsewhere in a file (the manifest's statuses, say): the file and the JSON Pointer, never blank.
  const file = versionPath(problem.file);
  return problem.pointer === undefined || problem.pointer === '' ? file : `${file} ${problem.pointer}`;
}
