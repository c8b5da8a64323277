import { beforeAll, describe, expect, it } from 'vitest';
import { checkVersion, type CheckedVersion } from '../../engine/definitions/check-version.js';
import { kebabCase } from '../../engine/definitions/conventions.js';
import { formatProblem } from '../../engine/definitions/problems.js';
import { createFormAjv } from '../../engine/forms/form-ajv.js';
import { loadRealVersion } from './helpers.js';

// The 2024-03-14 version against CONTRACT §2–§4 (shared/CONTRACT.md).

/** CONTRACT §2: task id → candidate group and the articles it cites. */
const TASKS: Record<string, { group: string; articles: number[] }> = {
  submitCreationApplication: { group: 'park', articles: [3, 7, 16] },
  provincialFeasibilityReview: { group: 'province', articles: [17] },
  provincialLeadingGroupReview: { group: 'province-leading-group', articles: [17] },
  departmentOpinion: { group: 'ministry', articles: [17, 21, 28] },
  samrCreationApproval: { group: 'samr', articles: [17] },
  submitAcceptanceApplication: { group: 'park', articles: [19, 20] },
  provincialAcceptanceReview: { group: 'province', articles: [20] },
  provincialLeadingGroupAcceptanceReview: { group: 'province-leading-group', articles: [20] },
  samrAcceptanceReview: { group: 'samr', articles: [21] },
  expertEvaluation: { group: 'expert', articles: [21] },
  samrObjectionReview: { group: 'samr', articles: [22] },
  samrRecognition: { group: 'samr', articles: [23] },
  submitAnnualReport: { group: 'park', articles: [27] },
  samrRevocationDecision: { group: 'samr', articles: [27] },
  submitReReviewApplication: { group: 'park', articles: [28] },
  provincialReReview: { group: 'province', articles: [28] },
  provincialLeadingGroupReReview: { group: 'province-leading-group', articles: [28] },
  samrReReviewEvaluation: { group: 'samr', articles: [28] },
};

/** CONTRACT §2: message name → the group that may send it. */
const MESSAGES: Record<string, string> = {
  objection: 'public',
  majorEvent: 'park',
  revocationProposed: 'samr',
  withdraw: 'park',
};

/** CONTRACT §3: the rules of 2024-03-14 and their values. */
const RULES: Record<string, string | number> = {
  art7LookBack: 'P3Y',
  creationMinPeriod: 'P1Y',
  publicityMinWorkingDays: 5,
  demonstrationPeriod: 'P3Y',
  annualReportCycle: 'P1Y',
  reReviewWindowBeforeExpiry: 'P6M',
  reapplyBanAfterRevocation: 'P3Y',
};

/** CONTRACT §2 case statuses; the ends are final. */
const RUNNING_STATUSES = ['applying', 'creating', 'accepting', 'publicizing', 'demonstrating', 're-reviewing'];
const FINAL_STATUSES = ['ineligible', 'rejected', 'not-recognized', 'revoked', 'expired', 'withdrawn'];

/** CONTRACT §2 due dates a case exposes. */
const DUE_DATES = [
  'acceptanceOpens',
  'publicityEnds',
  'demonstrationEnds',
  'reReviewOpens',
  'nextAnnualReportDue',
  'reapplyAllowedFrom',
];

/** CONTRACT §2: the eight Art. 7 declarations, which are the vetoes of the indicator system. */
const ART7 = [
  'majorQualityAccident',
  'majorSafetyAccident',
  'seriousEnvironmentalViolation',
  'majorCounterfeitingOrInfringement',
  'seriousConsumerHarm',
  'seriousBusinessEnvironmentHarm',
  'seriousDishonestyListing',
  'majorPublicOpinionIncident',
];

const MINISTRIES = ['moa', 'mofcom', 'mct', 'cnipa'];

let version: CheckedVersion;
beforeAll(async () => {
  const { source, context } = await loadRealVersion();
  const result = await checkVersion(source, context);
  expect(result.problems.map(formatProblem)).toEqual([]);
  if (result.version === undefined) throw new Error('the real version does not load');
  version = result.version;
});

const articlesIn = (text: string): number[] => [...text.matchAll(/Art\. (\d+)/g)].map((match) => Number(match[1]));

