import {
  CollapsibleEntry,
  FeelEntry,
  Group,
  Header,
  JsonEditorEntry,
  ListEntry,
  ListGroup,
  ListItem,
  SimpleEntry,
  TextAreaEntry,
} from '@bpmn-io/properties-panel';
import { options, type PanelVNode } from '@bpmn-io/properties-panel/preact';
import type { Translate } from './translate-zh.js';

interface EventBus {
  on(event: string, callback: () => void): void;
}

/**
 * The properties panel's components that say something of their own (a section's 展开 button, a
 * field's 在弹出窗口中编辑, a FEEL error, an empty list item) take a `translate` prop for it, which
 * bpmn-js-properties-panel does not pass them: without it they speak English whatever the page's
 * language. These are the ones it renders without the prop; the entries it calls as functions
 * (`TextAreaEntry({...})`) hand their inner parts a `translate` that is undefined.
 */
const SPEAKING: ReadonlySet<unknown> = new Set([
  Header,
  Group,
  ListGroup,
  ListItem,
  CollapsibleEntry,
  FeelEntry,
  TextAreaEntry,
  JsonEditorEntry,
  ListEntry,
  SimpleEntry,
]);

function wantsTranslate({ type, props }: PanelVNode): boolean {
  if (typeof type !== 'function' || props.translate !== undefined) return false;
  return SPEAKING.has(type) || 'translate' in props;
}

// The modelers alive now: the newest one's `translate` is given (they all follow the page's language).
const alive: Translate[] = [];
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  // preact's only way in: a hook on every element it creates (the panel's own preact copy; the app is React).
  const previous = options.vnode;
  options.vnode = (vnode: PanelVNode) => {
    const translate = alive.at(-1);
    if (translate !== undefined && wantsTranslate(vnode)) vnode.props.translate = translate;
    previous?.(vnode);
  };
}

/** Gives the panel's own components the modeler's `translate` while the modeler lives. */
function givePanelTranslate(eventBus: EventBus, translate: Translate): void {
  install();
  alive.push(translate);
  eventBus.on('diagram.destroy', () => {
    const at = alive.lastIndexOf(translate);
    if (at >= 0) alive.splice(at, 1);
  });
}
givePanelTranslate.$inject = ['eventBus', 'translate'];

export const PanelTranslateModule = { __init__: [givePanelTranslate] };
