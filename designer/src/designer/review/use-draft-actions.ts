import { App } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client.js';
import {
  designerApi,
  type Problem,
  type RevisionBasis,
  type Simulation,
  type SimulationJob,
  type VersionDiff,
} from '../designer-api.js';
import { useDesignerI18n } from '../designer-i18n.js';
import type { Workspace } from '../workspace.js';
import type { PublishOutcome, StepRefusal } from './publish-panel.js';

type Action = 'validate' | 'compare' | 'publish' | 'simulate';

/** How often a background simulation is asked for its progress. */
const POLL_MS = 400;

/**
 * The draft's server-side actions. Each saves unsaved edits first: what is validated, compared,
 * simulated or published is what the officer sees.
 */
export function useDraftActions(workspace: Workspace, onPublished: () => void) {
  const { d } = useDesignerI18n();
  const { message } = App.useApp();
  const [running, setRunning] = useState<Action | undefined>();
  const [problems, setProblems] = useState<Problem[] | undefined>();
  const [diff, setDiff] = useState<VersionDiff | undefined>();
  const [simulations, setSimulations] = useState<Simulation[] | undefined>();
  const [publishOutcome, setPublishOutcome] = useState<PublishOutcome | undefined>();
  const [progress, setProgress] = useState<SimulationJob['progress'] | undefined>();
  const job = useRef<string | undefined>(undefined);
  const mounted = useRef(true);
  const id = workspace.draft?.id ?? '';
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  /** Runs the simulation in the background (issue 12, item 5), following its progress until it ends. */
  const followSimulation = async () => {
    setSimulations(undefined);
    let current = await designerApi.startSimulation(id);
    job.current = current.id;
    setProgress(current.progress);
    while (current.state === 'running' && mounted.current) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      current = await designerApi.simulation(id, current.id);
      setProgress(current.progress);
    }
    job.current = undefined;
    setProgress(undefined);
    if (current.state === 'done') setSimulations(current.results ?? []);
    else if (current.state === 'cancelled') void message.info(d('simulationCancelled'));
    else if (current.state === 'failed') throw new Error(current.error ?? '');
  };

  const run = async (action: Action, work: () => Promise<void>) => {
    setRunning(action);
    try {
      if (await workspace.saveAll()) void message.info(d('savedBefore'));
      await work();
    } catch (error) {
      // Deleted under the page: said above the tabs with its way out (the 404 was a message here).
      if (!workspace.noteDeleted(error)) void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setRunning(undefined);
    }
  };

  /**
   * Approves, returns (退回) or withdraws the publication request as the page shows it: asked for
   * again since, the server refuses (409), said beside the step's button with 重新加载; a draft
   * deleted under the page is said above the tabs instead.
   */
  const answerRequest = async <T>(
    step: StepRefusal['step'],
    send: () => Promise<T>,
    done: (result: T) => void,
  ): Promise<void> => {
    setPublishOutcome(undefined);
    let result: T;
    try {
      result = await send();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (!workspace.noteDeleted(error))
        setPublishOutcome({ approvalRefused: { step, message: error.message, stale: error.status === 409 } });
      return;
    }
    done(result);
  };

  return {
    running,
    problems,
    diff,
    simulations,
    simulationProgress: progress,
    publishOutcome,
    validate: () =>
      run('validate', async () => {
        setProblems((await designerApi.validate(id)).problems);
      }),
    compare: () =>
      run('compare', async () => {
        setDiff(await designerApi.compare(id));
      }),
    simulate: () => run('simulate', followSimulation),
    cancelSimulation: () => {
      if (job.current !== undefined)
        designerApi.cancelSimulation(id, job.current).catch((error: unknown) => {
          void message.error((error as Error).message);
        });
    },
    publish: (version: string, effectiveFrom: string, revision: RevisionBasis) =>
      run('publish', async () => {
        setPublishOutcome(undefined);
        try {
          // As of the revision the page shows (after saving its edits): changed since, it is refused.
          await designerApi.publish(id, version, effectiveFrom, revision, workspace.revision());
          setPublishOutcome({ requested: { version, effectiveFrom } });
          onPublished();
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          // Deleted under the page: said above the tabs with its way out, not beside the button with 重新加载.
          if (workspace.noteDeleted(error)) return;
          // A refusal by the validator carries its problems: the 校验 tab and the diagram's badges show them too.
          if (error.problems.length > 0) setProblems([...error.problems]);
          setPublishOutcome({
            refused: { message: error.message, problems: [...error.problems], stale: error.status === 409 },
          });
        }
      }),
    approve: () =>
      run('publish', () => {
        const pending = workspace.draft?.pendingPublication;
        return answerRequest(
          'approve',
          () => designerApi.approve(id, workspace.revision()),
          (result) => {
            setPublishOutcome({
              published: {
                version: result.version,
                effectiveFrom: pending?.effectiveFrom ?? '',
                problems: result.problems,
              },
            });
            onPublished();
          },
        );
      }),
    refuse: (reason: string) =>
      run('publish', () =>
        answerRequest('refuse', () => designerApi.refuse(id, reason, workspace.revision()), onPublished),
      ),
    /** Reads the draft again after a refusal as stale; the refusal goes with the page it was about. */
    reload: async () => {
      setPublishOutcome(undefined);
      await workspace.reload().catch((error: unknown) => {
        void message.error(error instanceof Error ? error.message : String(error));
      });
    },
    withdraw: () =>
      run('publish', () =>
        answerRequest(
          'withdraw',
          () => designerApi.withdraw(id, workspace.revision()),
          () => {
            void message.success(d('withdrawn'));
            onPublished();
          },
        ),
      ),
  };
}
