import {
  anyoneGroup,
  holderName,
  parseRole,
  type AuditEntry,
  type Role,
  type WorkflowEngine,
} from '../engine/index.js';
import type { Accounts, User } from './accounts/accounts.js';

/** How the history names a member of the public (Art. 22): never by name, account or contact. */
export const PUBLIC_NAME = '公众';

type Manifest = ReturnType<WorkflowEngine['definitions']['get']>['definition']['manifest'];

/** The case (its view): the subject is under the name its programme declares (`park`). */
interface CaseContext {
  readonly [declared: string]: unknown;
  process: string;
  version: string;
  subjectName?: string;
}

/**
 * Who acted, for people. `actorName` is the Chinese name (the definitions' words, as written); the
 * parts say what it was made of, so that a client in another language names the actor in its own
 * words and the programme's catalogue: `actorPublic` for a member of the public (Art. 22),
 * `actorRole` for an account named by its role (the group's title · its scope's name). An
 * organisation or a display name is what people typed, and has no parts.
 */
export interface ActorNaming {
  actorName: string;
  /** The role named by: a group and, for a scoped group, its scope (`province`, `320000`). */
  actorRole?: Role;
  actorPublic?: true;
}

const PUBLIC: ActorNaming = { actorName: PUBLIC_NAME, actorPublic: true };

/** An account without an organisation is named by its role: the group's title and its scope's name. */
function roleName(
  user: User,
  manifest: Manifest,
  context: CaseContext,
  engine: WorkflowEngine,
): ActorNaming | undefined {
  const subject = context[manifest.subject.name];
  const names = {
    directory: (name: string) => engine.definitions.directory(name),
    ...(typeof subject === 'string' && { subject: { code: subject, name: context.subjectName } }),
  };
  for (const text of user.roles) {
    const role = parseRole(text);
    const name = holderName(manifest, role, names);
    if (name !== undefined) return { actorName: name, actorRole: role };
  }
  return undefined;
}

/** An account by its organisation, else its role, else its display name. */
function accountName(
  user: User,
  manifest: Manifest,
  context: CaseContext,
  engine: WorkflowEngine,
): ActorNaming | undefined {
  if (user.organisation !== undefined) return { actorName: user.organisation };
  const named = roleName(user, manifest, context, engine);
  return named ?? (user.displayName === undefined ? undefined : { actorName: user.displayName });
}

/**
 * Names who acted on a case by organisation (江苏省市场监督管理局), not by login: the account's
 * `organisation`, else its role's group title and scope name (省级市场监管部门 · 江苏省). Whoever
 * sent a message anyone may send (an objection, Art. 22) is only ever "公众".
 */
export class ActorNames {
  constructor(
    private readonly engine: WorkflowEngine,
    private readonly accounts: Accounts,
  ) {}

  /** Audit entries with `actorName` (and its parts); every entry of a public message's transition is the public's. */
  async audit(entries: readonly AuditEntry[], context: CaseContext): Promise<(AuditEntry & Partial<ActorNaming>)[]> {
    const open = this.#publicMessages(context);
    const fromPublic = new Set(
      entries
        .filter((entry) => entry.type === 'message.received' && open.has(String(entry.details.message)))
        .map((entry) => `${entry.at}|${entry.actor}`),
    );
    const name = this.#namer(context);
    return Promise.all(
      entries.map(async (entry) => {
        const naming = fromPublic.has(`${entry.at}|${entry.actor}`) ? PUBLIC : await name(entry.actor);
        return naming === undefined ? entry : { ...entry, ...naming };
      }),
    );
  }

  /** Submissions with `actorName` (and its parts); public messages (redacted or not) are the public's. */
  async submissions<T extends { actor: string; kind: string; name: string; redacted?: true }>(
    submissions: readonly T[],
    context: CaseContext,
  ): Promise<(T & Partial<ActorNaming>)[]> {
    const open = this.#publicMessages(context);
    const name = this.#namer(context);
    return Promise.all(
      submissions.map(async (submission) => {
        const fromPublic = submission.redacted === true || (submission.kind === 'message' && open.has(submission.name));
        const naming = fromPublic ? PUBLIC : await name(submission.actor);
        return naming === undefined ? submission : { ...submission, ...naming };
      }),
    );
  }

  /** Messages of the case's version that anyone may send (their senders are never named). */
  #publicMessages(context: CaseContext): Set<string> {
    const { model, definition } = this.engine.definitions.get(context.process, context.version);
    const anyone = anyoneGroup(definition.manifest);
    return new Set(
      model.messageCatches
        .filter((catcher) => anyone !== undefined && catcher.candidateGroups.includes(anyone))
        .flatMap((catcher) => (catcher.messageName === undefined ? [] : [catcher.messageName])),
    );
  }

  #namer(context: CaseContext): (actor: string) => Promise<ActorNaming | undefined> {
    const { manifest } = this.engine.definitions.get(context.process, context.version).definition;
    const known = new Map<string, ActorNaming | undefined>();
    return async (actor) => {
      if (actor === 'system') return undefined;
      if (actor === 'anonymous' || actor === '—') return PUBLIC;
      if (!known.has(actor)) {
        const user = await this.accounts.get(actor);
        known.set(actor, user === undefined ? undefined : accountName(user, manifest, context, this.engine));
      }
      return known.get(actor);
    };
  }
}
