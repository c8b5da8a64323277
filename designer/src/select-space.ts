/**
 * Space opens an antd Select (the WAI-ARIA combobox pattern), also a searchable one. rc-select opens
 * a select on Space, but a searchable one (园区类型, 省级单位) took the space as its search text too:
 * its list opened filtered by " ", showing 暂无数据 and nothing to choose. A space before any
 * search text is therefore not typed; one typed after other text ("高新 区") stays a space.
 */
function onKeyDown(event: KeyboardEvent): void {
  if (event.key !== ' ' || event.isComposing || event.ctrlKey || event.altKey || event.metaKey) return;
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.getAttribute('role') !== 'combobox') return;
  if (input.closest('.ant-select') === null || input.value !== '') return;
  // Prevented before React sees it: rc-select still opens the list, and the input gets no " ".
  event.preventDefault();
}

/** Lets Space open every select on the page, for the life of the page. */
export function openSelectsWithSpace(): void {
  window.addEventListener('keydown', onKeyDown, true);
}
