/**
 * Chinese for the modeler's most visible English strings (palette, context pad, properties panel
 * groups and entries); anything not listed stays English. bpmn-js asks its `translate` service.
 */
const ZH: Record<string, string> = {
  // palette and context pad
  'Activate hand tool': '手形工具',
  'Activate lasso tool': '套索工具',
  'Activate create/remove space tool': '创建/删除空间',
  'Activate global connect tool': '全局连线工具',
  'Create start event': '创建开始事件',
  'Create intermediate/boundary event': '创建中间/边界事件',
  'Create end event': '创建结束事件',
  'Create gateway': '创建网关',
  'Create task': '创建任务',
  'Create data object reference': '创建数据对象引用',
  'Create data store reference': '创建数据存储引用',
  'Create expanded sub-process': '创建展开的子流程',
  'Create pool/participant': '创建池/参与者',
  'Create group': '创建组',
  'Append end event': '追加结束事件',
  'Append gateway': '追加网关',
  'Append task': '追加任务',
  'Append intermediate/boundary event': '追加中间/边界事件',
  'Change element': '更改元素类型',
  Delete: '删除',
  'Connect using sequence/message flow or association': '连线（顺序流/消息流/关联）',
  'Connect using association': '关联连线',
  'Connect to other element': '连接到其他元素',
  'Add text annotation': '添加文本注释',
  // properties panel: groups
  General: '常规',
  Documentation: '说明',
  Timer: '定时器',
  Condition: '条件',
  'User assignment': '办理人',
  Forms: '表单',
  Form: '表单',
  Inputs: '输入',
  Outputs: '输出',
  'Input/Output': '输入/输出',
  'Extension properties': '扩展属性',
  'Execution listeners': '执行监听器',
  'Task listeners': '任务监听器',
  'Asynchronous continuations': '异步延续',
  'Job execution': '作业执行',
  'Multi-instance': '多实例',
  Message: '消息',
  Implementation: '实现',
  Tasklist: '任务列表',
  'Candidate starter': '可发起者',
  'History cleanup': '历史清理',
  // properties panel: entries
  Name: '名称',
  ID: 'ID',
  Value: '值',
  Type: '类型',
  'Version tag': '版本标签',
  Executable: '可执行',
  'Element documentation': '元素说明',
  'Process documentation': '流程说明',
  Assignee: '办理人',
  'Candidate groups': '候选组',
  'Candidate users': '候选用户',
  'Due date': '到期日',
  'Follow up date': '跟进日期',
  Priority: '优先级',
  'Form key': '表单键',
  'Custom form key': '自定义表单键',
  'Condition expression': '条件表达式',
  Expression: '表达式',
  Script: '脚本',
  Format: '格式',
  Date: '日期',
  Duration: '时长',
  Cycle: '周期',
  Collection: '集合',
  'Element variable': '元素变量',
  'Completion condition': '完成条件',
  'Loop cardinality': '循环次数',
  'Local variable name': '局部变量名',
  'Assignment type': '赋值类型',
  'String or expression': '文本或表达式',
  'Global message reference': '全局消息引用',
  'Create new ...': '新建…',
  '<none>': '（无）',
  '<empty>': '（空）',
};

export type Translate = (template: string, replacements?: Record<string, string>) => string;

/** A `translate` service: Chinese while `language()` is zh, the English template otherwise. */
export function translateFor(language: () => 'zh' | 'en'): Translate {
  return (template, replacements = {}) => {
    const text = language() === 'zh' ? (ZH[template] ?? template) : template;
    return text.replace(/{([^}]+)}/g, (whole, key: string) => replacements[key] ?? whole);
  };
}
