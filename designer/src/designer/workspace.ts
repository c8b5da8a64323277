import { useCallback, useEffect, useMemo, useState } from 'react';
import { designerApi, type Draft } from './designer-api.js';

/** A version's files as the designer edits them (CONTRACT §1). */
export const FILES = {
  manifest: 'manifest.json',
  process: 'process.bpmn',
  rules: 'rules.json',
  indicators: 'indicators.json',
} as const;

export const formFile = (formKey: string) => `forms/${formKey}.schema.json`;
export const formKeyOf = (file: string) => /^forms\/(.+)\.schema\.json$/.exec(file)?.[1];

/** JSON as the definition files write it: two spaces, a final newline. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

// The caller says what the file holds (its schema is checked by the validator, not here).
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export function parseJson<T>(text: string | undefined): T | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/** A published version's files but its forms, and the form keys. */
async function publishedFiles(process: string, version: string) {
  const [summary, xml] = await Promise.all([
    designerApi.version(process, version),
    designerApi.processXml(process, version),
  ]);
  const files = {
    [FILES.manifest]: jsonText(summary.manifest),
    [FILES.rules]: jsonText(summary.rules),
    [FILES.indicators]: jsonText(summary.indicators),
    [FILES.process]: xml,
  };
  return { files, forms: summary.forms };
}

async function publishedForms(process: string, version: string, keys: string[]): Promise<Record<string, string>> {
  const forms = await Promise.all(
    keys.map(async (key) => [formFile(key), jsonText(await designerApi.form(process, version, key))] as const),
  );
  return Object.fromEntries(forms);
}

export interface Workspace {
  process: string;
  /** The draft, or undefined for a published version. */
  draft: Draft | undefined;
  version: string | undefined;
  readOnly: boolean;
  /** The current text of a file: the unsaved edit, else the saved text. */
  text(path: string): string | undefined;
  paths: string[];
  edit(path: string, text: string): void;
  dirty: ReadonlySet<string>;
  save(path: string): Promise<void>;
  /** Saves every unsaved file; true when there was something to save. */
  saveAll(): Promise<boolean>;
  /** Reads the draft again (after publishing it, say). */
  refresh(): Promise<void>;
}

type Source = { draftId: string } | { version: string };

/** Loads a published version (read-only) or a draft, and keeps the draft's unsaved edits. */
export function useWorkspace(process: string, source: Source) {
  const key = 'draftId' in source ? `draft:${source.draftId}` : source.version;
  const [files, setFiles] = useState<Record<string, string> | undefined>();
  const [draft, setDraft] = useState<Draft | undefined>();
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [error, setError] = useState<Error | undefined>();

  useEffect(() => {
    let current = true;
    setFiles(undefined);
    setEdits({});
    setError(undefined);
    const fail = (caught: unknown) => {
      if (current) setError(caught as Error);
    };
    if ('draftId' in source) {
      designerApi.draft(source.draftId).then((loaded) => {
        if (!current) return;
        setDraft(loaded);
        setFiles(loaded.files);
      }, fail);
    } else {
      const { version } = source;
      publishedFiles(process, version).then(({ files: loaded, forms }) => {
        if (!current) return;
        setDraft(undefined);
        setFiles(loaded);
        // The forms follow: the diagram does not wait for them.
        publishedForms(process, version, forms).then((texts) => {
          if (current) setFiles((before) => ({ ...before, ...texts }));
        }, fail);
      }, fail);
    }
    return () => {
      current = false;
    };
    // `key` names the source.
  }, [process, key]);

  const save = useCallback(
    async (path: string) => {
      const text = edits[path];
      if (draft === undefined || text === undefined) return;
      const saved = await designerApi.saveFile(draft.id, path, text);
      setDraft(saved);
      setFiles(saved.files);
      setEdits((before) => {
        if (before[path] !== text) return before;
        const { [path]: _saved, ...rest } = before;
        return rest;
      });
    },
    [draft, edits],
  );

  const workspace = useMemo<Workspace | undefined>(() => {
    if (files === undefined) return undefined;
    return {
      process,
      draft,
      version: 'version' in source ? source.version : undefined,
      // Published, or waiting for approval (the server refuses edits until it is refused).
      readOnly: draft === undefined || draft.publishedAs !== undefined || draft.pendingPublication !== undefined,
      text: (path) => edits[path] ?? files[path],
      paths: Object.keys({ ...files, ...edits }).sort(),
      edit: (path, text) => {
        setEdits((before) => {
          if (files[path] === text) {
            const { [path]: _same, ...rest } = before;
            return rest;
          }
          return before[path] === text ? before : { ...before, [path]: text };
        });
      },
      dirty: new Set(Object.keys(edits)),
      save,
      refresh: async () => {
        if (draft === undefined) return;
        const fresh = await designerApi.draft(draft.id);
        setDraft(fresh);
        setFiles(fresh.files);
      },
      saveAll: async () => {
        const paths = Object.keys(edits);
        for (const path of paths) await save(path);
        return paths.length > 0;
      },
    };
    // `source` is described by `key`.
  }, [files, edits, draft, process, key, save]);

  return { workspace, error };
}
