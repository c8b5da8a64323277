import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEffectiveDates } from '../../engine/definitions/check-version.js';
import { formatProblem, type Problem } from '../../engine/definitions/problems.js';
import { readDefinitionContext } from '../../engine/definitions/read-definitions.js';
import type { Manifest } from '../../engine/definitions/types.js';
import { validateDefinitions } from '../../engine/definitions/validate-definitions.js';
import type { VersionSource } from '../../engine/definitions/version-source.js';
import {
  check,
  checkBroken,
  DEFINITIONS_ROOT,
  editBpmn,
  editJson,
  editText,
  expectProblem,
  getJson,
  lines,
  loadRealVersion,
  makeTempDir,
  REAL_PROCESS,
  REAL_VERSION,
  removeJson,
  removeTempDir,
  setJson,
  withDir,
  withFile,
  withoutFile,
  writeDefinitionsTree,
  type ExpectedProblem,
  type RealVersion,
} from './helpers.js';

// The validator on the real version and on broken copies of its JSON files, forms and file set;
// process.bpmn fixtures are in validator-process.test.ts.

let real: RealVersion;
beforeAll(async () => {
  real = await loadRealVersion();
});

const expectBroken = (source: VersionSource, ...expected: ExpectedProblem[]): Promise<Problem[]> =>
  checkBroken(real.context, source, ...expected);

const WITHDRAW = 'forms/withdraw.schema.json';
const EXPERT = 'forms/expert-evaluation.schema.json';
const BPMN = 'process.bpmn';

describe('the mutation helpers fail loudly when a mutation would do nothing', () => {
  it('editBpmn: a search string that is absent or not unique, a RegExp that does not match', () => {
    expect(() => editBpmn(real.source, ['<bpmn:noSuchElement', ''])).toThrow(/not found/);
    expect(() => editBpmn(real.source, ['<bpmn:userTask ', ''])).toThrow(/more than once/);
    expect(() => editBpmn(real.source, [/<bpmn:noSuchElement/, ''])).toThrow(/does not match/);
  });

  it('editJson, setJson and removeJson: no change, a missing parent or a missing value', () => {
    expect(() => editJson<Manifest>(real.source, 'manifest.json', () => undefined)).toThrow(/changed nothing/);
    expect(() => setJson(real.source, 'manifest.json', '/process', REAL_PROCESS)).toThrow(/changed nothing/);
    expect(() => setJson(real.source, 'manifest.json', '/no/such/parent', 1)).toThrow(/does not exist|non-container/);
    expect(() => removeJson(real.source, 'manifest.json', '/noSuchField')).toThrow(/nothing at/);
    expect(() => withoutFile(real.source, 'no-such-file.json')).toThrow(/no file/);
  });

  it('mutations copy: the real source is never changed', () => {
    const before = real.source.files.get('manifest.json');
    setJson(real.source, 'manifest.json', '/process', 'other');
    expect(real.source.files.get('manifest.json')).toBe(before);
  });
});

describe('the real version', () => {
  it('has no problems at all, errors or warnings', async () => {
    const result = await check(real.source, real.context);
    expect(lines(result)).toEqual([]);
    expect(result.version?.manifest.process).toBe(REAL_PROCESS);
    expect(result.version?.manifest.version).toBe(REAL_VERSION);
  });

  it('validateDefinitions on the definitions tree reports no problems and one version', async () => {
    const result = await validateDefinitions(DEFINITIONS_ROOT);
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.versions).toHaveLength(1);
    expect(result.context.calendars.has('cn')).toBe(true);
    expect(result.context.directories.has('provinces')).toBe(true);
  });

  it('validateDefinitions on the version directory itself checks that version only', async () => {
    const result = await validateDefinitions(join(DEFINITIONS_ROOT, REAL_PROCESS, REAL_VERSION));
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.versions.map((version) => version.manifest.version)).toEqual([REAL_VERSION]);
  });
});

