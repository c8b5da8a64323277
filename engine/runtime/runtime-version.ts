import * as Elements from 'bpmn-elements';
import Serializer, { TypeResolver } from 'moddle-context-serializer';
import BpmnModdle from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import type { CheckedVersion } from '../definitions/check-version.js';
import type { ProcessModel } from '../definitions/process-model.js';
import { prunedSequenceFlow } from './dead-path.js';

/**
 * A checked version ready to run: its diagram parsed and serialized once, so saved case states leave
 * the ~16 KB source out and recover against this shared context (bpmn-engine-facts §4).
 */
export interface RuntimeVersion {
  key: string;
  definition: CheckedVersion;
  model: ProcessModel;
  sourceContext: unknown;
}

export async function runtimeVersionOf(definition: CheckedVersion): Promise<RuntimeVersion> {
  const moddleContext = await new BpmnModdle({ camunda }).fromXML(definition.processXml);
  const typeResolver = TypeResolver({ ...Elements, SequenceFlow: prunedSequenceFlow(definition.model) });
  const sourceContext = Serializer(moddleContext, typeResolver);
  // bpmn-engine serializes the whole source into every getState(); saved states leave it out, so
  // serialize once per version instead of once per transition (it was the largest single cost).
  const serialized = sourceContext.serialize();
  sourceContext.serialize = () => serialized;
  return {
    key: `${definition.manifest.process}@${definition.manifest.version}`,
    definition,
    model: definition.model,
    sourceContext,
  };
}
