const CAMUNDA_NS = 'http://camunda.org/schema/1.0/bpmn';

/**
 * Rule names the diagram counts with a `rule` property (README "Timer vocabulary"): a number such a
 * rule holds is a number of working days; elsewhere a number is a parameter conditions read.
 */
export function rulesCountedByTimers(xml: string): Set<string> {
  const names = new Set<string>();
  if (xml === '') return names;
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  for (const property of Array.from(document.getElementsByTagNameNS(CAMUNDA_NS, 'property'))) {
    const value = property.getAttribute('value');
    if (property.getAttribute('name') === 'rule' && value !== null) names.add(value);
  }
  return names;
}
