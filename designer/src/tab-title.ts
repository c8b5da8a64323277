/** The header's name of the app: the programme's (public/programmes.ts), empty until it is known. */
const BRAND = '.qbz-brand';

function titleOf(heading: string | undefined, app: string): string {
  if (app === '') return heading === undefined || heading === '' ? document.title : heading;
  return heading === undefined || heading === '' || heading === app ? app : `${heading} · ${app}`;
}

/**
 * The tab is titled by the page's heading and the header's name of the app (账号管理 · 全国质量品牌提升示范区,
 * 账号管理 · 全国质量品牌强县 on county-brand; a case by its number and
 * status): with a case open in each of several tabs, each tab says which it is, and a screen reader
 * announces the page by it (WCAG 2.4.2). Every page has one h1 (the accessibility test). It follows
 * the heading as it changes, and the language when it is switched.
 */
export function titleTabsByHeading(root: HTMLElement): void {
  const update = () => {
    const title = titleOf(
      root.querySelector('h1')?.textContent.trim(),
      root.querySelector(BRAND)?.textContent.trim() ?? '',
    );
    if (document.title !== title) document.title = title;
  };
  new MutationObserver(update).observe(root, { childList: true, subtree: true, characterData: true });
  new MutationObserver(update).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  update();
}
