import type { RuntimeVersion } from '../runtime/runtime-version.js';
import { anyoneGroup } from '../definitions/subject-region.js';
import type { CaseRuntime } from './case-runtime.js';
import type { CaseView } from './case-view.js';

export interface PublicWindow {
  view: CaseView;
  message: string;
  opensOn?: string;
  closesOn?: string;
}

/** The timer on another branch of the event-based gateway in front of a catch event (the window's end). */
function closingTimerOf(model: RuntimeVersion['model'], catchId: string) {
  const gateways = (model.nodes.get(catchId)?.incoming ?? [])
    .map((flow) => model.nodes.get(model.flows.get(flow)?.source ?? ''))
    .filter((node) => node?.type === 'bpmn:EventBasedGateway');
  for (const gateway of gateways) {
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
 * dates: those of the timer that closes it (its `from` and `due`).
 */
export function publicWindows(runtime: CaseRuntime): PublicWindow[] {
  const result: PublicWindow[] = [];
  for (const summary of runtime.index.all()) {
    if (summary.final) continue;
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
      result.push({
        view: runtime.view(summary),
        message: catcher.messageName ?? '',
        ...(opensOn !== undefined && { opensOn }),
        ...(closesOn !== undefined && { closesOn }),
      });
    }
  }
  return result;
}
