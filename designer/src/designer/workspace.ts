import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../api/client.js';
import { useSession } from '../auth/session.js';
import { forgetUnsent, useUnsentWork } from '../workbench/unsent-work.js';
import { designerApi, type Draft } from './designer-api.js';
import { keptEdits } from './kept-edits.js';

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
  /** Saves the files' unsaved edits in one write: all, or (refused) none. */
  save(paths: string | readonly string[]): Promise<void>;
  /** Saves every unsaved file; true when there was something to save. */
  saveAll(): Promise<boolean>;
  /** Reads the draft again (after publishing it, say). */
  refresh(): Promise<void>;
  /**
   * The server's refusal of a save because the draft was saved elsewhere since these files were
   * loaded (409); the unsaved edits stay until the officer reloads. `deleted`: it was deleted
   * instead, so there is nothing to reload — the edits can go into a new draft (`saveAsNew`).
   */
  conflict: Conflict | undefined;
  /**
   * Saves what the page shows — the files with their unsaved edits — as a new draft of the same base
   * version (titled `title`), for a draft deleted under the page; the new draft.
   */
  saveAsNew(title: string): Promise<Draft | undefined>;
  /**
   * Reads the draft as saved now, dropping the unsaved edits; deleted meanwhile (404), it keeps the
   * page as it is and says so (`conflict.deleted`).
   */
  reload(): Promise<void>;
  /**
   * Takes a step's refusal because the draft was deleted under the page (409 with `deleted`, or 404):
   * said above the tabs from then on, as for a save; true when it was that.
   */
  noteDeleted(caught: unknown): boolean;
  /** Forgets the unsaved edits this tab keeps for a later login (the officer discarded them and left). */
  forgetKept: () => void;
  /** The draft's revision the page's files come from: what a step on the draft says it was made on. */
  revision: () => number;
  /** Renames the draft, as of `revision()`; refused (409) when written since, like a save. */
  rename: (title: string) => Promise<void>;
}

type Source = { draftId: string } | { version: string };

/** A step refused because the draft was written (or deleted) since the page loaded it. */
export interface Conflict {
  message: string;
  /** Deleted since, by whom where the server knows. */
  deleted?: { by?: string } | undefined;
}

