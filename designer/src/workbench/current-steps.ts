import type { CaseBundle } from './case-data.js';

/** The case's diagram line, in the words a reader needs: who is acting, what it waits for, what it may receive. */
export interface CurrentSteps {
  /** Open tasks, by name. */
  tasks: string[];
  /** Events the case waits on: a period to end (timers) or a message no one sends from this page. */
  waiting: string[];
  /**
   * Messages the case accepts now, by their form's title (撤回申请, 公示异议书). They are open for a whole
   * phase, not awaited: naming them "waiting for" read as if the case expected a withdrawal.
   */
  receivable: string[];
}

export function currentSteps(
  bundle: Pick<CaseBundle, 'diagram' | 'elements' | 'view' | 'messageTitles'>,
): CurrentSteps {
  const open = new Set(bundle.view.openMessages.map((message) => message.name));
  const steps: CurrentSteps = { tasks: [], waiting: [], receivable: [] };
  for (const id of bundle.diagram.active) {
    const element = bundle.elements.get(id);
    if (element === undefined) continue;
    // A signal is thrown by another branch of the same case (e.g. recognition closing the withdrawal
    // window): nothing anyone does or waits for.
    if (element.trigger === 'signal') continue;
    if (element.message !== undefined && open.has(element.message)) {
      const title = bundle.messageTitles.get(element.message) ?? element.name;
      if (title !== undefined && !steps.receivable.includes(title)) steps.receivable.push(title);
      continue;
    }
    if (element.name === undefined) continue;
    (element.type === 'userTask' ? steps.tasks : steps.waiting).push(element.name);
  }
  return steps;
}
