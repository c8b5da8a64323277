/**
 * Space opens and closes an antd Collapse panel, as Enter does. Its header is a `role="button"`, which
 * the WAI-ARIA button pattern works with both keys, but rc-collapse answers Enter only: Space scrolled
 * the page and left the panel (账号变更记录, 撤回申请) shut for a keyboard user who pressed it.
 */
function onKeyDown(event: KeyboardEvent): void {
  if (event.key !== ' ' || event.isComposing || event.ctrlKey || event.altKey || event.metaKey) return;
  const header = event.target;
  if (!(header instanceof HTMLElement) || header.closest('.ant-collapse') === null) return;
  if (!header.matches('[role="button"][aria-expanded]') || header.getAttribute('aria-disabled') === 'true') return;
  event.preventDefault();
  // Held down, the key repeats: the panel toggles once, and the page still does not scroll.
  if (!event.repeat) header.click();
}

/** Lets Space toggle every Collapse panel on the page, for the life of the page. */
export function toggleCollapsesWithSpace(): void {
  window.addEventListener('keydown', onKeyDown, true);
}
