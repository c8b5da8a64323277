import type { Ajv2020 } from 'ajv/dist/2020.js';
import { checkExecutionPhases } from './checks/execution-phases.js';
import { createFormAjv } from '../forms/form-ajv.js';
import { lintBpmn } from './checks/bpmn-lint.js';
import { checkConditionChoices } from './checks/condition-choices.js';
import { checkConditionFields } from './checks/condition-fields.js';
import { checkForm, fieldChoices } from './checks/forms.js';
import { checkIndicators } from './checks/indicators.js';
import { checkManifest } from './checks/manifest.js';
import { checkProcessDeclarations } from './checks/process-declarations.js';
import { checkProcessExpressions } from './checks/process-expressions.js';
import { checkProcessStructure } from './checks/process-structure.js';
import { checkRules } from './checks/rules.js';
import { checkElementTextNumbers, checkIndicatorScoreWords, checkRuleTitleNumbers } from './checks/text-numbers.js';
import { checkTimerLoops } from './checks/timer-loops.js';
import { bpmnReadReason, parseBpmn } from './moddle.js';
import { unreadableMessage } from './readable.js';
import { buildProcessModel, otherProcesses, type ProcessModel } from './process-model.js';
import { FileProblems, hasErrors, type Problem } from './problems.js';
import type { FormSchema, Indicators, Manifest, Rules } from './types.js';
import { FORM_FILE_SUFFIX, FORMS_DIR, VERSION_FILES, type DefinitionContext, type VersionSource } from './version-source.js';

/** A version that passed every check that matters for running it. */
export interface CheckedVersion {
  manifest: Manifest;
  rules: Rules;
  indicators: Indicators;
  forms: ReadonlyMap<string, FormSchema>;
  processXml: string;
  model: ProcessModel;
}

export interface VersionCheck {
  /** Present when there are no errors (warnings allowed). */
  version?: CheckedVersion;
  /** The manifest when it could be read, errors elsewhere or not. */
  manifest?: Manifest;
  problems: Problem[];
}

function directoryNames(dir: string): { process: string; version: string } {
  const parts = dir.split(/[\\/]/).filter((part) => part !== '' && part !== '.');
  return { process: parts.at(-2) ?? '', version: parts.at(-1) ?? '' };
}

/** The indicator variant field must be a form field whose choices are exactly the variants. */
function checkVariantField(indicators: Indicators, forms: ReadonlyMap<string, FormSchema>, problems: FileProblems): void {
  const variants = Object.keys(indicators.variants).sort();
  const carriers = [...forms.values()].filter((schema) => schema.properties?.[indicators.variantField] !== undefined);
  if (carriers.length === 0) {
    problems.error('variant-field', `no form has the field "${indicators.variantField}" that picks the variant`, {
      pointer: '/variantField',
    });
  }
  for (const schema of carriers) {
    const choices = fieldChoices(schema.properties?.[indicators.variantField])?.sort();
    if (choices?.join() !== variants.join()) {
      problems.error('variant-field', `field "${indicators.variantField}" offers ${choices?.join(', ') ?? 'free text'}, variants are ${variants.join(', ')}`, {
        pointer: '/variantField',
      });
    }
  }
}

/** `subjectName` names a text field of a form (the subject's name shown in lists and notices). */
function checkSubjectName(manifest: Manifest, forms: ReadonlyMap<string, FormSchema>, problems: FileProblems): void {
  const field = manifest.subjectName;
  if (field === undefined) return;
  const carriers = [...forms.values()].filter((schema) => schema.properties?.[field] !== undefined);
  if (carriers.length === 0) {
    problems.error('subject-name', `no form has the field "${field}" that subjectName names`, { pointer: '/subjectName' });
  } else if (carriers.some((schema) => schema.properties?.[field]?.type !== 'string')) {
    problems.error('subject-name', `field "${field}" that subjectName names is not text in every form that has it`, {
      pointer: '/subjectName',
    });
  }
}

/** `statistics` names a declared date and a choice field of a form (what the statistics page counts). */
function checkStatistics(manifest: Manifest, forms: ReadonlyMap<string, FormSchema>, problems: FileProblems): void {
  const { designationDate, subjectTypeField } = manifest.statistics ?? {};
  if (designationDate !== undefined && !(designationDate in manifest.dates)) {
    problems.error('statistics', `statistics.designationDate "${designationDate}" is not a date declared in dates`, {
      pointer: '/statistics/designationDate',
    });
  }
  if (subjectTypeField === undefined) return;
  const isChoice = (schema: FormSchema) => {
    const field = schema.properties?.[subjectTypeField];
    return field !== undefined && (Array.isArray(field.oneOf) || Array.isArray(field.enum));
  };
  if (![...forms.values()].some(isChoice)) {
    problems.error('statistics', `no form has a choice field "${subjectTypeField}" that statistics.subjectTypeField names`, {
      pointer: '/statistics/subjectTypeField',
    });
  }
}

