import { beforeAll, describe, expect, it } from 'vitest';
import { formatProblem, type Problem } from '../../engine/definitions/problems.js';
import type { VersionSource } from '../../engine/definitions/version-source.js';
import {
  check,
  checkBroken,
  editBpmn,
  expectNoProblem,
  feelCondition,
  loadRealVersion,
  REAL_PROCESS,
  setCondition,
  withFile,
  type ExpectedProblem,
  type RealVersion,
} from './helpers.js';

// The validator on broken copies of the real version's process.bpmn (one fixture per check).

let real: RealVersion;
beforeAll(async () => {
  real = await loadRealVersion();
});

const expectBroken = (source: VersionSource, ...expected: ExpectedProblem[]): Promise<Problem[]> =>
  checkBroken(real.context, source, ...expected);

const BPMN = 'process.bpmn';

describe('process.bpmn: reading and lint', () => {
  it('bpmn-parse: malformed XML', async () => {
    const problems = await expectBroken(editBpmn(real.source, ['</bpmn:process>', '</bpmn:proc>']), {
      check: 'bpmn-parse',
      file: BPMN,
    });
    expect(problems.map((problem) => problem.check)).toEqual(['bpmn-parse']);
  });

  it('bpmn-parse: not XML at all', async () => {
    await expectBroken(withFile(real.source, BPMN, 'not xml <'), { check: 'bpmn-parse', file: BPMN });
  });

  it('bpmn-parse: an unknown attribute (a moddle warning) is an error on its element', async () => {
    await expectBroken(
      editBpmn(real.source, ['<bpmn:startEvent id="start" name="发起创建">', '<bpmn:startEvent id="start" name="发起创建" foo="bar">']),
      { check: 'bpmn-parse', file: BPMN, element: 'start' },
    );
  });

  it('bpmn-parse: an unknown element (a moddle warning) is an error, printed on one line', async () => {
    const problems = await expectBroken(
      editBpmn(real.source, [
        '<bpmn:documentation>园区自愿申请参与创建活动（Art. 3, Art. 16）。</bpmn:documentation>',
        '<bpmn:documentation>园区自愿申请参与创建活动（Art. 3, Art. 16）。</bpmn:documentation><bpmn:frobnicate />',
      ]),
      { check: 'bpmn-parse', file: BPMN },
    );
    const line = formatProblem(problems.find((problem) => problem.check === 'bpmn-parse') ?? expect.fail());
    expect(line).toContain('bpmn:frobnicate');
    expect(line).not.toContain('\n');
  });

  it('bpmn-process: no <process> in the file', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions_empty" targetNamespace="urn:test">
  <bpmn:message id="Message_withdraw" name="withdraw" />
</bpmn:definitions>`;
    await expectBroken(withFile(real.source, BPMN, xml), { check: 'bpmn-process', file: BPMN });
  });

  it('bpmnlint/no-disconnected (error): an element without flows', async () => {
    await expectBroken(
      editBpmn(real.source, [
        '<bpmn:endEvent id="reReviewFailedEnd" name="复审结束">',
        '<bpmn:task id="lonelyTask" name="孤立任务" /><bpmn:endEvent id="reReviewFailedEnd" name="复审结束">',
      ]),
      { check: 'bpmnlint/no-disconnected', file: BPMN, element: 'lonelyTask', severity: 'error' },
      { check: 'bpmnlint/no-bpmndi', file: BPMN, element: 'lonelyTask', severity: 'warning' },
    );
  });

  it('bpmnlint/label-required (warning, as checks/bpmn-lint.ts classes it): an end event without a name', async () => {
    await expectBroken(
      editBpmn(real.source, ['<bpmn:endEvent id="reReviewFailedEnd" name="复审结束">', '<bpmn:endEvent id="reReviewFailedEnd">']),
      { check: 'bpmnlint/label-required', file: BPMN, element: 'reReviewFailedEnd', severity: 'warning' },
    );
  });
});

describe('process.bpmn: declarations (CONTRACT §8)', () => {
  it('unknown-property', async () => {
    await expectBroken(
      editBpmn(real.source, [
        '<camunda:property name="status" value="applying" />',
        '<camunda:property name="status" value="applying" /><camunda:property name="stauts" value="applying" />',
      ]),
      { check: 'unknown-property', file: BPMN, element: 'start' },
    );
  });

  it('duplicate-property', async () => {
    await expectBroken(
      editBpmn(real.source, [
        '<camunda:property name="status" value="applying" />',
        '<camunda:property name="status" value="applying" /><camunda:property name="status" value="applying" />',
      ]),
      { check: 'duplicate-property', file: BPMN, element: 'start' },
    );
  });

  it('misplaced-property: a reason on an element that is not a final end event', async () => {
    await expectBroken(
      editBpmn(real.source, [
        '<camunda:property name="status" value="applying" />',
        '<camunda:property name="status" value="applying" /><camunda:property name="reason" value="Art. 3" />',
      ]),
      { check: 'misplaced-property', file: BPMN, element: 'start' },
    );
  });

  it('unknown-status (and the declared one becomes unused: a warning)', async () => {
    await expectBroken(
      editBpmn(real.source, [
        '<camunda:property name="status" value="applying" />',
        '<camunda:property name="status" value="aplying" />',
      ]),
      { check: 'unknown-status', file: BPMN, element: 'start' },
      { check: 'unused-status', file: BPMN, severity: 'warning' },
    );
  });

  it('status-final: a final status on an element that is not an end event', async () => {
    await expectBroken(
      editBpmn(real.source, [
        '<camunda:property name="status" value="applying" />',
        '<camunda:property name="status" value="withdrawn" />',
      ]),
      { check: 'status-final', file: BPMN, element: 'start' },
    );
  });

  it('status-final: a non-final status on an end event', async () => {
    await expectBroken(
      editBpmn(real.source, [
        '<camunda:property name="status" value="withdrawn" />',
        '<camunda:property name="status" value="applying" />',
      ]),
      { check: 'status-final', file: BPMN, element: 'withdrawnEnd' },
    );
  });

  it('timer-without-rule', async () => {
    await expectBroken(editBpmn(real.source, ['<camunda:property name="rule" value="creationMinPeriod" />', '']), {
      check: 'timer-without-rule',
      file: BPMN,
      element: 'acceptanceOpensTimer',
    });
  });

  it('timer-host: a timer on a start event (also unsupported-start)', async () => {
    await expectBroken(
      editBpmn(real.source, [
        '<bpmn:outgoing>Flow_start_to_forkWithdrawWindow</bpmn:outgoing>\n    </bpmn:startEvent>',
        '<bpmn:outgoing>Flow_start_to_forkWithdrawWindow</bpmn:outgoing><bpmn:timerEventDefinition id="start_timer" />\n    </bpmn:startEvent>',
      ]),
      { check: 'timer-host', file: BPMN, element: 'start' },
      { check: 'unsupported-start', file: BPMN, element: 'start' },
    );
  });

  it('unknown-rule: a timer naming no rule of rules.json', async () => {
    await expectBroken(
      editBpmn(real.source, [
        '<camunda:property name="rule" value="creationMinPeriod" />',
        '<camunda:property name="rule" value="creationMinimumPeriod" />',
      ]),
      { check: 'unknown-rule', file: BPMN, element: 'acceptanceOpensTimer' },
    );
  });

  it('unknown-rule: rules.noSuchRule in a FEEL condition', async () => {
    await expectBroken(
      editBpmn(real.source, ['duration(rules.reapplyBanAfterRevocation)', 'duration(rules.noSuchRule)']),
      { check: 'unknown-rule', file: BPMN, element: 'Flow_eligibilityCheck_to_ineligibleArt27End' },
    );
  });

  it('rule-not-period: a timer naming the list rule consultedDepartments', async () => {
    await expectBroken(
      editBpmn(real.source, [
        '<camunda:property name="rule" value="creationMinPeriod" />',
        '<camunda:property name="rule" value="consultedDepartments" />',
      ]),
      { check: 'rule-not-period', file: BPMN, element: 'acceptanceOpensTimer' },
    );
  });

  it('unknown-date: a timer exposing an undeclared due date', async () => {
    await expectBroken(
      editBpmn(real.source, [
        '<camunda:property name="due" value="acceptanceOpens" />',
        '<camunda:property name="due" value="acceptanceOpen" />',
      ]),
      { check: 'unknown-date', file: BPMN, element: 'acceptanceOpensTimer' },
    );
  });

  it('unknown-date: a timer counting from an undeclared date', async () => {
    await expectBroken(
      editBpmn(real.source, [
        '<camunda:property name="from" value="recognizedOn" />',
        '<camunda:property name="from" value="recognisedOn" />',
      ]),
      { check: 'unknown-date', file: BPMN, element: 'annualReportTimer' },
    );
  });

  it('unknown-date: case.due.noSuch in a condition', async () => {
    await expectBroken(
      editBpmn(real.source, ['today() &gt; case.due.demonstrationEnds', 'today() &gt; case.due.noSuch']),
      { check: 'unknown-date', file: BPMN, element: 'Flow_reReviewFailedCheck_to_expiredAfterReReviewEnd' },
    );
  });

  it('literal-period: a timeDuration inside a timer definition', async () => {
    await expectBroken(
      editBpmn(real.source, [
        '<bpmn:timerEventDefinition id="acceptanceOpensTimer_timer" />',
        '<bpmn:timerEventDefinition id="acceptanceOpensTimer_timer"><bpmn:timeDuration>P1Y</bpmn:timeDuration></bpmn:timerEventDefinition>',
      ]),
      { check: 'literal-period', file: BPMN, element: 'acceptanceOpensTimer' },
    );
  });

  it('literal-period: duration("P3Y") in a condition', async () => {
    await expectBroken(
      editBpmn(real.source, ['duration(rules.reapplyBanAfterRevocation)', 'duration(&quot;P3Y&quot;)']),
      { check: 'literal-period', file: BPMN, element: 'Flow_eligibilityCheck_to_ineligibleArt27End' },
    );
  });

  it('literal-period: a period as a property value', async () => {
    await expectBroken(
      editBpmn(real.source, [
        '<camunda:property name="rule" value="creationMinPeriod" />',
        '<camunda:property name="rule" value="P1Y" />',
      ]),
      { check: 'literal-period', file: BPMN, element: 'acceptanceOpensTimer' },
      { check: 'unknown-rule', file: BPMN, element: 'acceptanceOpensTimer' },
    );
  });

  it('date-property: direction="sideways"', async () => {
    await expectBroken(
      editBpmn(real.source, [
        '<camunda:property name="direction" value="before" />',
        '<camunda:property name="direction" value="sideways" />',
      ]),
      { check: 'date-property', file: BPMN, element: 'reReviewOpensTimer' },
    );
  });

  it('date-property: a cycle on a working-day rule', async () => {
    await expectBroken(
      editBpmn(real.source, [
        '<camunda:property name="rule" value="annualReportCycle" />',
        '<camunda:property name="rule" value="publicityMinWorkingDays" />',
      ]),
      { check: 'date-property', file: BPMN, element: 'annualReportTimer' },
    );
  });

  it('date-property: counting before a date without "from"', async () => {
    await expectBroken(
      editBpmn(real.source, [
        /(<bpmn:intermediateCatchEvent id="reReviewOpensTimer"[^]*?)<camunda:property name="from" value="demonstrationEnds" \/>/,
        '$1',
      ]),
      { check: 'date-property', file: BPMN, element: 'reReviewOpensTimer' },
    );
  });
});

describe('process.bpmn: expressions', () => {
  it('feel-syntax: a condition that does not parse', async () => {
    await expectBroken(
      setCondition(real.source, 'Flow_feasibilityDecision_to_provincialLeadingGroupReview', feelCondition('decision = (')),
      { check: 'feel-syntax', file: BPMN, element: 'Flow_feasibilityDecision_to_provincialLeadingGroupReview' },
    );
  });

  it('feel-evaluation: a misspelt field', async () => {
    await expectBroken(
      setCondition(
        real.source,
        'Flow_feasibilityDecision_to_provincialLeadingGroupReview',
        feelCondition('desicion = &quot;approve&quot;'),
      ),
      { check: 'feel-evaluation', file: BPMN, element: 'Flow_feasibilityDecision_to_provincialLeadingGroupReview' },
    );
  });

  it('condition-language: a condition without language="feel"', async () => {
    const flow = 'Flow_publicityOutcome_acceptance_to_objectionSustainedEnd';
    await expectBroken(
      setCondition(
        real.source,
        flow,
        '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">objectionUpheld = true</bpmn:conditionExpression>',
      ),
      { check: 'condition-language', file: BPMN, element: flow },
    );
  });

  it('condition-language: a condition that is not a formal expression', async () => {
    const flow = 'Flow_publicityOutcome_acceptance_to_objectionSustainedEnd';
    await expectBroken(
      setCondition(real.source, flow, '<bpmn:conditionExpression>objectionUpheld = true</bpmn:conditionExpression>'),
      { check: 'condition-language', file: BPMN, element: flow },
    );
  });

  it('expression-language: a ${…} condition', async () => {
    const flow = 'Flow_publicityOutcome_acceptance_to_objectionSustainedEnd';
    const problems = await expectBroken(setCondition(real.source, flow, feelCondition('${objectionUpheld}')), {
      check: 'expression-language',
      file: BPMN,
      element: flow,
    });
    expect(problems.map((problem) => problem.check)).toEqual(['expression-language']);
  });

  it('condition-type: a condition that gives a date, not true or false', async () => {
    const flow = 'Flow_reReviewFailedCheck_to_expiredAfterReReviewEnd';
    await expectBroken(setCondition(real.source, flow, feelCondition('case.due.demonstrationEnds')), {
      check: 'condition-type',
      file: BPMN,
      element: flow,
    });
  });

  // KNOWN BUG, outside engine/definitions: feelContext (engine/feel/feel-context.ts) makes `today()` return
  // the LocalDate string, not a FEEL date, so date arithmetic on it fails and comparisons with dates
  // are wrong (`today() < date(...)` is always false, `today() <= …` always true). The validator then
  // refuses this valid condition. Remove `.fails` once today() returns a FEEL date.
  it.fails('KNOWN BUG: a valid condition doing date arithmetic on today() is accepted', async () => {
    const flow = 'Flow_reReviewFailedCheck_to_expiredAfterReReviewEnd';
    const condition = 'today() + duration(rules.creationMinPeriod) &gt; case.due.demonstrationEnds';
    const result = await check(setCondition(real.source, flow, feelCondition(condition)), real.context);
    expect(result.problems.map(formatProblem)).toEqual([]);
  });

  it('output-name: an output assignment to a reserved name', async () => {
    await expectBroken(
      editBpmn(real.source, [
        /<camunda:outputParameter name="objectionUpheld">true/,
        '<camunda:outputParameter name="case">true',
      ]),
      { check: 'output-name', file: BPMN, element: 'objectionUpheld_acceptance' },
    );
  });
});

const samrRecognitionTask = '<bpmn:userTask id="samrRecognition" name="认定并公布" camunda:formKey="samr-recognition" camunda:candidateGroups="samr"';
const departmentOpinionCreation = /(<bpmn:userTask id="departmentOpinion_creation"[^]*?)camunda:collection="=rules.consultedDepartments"/;

describe('process.bpmn: tasks, messages, collections', () => {
  it('unknown-form: a user task formKey without a schema', async () => {
    await expectBroken(
      editBpmn(real.source, [samrRecognitionTask, samrRecognitionTask.replace('"samr-recognition"', '"samr-recognize"')]),
      { check: 'unknown-form', file: BPMN, element: 'samrRecognition' },
    );
  });

  it('task-form: a user task without a formKey', async () => {
    await expectBroken(
      editBpmn(real.source, [samrRecognitionTask, samrRecognitionTask.replace(' camunda:formKey="samr-recognition"', '')]),
      { check: 'task-form', file: BPMN, element: 'samrRecognition' },
    );
  });

  it('task-group: a user task without candidate groups', async () => {
    await expectBroken(
      editBpmn(real.source, [samrRecognitionTask, samrRecognitionTask.replace(' camunda:candidateGroups="samr"', '')]),
      { check: 'task-group', file: BPMN, element: 'samrRecognition' },
    );
  });

  it('unknown-group: a user task group not in the manifest', async () => {
    await expectBroken(
      editBpmn(real.source, [samrRecognitionTask, samrRecognitionTask.replace('"samr"', '"smar"')]),
      { check: 'unknown-group', file: BPMN, element: 'samrRecognition' },
    );
  });

  it('unknown-group: a message sender group not in the manifest', async () => {
    await expectBroken(
      editBpmn(real.source, [
        '<camunda:property name="candidateGroups" value="park" />\n          <camunda:property name="formKey" value="withdraw" />',
        '<camunda:property name="candidateGroups" value="parks" />\n          <camunda:property name="formKey" value="withdraw" />',
      ]),
      { check: 'unknown-group', file: BPMN, element: 'withdrawReceived' },
    );
  });

  it('task-scope: an element-scoped group on a task that is not multi-instance', async () => {
    await expectBroken(
      editBpmn(real.source, [samrRecognitionTask, samrRecognitionTask.replace('"samr"', '"ministry"')]),
      { check: 'task-scope', file: BPMN, element: 'samrRecognition' },
    );
  });

  it('task-consistency: elements of one task id with different forms', async () => {
    await expectBroken(
      editBpmn(real.source, [
        '<bpmn:userTask id="departmentOpinion_reReview" name="相关部门意见（复审）" camunda:formKey="department-opinion"',
        '<bpmn:userTask id="departmentOpinion_reReview" name="相关部门意见（复审）" camunda:formKey="samr-recognition"',
      ]),
      { check: 'task-consistency', file: BPMN, element: 'departmentOpinion_reReview' },
    );
  });

  it('task-article (warning): user task documentation citing no article', async () => {
    await expectBroken(
      editBpmn(real.source, [
        '<bpmn:documentation>市场监管总局会同相关部门决定是否撤销示范区认定（Art. 27）。</bpmn:documentation>',
        '<bpmn:documentation>市场监管总局会同相关部门决定是否撤销示范区认定。</bpmn:documentation>',
      ]),
      { check: 'task-article', file: BPMN, element: 'samrRevocationDecision', severity: 'warning' },
    );
  });

  it('message-sender: a message catch event without candidateGroups', async () => {
    await expectBroken(
      editBpmn(real.source, [
        '<camunda:property name="candidateGroups" value="park" />\n          <camunda:property name="formKey" value="withdraw" />',
        '<camunda:property name="formKey" value="withdraw" />',
      ]),
      { check: 'message-sender', file: BPMN, element: 'withdrawReceived' },
    );
  });

  it('message-form: a message catch event without formKey', async () => {
    await expectBroken(
      editBpmn(real.source, [
        '<camunda:property name="candidateGroups" value="park" />\n          <camunda:property name="formKey" value="withdraw" />',
        '<camunda:property name="candidateGroups" value="park" />',
      ]),
      { check: 'message-form', file: BPMN, element: 'withdrawReceived' },
    );
  });

  it('message-form (warning): a message form not named after its message', async () => {
    await expectBroken(
      editBpmn(real.source, [
        '<camunda:property name="formKey" value="withdraw" />',
        '<camunda:property name="formKey" value="objection" />',
      ]),
      { check: 'message-form', file: BPMN, element: 'withdrawReceived', severity: 'warning' },
    );
  });

  it('message-name: a message catch event referring to no message', async () => {
    await expectBroken(
      editBpmn(real.source, [
        '<bpmn:messageEventDefinition id="withdrawReceived_message" messageRef="Message_withdraw" />',
        '<bpmn:messageEventDefinition id="withdrawReceived_message" />',
      ]),
      { check: 'message-name', file: BPMN, element: 'withdrawReceived' },
    );
  });

  it('misplaced-property: candidateGroups as a property of a user task', async () => {
    await expectBroken(
      editBpmn(real.source, [
        '<camunda:property name="status" value="accepting" />',
        '<camunda:property name="status" value="accepting" /><camunda:property name="candidateGroups" value="park" />',
      ]),
      { check: 'misplaced-property', file: BPMN, element: 'provincialAcceptanceReview' },
    );
  });

  it('collection-language: a collection not written as =FEEL', async () => {
    await expectBroken(
      editBpmn(real.source, [departmentOpinionCreation, '$1camunda:collection="${rules.consultedDepartments}"']),
      { check: 'collection-language', file: BPMN, element: 'departmentOpinion_creation' },
    );
  });

  it('collection-members: a collection item that is not a member of the group', async () => {
    await expectBroken(
      editBpmn(real.source, [departmentOpinionCreation, '$1camunda:collection="=[&quot;moa&quot;, &quot;mee&quot;]"']),
      { check: 'collection-members', file: BPMN, element: 'departmentOpinion_creation' },
    );
  });

  it('collection-type: a collection that is not a list of codes', async () => {
    await expectBroken(editBpmn(real.source, [departmentOpinionCreation, '$1camunda:collection="=rules.creationMinPeriod"']), {
      check: 'collection-type',
      file: BPMN,
      element: 'departmentOpinion_creation',
    });
  });

  it('collection-variable: a collection without elementVariable', async () => {
    await expectBroken(
      editBpmn(real.source, [
        '<bpmn:multiInstanceLoopCharacteristics camunda:collection="=rules.consultedDepartments" camunda:elementVariable="department" />\n    </bpmn:userTask>\n    <bpmn:userTask id="samrCreationApproval"',
        '<bpmn:multiInstanceLoopCharacteristics camunda:collection="=rules.consultedDepartments" />\n    </bpmn:userTask>\n    <bpmn:userTask id="samrCreationApproval"',
      ]),
      { check: 'collection-variable', file: BPMN, element: 'departmentOpinion_creation' },
    );
  });
});

/** The user task submitAnnualReport as another element type, same id and flows. */
function annualReportAs(type: string): VersionSource {
  return editBpmn(real.source, [
    /<bpmn:userTask id="submitAnnualReport"[^]*?<\/bpmn:userTask>/,
    `<bpmn:${type} id="submitAnnualReport" name="报送年度工作报告">
      <bpmn:incoming>Flow_forkAnnualReport_to_submitAnnualReport</bpmn:incoming>
      <bpmn:outgoing>Flow_submitAnnualReport_to_annualReportSubmittedEnd</bpmn:outgoing>
    </bpmn:${type}>`,
  ]);
}

/**
 * A minimal process for the real version's other files: start → fork → (a task, then either an
 * exclusive split and join or nothing) and a manual task → parallel join → end.
 */
function minimalProcess(exclusiveJoinBeforeParallelJoin: boolean): string {
  const status = (value: string) =>
    `<bpmn:extensionElements><camunda:properties><camunda:property name="status" value="${value}" /></camunda:properties></bpmn:extensionElements>`;
  const flow = (id: string, source: string, target: string, condition = '') =>
    `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}">${condition}</bpmn:sequenceFlow>`;
  const branch = exclusiveJoinBeforeParallelJoin
    ? `<bpmn:userTask id="submitCreationApplication" name="提交创建申请" camunda:formKey="submit-creation-application" camunda:candidateGroups="park">
      <bpmn:documentation>Art. 16</bpmn:documentation>
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:exclusiveGateway id="choice" name="是否同意？" default="f6">
      <bpmn:incoming>f4</bpmn:incoming><bpmn:outgoing>f5</bpmn:outgoing><bpmn:outgoing>f6</bpmn:outgoing>
    </bpmn:exclusiveGateway>
    <bpmn:manualTask id="extraStep" name="补充步骤"><bpmn:incoming>f5</bpmn:incoming><bpmn:outgoing>f7</bpmn:outgoing></bpmn:manualTask>
    <bpmn:exclusiveGateway id="merge"><bpmn:incoming>f7</bpmn:incoming><bpmn:incoming>f6</bpmn:incoming><bpmn:outgoing>f8</bpmn:outgoing></bpmn:exclusiveGateway>
    ${flow('f4', 'submitCreationApplication', 'choice')}
    ${flow('f5', 'choice', 'extraStep', feelCondition('decision = &quot;approve&quot;'))}
    ${flow('f6', 'choice', 'merge')}
    ${flow('f7', 'extraStep', 'merge')}
    ${flow('f8', 'merge', 'join')}`
    : `<bpmn:userTask id="submitCreationApplication" name="提交创建申请" camunda:formKey="submit-creation-application" camunda:candidateGroups="park">
      <bpmn:documentation>Art. 16</bpmn:documentation>
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f8</bpmn:outgoing>
    </bpmn:userTask>
    ${flow('f8', 'submitCreationApplication', 'join')}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Definitions_minimal" targetNamespace="urn:test">
  <bpmn:process id="${REAL_PROCESS}" isExecutable="true">
    <bpmn:startEvent id="start" name="开始">${status('applying')}<bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:parallelGateway id="fork"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:outgoing>f3</bpmn:outgoing></bpmn:parallelGateway>
    ${branch}
    <bpmn:manualTask id="otherStep" name="另一步骤"><bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f9</bpmn:outgoing></bpmn:manualTask>
    <bpmn:parallelGateway id="join"><bpmn:incoming>f8</bpmn:incoming><bpmn:incoming>f9</bpmn:incoming><bpmn:outgoing>f10</bpmn:outgoing></bpmn:parallelGateway>
    <bpmn:endEvent id="end" name="结束">${status('withdrawn')}<bpmn:incoming>f10</bpmn:incoming></bpmn:endEvent>
    ${flow('f1', 'start', 'fork')}
    ${flow('f2', 'fork', 'submitCreationApplication')}
    ${flow('f3', 'fork', 'otherStep')}
    ${flow('f9', 'otherStep', 'join')}
    ${flow('f10', 'join', 'end')}
  </bpmn:process>
</bpmn:definitions>
`;
}

describe('process.bpmn: structure the engine runs', () => {
  it('unsupported-element: a script task', async () => {
    await expectBroken(annualReportAs('scriptTask'), {
      check: 'unsupported-element',
      file: BPMN,
      element: 'submitAnnualReport',
    });
  });

  it('unsupported-element: a service task', async () => {
    await expectBroken(annualReportAs('serviceTask'), {
      check: 'unsupported-element',
      file: BPMN,
      element: 'submitAnnualReport',
    });
  });

  it('unsupported-gateway: an inclusive gateway (also bpmnlint/no-inclusive-gateway)', async () => {
    await expectBroken(
      editBpmn(real.source, [
        /<bpmn:exclusiveGateway id="feasibilityDecision" name="论证结论？">([^]*?)<\/bpmn:exclusiveGateway>/,
        '<bpmn:inclusiveGateway id="feasibilityDecision" name="论证结论？">$1</bpmn:inclusiveGateway>',
      ]),
      { check: 'unsupported-gateway', file: BPMN, element: 'feasibilityDecision' },
      { check: 'bpmnlint/no-inclusive-gateway', file: BPMN, element: 'feasibilityDecision' },
    );
  });

  it('unsupported-boundary: a non-interrupting message boundary event', async () => {
    await expectBroken(
      editBpmn(real.source, [
        '<bpmn:endEvent id="revocationKeptEnd" name="维持认定">',
        `<bpmn:boundaryEvent id="lateEvidence" name="补充材料" attachedToRef="samrRevocationDecision" cancelActivity="false">
      <bpmn:extensionElements><camunda:properties>
        <camunda:property name="candidateGroups" value="park" /><camunda:property name="formKey" value="major-event" />
      </camunda:properties></bpmn:extensionElements>
      <bpmn:outgoing>Flow_lateEvidence_to_lateEvidenceEnd</bpmn:outgoing>
      <bpmn:messageEventDefinition id="lateEvidence_message" messageRef="Message_majorEvent" />
    </bpmn:boundaryEvent>
    <bpmn:endEvent id="lateEvidenceEnd" name="已收到"><bpmn:incoming>Flow_lateEvidence_to_lateEvidenceEnd</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_lateEvidence_to_lateEvidenceEnd" sourceRef="lateEvidence" targetRef="lateEvidenceEnd" />
    <bpmn:endEvent id="revocationKeptEnd" name="维持认定">`,
      ]),
      { check: 'unsupported-boundary', file: BPMN, element: 'lateEvidence' },
    );
  });

  it('a minimal process with a parallel join straight after tasks is runnable (control)', async () => {
    const result = await check(withFile(real.source, BPMN, minimalProcess(false)), real.context);
    expect(result.problems.filter((problem) => problem.severity === 'error').map(formatProblem)).toEqual([]);
    expect(result.version).toBeDefined();
    expectNoProblem(result, { check: 'join-after-exclusive-join' });
  });

  it('join-after-exclusive-join: a parallel join fed by an exclusive join', async () => {
    await expectBroken(withFile(real.source, BPMN, minimalProcess(true)), {
      check: 'join-after-exclusive-join',
      file: BPMN,
      element: 'join',
    });
  });
});

