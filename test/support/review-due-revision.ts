import type { Revision } from './definitions-fixture.js';

/**
 * A test revision whose provincial feasibility review carries a due date (README "Task due dates"):
 * the 2024 measures set no review period, so this target is the test's own, not the programme's.
 */
export const REVIEW_DUE_REVISION: Revision = {
  version: '2024-03-15',
  effectiveFrom: '2024-03-15',
  edit: async (read) => {
    const rules = JSON.parse(await read('rules.json')) as Record<string, unknown>;
    rules.provincialReviewWorkingDays = {
      value: 20,
      article: 'Art. 17',
      title: '省级可行性论证办理时限（测试用示例服务目标，非《管理办法》规定）',
    };
    const manifest = JSON.parse(await read('manifest.json')) as { dates: Record<string, unknown> };
    manifest.dates.provincialReviewDue = { title: '省级论证办理期限', article: 'Art. 17' };
    const properties =
      '<bpmn:extensionElements><camunda:properties>' +
      '<camunda:property name="due" value="provincialReviewDue" />' +
      '<camunda:property name="rule" value="provincialReviewWorkingDays" />' +
      '</camunda:properties></bpmn:extensionElements>';
    const bpmn = (await read('process.bpmn')).replace(
      /(<bpmn:userTask id="provincialFeasibilityReview"[^>]*>\s*<bpmn:documentation>[^<]*<\/bpmn:documentation>)/,
      `$1${properties}`,
    );
    return {
      'rules.json': JSON.stringify(rules, null, 2),
      'manifest.json': JSON.stringify(manifest, null, 2),
      'process.bpmn': bpmn,
    };
  },
};

/**
 * A test revision whose annual report (Art. 27) carries a due date twenty working days after it
 * opens: the 2024 measures set none, so this target too is the test's own. The report's task is
 * met again every year, by a loop that comes round to it while last year's may still be open.
 */
export const ANNUAL_REPORT_DUE_REVISION: Revision = {
  version: '2024-03-15',
  effectiveFrom: '2024-03-15',
  edit: async (read) => {
    const rules = JSON.parse(await read('rules.json')) as Record<string, unknown>;
    rules.annualReportWorkingDays = {
      value: 20,
      article: 'Art. 27',
      title: '年度工作报告报送时限（测试用示例，非《管理办法》规定）',
    };
    const manifest = JSON.parse(await read('manifest.json')) as { dates: Record<string, unknown> };
    manifest.dates.annualReportDue = { title: '年度工作报告报送期限', article: 'Art. 27' };
    const properties =
      '<bpmn:extensionElements><camunda:properties>' +
      '<camunda:property name="due" value="annualReportDue" />' +
      '<camunda:property name="rule" value="annualReportWorkingDays" />' +
      '</camunda:properties></bpmn:extensionElements>';
    const bpmn = (await read('process.bpmn')).replace(
      /(<bpmn:userTask id="submitAnnualReport"[^>]*>\s*<bpmn:documentation>[^<]*<\/bpmn:documentation>)/,
      `$1${properties}`,
    );
    return {
      'rules.json': JSON.stringify(rules, null, 2),
      'manifest.json': JSON.stringify(manifest, null, 2),
      'process.bpmn': bpmn,
    };
  },
};
