import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { api } from '../api/client.js';
import type { FormSchema } from '../../../engine/definitions/types.js';
import { translateSchema, translatorOf, type Catalogue, type Translate } from './definition-text.js';
import { useI18n } from './i18n.js';
import type { Language } from './messages.js';

// The catalogues asked for so far, by `process/language`, and who redraws when one comes in. A
// catalogue is asked for once (a published version is immutable; a new one comes with a restart).
const translators = new Map<string, Translate>();
const asked = new Map<string, Promise<Translate>>();
const listeners = new Set<() => void>();
let arrived = 0;

const same: Translate = (text) => text;

/**
 * The translator of what a process's definitions say, in `language` (Chinese: as written). Without
 * its catalogue (none, or not answered) the definitions' own words stay; the next page asks again.
 */
export function loadDefinitionText(process: string, language: Language): Promise<Translate> {
  if (language === 'zh') return Promise.resolve(same);
  const key = `${process}/${language}`;
  let pending = asked.get(key);
  if (pending === undefined) {
    const path = `/api/definitions/${encodeURIComponent(process)}/translations/${encodeURIComponent(language)}`;
    pending = api<Catalogue>('GET', path).then(
      (catalogue) => {
        const translate = translatorOf(catalogue);
        translators.set(key, translate);
        arrived += 1;
        for (const listener of listeners) listener();
        return translate;
      },
      () => {
        asked.delete(key);
        return same;
      },
    );
    asked.set(key, pending);
  }
  return pending;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The reader's translator of what a process's definitions say (task names, statuses, dates, form
 * labels): the definitions' own Chinese as written in Chinese, and until the catalogue has come in.
 * A page that uses it redraws when the catalogue arrives.
 */
export function useDefinitionText(): (process: string) => Translate {
  const { language } = useI18n();
  const version = useSyncExternalStore(subscribe, () => arrived);
  return useCallback(
    (process: string) => {
      if (language === 'zh') return same;
      const translate = translators.get(`${process}/${language}`);
      if (translate === undefined) void loadDefinitionText(process, language);
      return translate ?? same;
    },
    // `version` says when another catalogue came in: a new function, so that memos translate again.
    [language, version],
  );
}

const translatedSchemas = new WeakMap<Translate, WeakMap<FormSchema, FormSchema>>();

/** A form's schema in the reader's language: the same object for the same schema and language. */
export function useDefinitionSchema<T extends FormSchema>(process: string, schema: T): T;
export function useDefinitionSchema<T extends FormSchema>(process: string, schema: T | undefined): T | undefined;
export function useDefinitionSchema<T extends FormSchema>(process: string, schema: T | undefined): T | undefined {
  const translate = useDefinitionText()(process);
  return useMemo(() => {
    if (schema === undefined || translate === same) return schema;
    let cache = translatedSchemas.get(translate);
    if (cache === undefined) translatedSchemas.set(translate, (cache = new WeakMap()));
    let translated = cache.get(schema);
    if (translated === undefined) cache.set(schema, (translated = translateSchema(schema, translate)));
    return translated as T;
  }, [schema, translate]);
}
