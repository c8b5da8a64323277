import type { DefinitionRegistry } from '../definitions/registry.js';
import type { Manifest } from '../definitions/types.js';
import { damageWhere, type StoreDamage } from '../store/damage.js';
import type { CaseRecord } from './case-record.js';
import { SYSTEM, type CaseRuntime } from './case-runtime.js';
import { DAMAGED_MESSAGE } from './quarantine.js';

/**
 * The subject's and region's declared names for a damaged case: its own version's when its record
 * could be read, else the names every loaded programme agrees on (none: the neutral names).
 */
export function namesOf(
  definitions: DefinitionRegistry,
  readable: CaseRecord | undefined,
): (Pick<Manifest, 'subject' | 'region'> & Partial<Pick<Manifest, 'statuses'>>) | undefined {
  if (readable !== undefined) {
    try {
      return definitions.get(readable.process, readable.version).definition.manifest;
    } catch {
      // Its version is gone: as for an unreadable record.
    }
  }
  const manifests = definitions.list().map((version) => version.definition.manifest);
  const first = manifests[0];
  const agreed = manifests.every(
    (manifest) => manifest.subject.name === first?.subject.name && manifest.region.name === first.region.name,
  );
  return agreed ? first : undefined;
}

/**
 * A case whose file is found damaged while the server runs (a timer falling due on it, a command),
 * set aside as one found at start-up is, and told as an incident: each advance of the sandbox clock
 * answered 500 with the file's name, though the clock had moved and every other timer had fired,
 * and the case stayed listed as if nothing were wrong. Nothing is written: its file cannot be.
 */
export async function setAside(runtime: CaseRuntime, id: string, damage: StoreDamage): Promise<void> {
  if (runtime.shared || runtime.quarantine.has(id)) return;
  const readable = damage.name === 'cases' ? undefined : await runtime.repository.readable(id);
  const now = runtime.clock.now();
  runtime.quarantine.add(id, damage, readable, now, namesOf(runtime.definitions, readable), runtime.index.get(id));
  runtime.index.forget(id);
  runtime.live.drop(id);
  const message = `${DAMAGED_MESSAGE}：${damageWhere(damage)}`;
  runtime.tellIncidents([
    { type: 'incident.raised', caseId: id, at: now.toISOString(), kind: 'damaged', element: '', message },
  ]);
}

/**
 * Takes back each set-aside case whose files read again (restored from a backup): an admin's 重试
 * on its page did nothing until the server was restarted. Its history says so (the damage itself could
 * not be written there), which tells the incident's listeners too. Returns how many came back.
 */
export async function readmitRestored(runtime: CaseRuntime): Promise<number> {
  let readmitted = 0;
  for (const { caseId, damage } of runtime.quarantine.damages()) {
    const record = await runtime.repository.recheck(caseId).catch(() => undefined);
    if (record === undefined) continue;
    runtime.quarantine.release(caseId);
    runtime.index.remember(record);
    readmitted += 1;
    const resolved = { kind: 'damaged' as const, element: '', message: `${DAMAGED_MESSAGE}：${damageWhere(damage)}` };
    try {
      await runtime.withCase(caseId, async () => {
        const current = await runtime.record(caseId);
        const transition = runtime.transition(current, runtime.version(current), runtime.clock.now(), SYSTEM);
        transition.note('incident.resolved', resolved);
        await runtime.commitRecord(transition);
      });
    } catch {
      // Back among the running cases all the same (its version gone, say): told without the note.
      runtime.tellIncidents([
        { type: 'incident.resolved', caseId, at: runtime.clock.now().toISOString(), ...resolved },
      ]);
    }
  }
  return readmitted;
}
