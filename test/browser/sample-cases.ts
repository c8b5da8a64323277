import type { CaseView, TaskView } from '../../engine/cases/case-view.js';
import { applyMergePatch } from '../../engine/forms/merge-patch.js';
import type { WebServer } from './web-server.js';

export const PROCESS = 'quality-brand-zone';
export const VERSION = '2024-03-14';
const MINISTRIES = ['moa', 'mofcom', 'mct', 'cnipa'] as const;

/** Every role the pages are looked at as: a park, the province and its group, SAMR, an expert, a policy officer. */
export const SAMPLE_USERS: Record<string, string[]> = {
  park1: ['park:P-001'],
  park2: ['park:P-002'],
  'province-js': ['province:320000'],
  'group-js': ['province-leading-group:320000'],
  samr: ['samr'],
  expert: ['expert'],
  officer: ['policy-admin'],
  ...Object.fromEntries(MINISTRIES.map((ministry) => [ministry, [`ministry:${ministry}`]])),
};

/** Completes the user's open task `taskId` on the case with its form's first example (merged with `patch`). */
export async function completeWithExample(
  server: WebServer,
  username: string,
  caseId: string,
  taskId: string,
  patch: unknown = {},
): Promise<CaseView> {
  const tasks = await server.ok<TaskView[]>('GET', '/api/tasks', { as: username });
  const task = tasks.find((open) => open.caseId === caseId && open.taskId === taskId);
  if (task === undefined) throw new Error(`${username} has no ${taskId} on ${caseId}`);
  const schema = await server.ok<{ examples: unknown[] }>(
    'GET',
    `/api/definitions/${PROCESS}/${VERSION}/forms/${task.formKey}`,
  );
  return server.ok<CaseView>('POST', `/api/tasks/${task.ref}/complete`, {
    as: username,
    body: { data: applyMergePatch(schema.examples[0], patch) },
  });
}

export interface SampleCases {
  /** park1's case, waiting for its creation application (a form to fill). */
  applying: string;
  /** park2's case, in public notice since 2025-04-02 (a long history, a notice on /notices). */
  publicizing: string;
}

/**
 * Two cases for looking at pages: one just started, one taken through creation and acceptance into
 * its public notice (Art. 21). Leaves the sandbox clock on 2025-04-03, a day into the notice.
 */
export async function sampleCases(server: WebServer): Promise<SampleCases> {
  await server.createUsers(SAMPLE_USERS);
  const start = (username: string, park: string) =>
    server.ok<CaseView>('POST', '/api/cases', { as: username, body: { process: PROCESS, park, province: '320000' } });
  const applying = (await start('park1', 'P-001')).id;
  const publicizing = (await start('park2', 'P-002')).id;
  const step = (username: string, taskId: string, patch?: unknown) =>
    completeWithExample(server, username, publicizing, taskId, patch);
  await step('park2', 'submitCreationApplication', { parkName: '星河湾现代服务业集聚区' });
  await step('province-js', 'provincialFeasibilityReview');
  await step('group-js', 'provincialLeadingGroupReview');
  for (const ministry of MINISTRIES) await step(ministry, 'departmentOpinion');
  await step('samr', 'samrCreationApproval');
  await server.advanceTo('2025-04-02T09:00:00+08:00');
  await step('park2', 'submitAcceptanceApplication');
  await step('province-js', 'provincialAcceptanceReview');
  await step('group-js', 'provincialLeadingGroupAcceptanceReview');
  for (const ministry of MINISTRIES) await step(ministry, 'departmentOpinion');
  await step('samr', 'samrAcceptanceReview');
  await step('expert', 'expertEvaluation');
  await server.advanceTo('2025-04-03T10:00:00+08:00');
  return { applying, publicizing };
}
