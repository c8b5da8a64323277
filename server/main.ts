// `npm start`: one server process (server/serve.ts) — or, with WORKERS=N and DATABASE_URL, N of them
// on one machine sharing the port (node:cluster), all on one PostgreSQL database.
import cluster from 'node:cluster';
import { pino } from 'pino';
import { superviseWorkers, workerCount } from './workers.js';

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const workers = cluster.isPrimary ? workerCount(process.env, logger) : 1;
if (cluster.isPrimary && workers > 1) superviseWorkers(workers, logger);
else await import('./serve.js');
