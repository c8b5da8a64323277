import type { Revision } from './definitions-fixture.js';

/** What a test revision needs to give one user task a due date (README "Task due dates"). */
interface TaskDue {
  /** The user task's id in process.bpmn. */
  task: string;
  /** The manifest date the task's due date is kept under, and its title. */
  date: string;
  dateTitle: string;
  /** The rule giving the working days, its value, article and title. */
  rule: string;
  workingDays: number;
  article: string;
  ruleTitle: string;
}

/**
 * A revision in force from 2024-03-15 whose `task` is due `workingDays` working days after it
 * opens. The 2024 measures set no such periods, so each target is the test's own, not the programme's.
 */
export function taskDueRevision(due: TaskDue): Revision {
  return {
    version: '2024-03-15',
    effectiveFrom: '2024-03-15',
    edit: async (read) => {
      const rules = JSON.parse(await read('rules.json')) as Record<string, unknown>;
      rules[due.rule] = { value: due.workingDays, article: due.article, title: due.ruleTitle };
      const manifest = JSON.parse(await read('manifest.json')) as { dates: Record<string, unknown> };
      manifest.dates[due.date] = { title: due.dateTitle, article: due.article };
      const properties =
        '<bpmn:extensionElements><camunda:properties>' +
        `<camunda:property name="due" value="${due.date}" />` +
        `<camunda:property name="rule" value="${due.rule}" />` +
        '</camunda:properties></bpmn:extensionElements>';
      const task = new RegExp(
        `(<bpmn:userTask id="${due.task}"[^>]*>\\s*<bpmn:documentation>[^<]*<\\/bpmn:documentation>)`,
      );
      const process = await read('process.bpmn');
      if (!task.test(process)) throw new Error(`process.bpmn has no documented user task ${due.task}`);
      return {
        'rules.json': JSON.stringify(rules, null, 2),
        'manifest.json': JSON.stringify(manifest, null, 2),
        'process.bpmn': process.replace(task, `$1${properties}`),
      };
    },
  };
}

/** The provincial feasibility review (Art. 17), due twenty working days after it opens. */
export const REVIEW_DUE_REVISION = taskDueRevision({
  task: 'provincialFeasibilityReview',
  date: 'provincialReviewDue',
  dateTitle: '省级论证办理期限',
  rule: 'provincialReviewWorkingDays',
  workingDays: 20,
  article: 'Art. 17',
  ruleTitle: '省级可行性论证办理时限（测试用示例服务目标，非《管理办法》规定）',
});

/**
 * The annual report (Art. 27), due twenty working days after it opens. Its task is met again every
 * year, by a loop that comes round to it while last year's may still be open.
 */
export const ANNUAL_REPORT_DUE_REVISION = taskDueRevision({
  task: 'submitAnnualReport',
  date: 'annualReportDue',
  dateTitle: '年度工作报告报送期限',
  rule: 'annualReportWorkingDays',
  workingDays: 20,
  article: 'Art. 27',
  ruleTitle: '年度工作报告报送时限（测试用示例，非《管理办法》规定）',
});

/** The acceptance application (Art. 19), due ten working days after its timer opens it. */
export const ACCEPTANCE_DUE_REVISION = taskDueRevision({
  task: 'submitAcceptanceApplication',
  date: 'acceptanceApplicationDue',
  dateTitle: '验收申请报送期限',
  rule: 'acceptanceApplicationWorkingDays',
  workingDays: 10,
  article: 'Art. 19',
  ruleTitle: '验收申请报送时限（测试用）',
});
