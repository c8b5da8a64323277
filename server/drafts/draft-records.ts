import { EngineError, isEngineError, type Store, type StoreWrite } from '../../engine/index.js';
import { SAY } from '../messages.js';
import type { PendingPublication, PublicationRefusal } from './publication.js';

const DRAFTS = 'drafts';
/** Who deleted which draft, kept so that a page still open on it can be told (its id is never reused). */
const DELETIONS = 'draft-deletions';

/** A deleted draft's trace: a step from a page still showing it says who deleted it. */
export interface DraftDeletion {
  id: string;
  title?: string;
  deletedBy: string;
  deletedAt: string;
}

export interface Draft {
  id: string;
  /** What people call the draft (set at creation, editable); drafts stored before titles have none. */
  title?: string;
  process: string;
  /** The version it was started from. */
  baseVersion: string;
  files: Record<string, string>;
  createdBy: string;
  /** The creator's display name then, for people (createdBy stays the account); drafts stored before have none. */
  createdByName?: string;
  createdAt: string;
  updatedAt: string;
  /** Who wrote it last (a save, a rename, a publication step); drafts stored before have none. */
  updatedBy?: string;
  /**
   * How many times it was written — its files saved, renamed, its publication asked for, withdrawn
   * or refused. A step names the revision it was made on, so a tab loaded before another's change
   * cannot overwrite it, nor ask for or approve what it has not seen. Drafts stored before
   * revisions have none (0).
   */
  revision?: number;
  publishedAs?: string;
  /** Asked to be published, waiting for a second person's approval (the draft is locked meanwhile). */
  pendingPublication?: PendingPublication;
  /** The last refused publication, with the reason. */
  refusal?: PublicationRefusal;
}

/** The name people know an account by: its display name, else the account itself. */
export type AccountNames = (account: string) => Promise<string>;

/** Accounts named by themselves (a service without the accounts: tests, scripts). */
export const accountsUnnamed: AccountNames = (account) => Promise.resolve(account);

/** What a step changes of a draft; its revision, time and author are set by the write. */
export type DraftChange = Omit<Draft, 'revision' | 'updatedAt' | 'updatedBy'>;

/**
 * The drafts in the store. Every write of a draft (and its deletion) is a commit guarded by the
 * revision its step read: a step that read a draft another step has written since — in this process
 * or another on the same database — is refused (`conflict`, nothing written) instead of writing back
 * what it read. So no step loses another's write: a rename never puts back the files a save
 * replaced, and a save never drops the publication request that came between its read and its write.
 */
export class DraftRecords {
  constructor(
    private readonly store: Store,
    private readonly now: () => string,
    private readonly nameOf: AccountNames = accountsUnnamed,
  ) {}

  async list(): Promise<Draft[]> {
    const drafts: Draft[] = [];
    for (const id of await this.store.list(DRAFTS)) {
      const draft = await this.store.get<Draft>(DRAFTS, id);
      if (draft !== undefined) drafts.push(draft);
    }
    return drafts;
  }

  /**
   * The draft. `loaded`: the revision the caller's page was loaded at — a caller that names one had
   * the draft, so when there is none it was deleted since (another tab, another officer), said so.
   * Without one it is not found (404), said with who deleted it where that was kept: a page reading
   * the draft again (重新加载) tells its officer who.
   */
  async read(id: string, loaded?: number): Promise<Draft> {
    if (!/^d_[\w-]+$/.test(id)) throw new EngineError('not-found', SAY.noSuchDraft(id), { draft: id });
    const draft = await this.store.get<Draft>(DRAFTS, id);
    if (draft !== undefined) return draft;
    if (loaded !== undefined) throw await this.#deleted(id);
    const trace = await this.store.get<DraftDeletion>(DELETIONS, id);
    if (trace === undefined) throw new EngineError('not-found', SAY.noSuchDraft(id), { draft: id });
    throw new EngineError('not-found', SAY.draftGone(trace.title ?? id, await this.nameOf(trace.deletedBy)), {
      draft: id,
      deleted: { by: trace.deletedBy, at: trace.deletedAt },
    });
  }

  async create(draft: Draft): Promise<void> {
    await this.store.commit([{ kind: 'put', collection: DRAFTS, id: draft.id, value: draft }], {
      collection: DRAFTS,
      id: draft.id,
      revision: null,
    });
  }

  /** Writes `next` as the revision after `read`'s, unless the draft was written or deleted since. */
  async write(read: Draft, next: DraftChange, actor: string): Promise<Draft> {
    const written: Draft = { ...next, revision: (read.revision ?? 0) + 1, updatedAt: this.now(), updatedBy: actor };
    await this.#commit(read, { kind: 'put', collection: DRAFTS, id: read.id, value: written });
    return written;
  }

  /**
   * Deletes the draft as read, unless it was written since (a save from another tab would go unseen);
   * who deleted it is kept in the same commit, for the pages still open on it.
   */
  async delete(read: Draft, actor: string): Promise<void> {
    const trace: DraftDeletion = {
      id: read.id,
      ...(read.title !== undefined && { title: read.title }),
      deletedBy: actor,
      deletedAt: this.now(),
    };
    await this.#commit(read, { kind: 'delete', collection: DRAFTS, id: read.id }, [
      { kind: 'put', collection: DELETIONS, id: read.id, value: trace },
    ]);
  }

  async #commit(read: Draft, write: StoreWrite, also: StoreWrite[] = []): Promise<void> {
    // A draft from before revisions is written once unguarded (there is no revision to expect).
    if (read.revision === undefined) {
      await this.store.commit([...also, write]);
      return;
    }
    try {
      // The draft's own write last: the store's commit point (see Store.commit).
      await this.store.commit([...also, write], { collection: DRAFTS, id: read.id, revision: read.revision });
    } catch (error) {
      if (!isEngineError(error, 'conflict')) throw error;
      const now = await this.store.get<Draft>(DRAFTS, read.id);
      throw now === undefined ? await this.#deleted(read.id) : changedDraft(now);
    }
  }

  /** A draft deleted since the caller read it: said with who deleted it, where that was kept. */
  async #deleted(id: string): Promise<EngineError> {
    const trace = await this.store.get<DraftDeletion>(DELETIONS, id);
    const said = trace === undefined ? SAY.draftDeleted : SAY.draftDeletedBy(await this.nameOf(trace.deletedBy));
    return new EngineError('conflict', said, {
      draft: id,
      deleted: trace === undefined ? {} : { by: trace.deletedBy, at: trace.deletedAt },
    });
  }
}

/** Refuses a step made on a page loaded at `expected` (none: not checked) when the draft was written since. */
export function requireRevision(draft: Draft, expected: number | undefined): void {
  if (expected !== undefined && expected !== (draft.revision ?? 0)) throw changedDraft(draft);
}

/** A draft written since the caller's page loaded it: said with the revision it is at now. */
function changedDraft(draft: Draft): EngineError {
  const revision = draft.revision ?? 0;
  return new EngineError('conflict', SAY.draftChanged(revision), { draft: draft.id, revision });
}
