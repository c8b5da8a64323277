/**
 * BPMN element types in Chinese, in the words of the Chinese edition of the standard (as
 * runnability.ts names them). bpmn-js names a type twice: in sentence case in its menus ("Event-based
 * gateway", "Timer boundary event (non-interrupting)") and in title case in the properties panel's
 * header ("Event Based Gateway", "Timer Boundary Event (Non Interrupting)"); both are looked up here.
 */

/** Types other than events, by their name in lower case with hyphens as spaces. */
const TYPES: Record<string, string> = {
  task: '任务',
  'user task': '用户任务',
  'service task': '服务任务',
  'script task': '脚本任务',
  'send task': '发送任务',
  'receive task': '接收任务',
  'manual task': '手工任务',
  'business rule task': '业务规则任务',
  'call activity': '调用活动',
  'sub process': '子流程',
  'sub process (collapsed)': '子流程（折叠）',
  'sub process (expanded)': '子流程',
  'collapsed sub process': '子流程（折叠）',
  'expanded sub process': '子流程',
  'ad hoc sub process': '自由子流程',
  'ad hoc sub process (collapsed)': '自由子流程（折叠）',
  'ad hoc sub process (expanded)': '自由子流程',
  'collapsed ad hoc sub process': '自由子流程（折叠）',
  'expanded ad hoc sub process': '自由子流程',
  'event sub process': '事件子流程',
  transaction: '事务子流程',
  gateway: '网关',
  'exclusive gateway': '排他网关',
  'parallel gateway': '并行网关',
  'inclusive gateway': '包容网关',
  'complex gateway': '复杂网关',
  'event based gateway': '事件网关',
  'event based instantiating gateway': '事件网关（启动流程）',
  'parallel event based instantiating gateway': '并行事件网关（启动流程）',
  'sequence flow': '顺序流',
  'conditional flow': '条件顺序流',
  'default flow': '默认顺序流',
  'message flow': '消息流',
  association: '关联',
  'data input association': '数据输入关联',
  'data output association': '数据输出关联',
  'data input': '数据输入',
  'data output': '数据输出',
  'data object reference': '数据对象引用',
  'data store reference': '数据存储引用',
  'text annotation': '文本注释',
  group: '组',
  // The whole diagram (nothing selected): the heading a policy officer reads is the process, not "COLLABORATION".
  collaboration: '流程',
  process: '流程',
  participant: '池',
  'empty pool/participant': '空池',
  'empty pool/participant (removes content)': '空池（删除池中内容）',
  'expanded pool/participant': '展开的池',
  lane: '泳道',
};

const TRIGGERS: Record<string, string> = {
  timer: '定时',
  message: '消息',
  signal: '信号',
  conditional: '条件',
  error: '错误',
  escalation: '升级',
  compensate: '补偿',
  compensation: '补偿',
  cancel: '取消',
  link: '链接',
  terminate: '终止',
  multiple: '多重',
  parallel: '并行',
  'parallel multiple': '并行多重',
};

const POSITIONS: Record<string, string> = {
  'start event': '开始事件',
  'intermediate catch event': '中间捕获事件',
  'intermediate throw event': '中间抛出事件',
  'boundary event': '边界事件',
  'end event': '结束事件',
};

const EVENT = new RegExp(
  `^(?:(${Object.keys(TRIGGERS).join('|')}) )?(${Object.keys(POSITIONS).join('|')})( \\(non interrupting\\))?$`,
);

/** The Chinese name of an element type as bpmn-js writes it, or undefined if it names none. */
export function elementNameZh(english: string): string | undefined {
  const key = english.toLowerCase().replace(/-/g, ' ');
  const type = TYPES[key];
  if (type !== undefined) return type;
  const event = EVENT.exec(key);
  if (event === null) return undefined;
  const [, trigger, position = '', nonInterrupting] = event;
  return `${trigger === undefined ? '' : TRIGGERS[trigger]}${POSITIONS[position]}${nonInterrupting === undefined ? '' : '（非中断）'}`;
}

/**
 * An element type as bpmn-js writes it, in the English a policy officer reads: sentence case as the
 * menus write it ("Timer Intermediate Catch Event", the panel's header, → "Timer intermediate catch
 * event"), the whole diagram the process (it read COLLABORATION); undefined if it names no type.
 */
export function elementNameEn(english: string): string | undefined {
  const key = english.toLowerCase();
  if (elementNameZh(key) === undefined) return undefined;
  if (key === 'collaboration') return 'Process';
  const sentence = key.replace(/\(non interrupting\)/, '(non-interrupting)');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}`;
}
