import { h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import { getCamundaProperty, type DiagramElement, type ModdleElement } from '../camunda-properties.js';
import type { LegalTimeVocabulary } from './vocabulary.js';

type FlowObject = ModdleElement & { sourceRef?: ModdleElement & { incoming?: { sourceRef?: ModdleElement }[] } };

/** The condition's body, when the element is a flow with a condition. */
export function conditionBody(element: DiagramElement): string | undefined {
  const expression = element.businessObject.get('conditionExpression') as ModdleElement | undefined;
  const body = expression?.get('body');
  return typeof body === 'string' && body.trim() !== '' ? body : undefined;
}

/** The forms filled in just before the flow: its source's, or (after a gateway) those of the gateway's sources. */
function formsBefore(flow: FlowObject): string[] {
  const source = flow.sourceRef;
  if (source === undefined) return [];
  const steps = source.$type.endsWith('Gateway')
    ? (source.incoming ?? []).flatMap((incoming) => (incoming.sourceRef === undefined ? [] : [incoming.sourceRef]))
    : [source];
  return steps.flatMap((step) => {
    const key = step.get('camunda:formKey') ?? getCamundaProperty(step, 'formKey');
    return typeof key === 'string' && key !== '' ? [key] : [];
  });
}

/** The flow's condition in words (审核结论为「退回修改」), above the FEEL it is written in. */
export function ConditionWords({ element, id }: { element: DiagramElement; id: string }): unknown {
  const vocabulary = useService<LegalTimeVocabulary>('legalTimeVocabulary');
  const body = conditionBody(element);
  const words = body === undefined ? undefined : vocabulary.conditionWords(body, formsBefore(element.businessObject));
  if (words === undefined) return null;
  return h('div', { class: 'bio-properties-panel-entry qbz-condition-words', 'data-entry-id': id }, [
    h('div', { 'data-condition-words': '' }, words),
  ]);
}
