/** How long a page may take to show its heading after a login (its code loads on demand). */
const WAIT_MS = 10_000;

/** Puts the focus on a page's heading, which takes it from a script only (tabindex -1). */
export function focusHeading(heading: HTMLElement): void {
  if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
  heading.focus();
}

/**
 * After a login the form is gone, and with it the element that had the focus: the browser puts the
 * focus back on `<body>`, and a keyboard or screen-reader user starts again from the top of the
 * document without being told where they landed. This moves it to the main heading of the page that
 * replaced the form (待办任务 on the workbench, the case on a case page) once it is there — unless
 * the user has put the focus somewhere meanwhile. `previous` is the login form's own heading.
 */
export function focusMainHeading(previous: Element | null): void {
  const find = () => Array.from(document.querySelectorAll<HTMLElement>('main h1')).find((h1) => h1 !== previous);
  const place = (heading: HTMLElement) => {
    const active = document.activeElement;
    if (active !== null && active !== document.body && active.isConnected) return;
    focusHeading(heading);
  };
  const found = find();
  if (found !== undefined) {
    place(found);
    return;
  }
  const observer = new MutationObserver(() => {
    const heading = find();
    if (heading === undefined) return;
    stop();
    place(heading);
  });
  const timer = setTimeout(() => {
    observer.disconnect();
  }, WAIT_MS);
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  observer.observe(document.body, { childList: true, subtree: true });
}
