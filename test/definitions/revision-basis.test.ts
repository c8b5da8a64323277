import { beforeAll, describe, it } from 'vitest';
import { check, checkBroken, expectNoProblem, loadRealVersion, setJson, type RealVersion } from './helpers.js';

// `revision` (manifest): the document a revision rests on, written when the designer publishes a
// draft (issue 12, item 6). Optional, but whole when present: title, 文号, date of issue, address.

let real: RealVersion;
beforeAll(async () => {
  real = await loadRealVersion();
});

const MANIFEST = 'manifest.json';
const REVISION = {
  title: '市场监管总局关于调整全国质量品牌提升示范区验收公示期的通知',
  documentNumber: '国市监质发〔2024〕36号',
  issuedOn: '2024-04-01',
  url: 'https://www.samr.gov.cn/zljds/tzgg/art/2024/art_36.html',
};

describe('the validator checks a revision basis in the manifest', () => {
  it('accepts a complete one', async () => {
    expectNoProblem(await check(setJson(real.source, MANIFEST, '/revision', REVISION), real.context), {
      check: 'file-shape',
    });
  });

  it('refuses one without its 文号, with a date that is not a date, or with an address that is not http(s)', async () => {
    const { documentNumber: _number, ...withoutNumber } = REVISION;
    for (const revision of [
      withoutNumber,
      { ...REVISION, issuedOn: '2024年4月1日' },
      { ...REVISION, url: 'samr.gov.cn' },
      { ...REVISION, signedBy: 'x' },
    ]) {
      await checkBroken(real.context, setJson(real.source, MANIFEST, '/revision', revision), {
        check: 'file-shape',
        file: MANIFEST,
      });
    }
  });
});
