// Every case script in test/scenarios/*.json must hold (CONTRACT §5): the second half (scenario-files.ts).
import { describe } from 'vitest';
import { eachScenarioHolds, part, scenarioFiles } from './scenario-files.js';

const files = await scenarioFiles();

describe('test/scenarios/*.json, part 2', () => {
  eachScenarioHolds(part(files, 2));
});