describe('JSON files', () => {
  it('json-syntax: a JSON file that does not parse, reported once (no extra file-shape)', async () => {
    const problems = await expectBroken(editText(real.source, 'rules.json', [/\}\s*$/, '']), {
      check: 'json-syntax',
      file: 'rules.json',
      pointer: '',
    });
    expect(problems.filter((problem) => problem.check === 'file-shape').map(formatProblem)).toEqual([]);
  });

  it('json-syntax in a form: the form is refused and its task has no form', async () => {
    await expectBroken(
      editText(real.source, WITHDRAW, [/^\{/, '{,']),
      { check: 'json-syntax', file: WITHDRAW, pointer: '' },
      { check: 'unknown-form', file: BPMN, element: 'withdrawReceived' },
    );
  });

  it('file-shape: manifest missing a required field', async () => {
    await expectBroken(removeJson(real.source, 'manifest.json', '/title'), {
      check: 'file-shape',
      file: 'manifest.json',
      pointer: '',
    });
  });

  it('file-shape: manifest with an unknown field', async () => {
    await expectBroken(setJson(real.source, 'manifest.json', '/owner', 'policy office'), {
      check: 'file-shape',
      file: 'manifest.json',
      pointer: '',
    });
  });

  it('file-shape: a rule citing its article badly', async () => {
    await expectBroken(setJson(real.source, 'rules.json', '/art7LookBack/article', 'Article 7'), {
      check: 'file-shape',
      file: 'rules.json',
      pointer: '/art7LookBack/article',
    });
  });

  it('file-shape: an empty list rule', async () => {
    await expectBroken(setJson(real.source, 'rules.json', '/consultedDepartments/value', []), {
      check: 'file-shape',
      file: 'rules.json',
      pointer: '/consultedDepartments/value',
    });
  });

  it('file-shape: indicators without variantField', async () => {
    await expectBroken(removeJson(real.source, 'indicators.json', '/variantField'), {
      check: 'file-shape',
      file: 'indicators.json',
      pointer: '',
    });
  });
});

describe('manifest.json', () => {
  it('manifest-process: process name differs from its directory', async () => {
    await expectBroken(setJson(real.source, 'manifest.json', '/process', 'other-process'), {
      check: 'manifest-process',
      file: 'manifest.json',
      pointer: '/process',
    });
  });

  it('manifest-version: version differs from its directory', async () => {
    await expectBroken(setJson(real.source, 'manifest.json', '/version', '2024-03-15'), {
      check: 'manifest-version',
      file: 'manifest.json',
      pointer: '/version',
    });
  });

  it('manifest-version: the same files in another version directory', async () => {
    await expectBroken(withDir(real.source, `definitions/${REAL_PROCESS}/2025-01-01`), {
      check: 'manifest-version',
      file: `${REAL_PROCESS}/2025-01-01/manifest.json`,
      pointer: '/version',
    });
  });

  it('unknown-calendar', async () => {
    await expectBroken(setJson(real.source, 'manifest.json', '/calendar', 'mars'), {
      check: 'unknown-calendar',
      file: 'manifest.json',
      pointer: '/calendar',
    });
  });

  it('unknown-directory', async () => {
    await expectBroken(setJson(real.source, 'manifest.json', '/groups/province/directory', 'prefectures'), {
      check: 'unknown-directory',
      file: 'manifest.json',
      pointer: '/groups/province/directory',
    });
  });

  it('group-members: an element-scoped group without members', async () => {
    await expectBroken(removeJson(real.source, 'manifest.json', '/groups/ministry/members'), {
      check: 'group-members',
      file: 'manifest.json',
      pointer: '/groups/ministry',
    });
  });

  it('group-members: members on a group not scoped per element', async () => {
    await expectBroken(setJson(real.source, 'manifest.json', '/groups/samr/members', { hq: '总局机关' }), {
      check: 'group-members',
      file: 'manifest.json',
      pointer: '/groups/samr/members',
    });
  });

  it('manifest-statuses: no final status', async () => {
    const source = editJson<Manifest>(real.source, 'manifest.json', (manifest) => {
      for (const status of Object.values(manifest.statuses)) delete status.final;
    });
    await expectBroken(
      source,
      { check: 'manifest-statuses', file: 'manifest.json', pointer: '/statuses' },
      { check: 'status-final', file: BPMN, element: 'withdrawnEnd' },
    );
  });
});

