import type { ThemeConfig } from 'antd';

// antd's defaults miss WCAG 2.1 AA contrast (4.5:1 for text) in places the workbench leans on: links
// (#1677ff: 4.1 on white), secondary text and description labels (#8c8c8c: 3.4), and the coloured tags
// (green/orange/gold/cyan text at shade 7: about 3.3 on their light backgrounds), and placeholders, which
// the inbox's filters use as their visible labels (#bfbfbf: 1.8). These are one shade
// darker, each at least 4.5:1 on white and on its tag's background (checked by axe in the browser tests).
// So is the red of a form's errors under each field (#ff4d4f: 3.3 on white, 3.1 on a group's #fafafa).
const ERROR = '#cf1322'; // 5.6:1 on white, 5.3 on #fafafa
const SECONDARY_TEXT = 'rgba(0, 0, 0, 0.6)'; // #666 on white: 5.7:1
const PLACEHOLDER_TEXT = '#737373'; // 4.7:1 on white, still lighter than entered text

export const THEME: ThemeConfig = {
  // No styles generated while rendering (antd's CSS-in-JS was a third of a case page's main-thread
  // time): antd/dist/antd.css (main.tsx) has them, on the CSS variables these tokens set.
  zeroRuntime: true,
  token: {
    colorPrimary: '#b7202e',
    colorLink: '#0958d9',
    // antd lightens a link under the pointer (#5198f0: 2.5:1 on an error list's pink); darker instead.
    colorLinkHover: '#003eb3', // 9.0:1 on white, 7.7 on #ffe8e6
    colorLinkActive: '#002c8c',
    colorError: ERROR,
    colorTextDescription: SECONDARY_TEXT,
    colorTextTertiary: SECONDARY_TEXT,
    colorTextPlaceholder: PLACEHOLDER_TEXT,
  },
  components: {
    // An empty table's text is otherwise the disabled grey (#bfbfbf: 1.8:1).
    Table: { colorTextDisabled: SECONDARY_TEXT },
    // A tag's text is its palette's shade 7 (or the status colour): shade 8 where 7 is too light.
    Tag: {
      green7: '#237804',
      orange7: '#ad4e00',
      gold7: '#874d00',
      cyan7: '#006d75',
      volcano7: '#ad2102',
      lime7: '#3f6600',
      yellow7: '#876800',
      colorSuccess: '#237804',
      colorWarning: '#ad4e00',
      colorInfo: '#0958d9',
    },
  },
};

/** THEME without antd's animations, for people whose system asks for reduced motion. */
export const STILL_THEME: ThemeConfig = { ...THEME, token: { ...THEME.token, motion: false } };
