import { createHash } from 'node:crypto';
import * as Elements from 'bpmn-elements';
import Serializer, { TypeResolver } from 'moddle-context-serializer';
import BpmnModdle from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import type { CheckedVersion } from '../definitions/check-version.js';
import type { ProcessModel } from '../definitions/process-model.js';
import { prunedSequenceFlow } from './dead-path.js';
import { phasedProcessXml } from './phased-source.js';

/** The layout of a case whose state was saved with the diagram run as drawn. */
export const AS_DRAWN = '';

/**
 * A checked version ready to run: its diagram parsed and serialized once, so saved case states leave
 * the ~16 KB source out and recover against this shared context (bpmn-engine-facts §4).
 *
 * A saved state only recovers on the layout it was saved with: the diagram as drawn, or (when the
 * manifest names execution phases) with those phases as sub-processes. New cases start on
 * `startLayout`; a case keeps its layout, so cases saved before the phases were named go on as drawn.
 */
export interface RuntimeVersion {
  key: string;
  definition: CheckedVersion;
  model: ProcessModel;
  /** Layout name → bpmn-engine source context. */
  layouts: ReadonlyMap<string, unknown>;
  startLayout: string;
}

async function sourceContextOf(xml: string, model: ProcessModel): Promise<unknown> {
  const moddleContext = await new BpmnModdle({ camunda }).fromXML(xml);
  const typeResolver = TypeResolver({ ...Elements, SequenceFlow: prunedSequenceFlow(model) });
  const sourceContext = Serializer(moddleContext, typeResolver);
  // bpmn-engine serializes the whole source into every getState(); saved states leave it out, so
  // serialize once per version instead of once per transition (it was the largest single cost).
  const serialized = sourceContext.serialize();
  sourceContext.serialize = () => serialized;
  return sourceContext;
}

export async function runtimeVersionOf(definition: CheckedVersion): Promise<RuntimeVersion> {
  const layouts = new Map<string, unknown>([
    [AS_DRAWN, await sourceContextOf(definition.processXml, definition.model)],
  ]);
  let startLayout = AS_DRAWN;
  const phases = definition.manifest.executionPhases ?? [];
  if (phases.length > 0) {
    // Named by what it is made of, so a state saved on it never recovers on different phases.
    startLayout = `phases-${createHash('sha256').update(JSON.stringify(phases)).digest('hex').slice(0, 12)}`;
    const xml = await phasedProcessXml(definition.processXml, definition.model, phases);
    layouts.set(startLayout, await sourceContextOf(xml, definition.model));
  }
  return {
    key: `${definition.manifest.process}@${definition.manifest.version}`,
    definition,
    model: definition.model,
    layouts,
    startLayout,
  };
}