describe('rules.json', () => {
  for (const value of ['P1H', 0, 2.5, 'five days', 'P0D']) {
    it(`rule-value: ${JSON.stringify(value)} is not a period`, async () => {
      const problems = await expectBroken(
        setJson(real.source, 'rules.json', '/creationMinPeriod/value', value),
        { check: 'rule-value', file: 'rules.json', pointer: '/creationMinPeriod/value' },
        { check: 'rule-not-period', file: BPMN, element: 'acceptanceOpensTimer' },
      );
      expect(problems.find((problem) => problem.check === 'rule-value')?.article).toBe('Art. 18');
    });
  }

  it('rule-value: other ISO 8601 date durations and whole working days are periods', async () => {
    let source = setJson(real.source, 'rules.json', '/creationMinPeriod/value', 'P1Y2M');
    source = setJson(source, 'rules.json', '/art7LookBack/value', 'P2W');
    source = setJson(source, 'rules.json', '/publicityMinWorkingDays/value', 7);
    expect(lines(await check(source, real.context))).toEqual([]);
  });
});

describe('indicators.json', () => {
  it('indicator-duplicate', async () => {
    await expectBroken(setJson(real.source, 'indicators.json', '/variants/agriculture/1/id', 'org-1'), {
      check: 'indicator-duplicate',
      file: 'indicators.json',
      pointer: '/variants/agriculture/1/id',
    });
  });

  it('indicator-dimension', async () => {
    await expectBroken(setJson(real.source, 'indicators.json', '/variants/industry/0/dimension', 'nowhere'), {
      check: 'indicator-dimension',
      file: 'indicators.json',
      pointer: '/variants/industry/0/dimension',
    });
  });

  it('pass-score-unreachable', async () => {
    await expectBroken(
      setJson(real.source, 'indicators.json', '/passScore', 101),
      { check: 'pass-score-unreachable', file: 'indicators.json', pointer: '/variants/agriculture' },
      { check: 'pass-score-unreachable', file: 'indicators.json', pointer: '/variants/services' },
    );
  });

  it('veto-duplicate', async () => {
    const first = getJson(real.source, 'indicators.json', '/vetoes/0/id');
    await expectBroken(setJson(real.source, 'indicators.json', '/vetoes/1/id', first), {
      check: 'veto-duplicate',
      file: 'indicators.json',
      pointer: '/vetoes/1/id',
    });
  });

  it('variant-field: no form has the field', async () => {
    await expectBroken(setJson(real.source, 'indicators.json', '/variantField', 'zoneType'), {
      check: 'variant-field',
      file: 'indicators.json',
      pointer: '/variantField',
    });
  });

  it('variant-field: the field offers other choices than the variants', async () => {
    await expectBroken(removeJson(real.source, 'indicators.json', '/variants/services'), {
      check: 'variant-field',
      file: 'indicators.json',
      pointer: '/variantField',
    });
  });
});

