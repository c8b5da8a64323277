// The scenario file's instants and expected errors (CONTRACT §5): `clock` and `advanceTo` without a UTC
// offset are China time whatever the host's zone (npm test runs this under America/Los_Angeles and
// Asia/Shanghai); `expectError: "incident"` expects a command the definition cannot carry out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEngineError } from '../../engine/errors.js';
import { ScenarioRunner, type ScenarioResult } from '../../engine/scenario/run-scenario.js';
import { parseScenario } from '../../engine/scenario/scenario.js';
import { MemoryStore } from '../../engine/store/index.js';
import {
  DEFINITIONS_ROOT,
  feelCondition,
  loadRealVersion,
  makeTempDir,
  REAL_PROCESS,
  REAL_VERSION,
  removeTempDir,
  setCondition,
  writeDefinitionsTree,
} from '../definitions/helpers.js';

async function run(data: unknown, definitions = DEFINITIONS_ROOT): Promise<ScenarioResult> {
  const runner = new ScenarioRunner(parseScenario(data), {
    definitions,
    shared: DEFINITIONS_ROOT,
    openStore: () => new MemoryStore(),
  });
  return runner.run();
}

const refused = (data: unknown): boolean => {
  try {
    parseScenario(data);
    return false;
  } catch (error) {
    return isEngineError(error, 'validation');
  }
};

describe('scenario instants without an offset are China time', () => {
  it('clock and advanceTo without an offset run at the same instants as with +08:00', async () => {
    const result = await run({
      process: REAL_PROCESS,
      clock: '2024-04-01T09:00:00',
      steps: [
        { start: { case: 'c1', park: 'P-001', province: '320000' } },
        { advanceTo: '2024-04-02T07:30' },
        { advanceTo: '2024-04-03' },
      ],
    });
    expect(result.reason).toBeUndefined();
    expect(result.timeline.map((entry) => entry.at)).toEqual([
      '2024-04-01T01:00:00.000Z',
      '2024-04-01T23:30:00.000Z',
      '2024-04-02T16:00:00.000Z',
    ]);
  });

  it('an instant that is not ISO 8601 is refused as unreadable (exit 2), never guessed', () => {
    const base = { process: REAL_PROCESS, clock: '2024-04-01T09:00:00+08:00', steps: [] };
    expect(refused(base)).toBe(false);
    expect(refused({ ...base, clock: '2024-04-01 09:00' })).toBe(true);
    expect(refused({ ...base, steps: [{ advanceTo: 'next Monday' }] })).toBe(true);
    expect(refused({ ...base, steps: [{ advanceTo: '2024-02-30T09:00' }] })).toBe(true);
  });
});

describe('expectError: incident', () => {
  let root: string;

  beforeAll(async () => {
    root = await makeTempDir('scenario-incident-');
    const { source } = await loadRealVersion();
    // Valid (the sample context has every declared date), but at run time the feasibility approval
    // reads a date no case has yet: the command is refused and the case holds an incident.
    const broken = setCondition(
      source,
      'Flow_feasibilityDecision_to_provincialLeadingGroupReview',
      feelCondition('decision = &quot;approve&quot; and today() &lt;= case.due.demonstrationEnds'),
    );
    await writeDefinitionsTree(root, [{ process: REAL_PROCESS, version: REAL_VERSION, source: broken }]);
  });
  afterAll(() => removeTempDir(root));

  const steps = (expectError?: string) => [
    { start: { case: 'c1', park: 'P-001', province: '320000' } },
    { complete: 'submitCreationApplication', case: 'c1', as: 'park:P-001' },
    {
      complete: 'provincialFeasibilityReview',
      case: 'c1',
      as: 'province:320000',
      ...(expectError !== undefined && { expectError }),
    },
  ];

  it('is a known expected error and holds when the command raises an incident', async () => {
    const result = await run(
      { process: REAL_PROCESS, clock: '2024-04-01T09:00:00+08:00', steps: steps('incident') },
      root,
    );
    expect(result.reason).toBeUndefined();
    expect(result.timeline.at(-1)?.error?.code).toBe('incident');
  });

  it('fails the step when the incident was not expected, and the reason names it', async () => {
    const result = await run({ process: REAL_PROCESS, clock: '2024-04-01T09:00:00+08:00', steps: steps() }, root);
    expect(result.failedStep).toBe(2);
    expect(result.reason).toMatch(/incident/);
  });

  it('is still refused for codes a step cannot expect', () => {
    expect(refused({ process: REAL_PROCESS, clock: '2024-04-01T09:00:00+08:00', steps: steps('oops') })).toBe(true);
  });
});
