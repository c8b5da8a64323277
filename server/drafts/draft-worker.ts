// The worker thread's entry (see off-thread.ts): runs one draft job and posts its outcome.
import { parentPort, workerData } from 'node:worker_threads';
import { isEngineError } from '../../engine/index.js';
import { runDraftJob, type DraftJob } from './draft-jobs.js';

const port = parentPort;
if (port === null) throw new Error('draft-worker.ts runs as a worker thread');
try {
  port.postMessage({ ok: true, value: await runDraftJob(workerData as DraftJob) });
} catch (error) {
  // An EngineError crosses as its parts (code, message, problems); anything else as a message.
  const engine = isEngineError(error);
  port.postMessage({
    ok: false,
    code: engine ? error.code : undefined,
    message: error instanceof Error ? error.message : String(error),
    problems: engine ? error.context.problems : undefined,
  });
}
