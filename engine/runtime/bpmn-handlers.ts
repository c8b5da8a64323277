import { FEEL, FEEL_ATTRIBUTE_PREFIX } from '../definitions/conventions.js';

/** Evaluates FEEL over a case's current context; throws when the expression cannot be evaluated. */
export interface FeelHost {
  evaluate(expression: string, element: string): unknown;
}

interface ScriptElement {
  id: string;
  behaviour: { conditionExpression?: { body?: string } };
}

type Callback = (error: Error | null, value?: unknown) => void;

/**
 * Sequence-flow conditions in FEEL (bpmn-elements consults `scripts.getScript(language, flow)`).
 * An expression feelin warns about (an unknown name) fails the flow instead of silently taking the
 * default one (shared/notes/feelin-facts.md).
 */
export function feelScripts(host: () => FeelHost) {
  return {
    register(): void {
      // nothing to compile ahead: feelin parses on evaluation
    },
    getScript(language: string | undefined, element: ScriptElement) {
      if (language?.toLowerCase() !== FEEL) return undefined;
      const body = element.behaviour.conditionExpression?.body ?? '';
      return {
        execute(_context: unknown, callback: Callback): void {
          let value: unknown;
          try {
            value = host().evaluate(body, element.id);
          } catch (error) {
            callback(error instanceof Error ? error : new Error(String(error)));
            return;
          }
          callback(null, value === true);
        },
      };
    },
  };
}

/**
 * Attribute expressions: `=FEEL` (e.g. `camunda:collection="=rules.consultedDepartments"`) is
 * evaluated over the case context; anything else is a literal. bpmn-engine's own `${…}` lookups are
 * not offered: they fail silently (the validator refuses them).
 */
export function feelExpressions(host: () => FeelHost) {
  const isFeel = (text: unknown): text is string => typeof text === 'string' && text.startsWith(FEEL_ATTRIBUTE_PREFIX);
  return {
    resolveExpression(text: unknown): unknown {
      return isFeel(text) ? host().evaluate(text.slice(FEEL_ATTRIBUTE_PREFIX.length), 'expression') : text;
    },
    isExpression: isFeel,
    hasExpression: isFeel,
  };
}

/** Longer than any period: bpmn-elements must wait for the engine to fire the timer. */
const NEVER = Number.MAX_SAFE_INTEGER;

interface ExtensionActivity {
  eventDefinitions?: { type: string }[];
  on(event: 'enter', handler: () => void): void;
  broker: { publish(exchange: string, routingKey: string, content: object): void };
}

/**
 * Diagram timers are empty `<timerEventDefinition/>`s (no literal periods); this gives bpmn-elements a
 * timeout so it records the timer instead of firing it at once. The engine computes the real due date.
 */
export function legalTimeExtension(activity: ExtensionActivity): void {
  if (!activity.eventDefinitions?.some((definition) => definition.type === 'bpmn:TimerEventDefinition')) return;
  activity.on('enter', () => {
    activity.broker.publish('format', 'run.timer', { timeout: NEVER });
  });
}
