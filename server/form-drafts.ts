import { createHash } from 'node:crypto';
import { attachmentIds, damageOf, isEngineError, type Store } from '../engine/index.js';
import { HttpError } from './http-errors.js';
import { SAY } from './messages.js';

const FORM_DRAFTS = 'form-drafts';

/**
 * What one user typed into one open task's form and saved to finish later (保存草稿): theirs alone
 * (an upload it cites is readable by its uploader only), kept until they send the form, discard it,
 * or the task closes otherwise.
 */
export interface FormDraft {
  username: string;
  taskRef: string;
  caseId: string;
  data: unknown;
  /** How many times it was saved: a save names the revision it started from (two tabs, see `save`). */
  revision: number;
  /** On the case clock (a sandbox's day on a training server). */
  savedAt: string;
}

/** The document's id: the user and the task, hashed to a store name (either may hold any character). */
const idOf = (username: string, taskRef: string): string =>
  createHash('sha256').update(`${username}\n${taskRef}`).digest('hex');

/** Form drafts in the store the engine keeps its cases in (a shared database: every process sees them). */
export class FormDrafts {
  constructor(private readonly store: Store) {}

  async get(username: string, taskRef: string): Promise<FormDraft | undefined> {
    return this.store.get<FormDraft>(FORM_DRAFTS, idOf(username, taskRef));
  }

  /**
   * The draft as its holder opens it: `damaged` when its file cannot be read (the embedded store: a
   * disk fault, an edit by hand) — then the form opens without it, and the next save replaces it.
   */
  async open(username: string, taskRef: string): Promise<{ draft?: FormDraft; damaged?: true }> {
    try {
      const draft = await this.get(username, taskRef);
      return draft === undefined ? {} : { draft };
    } catch (error) {
      if (isEngineError(error, 'damaged')) return { damaged: true };
      throw error;
    }
  }

  /**
   * Saves `data` over the draft of revision `expected` (null: there is none yet). A save from a page
   * loaded before another tab's save is refused (409), nothing written: it would overwrite it unseen.
   */
  async save(draft: Omit<FormDraft, 'revision'>, expected: number | null): Promise<FormDraft> {
    const id = idOf(draft.username, draft.taskRef);
    // A damaged draft was opened as none (`open`): saved from there, the new one replaces it.
    if (expected === null && (await this.open(draft.username, draft.taskRef)).damaged === true)
      await this.store.delete(FORM_DRAFTS, id);
    const saved: FormDraft = { ...draft, revision: (expected ?? 0) + 1 };
    await this.store
      .commit([{ kind: 'put', collection: FORM_DRAFTS, id, value: saved }], {
        collection: FORM_DRAFTS,
        id,
        revision: expected,
      })
      .catch(async (error: unknown) => {
        if (!isEngineError(error, 'conflict')) throw error;
        throw await this.#stale(draft.username, draft.taskRef);
      });
    return saved;
  }

  /**
   * Deletes the draft; with `expected`, only the revision the page had: one saved since in another tab
   * is not deleted unseen (409).
   */
  async remove(username: string, taskRef: string, expected?: number): Promise<void> {
    const id = idOf(username, taskRef);
    if (expected === undefined) {
      await this.store.delete(FORM_DRAFTS, id);
      return;
    }
    await this.store
      .commit([{ kind: 'delete', collection: FORM_DRAFTS, id }], { collection: FORM_DRAFTS, id, revision: expected })
      .catch(async (error: unknown) => {
        if (!isEngineError(error, 'conflict')) throw error;
        // Gone already: what was asked for holds.
        if ((await this.get(username, taskRef)) !== undefined) throw await this.#stale(username, taskRef);
      });
  }

  /** The refusal of a save or a deletion that started from a revision since replaced (or deleted). */
  async #stale(username: string, taskRef: string): Promise<HttpError> {
    const current = await this.get(username, taskRef);
    return new HttpError(
      409,
      'conflict',
      current === undefined ? SAY.formDraftDeleted : SAY.formDraftChanged(current.revision),
    );
  }

  /**
   * Forgets the drafts of tasks no longer open (closed by a timer, a withdrawal, another's submission)
   * once saved longer ago than `olderThanMs` — a task opened a moment ago through another process may
   * not be known here yet — and answers the uploads the remaining drafts cite, which the sweep keeps.
   */
  async sweep(isOpen: (taskRef: string) => boolean, now: Date, olderThanMs: number): Promise<Set<string>> {
    const cited = new Set<string>();
    for (const id of await this.store.list(FORM_DRAFTS)) {
      // A damaged draft cannot be read back, nor can what it cites be used again: it keeps nothing.
      // Any other failure (a dropped connection) stops the sweep: a draft not read might cite anything.
      const draft = await this.store.get<FormDraft>(FORM_DRAFTS, id).catch((error: unknown) => {
        if (damageOf(error) === undefined) throw error;
        return undefined;
      });
      if (draft === undefined) continue;
      const stale = now.getTime() - Date.parse(draft.savedAt) > olderThanMs;
      if (!isOpen(draft.taskRef) && stale) await this.store.delete(FORM_DRAFTS, id);
      else for (const upload of attachmentIds(draft.data)) cited.add(upload);
    }
    return cited;
  }
}