/** Loads a published version (read-only) or a draft, and keeps the draft's unsaved edits. */
export function useWorkspace(process: string, source: Source) {
  const key = 'draftId' in source ? `draft:${source.draftId}` : source.version;
  const [files, setFiles] = useState<Record<string, string> | undefined>();
  const [draft, setDraft] = useState<Draft | undefined>();
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [error, setError] = useState<Error | undefined>();
  const [conflict, setConflict] = useState<Conflict | undefined>();
  // The revision the files come from, sent with each save; saves run one after another, each from the
  // revision the one before it made (a tab's own saves are no conflict).
  const base = useRef(0);
  const saving = useRef<Promise<unknown>>(Promise.resolve());
  // A draft's unsaved edits are kept in this tab as a form's unsent work is (unsent-work.ts): a session
  // that ended meanwhile replaced the page by the login form, which says the page's work is kept, and
  // the edits were lost with the page. Kept with the revision they were made on.
  const username = useSession().me?.username;
  const unsentForm = `designer:${process}:${key}`;
  const unsent = useUnsentWork('draftId' in source ? username : undefined, unsentForm);
  /** A step refused because the draft was written (or deleted) since: said above the tabs until reloaded. */
  const noteConflict = useCallback((caught: unknown) => {
    if (caught instanceof ApiError && caught.status === 409)
      setConflict({ message: caught.message, deleted: caught.deleted });
  }, []);
  const noteDeleted = useCallback((caught: unknown) => {
    if (!(caught instanceof ApiError) || (caught.deleted === undefined && caught.status !== 404)) return false;
    setConflict({ message: caught.message, deleted: caught.deleted ?? {} });
    return true;
  }, []);

  useEffect(() => {
    let current = true;
    setFiles(undefined);
    setEdits({});
    setError(undefined);
    setConflict(undefined);
    const fail = (caught: unknown) => {
      if (current) setError(caught as Error);
    };
    if ('draftId' in source) {
      designerApi.draft(source.draftId).then((loaded) => {
        if (!current) return;
        base.current = loaded.revision ?? 0;
        setDraft(loaded);
        setFiles(loaded.files);
        const kept = keptEdits(username, unsentForm, loaded.files);
        if (kept === undefined) return;
        // Made on an earlier revision (saved elsewhere since): a save of them is refused as any stale
        // tab's is, with 重新加载 and 另存为新草稿, rather than overwriting that save.
        base.current = kept.basis;
        setEdits(kept.edits);
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

  const loadedDraft = draft !== undefined && files !== undefined;
  useEffect(() => {
    if (!loadedDraft) return;
    if (Object.keys(edits).length > 0) unsent.save(edits, base.current);
    else unsent.clear();
    // `unsent` is a new object each render; its key follows `username` and `unsentForm`.
  }, [edits, loadedDraft, username, unsentForm]);

  const save = useCallback(
    (which: string | readonly string[]) => {
      const texts = Object.fromEntries(
        (typeof which === 'string' ? [which] : which).flatMap((path) => {
          const text = edits[path];
          return text === undefined ? [] : [[path, text] as const];
        }),
      );
      const paths = Object.keys(texts);
      const [only] = paths;
      if (draft === undefined || only === undefined) return Promise.resolve();
      const run = saving.current.then(async () => {
        try {
          // One file as before; several in one write, so that a refused one leaves none half-saved.
          const saved =
            paths.length === 1
              ? await designerApi.saveFile(draft.id, only, texts[only] ?? '', base.current)
              : await designerApi.saveFiles(draft.id, texts, base.current);
          base.current = saved.revision ?? base.current + 1;
          setDraft(saved);
          setFiles(saved.files);
        } catch (caught) {
          noteConflict(caught);
          throw caught;
        }
        // An edit made while saving stays unsaved.
        setEdits((before) => Object.fromEntries(Object.entries(before).filter(([path, text]) => texts[path] !== text)));
      });
      saving.current = run.catch(() => undefined);
      return run;
    },
    [draft, edits, noteConflict],
  );

  const rename = useCallback(
    async (title: string) => {
      if (draft === undefined) return;
      // In turn with the saves, from the revision the last one made: the rename is the next write.
      const run = saving.current.then(async () => {
        const renamed = await designerApi.renameDraft(draft.id, title, base.current).catch((caught: unknown) => {
          noteConflict(caught);
          throw caught;
        });
        base.current = renamed.revision ?? base.current + 1;
        setDraft(renamed);
      });
      saving.current = run.catch(() => undefined);
      await run;
    },
    [draft, noteConflict],
  );

  const reload = useCallback(async () => {
    if (draft === undefined) return;
    let fresh: Draft;
    try {
      fresh = await designerApi.draft(draft.id);
    } catch (caught) {
      // Deleted meanwhile: nothing to reload; the page stays, with its way out (另存为新草稿 / 返回版本列表).
      if (noteDeleted(caught)) return;
      throw caught;
    }
    base.current = fresh.revision ?? 0;
    setDraft(fresh);
    setFiles(fresh.files);
    setEdits({});
    setConflict(undefined);
  }, [draft, noteDeleted]);

  const saveAsNew = useCallback(
    async (title: string) => {
      if (draft === undefined || files === undefined) return undefined;
      const current = { ...files, ...edits };
      const created = await designerApi.createDraft(draft.process, draft.baseVersion, title);
      const paths = new Set([...Object.keys(current), ...Object.keys(created.files)]);
      // Every file the new draft needs changed, in one write: all of them or, one refused, none.
      const changes = Object.fromEntries(
        [...paths]
          .map((path) => [path, current[path] ?? null] as const)
          .filter(([path, text]) => (created.files[path] ?? null) !== text),
      );
      return Object.keys(changes).length === 0
        ? created
        : designerApi.saveFiles(created.id, changes, created.revision ?? 0);
    },
    [draft, files, edits],
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
        const fresh = await designerApi.draft(draft.id).catch((caught: unknown) => {
          if (noteDeleted(caught)) return undefined;
          throw caught;
        });
        if (fresh === undefined) return;
        setDraft(fresh);
        // Saved elsewhere meanwhile: the unsaved edits were made on the files as they were, so the files
        // and their revision stay, and the next save is refused rather than overwriting that save.
        if ((fresh.revision ?? 0) !== base.current && Object.keys(edits).length > 0) return;
        base.current = fresh.revision ?? 0;
        setFiles(fresh.files);
      },
      conflict,
      saveAsNew,
      reload,
      noteDeleted,
      revision: () => base.current,
      forgetKept: () => {
        if (username !== undefined) forgetUnsent(username, unsentForm);
      },
      rename,
      saveAll: async () => {
        const paths = Object.keys(edits);
        await save(paths);
        return paths.length > 0;
      },
    };
    // `source` is described by `key`.
  }, [files, edits, draft, process, key, save, conflict, saveAsNew, reload, noteDeleted, rename, username, unsentForm]);

  return { workspace, error };
}
