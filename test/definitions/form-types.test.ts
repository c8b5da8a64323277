import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { formTypesOf, formTypesPath } from '../../engine/definitions/form-types.js';
import { validateDefinitions } from '../../engine/definitions/validate-definitions.js';
import type { SubmitCreationApplication } from '../../definitions/types/quality-brand-zone/2024-03-14.js';

describe('generated form types', () => {
  it('are up to date for every version (run npm run gen:types after changing a form)', async () => {
    const { versions } = await validateDefinitions('definitions');
    expect(versions.length).toBeGreaterThan(0);
    for (const version of versions) {
      const committed = await readFile(formTypesPath('definitions', version), 'utf8');
      expect(committed, `${version.manifest.process}@${version.manifest.version}`).toBe(await formTypesOf(version));
    }
  });

  it('type the fields of the contract', () => {
    const declarations: SubmitCreationApplication['art7Declarations'] = {
      majorQualityAccident: false,
      majorSafetyAccident: false,
      seriousEnvironmentalViolation: false,
      majorCounterfeitingOrInfringement: false,
      seriousConsumerHarm: false,
      seriousBusinessEnvironmentHarm: false,
      seriousDishonestyListing: false,
      majorPublicOpinionIncident: false,
    };
    const parkType: SubmitCreationApplication['parkType'] = 'industry';
    expect(Object.keys(declarations)).toHaveLength(8);
    expect(parkType).toBe('industry');
  });
});
