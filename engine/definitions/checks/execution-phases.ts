import { phaseMembers } from '../execution-phases.js';
import type { ProcessModel } from '../process-model.js';
import type { FileProblems } from '../problems.js';
import type { Manifest } from '../types.js';

/** The manifest's execution phases: each a part of the diagram with one way in and at most one out, none overlapping. */
export function checkExecutionPhases(model: ProcessModel, manifest: Manifest, problems: FileProblems): void {
  const owner = new Map<string, string>();
  for (const [index, phase] of (manifest.executionPhases ?? []).entries()) {
    const pointer = `/executionPhases/${index}`;
    const found = phaseMembers(model, phase);
    for (const problem of found.problems) problems.error('execution-phase', `phase ${phase.name}: ${problem}`, { pointer });
    for (const id of found.members) {
      const other = owner.get(id);
      if (other !== undefined) problems.error('execution-phase', `phase ${phase.name}: ${id} is also in phase ${other}`, { pointer });
      owner.set(id, phase.name);
    }
  }
}
