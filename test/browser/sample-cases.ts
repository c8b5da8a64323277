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
  park3: ['park:P-003'],
  'province-js': ['province:320000'],
  'group-js': ['province-leading-group:320000'],
  samr: ['samr'],
  expert: ['expert'],
  officer: ['policy-admin'],
  'admin-two': ['admin'],
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
  // The case's own version: a case started after a publication runs on the new one.
  const view = await server.ok<CaseView>('GET', `/api/cases/${caseId}`, { as: username });
  const schema = await server.ok<{ examples: unknown[] }>(
    'GET',
    `/api/definitions/${view.process}/${view.version}/forms/${task.formKey}`,
  );
  return server.ok<CaseView>('POST', `/api/tasks/${task.ref}/complete`, {
    as: username,
    body: { data: applyMergePatch(schema.examples[0], patch) },
  });
}

/** A step of a case: who completes which task; `park` stands for the case's own park user. */
export type Step = readonly [user: string, taskId: string];
export const opinions = (): Step[] => MINISTRIES.map((ministry) => [ministry, 'departmentOpinion']);
/** The creation application to SAMR's approval (Art. 12–17). */
export const CREATION: Step[] = [
  ['park', 'submitCreationApplication'],
  ['province-js', 'provincialFeasibilityReview'],
  ['group-js', 'provincialLeadingGroupReview'],
  ...opinions(),
  ['samr', 'samrCreationApproval'],
];
/** The acceptance application to SAMR's review (Art. 18–19); the expert's evaluation comes next. */
export const ACCEPTANCE: Step[] = [
  ['park', 'submitAcceptanceApplication'],
  ['province-js', 'provincialAcceptanceReview'],
  ['group-js', 'provincialLeadingGroupAcceptanceReview'],
  ...opinions(),
  ['samr', 'samrAcceptanceReview'],
];

/** Completes `steps` on the case in order, each with its form's example; `park` is `parkUser`. */
export async function walk(server: WebServer, caseId: string, parkUser: string, steps: readonly Step[]): Promise<void> {
  for (const [user, taskId] of steps)
    await completeWithExample(server, user === 'park' ? parkUser : user, caseId, taskId);
}

/** A case's walk: its steps, `park` standing for `parkUser`. */
export interface Walk {
  caseId: string;
  parkUser: string;
  steps: readonly Step[];
}

/**
 * Each case walked its steps, four cases at once: the server waits on its disk as much as it
 * computes: eight cases through creation took 5 s four at a time, 8 s one after another.
 */
export async function walkEach(server: WebServer, walks: readonly Walk[]): Promise<void> {
  const waiting = [...walks];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let next = waiting.shift(); next !== undefined; next = waiting.shift())
        await walk(server, next.caseId, next.parkUser, next.steps);
    }),
  );
}

/** A new case of `parkUser`'s park named `parkName`, its creation application sent; its id. */
async function applied(server: WebServer, parkUser: string, park: string, parkName: string): Promise<string> {
  const { id } = await server.ok<CaseView>('POST', '/api/cases', {
    as: parkUser,
    body: { process: PROCESS, park, province: '320000' },
  });
  await completeWithExample(server, parkUser, id, 'submitCreationApplication', { parkName });
  return id;
}

/** A new case of `parkUser`'s park named `parkName`, taken through creation to `creating` (Art. 16–17); its id. */
export async function throughCreation(
  server: WebServer,
  parkUser: string,
  park: string,
  parkName: string,
): Promise<string> {
  const id = await applied(server, parkUser, park, parkName);
  await walk(server, id, parkUser, CREATION.slice(1));
  return id;
}

/** When the acceptance applications of a case created with the examples may be made (Art. 18). */
export const ACCEPTANCE_OPENS = '2025-04-02T09:00:00+08:00';

/**
 * A case taken through creation (`throughCreation`) and acceptance to the expert's evaluation,
 * scored with its example: the case in its public notice (Art. 21); its id.
 */
export async function throughExpertEvaluation(
  server: WebServer,
  parkUser: string,
  park: string,
  parkName: string,
): Promise<string> {
  const id = await throughCreation(server, parkUser, park, parkName);
  await server.advanceTo(ACCEPTANCE_OPENS);
  await walk(server, id, parkUser, [...ACCEPTANCE, ['expert', 'expertEvaluation']]);
  return id;
}

export interface SampleCases {
  /** park1's case, waiting for its creation application (a form to fill). */
  applying: string;
  /** park2's case, in public notice since 2025-04-02 (a long history, a notice on /notices). */
  publicizing: string;
  /** park3's case, waiting for the experts' evaluation (the indicator score table, Art. 21). */
  evaluating: string;
}

/**
 * Three cases for looking at pages: one just started, one taken through creation and acceptance into
 * its public notice (Art. 21), one waiting for the experts' scores. Leaves the sandbox clock on
 * 2025-04-03, a day into the notice.
 */
export async function sampleCases(server: WebServer): Promise<SampleCases> {
  await server.createUsers(SAMPLE_USERS);
  const start = (username: string, park: string) =>
    server.ok<CaseView>('POST', '/api/cases', { as: username, body: { process: PROCESS, park, province: '320000' } });
  const applying = (await start('park1', 'P-001')).id;
  const publicizing = await applied(server, 'park2', 'P-002', '星河湾现代服务业集聚区');
  const evaluating = await applied(server, 'park3', 'P-003', '青禾现代农业产业园');
  await walkEach(server, [
    { caseId: publicizing, parkUser: 'park2', steps: CREATION.slice(1) },
    { caseId: evaluating, parkUser: 'park3', steps: CREATION.slice(1) },
  ]);
  await server.advanceTo(ACCEPTANCE_OPENS);
  await walkEach(server, [
    { caseId: publicizing, parkUser: 'park2', steps: [...ACCEPTANCE, ['expert', 'expertEvaluation']] },
    { caseId: evaluating, parkUser: 'park3', steps: ACCEPTANCE },
  ]);
  await server.advanceTo('2025-04-03T10:00:00+08:00');
  return { applying, publicizing, evaluating };
}
