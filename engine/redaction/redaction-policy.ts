import type { AuditEntry } from '../audit/audit-chain.js';
import { ADMIN_GROUP, PUBLIC_GROUP, type Actor } from '../cases/actors.js';
import type { Submission } from '../cases/case-record.js';
import type { ProcessModel } from '../definitions/process-model.js';
import { anyoneGroup } from '../definitions/subject-region.js';
import type { Manifest } from '../definitions/types.js';

/** What a redacted actor reads as: no login name, no "anonymous" either (both tell something). */
export const REDACTED_ACTOR = '—';

/** An audit entry as a reader sees it: `redacted` when its actor (and data hash) were withheld. */
export type AuditView = AuditEntry & { redacted?: true };

/**
 * Who may know who sent the public's messages (an objection, Art. 22: a name, ID number, contact and
 * evidence are personal data). The ONE policy every read path applies — audit, submissions, case
 * views, attachments, and whatever else shows a case's history (notifications, exports): read through
 * it, never from the store directly.
 *
 * Readers are the groups the version's manifest names in `publicSubmissionReaders` (for
 * quality-brand-zone: samr, ministry, expert — the national bodies that decide on objections). No one
 * else: not the subject objected against, not its region, not `policy-admin` (who edits definitions and
 * needs no one's identity), and not the system `admin` (who runs the server, not the programme).
 */
export class RedactionPolicy {
  private readonly readers: ReadonlySet<string>;
  /** The programme's `anyone` group: never a reader. */
  private readonly anyone: string | undefined;
  /** Messages anyone may send: what arrives through them is the public's. */
  readonly publicMessages: ReadonlySet<string>;

  constructor(manifest: Manifest, model: Pick<ProcessModel, 'messageCatches'>) {
    this.readers = new Set(manifest.publicSubmissionReaders ?? []);
    const anyone = anyoneGroup(manifest);
    this.anyone = anyone;
    this.publicMessages = new Set(
      model.messageCatches
        .filter((catcher) => anyone !== undefined && catcher.candidateGroups.includes(anyone))
        .flatMap((catcher) => (catcher.messageName === undefined ? [] : [catcher.messageName])),
    );
  }

  /** Whether the actor may read the public's submissions, their senders and their evidence. */
  mayReadPublic(actor: Actor): boolean {
    return actor.roles.some(
      (role) =>
        role.group !== ADMIN_GROUP &&
        role.group !== PUBLIC_GROUP &&
        role.group !== this.anyone &&
        this.readers.has(role.group),
    );
  }

  /** Whether a submission came from the public (a message anyone may send). */
  isPublic(submission: Pick<Submission, 'kind' | 'name'>): boolean {
    return submission.kind === 'message' && this.publicMessages.has(submission.name);
  }

  /** Submissions as `actor` may read them: the public's show that they came, not who sent what. */
  submissions(actor: Actor, submissions: readonly Submission[]): Submission[] {
    if (this.mayReadPublic(actor)) return [...submissions];
    return submissions.map(({ receipt: _receipt, ...submission }) =>
      this.isPublic(submission)
        ? { ...submission, actor: REDACTED_ACTOR, data: null, redacted: true as const }
        : submission,
    );
  }

  /**
   * Audit entries as `actor` may read them. Entries whose actor sent one of the case's public messages
   * lose the actor and the data hash (a hash of a short form can be guessed); the chain's own hashes
   * stay, so a reader still sees that nothing is missing.
   */
  audit(actor: Actor, entries: readonly AuditEntry[], submissions: readonly Submission[]): AuditView[] {
    if (this.mayReadPublic(actor)) return [...entries];
    const senders = new Set(submissions.filter((entry) => this.isPublic(entry)).map((entry) => entry.actor));
    return entries.map((entry) => {
      if (!senders.has(entry.actor)) return entry;
      const { dataHash: _dataHash, ...details } = entry.details;
      return { ...entry, actor: REDACTED_ACTOR, details, redacted: true as const };
    });
  }
}
