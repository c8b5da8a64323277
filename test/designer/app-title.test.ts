import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../designer/src/i18n/messages.js';
import { appTitleOf } from '../../designer/src/public/app-title.js';
import { COUNTY, FIRST } from './fixtures/public-programmes.js';

// The web app's header (and so its tab) names the programme the server runs: its shortTitle, or
// without one its own title — not the first programme's name, which another programme without a
// shortTitle was headed by.

const say = (language: 'zh' | 'en') => (key: keyof (typeof MESSAGES)['zh']) => MESSAGES[language][key];
const { shortTitle: _shortTitle, publicNotice: _notice, ...UNSHORTENED } = COUNTY;

describe("the web app's name", () => {
  it("is the first programme's own name, in either language, and another's shortTitle", () => {
    expect(appTitleOf([FIRST], say('zh'))).toBe('全国质量品牌提升示范区');
    const english = {
      ...FIRST,
      title: 'Creation and administration of National Quality Brand Improvement Demonstration Zones',
    };
    expect(appTitleOf([english], say('en'))).toBe('National Quality Brand Improvement Demonstration Zones');
    expect(appTitleOf([COUNTY], say('zh'))).toBe('全国质量品牌强县');
  });

  it('is, for a programme without a shortTitle, its title without the closing parenthesis, cut short with …', () => {
    expect(appTitleOf([UNSHORTENED], say('zh'))).toBe('全国质量品牌强县培育与命名');
    const long = { ...UNSHORTENED, title: '某某省某某市质量品牌提升与标准化建设试点城市培育、评估与命名管理工作' };
    expect(appTitleOf([long], say('zh'))).toBe('某某省某某市质量品牌提升与标准化建设试点城市培育…');
    // Beside the first programme, the two disagree: the name of no programme's.
    expect(appTitleOf([FIRST, UNSHORTENED], say('zh'))).toBe('质量品牌创建与管理');
  });
});
