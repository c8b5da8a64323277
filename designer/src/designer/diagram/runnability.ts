import { checkProcessStructure } from '../../../../engine/definitions/checks/process-structure.js';
import type { ModdleElement } from '../../../../engine/definitions/moddle.js';
import { FileProblems, type Problem } from '../../../../engine/definitions/problems.js';
import { buildProcessModel, otherProcesses, type NodeSpec } from '../../../../engine/definitions/process-model.js';
import type { ProblemBadge } from './diagram-hooks.js';

/** BPMN element types in the words of the Chinese edition of the standard (and Camunda Modeler's). */
const TYPE_WORDS: Record<string, string> = {
  'bpmn:InclusiveGateway': '包容网关',
  'bpmn:ComplexGateway': '复杂网关',
  'bpmn:ScriptTask': '脚本任务',
  'bpmn:ServiceTask': '服务任务',
  'bpmn:SendTask': '发送任务',
  'bpmn:ReceiveTask': '接收任务',
  'bpmn:BusinessRuleTask': '业务规则任务',
  'bpmn:CallActivity': '调用活动',
  'bpmn:Transaction': '事务子流程',
  'bpmn:AdHocSubProcess': '自由子流程',
  'bpmn:SubProcess': '子流程',
  'bpmn:StartEvent': '开始事件',
  'bpmn:BoundaryEvent': '边界事件',
};

/** What to use instead, by element type (for `unsupported-element`). */
const INSTEAD: Record<string, string> = {
  'bpmn:InclusiveGateway': '请改用排他网关（只走一条）或并行网关（都走）',
  'bpmn:ComplexGateway': '请改用排他网关（只走一条）或并行网关（都走）',
  'bpmn:ScriptTask': '脚本会执行流程图中的代码，本系统不运行：请改为用户任务，或用分支条件和期限规则表达',
  'bpmn:ServiceTask': '服务任务会调用外部代码，本系统不运行：请改为用户任务',
  'bpmn:BusinessRuleTask': '业务规则（DMN）本系统不运行：请改用排他网关和分支条件',
  'bpmn:CallActivity': '调用活动不能引用其他版本的流程：请把被调用的步骤画进本流程（子流程）',
  'bpmn:SendTask': '请改为中间抛出事件或用户任务',
  'bpmn:ReceiveTask': '请改为消息中间捕获事件',
};

const SECOND_PROCESS = '本系统每个版本只运行一个流程：此池中的步骤不会按图运行，请把它们画为主流程的泳道';

/** One sentence per problem, in Chinese, naming what is not run and what to use instead. */
function sentence(problem: Problem, node: NodeSpec | undefined, inEventSubProcess: boolean): string {
  const type = node?.type ?? '';
  const words = TYPE_WORDS[type] ?? type.replace('bpmn:', '');
  switch (problem.check) {
    case 'unsupported-start':
      return inEventSubProcess
        ? '事件子流程的开始事件不会被触发：请改用边界事件或事件网关'
        : '案件由系统开始：开始事件不能带定时器、消息或信号，请改为普通开始事件';
    case 'unsupported-boundary':
      return '不中断的消息边界事件只会触发一次：请改用事件网关循环接收消息';
    case 'join-after-exclusive-join':
      return '排他网关合并之后的并行网关合并可能一直等待：请调整分支结构';
    default:
      if (node?.triggeredByEvent === true) return '本系统不会触发事件子流程：请改用边界事件或事件网关';
      return `本系统不能运行${words}${INSTEAD[type] === undefined ? '' : `：${INSTEAD[type]}`}`;
  }
}

/**
 * The constructs of a diagram the engine does not run (engine/definitions/checks/process-structure,
 * the same check `npm run validate` makes), as badges on their elements: what a diagram made in
 * Camunda Modeler may contain (inclusive gateways, event sub-processes, script tasks…) said in
 * Chinese as soon as it is imported, before it is saved. One badge per element and sentence (an
 * inclusive gateway is both an unknown element and an unsupported gateway: one sentence).
 */
export function notRunnable(definitions: ModdleElement): ProblemBadge[] {
  const model = buildProcessModel(definitions);
  if (model === undefined) return [];
  const problems: Problem[] = [];
  checkProcessStructure(model, new FileProblems('process.bpmn', problems));
  const badges = new Map<string, ProblemBadge>();
  for (const problem of problems) {
    if (problem.element === undefined) continue;
    const node = model.nodes.get(problem.element);
    const parent = node?.parent === undefined ? undefined : model.nodes.get(node.parent);
    const text = sentence(problem, node, parent?.triggeredByEvent === true);
    badges.set(`${problem.element}\u0000${text}`, { element: problem.element, severity: problem.severity, text });
  }
  // A second pool's process: not checked above (the model is of one process), and not run as drawn.
  for (const other of otherProcesses(definitions))
    badges.set(other.element, { element: other.element, severity: 'error', text: SECOND_PROCESS });
  return [...badges.values()];
}
