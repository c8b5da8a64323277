import { App } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import { designerApi, type Problem, type Simulation, type VersionDiff } from '../designer-api.js';
import { useDesignerI18n } from '../designer-i18n.js';
import type { Workspace } from '../workspace.js';
import type { PublishOutcome } from './publish-panel.js';

type Action = 'validate' | 'compare' | 'publish' | 'simulate';

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
  const id = workspace.draft?.id ?? '';

  const run = async (action: Action, work: () => Promise<void>) => {
    setRunning(action);
    try {
      if (await workspace.saveAll()) void message.info(d('savedBefore'));
      await work();
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setRunning(undefined);
    }
  };

  return {
    running,
    problems,
    diff,
    simulations,
    publishOutcome,
    validate: () =>
      run('validate', async () => {
        setProblems((await designerApi.validate(id)).problems);
      }),
    compare: () =>
      run('compare', async () => {
        setDiff(await designerApi.compare(id));
      }),
    simulate: () =>
      run('simulate', async () => {
        setSimulations(await designerApi.simulate(id));
      }),
    publish: (version: string, effectiveFrom: string) =>
      run('publish', async () => {
        setPublishOutcome(undefined);
        try {
          const result = await designerApi.publish(id, version, effectiveFrom);
          setPublishOutcome({ published: { version: result.version, effectiveFrom, problems: result.problems } });
          onPublished();
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          // The refusal names no problems (only a message): the validator's list says which.
          const found = error.status === 422 ? (await designerApi.validate(id)).problems : [];
          setProblems(found);
          setPublishOutcome({ refused: { message: error.message, problems: found } });
        }
      }),
  };
}
