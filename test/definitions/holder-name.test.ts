import { describe, expect, it } from 'vitest';
import { holderName, type ScopeNames } from '../../engine/definitions/subject-region.js';
import type { Manifest } from '../../engine/definitions/types.js';

// Who holds a task or acted on a case, named as people name organisations: the server's history and
// the workbench's overdue board both read it from this one function.

const manifest: Pick<Manifest, 'groups' | 'subject' | 'region'> = {
  subject: { name: 'park', title: '园区' },
  region: { name: 'province', title: '省级单位', directory: 'provinces' },
  groups: {
    samr: { title: '市场监管总局' },
    province: { title: '省级市场监管部门', scope: 'province', directory: 'provinces' },
    park: { title: '创建主体', scope: 'park' },
    ministry: { title: '相关部委', scope: 'element', members: { miit: '工业和信息化部' } },
  },
};

const names: ScopeNames = {
  directory: (name) =>
    name === 'provinces' ? { title: '省份', entries: [{ code: '320000', name: '江苏省' }] } : undefined,
  subject: { code: 'P-001', name: '苏州工业园区' },
};

describe('holderName', () => {
  it('names a national group by its title', () => {
    expect(holderName(manifest, { group: 'samr' }, names)).toBe('市场监管总局');
  });

  it('names a region by its directory entry, a member by its declared name, the case subject by its name', () => {
    expect(holderName(manifest, { group: 'province', scope: '320000' }, names)).toBe('省级市场监管部门 · 江苏省');
    expect(holderName(manifest, { group: 'ministry', scope: 'miit' }, names)).toBe('相关部委 · 工业和信息化部');
    expect(holderName(manifest, { group: 'park', scope: 'P-001' }, names)).toBe('创建主体 · 苏州工业园区');
  });

  it('keeps the code where no name is known, and never gives one subject the name of another', () => {
    expect(holderName(manifest, { group: 'province', scope: '990000' }, names)).toBe('省级市场监管部门 · 990000');
    expect(holderName(manifest, { group: 'park', scope: 'P-002' }, names)).toBe('创建主体 · P-002');
  });

  it("names a region by the region's directory when its group names none (county-brand's city read 设区的市市场监管局 · 330100)", () => {
    const counties: Pick<Manifest, 'groups' | 'subject' | 'region'> = {
      subject: { name: 'county', title: '申报县' },
      region: { name: 'city', title: '设区的市', directory: 'cities' },
      groups: { city: { title: '设区的市市场监管局', scope: 'city' } },
    };
    const cities: ScopeNames = {
      directory: (name) =>
        name === 'cities' ? { title: '设区的市', entries: [{ code: '330100', name: '杭州市' }] } : undefined,
    };
    expect(holderName(counties, { group: 'city', scope: '330100' }, cities)).toBe('设区的市市场监管局 · 杭州市');
  });

  it('answers nothing for a group the manifest does not declare', () => {
    expect(holderName(manifest, { group: 'superuser' }, names)).toBeUndefined();
  });
});
