import type { RuntimeVersion } from '../runtime/runtime-version.js';
import { anyoneGroup } from '../definitions/subject-region.js';
import type { CaseRuntime } from './case-runtime.js';
import type { CaseView } from './case-view.js';

export interface PublicWindow {
  view: CaseView;
  message: string;
  /** What the notice publicises, as the diagram names it: the window's gateway or its sub-process. */
  title?: string;
  opensOn?: string;
  closesOn?: string;
  /** How many working days the notice runs, when the timer that closes it counts working days (Art. 22: 5). */
  workingDays?: number;
}

/** The event-based gateways in front of a catch event (the window it waits in). */
function gatewaysBefore(model: RuntimeVersion['model'], catchId: string) {
  return (model.nodes.get(catchId)?.incoming ?? [])
    .map((flow) => model.nodes.get(model.flows.get(flow)?.source ?? ''))
    .filter((node) => node?.type === 'bpmn:EventBasedGateway');
}

/**
 * The window's name: its gateway's, else the nearest named sub-process around it (公示评估验收结果),
 * so that a programme with two notices (acceptance, re-review) says which one a case is on.
 */
function windowTitle(model: RuntimeVersion['model'], catchId: string): string | undefined {
  const nameOf = (node: { name?: string } | undefined) => (node?.name?.trim() ? node.name.trim() : undefined);
  const gatewayName = gatewaysBefore(model, catchId)
    .map(nameOf)
    .find((name) => name !== undefined);
  if (gatewayName !== undefined) return gatewayName;
  for (let node = model.nodes.get(catchId); node?.parent !== undefined;) {
    node = model.nodes.get(node.parent);
    if (nameOf(node) !== undefined) return nameOf(node);
  }
  return undefined;
}

/** The timer on another branch of the event-based gateway in front of a catch event (the window's end). */
function closingTimerOf(model: RuntimeVersion['model'], catchId: string) {
  for (const gateway of gatewaysBefore(model, catchId)) {
    for (const flow of gateway?.outgoing ?? []) {
      const target = model.flows.get(flow)?.target;
      const timer = model.dates.find((date) => date.elementId === target && date.isTimer);
      if (timer !== undefined) return timer;
    }
  }
  return undefined;
}

/**
 * Cases with an open window for the message their programme's public notice offers
 * (`publicNotice.message`, sent by the `anyone` group: objections, Art. 22), with the window's
 * dates: those of the timer that closes it (its `from` and `due`). None of a case with a timer due.
 */
export function publicWindows(runtime: CaseRuntime): PublicWindow[] {
  const result: PublicWindow[] = [];
  const now = runtime.clock.now().toISOString();
  for (const summary of runtime.index.all()) {
    if (summary.final) continue;
    // A case with a timer due (a notice's end about to fire, or held by the incident its firing
    // raised) takes no command until it has fired (catchUp): its notice is over, not open.
    if (summary.timers.some((timer) => timer.fireAt !== undefined && timer.fireAt <= now)) continue;
    const { model, definition } = runtime.version(summary);
    const anyone = anyoneGroup(definition.manifest);
    const offered = definition.manifest.publicNotice?.message;
    if (anyone === undefined || offered === undefined) continue;
    for (const catcher of model.messageCatches) {
      if (!summary.windows.includes(catcher.elementId) || catcher.messageName !== offered) continue;
      if (!catcher.candidateGroups.includes(anyone)) continue;
      const closing = closingTimerOf(model, catcher.elementId);
      const opensOn = closing?.from === undefined ? undefined : summary.due[closing.from];
      const closesOn = closing?.due === undefined ? undefined : summary.due[closing.due];
      const title = windowTitle(model, catcher.elementId);
      // A whole number is a period of working days (CONTRACT §3); a calendar period is not counted so.
      const period = closing?.rule === undefined ? undefined : definition.rules[closing.rule]?.value;
      const workingDays = typeof period === 'number' ? period : undefined;
      result.push({
        view: runtime.view(summary),
        message: catcher.messageName ?? '',
        ...(title !== undefined && { title }),
        ...(opensOn !== undefined && { opensOn }),
        ...(closesOn !== undefined && { closesOn }),
        ...(workingDays !== undefined && { workingDays }),
      });
    }
  }
  return result;
}