describe('CONTRACT §2 user tasks', () => {
  for (const [taskId, { group, articles }] of Object.entries(TASKS)) {
    it(`${taskId}: group ${group}, a form, Art. ${articles.join(', ')}`, () => {
      const elements = version.model.userTasks.filter((task) => task.taskId === taskId);
      expect(elements.length, `no user task element for ${taskId}`).toBeGreaterThan(0);
      const cited = new Set<number>();
      for (const task of elements) {
        expect(task.candidateGroups, task.elementId).toEqual([group]);
        expect(task.formKey, task.elementId).toBeDefined();
        expect(version.forms.has(task.formKey ?? ''), `${task.elementId}: form ${String(task.formKey)}`).toBe(true);
        const documentation = version.model.nodes.get(task.elementId)?.documentation ?? '';
        const own = articlesIn(documentation);
        expect(own.length, `${task.elementId} cites no article`).toBeGreaterThan(0);
        for (const article of own) cited.add(article);
      }
      expect([...cited]).toEqual(expect.arrayContaining(articles));
    });
  }

  it('departmentOpinion: one task per ministry (multi-instance over the consulted departments)', () => {
    const elements = version.model.userTasks.filter((task) => task.taskId === 'departmentOpinion');
    for (const task of elements) {
      expect(task.multiInstance?.collection, task.elementId).toBe('=rules.consultedDepartments');
    }
    expect(version.rules.consultedDepartments?.value).toEqual(MINISTRIES);
    expect(Object.keys(version.manifest.groups.ministry?.members ?? {}).sort()).toEqual([...MINISTRIES].sort());
  });
});

describe('CONTRACT §2 messages', () => {
  for (const [name, group] of Object.entries(MESSAGES)) {
    it(`${name}: caught, sent by ${group}, form ${kebabCase(name)}`, () => {
      const catchers = version.model.messageCatches.filter((catcher) => catcher.messageName === name);
      expect(catchers.length, `nothing catches ${name}`).toBeGreaterThan(0);
      for (const catcher of catchers) {
        expect(catcher.candidateGroups, catcher.elementId).toEqual([group]);
        expect(catcher.formKey, catcher.elementId).toBe(kebabCase(name));
      }
      expect(version.forms.has(kebabCase(name))).toBe(true);
    });
  }

  it('the four messages are named as in CONTRACT §2', () => {
    expect(version.model.messages.map((message) => message.name).sort()).toEqual(Object.keys(MESSAGES).sort());
    expect(['objection', 'major-event', 'revocation-proposed', 'withdraw']).toEqual(Object.keys(MESSAGES).map(kebabCase));
  });
});

describe('CONTRACT §3 rules', () => {
  it('rules.json has the seven rules with exactly the 2024-03-14 values', () => {
    const values = Object.fromEntries(Object.keys(RULES).map((name) => [name, version.rules[name]?.value]));
    expect(values).toEqual(RULES);
    for (const name of Object.keys(RULES)) expect(version.rules[name]?.article).toMatch(/^Art\. \d+$/);
  });
});

describe('CONTRACT §2 statuses and dates', () => {
  it('manifest statuses include every status, the ends final and the rest not', () => {
    const { statuses } = version.manifest;
    for (const name of RUNNING_STATUSES) expect(statuses[name]?.final ?? false, name).toBe(false);
    for (const name of FINAL_STATUSES) expect(statuses[name]?.final, name).toBe(true);
  });

  it('manifest dates include every due date', () => {
    expect(Object.keys(version.manifest.dates)).toEqual(expect.arrayContaining(DUE_DATES));
  });
});

describe('CONTRACT §4 indicators', () => {
  it('three variants, illustrative, the eight Art. 7 vetoes', () => {
    const { indicators } = version;
    expect(Object.keys(indicators.variants).sort()).toEqual(['agriculture', 'industry', 'services']);
    expect(indicators.illustrative).toBe(true);
    expect(indicators.vetoes.map((veto) => veto.id).sort()).toEqual([...ART7].sort());
    for (const veto of indicators.vetoes) expect(veto.article, veto.id).toBe('Art. 7');
  });

  it('every variant can reach the pass score', () => {
    for (const [variant, list] of Object.entries(version.indicators.variants)) {
      const total = list.reduce((sum, indicator) => sum + indicator.maxScore, 0);
      expect(total, variant).toBeGreaterThanOrEqual(version.indicators.passScore);
    }
  });
});

describe('forms', () => {
  it("every form's examples[0] merged with {} is valid", () => {
    const ajv = createFormAjv();
    expect(version.forms.size).toBeGreaterThan(0);
    for (const [formKey, schema] of version.forms) {
      const example: unknown = Array.isArray(schema.examples) ? schema.examples[0] : undefined;
      expect(example, formKey).toBeTypeOf('object');
      const validate = ajv.compile(schema);
      const merged = { ...(example as Record<string, unknown>), ...{} };
      expect(validate(merged), `${formKey}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('the creation application picks the park type and declares the eight Art. 7 situations', () => {
    const schema = version.forms.get('submit-creation-application');
    const example = schema?.examples?.[0] as Record<string, unknown> | undefined;
    expect(['agriculture', 'industry', 'services']).toContain(example?.parkType);
    expect(Object.keys(example?.art7Declarations ?? {}).sort()).toEqual([...ART7].sort());
  });
});
