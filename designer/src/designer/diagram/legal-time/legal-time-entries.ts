import { isSelectEntryEdited, SelectEntry, type SelectOption } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import {
  getCamundaProperty,
  isTimerEvent,
  setCamundaProperty,
  type DiagramElement,
  type PropertyServices,
} from '../camunda-properties.js';
import type { LegalTimeLabel, LegalTimeVocabulary } from './vocabulary.js';

/** The `camunda:property` names of the timer vocabulary (README "Timer vocabulary"). */
export const LEGAL_TIME_PROPERTIES = ['rule', 'due', 'from', 'direction', 'cycle', 'dueIs'] as const;
type LegalTimeProperty = (typeof LEGAL_TIME_PROPERTIES)[number];

interface EntryProps {
  element: DiagramElement;
  id: string;
  property: LegalTimeProperty;
}

function options(vocabulary: LegalTimeVocabulary, property: LegalTimeProperty, current: string): SelectOption[] {
  const label = (key: LegalTimeLabel) => vocabulary.label(key);
  const none = { value: '', label: label('none') };
  let choices: SelectOption[];
  switch (property) {
    case 'rule':
      choices = vocabulary
        .rules()
        .map((rule) => ({ value: rule.name, label: vocabulary.aside(rule.title, rule.words) }));
      break;
    case 'due':
    case 'from':
      choices = vocabulary.dates().map((date, _, dates) => ({
        value: date.name,
        // The key only where two dates share a title: officers choose by the title.
        label: dates.some((other) => other !== date && other.title === date.title)
          ? vocabulary.aside(date.title, date.name)
          : date.title,
      }));
      break;
    case 'direction':
      choices = [
        { value: 'after', label: label('after') },
        { value: 'before', label: label('before') },
      ];
      break;
    case 'cycle':
      choices = [{ value: 'true', label: label('cycleYes') }];
      break;
    case 'dueIs':
      choices = [
        { value: 'lastDay', label: label('lastDay') },
        { value: 'fireDay', label: label('fireDay') },
      ];
      break;
  }
  // A name the vocabulary does not know stays visible (and selectable) so that nothing is lost silently.
  if (current !== '' && !choices.some((choice) => choice.value === current))
    choices.push({ value: current, label: vocabulary.aside(current, label('unknown')) });
  return [none, ...choices];
}

/** One select of the group, writing the element's `camunda:property`. */
function LegalTimeSelect({ element, id, property }: EntryProps): unknown {
  const vocabulary = useService<LegalTimeVocabulary>('legalTimeVocabulary');
  const services: PropertyServices = {
    bpmnFactory: useService('bpmnFactory'),
    commandStack: useService('commandStack'),
  };
  const current = () => getCamundaProperty(element.businessObject, property) ?? '';
  const rule = vocabulary.rules().find((candidate) => candidate.name === current());
  return h(SelectEntry, {
    element,
    id,
    label: vocabulary.label(property),
    ...(property === 'rule' && rule !== undefined && { description: `${rule.words} · ${rule.article ?? ''}` }),
    getValue: current,
    setValue: (value: string) => {
      setCamundaProperty(services, element, property, value);
    },
    getOptions: () => options(vocabulary, property, current()),
  });
}

/** The legal time in words, with a worked example date: what the selects below amount to. */
function LegalTimeWords({ element, id }: { element: DiagramElement; id: string }): unknown {
  const vocabulary = useService<LegalTimeVocabulary>('legalTimeVocabulary');
  const declaration = {
    ...Object.fromEntries(
      LEGAL_TIME_PROPERTIES.map((property) => [property, getCamundaProperty(element.businessObject, property)]),
    ),
    timer: isTimerEvent(element.businessObject),
  };
  const explained = vocabulary.explain(declaration);
  if (explained === undefined) return null;
  return h('div', { class: 'bio-properties-panel-entry qbz-legal-time-words', 'data-entry-id': id }, [
    h('div', { 'data-legal-time-words': '' }, explained.words),
    explained.example === undefined
      ? null
      : h('div', { class: 'bio-properties-panel-description', 'data-legal-time-example': '' }, explained.example),
  ]);
}

export function legalTimeEntries(element: DiagramElement) {
  const words = { id: 'legalTime-words', component: LegalTimeWords, element };
  return [
    words,
    ...LEGAL_TIME_PROPERTIES.map((property) => ({
      id: `legalTime-${property}`,
      component: LegalTimeSelect,
      isEdited: isSelectEntryEdited,
      element,
      property,
    })),
  ];
}