describe('forms', () => {
  it('form-key: a form file not named in kebab-case', async () => {
    const text = real.source.files.get(WITHDRAW) ?? '';
    await expectBroken(withFile(real.source, 'forms/Withdraw_Form.schema.json', text), {
      check: 'form-key',
      file: 'forms/Withdraw_Form.schema.json',
    });
  });

  it('form-draft: another JSON Schema draft', async () => {
    await expectBroken(setJson(real.source, WITHDRAW, '/$schema', 'http://json-schema.org/draft-07/schema#'), {
      check: 'form-draft',
      file: WITHDRAW,
      pointer: '/$schema',
    });
  });

  it('form-draft: no $schema', async () => {
    await expectBroken(removeJson(real.source, WITHDRAW, '/$schema'), {
      check: 'form-draft',
      file: WITHDRAW,
      pointer: '/$schema',
    });
  });

  it('form-compile: an unknown keyword fails strict mode', async () => {
    const problems = await expectBroken(
      setJson(real.source, WITHDRAW, '/properties/reason/maxlength', 10),
      { check: 'form-compile', file: WITHDRAW, pointer: '' },
      { check: 'unknown-form', file: BPMN, element: 'withdrawReceived' },
    );
    expect(problems.find((problem) => problem.check === 'form-compile')?.message).toContain('maxlength');
  });

  it('form-compile: a form that is not an object schema', async () => {
    await expectBroken(setJson(real.source, WITHDRAW, '/type', 'array'), {
      check: 'form-compile',
      file: WITHDRAW,
      pointer: '/type',
    });
  });

  it('form-example: examples missing', async () => {
    await expectBroken(removeJson(real.source, WITHDRAW, '/examples'), {
      check: 'form-example',
      file: WITHDRAW,
      pointer: '/examples',
    });
  });

  it('form-example: an invalid example, with the pointer of the bad value', async () => {
    await expectBroken(setJson(real.source, WITHDRAW, '/examples/0/confirmation', false), {
      check: 'form-example',
      file: WITHDRAW,
      pointer: '/examples/0/confirmation',
    });
  });

  it('form-example: an example with a field the form does not have', async () => {
    await expectBroken(setJson(real.source, WITHDRAW, '/examples/0/extra', 1), {
      check: 'form-example',
      file: WITHDRAW,
      pointer: '/examples/0',
    });
  });

  it('form-example-indicators: an unknown indicator id in the expert evaluation example', async () => {
    await expectBroken(
      setJson(real.source, EXPERT, '/examples/0/scores/org-99', 1),
      { check: 'form-example-indicators', file: EXPERT, pointer: '/examples/0/scores/org-99' },
    );
  });

  it('form-example-indicators: a score above the indicator maximum', async () => {
    await expectBroken(setJson(real.source, EXPERT, '/examples/0/scores/org-1', 50), {
      check: 'form-example-indicators',
      file: EXPERT,
      pointer: '/examples/0/scores/org-1',
    });
  });

  it('form-example-indicators: an unknown veto id', async () => {
    await expectBroken(setJson(real.source, EXPERT, '/examples/0/vetoes', ['noSuchVeto']), {
      check: 'form-example-indicators',
      file: EXPERT,
      pointer: '/examples/0/vetoes/0',
    });
  });

  it('form-reserved-field', async () => {
    const field = { type: 'string', title: '今天', description: '今天的日期' };
    await expectBroken(setJson(real.source, WITHDRAW, '/properties/today', field), {
      check: 'form-reserved-field',
      file: WITHDRAW,
      pointer: '/properties/today',
    });
  });

  it('form-label (warning): a field without a title', async () => {
    await expectBroken(removeJson(real.source, WITHDRAW, '/properties/reason/title'), {
      check: 'form-label',
      file: WITHDRAW,
      pointer: '/properties/reason',
      severity: 'warning',
    });
  });

  it('form-label (warning): a description not in Chinese', async () => {
    await expectBroken(setJson(real.source, WITHDRAW, '/properties/reason/description', 'Why'), {
      check: 'form-label',
      file: WITHDRAW,
      pointer: '/properties/reason/description',
      severity: 'warning',
    });
  });

  it('form-label (warning): a form title not in Chinese', async () => {
    await expectBroken(setJson(real.source, WITHDRAW, '/title', 'Withdraw'), {
      check: 'form-label',
      file: WITHDRAW,
      pointer: '/title',
      severity: 'warning',
    });
  });

  it('form-enum-label (warning): a bare enum', async () => {
    const field = { type: 'string', title: '撤回类型', description: '选择撤回类型', enum: ['a', 'b'] };
    await expectBroken(setJson(real.source, WITHDRAW, '/properties/kind', field), {
      check: 'form-enum-label',
      file: WITHDRAW,
      pointer: '/properties/kind',
      severity: 'warning',
    });
  });

  it('form-enum-label (warning): a oneOf choice without a title', async () => {
    const field = {
      type: 'string',
      title: '撤回类型',
      description: '选择撤回类型',
      oneOf: [{ const: 'a', title: '甲' }, { const: 'b' }],
    };
    await expectBroken(setJson(real.source, WITHDRAW, '/properties/kind', field), {
      check: 'form-enum-label',
      file: WITHDRAW,
      pointer: '/properties/kind/oneOf/1',
      severity: 'warning',
    });
  });
});

describe('version files', () => {
  it('missing-file: rules.json removed', async () => {
    await expectBroken(withoutFile(real.source, 'rules.json'), { check: 'missing-file', file: 'rules.json' });
  });

  it('missing-file: process.bpmn removed', async () => {
    await expectBroken(withoutFile(real.source, BPMN), { check: 'missing-file', file: BPMN });
  });

  it('unexpected-file (warning): a file that is not part of a version', async () => {
    await expectBroken(withFile(real.source, 'README.md', '# notes\n'), {
      check: 'unexpected-file',
      file: 'README.md',
      severity: 'warning',
    });
  });

  it('unexpected-file (warning): a form without the .schema.json suffix', async () => {
    await expectBroken(withFile(real.source, 'forms/withdraw.json', '{}'), {
      check: 'unexpected-file',
      file: 'forms/withdraw.json',
      severity: 'warning',
    });
  });
});


