import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../engine/definitions/types.js';
import { PAGE_GROUPS, programmePageGroups } from '../../designer/src/page-groups.js';
import { REAL_VERSION_DIR } from '../definitions/helpers.js';

const manifestOf = async (dir: string) => JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
const QUALITY_BRAND_ZONE = REAL_VERSION_DIR;
const COUNTY_BRAND = 'test/programmes/county-brand/2025-07-01';

describe('who the statistics page and the overdue board are for, from the manifests', () => {
  it('the first programme: the groups they were always for (SAMR, provinces, their leading groups, admin; SAMR and provinces)', async () => {
    const groups = programmePageGroups([await manifestOf(QUALITY_BRAND_ZONE)]);
    expect(new Set(groups.statistics)).toEqual(new Set(PAGE_GROUPS.statistics));
    expect(new Set(groups.overdue)).toEqual(new Set(PAGE_GROUPS.overdue));
  });

  it('county-brand: its city and bureau read the statistics (they were told it is not for their role), not its counties', async () => {
    const groups = programmePageGroups([await manifestOf(COUNTY_BRAND)]);
    expect(new Set(groups.statistics)).toEqual(new Set(['city', 'bureau', 'admin']));
  });

  it('both programmes: either programme’s readers', async () => {
    const groups = programmePageGroups([await manifestOf(QUALITY_BRAND_ZONE), await manifestOf(COUNTY_BRAND)]);
    expect(new Set(groups.statistics)).toEqual(new Set([...PAGE_GROUPS.statistics, 'city', 'bureau']));
  });
});