/**
 * Every check of one definition version. Pure: the caller reads the files (Node or browser), so
 * `npm run validate`, the engine's loader and the designer all run this same code.
 */
export async function checkVersion(source: VersionSource, context: DefinitionContext): Promise<VersionCheck> {
  const problems: Problem[] = [];
  const at = (file: string) => new FileProblems(`${source.dir}/${file}`, problems);
  const read = (file: string): string | undefined => {
    const text = source.files.get(file);
    if (text === undefined) at(file).error('missing-file', `${file} is missing`);
    return text;
  };

  const manifestText = read(VERSION_FILES.manifest);
  const manifest =
    manifestText === undefined ? undefined : checkManifest(manifestText, directoryNames(source.dir), context, at(VERSION_FILES.manifest));
  const rulesText = read(VERSION_FILES.rules);
  const rules = rulesText === undefined ? undefined : checkRules(rulesText, at(VERSION_FILES.rules));
  if (rules !== undefined) checkRuleTitleNumbers(rules, at(VERSION_FILES.rules));
  const indicatorsText = read(VERSION_FILES.indicators);
  const indicators = indicatorsText === undefined ? undefined : checkIndicators(indicatorsText, at(VERSION_FILES.indicators));
  if (indicators !== undefined) checkIndicatorScoreWords(indicators, at(VERSION_FILES.indicators));

  const forms = new Map<string, FormSchema>();
  const formFiles = new Set<string>();
  // Made on the first form not compiled before (checkForm): one per version, so that ids stay its own.
  let versionAjv: Ajv2020 | undefined;
  const ajv = () => (versionAjv ??= createFormAjv());
  for (const [file, text] of source.files) {
    if (file.startsWith(FORMS_DIR) && file.endsWith(FORM_FILE_SUFFIX)) {
      const formKey = file.slice(FORMS_DIR.length, -FORM_FILE_SUFFIX.length);
      formFiles.add(formKey);
      const schema = checkForm(formKey, text, indicators, at(file), ajv);
      if (schema !== undefined) forms.set(formKey, schema);
    } else if (!(Object.values(VERSION_FILES) as string[]).includes(file)) {
      at(file).warning('unexpected-file', `${file} is not part of a definition version`);
    }
  }
  if (indicators !== undefined) checkVariantField(indicators, forms, at(VERSION_FILES.indicators));
  if (manifest !== undefined) {
    checkSubjectName(manifest, forms, at(VERSION_FILES.manifest));
    checkStatistics(manifest, forms, at(VERSION_FILES.manifest));
  }

  const processXml = read(VERSION_FILES.process);
  let model: ProcessModel | undefined;
  if (processXml !== undefined) {
    const bpmn = at(VERSION_FILES.process);
    try {
      const parsed = await parseBpmn(processXml);
      for (const warning of parsed.warnings) {
        bpmn.error('bpmn-parse', warning.message, { ...(warning.element?.id !== undefined && { element: warning.element.id }) });
      }
      await lintBpmn(parsed.definitions, bpmn);
      model = buildProcessModel(parsed.definitions);
      if (model === undefined) bpmn.error('bpmn-process', 'no <process> in the file');
      for (const other of otherProcesses(parsed.definitions)) {
        const message = `<process> ${other.process} is a second process: a version runs one, draw its steps in lanes of it`;
        bpmn.error('several-processes', message, { element: other.element });
      }
    } catch (error) {
      bpmn.error('bpmn-parse', unreadableMessage(bpmn.name, 'bpmn', bpmnReadReason(error)));
    }
    if (model !== undefined) {
      const input = { model, manifest, rules, forms, formFiles, problems: bpmn };
      checkProcessStructure(model, bpmn);
      checkProcessDeclarations(input);
      checkProcessExpressions(input, indicators);
      checkConditionChoices(input);
      checkConditionFields(input);
      checkTimerLoops(model, bpmn);
      if (manifest !== undefined) checkExecutionPhases(model, manifest, at(VERSION_FILES.manifest));
      if (rules !== undefined) checkElementTextNumbers(model, rules, bpmn);
    }
  }

  if (hasErrors(problems) || !manifest || !rules || !indicators || !model || processXml === undefined) {
    return { problems, ...(manifest !== undefined && { manifest }) };
  }
  return { version: { manifest, rules, indicators, forms, processXml, model }, manifest, problems };
}

/** Two versions of one process may not take effect on the same day (CONTRACT §1). */
export function checkEffectiveDates(versions: readonly { dir: string; manifest: Manifest }[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, string>();
  for (const { dir, manifest } of versions) {
    const key = `${manifest.process}@${manifest.effectiveFrom}`;
    const other = seen.get(key);
    if (other !== undefined) {
      problems.push({
        severity: 'error',
        check: 'duplicate-effective-date',
        file: `${dir}/${VERSION_FILES.manifest}`,
        pointer: '/effectiveFrom',
        message: `${other} takes effect on ${manifest.effectiveFrom} too: one version per date`,
      });
    }
    seen.set(key, dir);
  }
  return problems;
}
