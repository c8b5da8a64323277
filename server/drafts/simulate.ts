import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  MemoryStore,
  ScenarioRunner,
  VERSION_FILES,
  parseScenario,
  type ScenarioIncident,
  type ScenarioResult,
  type TimelineEntry,
} from '../../engine/index.js';
import { parseManifest, type Draft } from './drafts.js';

/** A case script replayed on the version in force and on the draft, dates side by side. */
export interface Simulation {
  name: string;
  /** The script's own Chinese title (its `title` field), when it has one. */
  title?: string;
  error?: string;
  current?: Outcome;
  draft?: Outcome;
  /** Steps whose dates differ between the two runs. */
  differences: { step: number; action: string; current?: Record<string, string>; draft?: Record<string, string> }[];
}

interface Outcome {
  ok: boolean;
  failedStep?: number;
  reason?: string;
  timeline: TimelineEntry[];
  /**
   * The incidents the script's cases hold at the end (or after the failing step): a run whose
   * expectations all hold may still have left a case stuck (a date reaching a year without holiday data).
   */
  incidents: ScenarioIncident[];
}

/** The most steps one case script may have in a simulation (a lifecycle is a few dozen). */
export const MAX_SIMULATION_STEPS = 500;

// Old enough for every script's clock: in the simulation the draft is the only version, so every case runs on it.
const SIMULATION_EFFECTIVE_FROM = '2000-01-01';

async function run(definitions: string, shared: string, text: string, onDraft: boolean): Promise<Outcome> {
  const store = new MemoryStore();
  const scenario = parseScenario(JSON.parse(text) as unknown);
  // On the draft every case runs on version "draft": a script's version expectations name the published one.
  const steps = onDraft
    ? scenario.steps.map((step) => ('expect' in step ? { expect: { ...step.expect, version: undefined } } : step))
    : scenario.steps;
  const runner = new ScenarioRunner({ ...scenario, steps }, { definitions, shared, openStore: () => store });
  const result: ScenarioResult = await runner.run();
  return {
    ok: result.ok,
    ...(result.failedStep !== undefined && { failedStep: result.failedStep }),
    ...(result.reason !== undefined && { reason: result.reason }),
    timeline: result.timeline,
    incidents: result.incidents,
  };
}

/** Writes the draft as the only version of its process under `root` (a temporary definitions root). */
async function writeDraft(root: string, draft: Draft, manifest: Record<string, unknown>): Promise<void> {
  const dir = join(root, draft.process, 'draft');
  const files = {
    ...draft.files,
    [VERSION_FILES.manifest]: JSON.stringify(
      { ...manifest, version: 'draft', effectiveFrom: SIMULATION_EFFECTIVE_FROM },
      null,
      2,
    ),
  };
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
}

/**
 * Replays the scripts on the version in force and on the draft, written under `root`: an empty
 * directory the caller made and removes (it outlives a worker stopped at a limit).
 */
export async function simulate(
  draft: Draft,
  definitionsRoot: string,
  shared: string,
  scripts: readonly { name: string; text: string }[],
  root: string,
  onProgress: (progress: { done: number; total: number }) => void = () => undefined,
): Promise<Simulation[]> {
  // A manifest that is not JSON is the author's error (422), found before anything is written.
  const manifest = parseManifest(draft);
  await writeDraft(root, draft, manifest);
  const results: Simulation[] = [];
  // Two runs per script (the version in force, the draft): the unit of progress.
  const total = scripts.length * 2;
  let done = 0;
  const progress = () => {
    onProgress({ done, total });
  };
  progress();
  for (const script of scripts) {
    const steps = stepCount(script.text);
    const named = { name: script.name, ...titleOf(script.text) };
    if (steps > MAX_SIMULATION_STEPS) {
      const error = `超出限制：脚本共 ${steps} 步，上限 ${MAX_SIMULATION_STEPS} 步`;
      results.push({ ...named, error, differences: [] });
      done += 2;
      progress();
      continue;
    }
    try {
      const current = await run(definitionsRoot, shared, script.text, false);
      done++;
      progress();
      const drafted = await run(root, shared, script.text, true);
      done++;
      progress();
      const differences = drafted.timeline.flatMap((entry) => {
        const before = current.timeline.find((other) => other.step === entry.step);
        if (JSON.stringify(before?.due) === JSON.stringify(entry.due)) return [];
        return [
          {
            step: entry.step,
            action: entry.action,
            ...(before?.due !== undefined && { current: before.due }),
            ...(entry.due !== undefined && { draft: entry.due }),
          },
        ];
      });
      results.push({ ...named, current, draft: drafted, differences });
    } catch (error) {
      done = results.length * 2 + 2;
      progress();
      results.push({
        ...named,
        error: (error as Error).message.replaceAll(root, '<draft>'),
        differences: [],
      });
    }
  }
  return results;
}

/** A script's `title` (how policy staff know it), when it has one. */
function titleOf(text: string): { title?: string } {
  try {
    const title = (JSON.parse(text) as { title?: unknown } | null)?.title;
    return typeof title === 'string' && title !== '' ? { title } : {};
  } catch {
    return {};
  }
}

/** The number of steps a case script has (0 when it cannot be read: the run reports that). */
function stepCount(text: string): number {
  try {
    const steps = (JSON.parse(text) as { steps?: unknown } | null)?.steps;
    return Array.isArray(steps) ? steps.length : 0;
  } catch {
    return 0;
  }
}
