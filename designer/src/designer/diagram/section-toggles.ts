const HEADER = '.bio-properties-panel-group-header';
const TOGGLE = 'button.bio-properties-panel-group-header-button';
const TITLE = '.bio-properties-panel-group-header-title';

function setIfChanged(element: Element, name: string, value: string): void {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

/**
 * The properties panel's section buttons were all named by their title, 「展开或收起此部分」, and did not
 * say whether their section was open: a screen reader heard a row of identical buttons. Each is named
 * by its section's title (the title stays, as its description) and says whether it is expanded, kept
 * so as the panel redraws and sections open and close (the header's `open` class). Returns the stop.
 */
export function nameSectionToggles(panel: HTMLElement): () => void {
  const apply = () => {
    panel.querySelectorAll(HEADER).forEach((header) => {
      const toggle = header.querySelector(TOGGLE);
      if (toggle === null) return;
      const title = header.querySelector(TITLE)?.textContent.trim() ?? '';
      if (title !== '') setIfChanged(toggle, 'aria-label', title);
      setIfChanged(toggle, 'aria-expanded', String(header.classList.contains('open')));
    });
  };
  // Only class changes and added nodes: the attributes set here do not wake it again.
  const observer = new MutationObserver(apply);
  observer.observe(panel, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['class'],
  });
  apply();
  return () => {
    observer.disconnect();
  };
}
