import {
  CheckboxEntry,
  isCheckboxEntryEdited,
  isSelectEntryEdited,
  SelectEntry,
  type SelectOption,
} from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import {
  getCamundaProperty,
  setCamundaProperty,
  type DiagramElement,
  type ModdleElement,
  type PropertyServices,
} from '../camunda-properties.js';
import type { LegalTimeVocabulary } from './vocabulary.js';

// The engine reads a message catch event's senders and form from these `camunda:property` names (CONTRACT §8).
const SENDERS = 'candidateGroups';
const FORM = 'formKey';

/** Whether the element catches a message (start, intermediate or boundary): someone sends it, with a form. */
export function catchesMessage(businessObject: ModdleElement): boolean {
  if (!/^bpmn:(StartEvent|IntermediateCatchEvent|BoundaryEvent)$/.test(businessObject.$type)) return false;
  const definitions = (businessObject as { eventDefinitions?: ModdleElement[] }).eventDefinitions;
  return (definitions ?? []).some((definition) => definition.$type === 'bpmn:MessageEventDefinition');
}

function usePropertyServices(): PropertyServices {
  return { bpmnFactory: useService('bpmnFactory'), commandStack: useService('commandStack') };
}

function senders(element: DiagramElement): string[] {
  return (getCamundaProperty(element.businessObject, SENDERS) ?? '')
    .split(',')
    .map((group) => group.trim())
    .filter((group) => group !== '');
}

/** One declared group as a tick box: ticked, it may send the message. Other names in the list are kept. */
function SenderCheckbox({
  element,
  id,
  group,
  title,
}: {
  element: DiagramElement;
  id: string;
  group: string;
  title: string;
}) {
  const services = usePropertyServices();
  return h(CheckboxEntry, {
    element,
    id,
    label: title,
    getValue: () => senders(element).includes(group),
    setValue: (ticked: boolean) => {
      const others = senders(element).filter((name) => name !== group);
      setCamundaProperty(services, element, SENDERS, (ticked ? [...others, group] : others).join(','));
    },
  });
}

function SendersHeading({ id }: { id: string }) {
  const vocabulary = useService<LegalTimeVocabulary>('legalTimeVocabulary');
  return h('div', { class: 'bio-properties-panel-entry', 'data-entry-id': id }, [
    h('div', { class: 'bio-properties-panel-label' }, vocabulary.label('senders')),
    h('div', { class: 'bio-properties-panel-description' }, vocabulary.label('sendersHint')),
  ]);
}

function FormSelect({ element, id }: { element: DiagramElement; id: string }) {
  const vocabulary = useService<LegalTimeVocabulary>('legalTimeVocabulary');
  const services = usePropertyServices();
  const current = () => getCamundaProperty(element.businessObject, FORM) ?? '';
  return h(SelectEntry, {
    element,
    id,
    label: vocabulary.label('messageForm'),
    getValue: current,
    setValue: (value: string) => {
      setCamundaProperty(services, element, FORM, value);
    },
    getOptions: () => {
      const options: SelectOption[] = [
        { value: '', label: vocabulary.label('none') },
        ...vocabulary.forms().map((form) => ({ value: form.key, label: form.title })),
      ];
      // A form the draft does not have stays visible, so that nothing is lost silently.
      if (current() !== '' && !options.some((option) => option.value === current()))
        options.push({ value: current(), label: `${current()}（${vocabulary.label('unknown')}）` });
      return options;
    },
  });
}

/**
 * A message event as a policy officer decides it (issue 12): who may send it — the manifest's groups
 * by title, as tick boxes — and the form they fill in; the same properties the 扩展属性 group shows.
 */
export function messageEntries(element: DiagramElement, vocabulary: LegalTimeVocabulary) {
  return [
    { id: 'message-senders', component: SendersHeading },
    ...vocabulary.groups().map((group) => ({
      id: `message-sender-${group.name}`,
      component: SenderCheckbox,
      isEdited: isCheckboxEntryEdited,
      element,
      group: group.name,
      title: group.title,
    })),
    { id: 'message-form', component: FormSelect, isEdited: isSelectEntryEdited, element },
  ];
}
