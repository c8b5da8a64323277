// Types for the bpmn-io packages that ship none, limited to what the designer uses.

declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: import('didi').ModuleDeclaration;
  export const BpmnPropertiesProviderModule: import('didi').ModuleDeclaration;
  export const CamundaPlatformPropertiesProviderModule: import('didi').ModuleDeclaration;
  // A service locator: the caller names the service and its type.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
  export function useService<T = unknown>(type: string, strict?: boolean): T;
}

declare module '@bpmn-io/properties-panel' {
  export interface SelectOption {
    value: string;
    label: string;
    disabled?: boolean;
  }
  export interface SelectEntryProps {
    element: unknown;
    id: string;
    label: string;
    description?: string;
    getValue: (element: unknown) => string;
    setValue: (value: string) => void;
    getOptions: (element: unknown) => SelectOption[];
    disabled?: boolean;
  }
  export function SelectEntry(props: SelectEntryProps): unknown;
  export function isSelectEntryEdited(node: unknown): boolean;
  export interface CheckboxEntryProps {
    element: unknown;
    id: string;
    label: string;
    description?: string;
    getValue: (element: unknown) => boolean;
    setValue: (value: boolean) => void;
  }
  export function CheckboxEntry(props: CheckboxEntryProps): unknown;
  export function isCheckboxEntryEdited(node: unknown): boolean;
  export function Group(props: unknown): unknown;
  // Components that take a `translate` prop (panel-translate.ts gives it to them).
  export function Header(props: unknown): unknown;
  export function ListGroup(props: unknown): unknown;
  export function ListItem(props: unknown): unknown;
  export function CollapsibleEntry(props: unknown): unknown;
  export function FeelEntry(props: unknown): unknown;
  export function TextAreaEntry(props: unknown): unknown;
  export function JsonEditorEntry(props: unknown): unknown;
  export function ListEntry(props: unknown): unknown;
  export function SimpleEntry(props: unknown): unknown;
}

declare module '@bpmn-io/properties-panel/preact' {
  export function h(type: unknown, props: object | null, ...children: unknown[]): unknown;
  export interface PanelVNode {
    type: unknown;
    props: { translate?: unknown };
  }
  /** preact's global hooks; `vnode` is called for each element created. */
  export const options: { vnode?: (vnode: PanelVNode) => void };
}

declare module 'camunda-bpmn-js-behaviors/lib/camunda-platform' {
  const module: import('didi').ModuleDeclaration;
  export default module;
}

declare module 'diagram-js-minimap' {
  const module: import('didi').ModuleDeclaration;
  export default module;
}
