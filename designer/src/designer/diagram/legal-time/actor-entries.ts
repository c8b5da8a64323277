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
import type { LegalTimeLabel, LegalTimeVocabulary } from './vocabulary.js';

/** Where an element keeps one of the two things a policy officer decides about it: who acts, which form. */
interface Binding {
  read(businessObject: ModdleElement): string | undefined;
  write(services: PropertyServices, element: DiagramElement, value: string): void;
}

/** A `camunda:property` — where the engine reads a message catch event's senders and form (CONTRACT §8). */
function camundaProperty(name: string): Binding {
  return {
    read: (businessObject) => getCamundaProperty(businessObject, name),
    write: (services, element, value) => {
      setCamundaProperty(services, element, name, value);
    },
  };
}

/** An attribute of the element itself — where a user task keeps `camunda:candidateGroups` and `camunda:formKey`. */
function camundaAttribute(name: string): Binding {
  return {
    read: (businessObject) => {
      const value = businessObject.get(name);
      return typeof value === 'string' ? value : undefined;
    },
    write: (services, element, value) => {
      services.commandStack.execute('element.updateModdleProperties', {
        element,
        moddleElement: element.businessObject,
        properties: { [name]: value === '' ? undefined : value },
      });
    },
  };
}

/** What the group offers for one kind of element: where it keeps its actors and form, and its labels. */
interface ActorGroup {
  /** Prefixes of the entries' ids: the heading, each group's tick box, the form. */
  ids: { heading: string; actor: string; form: string };
  actors: Binding;
  form: Binding;
  labels: { actors: LegalTimeLabel; actorsHint: LegalTimeLabel; form: LegalTimeLabel };
}

const MESSAGE_EVENT: ActorGroup = {
  ids: { heading: 'message-senders', actor: 'message-sender', form: 'message-form' },
  actors: camundaProperty('candidateGroups'),
  form: camundaProperty('formKey'),
  labels: { actors: 'senders', actorsHint: 'sendersHint', form: 'messageForm' },
};

const USER_TASK: ActorGroup = {
  ids: { heading: 'task-actors', actor: 'task-actor', form: 'task-form' },
  actors: camundaAttribute('camunda:candidateGroups'),
  form: camundaAttribute('camunda:formKey'),
  labels: { actors: 'actors', actorsHint: 'actorsHint', form: 'taskForm' },
};

/** Whether the element catches a message (start, intermediate or boundary): someone sends it, with a form. */
export function catchesMessage(businessObject: ModdleElement): boolean {
  if (!/^bpmn:(StartEvent|IntermediateCatchEvent|BoundaryEvent)$/.test(businessObject.$type)) return false;
  const definitions = (businessObject as { eventDefinitions?: ModdleElement[] }).eventDefinitions;
  return (definitions ?? []).some((definition) => definition.$type === 'bpmn:MessageEventDefinition');
}

export function isUserTask(businessObject: ModdleElement): boolean {
  return businessObject.$type === 'bpmn:UserTask';
}

function usePropertyServices(): PropertyServices {
  return { bpmnFactory: useService('bpmnFactory'), commandStack: useService('commandStack') };
}

function groupsOf(element: DiagramElement, binding: Binding): string[] {
  return (binding.read(element.businessObject) ?? '')
    .split(',')
    .map((group) => group.trim())
    .filter((group) => group !== '');
}

/** One declared group as a tick box: ticked, it acts. Other names in the list are kept. */
function GroupCheckbox({
  element,
  id,
  group,
  title,
  binding,
}: {
  element: DiagramElement;
  id: string;
  group: string;
  title: string;
  binding: Binding;
}) {
  const services = usePropertyServices();
  return h(CheckboxEntry, {
    element,
    id,
    label: title,
    getValue: () => groupsOf(element, binding).includes(group),
    setValue: (ticked: boolean) => {
      const others = groupsOf(element, binding).filter((name) => name !== group);
      binding.write(services, element, (ticked ? [...others, group] : others).join(','));
    },
  });
}

function Heading({ id, label, hint }: { id: string; label: LegalTimeLabel; hint: LegalTimeLabel }) {
  const vocabulary = useService<LegalTimeVocabulary>('legalTimeVocabulary');
  return h('div', { class: 'bio-properties-panel-entry', 'data-entry-id': id }, [
    h('div', { class: 'bio-properties-panel-label' }, vocabulary.label(label)),
    h('div', { class: 'bio-properties-panel-description' }, vocabulary.label(hint)),
  ]);
}

function FormSelect({
  element,
  id,
  binding,
  label,
}: {
  element: DiagramElement;
  id: string;
  binding: Binding;
  label: LegalTimeLabel;
}) {
  const vocabulary = useService<LegalTimeVocabulary>('legalTimeVocabulary');
  const services = usePropertyServices();
  const current = () => binding.read(element.businessObject) ?? '';
  return h(SelectEntry, {
    element,
    id,
    label: vocabulary.label(label),
    getValue: current,
    setValue: (value: string) => {
      binding.write(services, element, value);
    },
    getOptions: () => {
      const options: SelectOption[] = [
        { value: '', label: vocabulary.label('none') },
        ...vocabulary.forms().map((form) => ({ value: form.key, label: form.title })),
      ];
      // A form the draft does not have stays visible, so that nothing is lost silently.
      if (current() !== '' && !options.some((option) => option.value === current()))
        options.push({ value: current(), label: vocabulary.aside(current(), vocabulary.label('unknown')) });
      return options;
    },
  });
}

function actorEntries(element: DiagramElement, vocabulary: LegalTimeVocabulary, kind: ActorGroup) {
  const declared = vocabulary.groups();
  // A group the manifest does not declare stays visible as its name, so that nothing is lost silently.
  const undeclared = groupsOf(element, kind.actors)
    .filter((name) => !declared.some((group) => group.name === name))
    .map((name) => ({ name, title: vocabulary.aside(name, vocabulary.label('unknown')) }));
  return [
    { id: kind.ids.heading, component: Heading, label: kind.labels.actors, hint: kind.labels.actorsHint },
    ...[...declared, ...undeclared].map((group) => ({
      id: `${kind.ids.actor}-${group.name}`,
      component: GroupCheckbox,
      isEdited: isCheckboxEntryEdited,
      element,
      group: group.name,
      title: group.title,
      binding: kind.actors,
    })),
    {
      id: kind.ids.form,
      component: FormSelect,
      isEdited: isSelectEntryEdited,
      element,
      binding: kind.form,
      label: kind.labels.form,
    },
  ];
}

/**
 * A message event as a policy officer decides it (issue 12): who may send it — the manifest's groups
 * by title, as tick boxes — and the form they fill in; the same properties the 扩展属性 group shows.
 */
export function messageEntries(element: DiagramElement, vocabulary: LegalTimeVocabulary) {
  return actorEntries(element, vocabulary, MESSAGE_EVENT);
}

/**
 * A user task as a policy officer decides it: who does it (its candidate groups, by title) and the
 * form they fill in — the same attributes as Camunda's 用户分配 and 表单 groups under 高级.
 */
export function userTaskEntries(element: DiagramElement, vocabulary: LegalTimeVocabulary) {
  return actorEntries(element, vocabulary, USER_TASK);
}
