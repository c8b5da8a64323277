import { Group } from '@bpmn-io/properties-panel';
import { getCamundaProperty, isTimerEvent, type DiagramElement } from '../camunda-properties.js';
import { ConditionWords, conditionBody } from './condition-words-entry.js';
import { LEGAL_TIME_PROPERTIES, legalTimeEntries } from './legal-time-entries.js';
import { catchesMessage, isUserTask, messageEntries, userTaskEntries } from './actor-entries.js';
import type { LegalTimeVocabulary } from './vocabulary.js';

interface PropertiesPanel {
  registerProvider(priority: number, provider: object): void;
}

interface PanelGroup {
  id: string;
  entries?: object[];
}

/**
 * What a policy officer decides (issue 12): the name, the documentation (with the article), who
 * acts and with which form (groups by title, forms by title), the condition of a flow and the legal time. Everything else of the Camunda panel
 * (asynchronous continuations, listeners, raw extension properties, …) is behind the "高级" switch.
 */
const OFFICER_GROUPS = new Set([
  'general',
  'documentation',
  'CamundaPlatform__Condition',
  'legalTime',
  'messageEvent',
  'userTask',
]);

// After the Camunda provider (500), which rearranges the groups it finds.
const PRIORITY = 300;

/**
 * Adds the "法定期限" group to timer events (and to any element that already declares a legal-time
 * property): the rule is picked by name from rules.json, dates from the manifest, written as the
 * same `camunda:properties` the Extension properties group shows. Message catch events get the
 * "消息事件" group (who may send the message, with which form), user tasks the "办理" group (who does
 * it, with which form).
 */
export class LegalTimePropertiesProvider {
  static $inject = ['propertiesPanel', 'legalTimeVocabulary'];

  constructor(
    propertiesPanel: PropertiesPanel,
    private readonly vocabulary: LegalTimeVocabulary,
  ) {
    propertiesPanel.registerProvider(PRIORITY, this);
  }

  getGroups(element: DiagramElement) {
    return (all: PanelGroup[]) => {
      const groups = this.vocabulary.simple() ? all.filter((group) => OFFICER_GROUPS.has(group.id)) : all;
      const condition = groups.find((group) => group.id === 'CamundaPlatform__Condition');
      if (condition?.entries !== undefined && conditionBody(element) !== undefined)
        condition.entries.unshift({ id: 'conditionWords', component: ConditionWords, element });
      const added: PanelGroup[] = [];
      if (appliesTo(element))
        added.push({
          id: 'legalTime',
          label: this.vocabulary.label('group'),
          component: Group,
          entries: legalTimeEntries(element),
        } as PanelGroup);
      if (catchesMessage(element.businessObject))
        added.push({
          id: 'messageEvent',
          label: this.vocabulary.label('messageGroup'),
          component: Group,
          entries: messageEntries(element, this.vocabulary),
        } as PanelGroup);
      if (isUserTask(element.businessObject))
        added.push({
          id: 'userTask',
          label: this.vocabulary.label('taskGroup'),
          component: Group,
          entries: userTaskEntries(element, this.vocabulary),
        } as PanelGroup);
      const general = groups.findIndex((group) => group.id === 'general');
      groups.splice(general + 1, 0, ...added);
      return groups;
    };
  }
}

function appliesTo(element: DiagramElement): boolean {
  const businessObject = element.businessObject;
  if (isTimerEvent(businessObject)) return true;
  return LEGAL_TIME_PROPERTIES.some((name) => getCamundaProperty(businessObject, name) !== undefined);
}