describe('several versions and the definitions context', () => {
  const manifest = (dir: string, process: string, effectiveFrom: string) => ({
    dir,
    manifest: { process, effectiveFrom } as Manifest,
  });

  it('checkEffectiveDates: two versions of one process taking effect on the same day', () => {
    const problems = checkEffectiveDates([
      manifest('defs/p/a', 'p', '2024-03-14'),
      manifest('defs/p/b', 'p', '2024-03-14'),
      manifest('defs/q/a', 'q', '2024-03-14'),
      manifest('defs/p/c', 'p', '2024-03-15'),
    ]);
    expect(problems).toHaveLength(1);
    expectProblem(problems, {
      check: 'duplicate-effective-date',
      file: 'defs/p/b/manifest.json',
      pointer: '/effectiveFrom',
      severity: 'error',
    });
  });

  describe('in a definitions tree on disk', () => {
    let root: string;
    beforeAll(async () => {
      root = await makeTempDir();
    });
    afterAll(async () => {
      await removeTempDir(root);
    });

    it('duplicate-effective-date: a copy of the version under another name, same effectiveFrom', async () => {
      const copy = setJson(real.source, 'manifest.json', '/version', `${REAL_VERSION}b`);
      const tree = join(root, 'two-versions');
      await writeDefinitionsTree(tree, [
        { process: REAL_PROCESS, version: REAL_VERSION, source: real.source },
        { process: REAL_PROCESS, version: `${REAL_VERSION}b`, source: copy },
      ]);
      const result = await validateDefinitions(tree);
      expect(result.versions).toHaveLength(2);
      expect(result.problems).toHaveLength(1);
      expectProblem(result, {
        check: 'duplicate-effective-date',
        file: `${REAL_PROCESS}/${REAL_VERSION}b/manifest.json`,
        pointer: '/effectiveFrom',
        severity: 'error',
      });
    });

    it('calendar and directory problems come from readDefinitionContext, with the file named', async () => {
      const tree = join(root, 'broken-context');
      await writeDefinitionsTree(tree, []);
      await writeFile(join(tree, 'calendars/cn/2027.json'), '{ "calendar": "cn", ');
      await cp(join(tree, 'calendars/cn/2024.json'), join(tree, 'calendars/cn/2024-again.json'));
      await mkdir(join(tree, 'calendars/xx'));
      await writeFile(join(tree, 'calendars/xx/2024.json'), JSON.stringify({ calendar: 'xx', year: 'next' }));
      const provinces = JSON.parse(await readFile(join(DEFINITIONS_ROOT, 'directory/provinces.json'), 'utf8')) as {
        entries: { code: string; name: string }[];
      };
      provinces.entries.push({ ...(provinces.entries[0] ?? expect.fail('no provinces')) });
      await writeFile(join(tree, 'directory/provinces.json'), JSON.stringify(provinces));
      await writeFile(join(tree, 'directory/empty.json'), JSON.stringify({ title: '空', entries: [] }));

      const { context, problems } = await readDefinitionContext(tree);
      expectProblem(problems, { check: 'calendar', file: 'calendars/cn/2027.json', pointer: '', severity: 'error' });
      // the files are read in name order: 2024-again.json comes first, so 2024.json repeats its year
      expectProblem(problems, { check: 'calendar', file: 'calendars/cn/2024.json', pointer: '/year' });
      expectProblem(problems, { check: 'calendar', file: 'calendars/xx/2024.json', pointer: '/year' });
      expectProblem(problems, {
        check: 'directory-duplicate',
        file: 'directory/provinces.json',
        pointer: `/entries/${provinces.entries.length - 1}/code`,
      });
      expectProblem(problems, { check: 'file-shape', file: 'directory/empty.json', pointer: '/entries' });
      expect(context.directories.has('empty')).toBe(false);
    });
  });
});

