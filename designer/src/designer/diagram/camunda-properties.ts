/**
 * Reading and writing `camunda:properties` (Extension properties) of a diagram element — where a
 * definition declares status, due dates and rule names (CONTRACT §8).
 */

/** The part of a moddle element (bpmn-js business object) the designer reads. */
export interface ModdleElement {
  $type: string;
  $parent?: ModdleElement;
  id?: string;
  name?: string;
  get(name: string): unknown;
}

interface ValuesElement extends ModdleElement {
  values?: ModdleElement[];
}

interface PropertyElement extends ModdleElement {
  name?: string;
  value?: string;
}

/** A diagram-js shape or connection. */
export interface DiagramElement {
  id: string;
  type: string;
  businessObject: ModdleElement;
}

interface BpmnFactory {
  create(type: string, attrs?: Record<string, unknown>): ModdleElement;
}

interface CommandStack {
  execute(command: string, context: unknown): void;
}

export interface PropertyServices {
  bpmnFactory: BpmnFactory;
  commandStack: CommandStack;
}

function extensionValues(element: ValuesElement | undefined): ModdleElement[] {
  return element?.values ?? [];
}

function propertiesOf(businessObject: ModdleElement): ValuesElement | undefined {
  const extensions = businessObject.get('extensionElements') as ValuesElement | undefined;
  return extensionValues(extensions).find((value): value is ValuesElement => value.$type === 'camunda:Properties');
}

/** The value of the element's `camunda:property` named `name`, if any. */
export function getCamundaProperty(businessObject: ModdleElement, name: string): string | undefined {
  const property = extensionValues(propertiesOf(businessObject)).find(
    (candidate): candidate is PropertyElement => (candidate as PropertyElement).name === name,
  );
  return property?.value;
}

/** Every `camunda:property` of the element, in document order. */
export function camundaProperties(businessObject: ModdleElement): { name: string; value: string }[] {
  return extensionValues(propertiesOf(businessObject)).map((property) => ({
    name: (property as PropertyElement).name ?? '',
    value: (property as PropertyElement).value ?? '',
  }));
}

function create(services: PropertyServices, type: string, attrs: Record<string, unknown>, parent: ModdleElement) {
  const created = services.bpmnFactory.create(type, attrs);
  created.$parent = parent;
  return created;
}

function update(element: DiagramElement, moddleElement: ModdleElement, properties: Record<string, unknown>) {
  return { cmd: 'element.updateModdleProperties', context: { element, moddleElement, properties } };
}

/**
 * Sets (or, for an empty value, removes) the element's `camunda:property` `name`, creating the
 * extension elements it needs — one undoable command, as the properties panel's own entries do.
 */
export function setCamundaProperty(
  services: PropertyServices,
  element: DiagramElement,
  name: string,
  value: string,
): void {
  const businessObject = element.businessObject;
  const commands: unknown[] = [];
  let extensions = businessObject.get('extensionElements') as ValuesElement | undefined;
  if (extensions === undefined) {
    if (value === '') return;
    extensions = create(services, 'bpmn:ExtensionElements', { values: [] }, businessObject);
    commands.push(update(element, businessObject, { extensionElements: extensions }));
  }
  let properties = propertiesOf(businessObject);
  if (properties === undefined) {
    if (value === '') return;
    properties = create(services, 'camunda:Properties', { values: [] }, extensions);
    commands.push(update(element, extensions, { values: [...extensionValues(extensions), properties] }));
  }
  const existing = extensionValues(properties).find((candidate) => (candidate as PropertyElement).name === name);
  if (value === '') {
    if (existing === undefined) return;
    commands.push(update(element, properties, { values: extensionValues(properties).filter((p) => p !== existing) }));
  } else if (existing === undefined) {
    const property = create(services, 'camunda:Property', { name, value }, properties);
    commands.push(update(element, properties, { values: [...extensionValues(properties), property] }));
  } else {
    commands.push(update(element, existing, { value }));
  }
  services.commandStack.execute('properties-panel.multi-command-executor', commands);
}

/** Whether the element is an event with a timer definition. */
export function isTimerEvent(businessObject: ModdleElement): boolean {
  // Read as a plain field: only events define `eventDefinitions`.
  const definitions = (businessObject as { eventDefinitions?: ModdleElement[] }).eventDefinitions;
  return (definitions ?? []).some((definition) => definition.$type === 'bpmn:TimerEventDefinition');
}
