// Every case script in test/scenarios/*.json must hold (CONTRACT §5): the first half (scenario-files.ts).
import { describe, expect, it } from 'vitest';
import { eachScenarioHolds, part, scenarioFiles } from './scenario-files.js';

const files = await scenarioFiles();

describe('test/scenarios/*.json, part 1', () => {
  it('finds the scenario files, and splits them so that each is run once', () => {
    expect(files).toContain('contract-example.json');
    expect(files).toContain('full-lifecycle.json');
    expect([...part(files, 1), ...part(files, 2)].sort()).toEqual(files);
  });

  eachScenarioHolds(part(files, 1));
});
