// The worker thread's entry (see JobWorker in off-thread.ts): says it is ready, then runs the draft
// jobs it is sent, one at a time, and answers each by its id.
import { parentPort } from 'node:worker_threads';
import { isEngineError } from '../../engine/index.js';
import { runDraftJob, type DraftJob } from './draft-jobs.js';

const port = parentPort;
if (port === null) throw new Error('draft-worker.ts runs as a worker thread');

async function answer(id: number, job: DraftJob): Promise<void> {
  try {
    const value = await runDraftJob(job, (progress) => port?.postMessage({ id, progress }));
    port?.postMessage({ id, ok: true, value });
  } catch (error) {
    // An EngineError crosses as its parts (code, message, problems); anything else as a message.
    const engine = isEngineError(error);
    port?.postMessage({
      id,
      ok: false,
      code: engine ? error.code : undefined,
      message: error instanceof Error ? error.message : String(error),
      problems: engine ? error.context.problems : undefined,
    });
  }
}

port.on('message', ({ id, job }: { id: number; job: DraftJob }) => void answer(id, job));
port.postMessage({ ready: true });
