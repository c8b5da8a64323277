const CAMUNDA_NS = 'http://camunda.org/schema/1.0/bpmn';

/**
 * Rule names the diagram counts with a `rule` property (README "Timer vocabulary"): a number such a
 * rule holds is a number of working days.
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

/**
 * Rule names the diagram's expressions read (`rules.passScore` in a condition): a number such a rule
 * holds, when no timer counts it, is a parameter. A number neither reads is a period of working days:
 * the periods tab's unit list writes 个工作日 as a bare number, and a new rule no timer names yet must
 * read back as the period it was made (it came back as 「20 参数」 without its unit list).
 */
export function rulesReadAsParameters(xml: string): Set<string> {
  const counted = rulesCountedByTimers(xml);
  const names = new Set<string>();
  for (const match of xml.matchAll(/\brules\.([A-Za-z][A-Za-z0-9]*)/g)) {
    const name = match[1];
    if (name !== undefined && !counted.has(name)) names.add(name);
  }
  return names;
}
