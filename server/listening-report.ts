import cluster from 'node:cluster';

/** What a server process sends its parent over an IPC channel once it listens. */
export interface ListeningMessage {
  listening: number;
}

/**
 * Tells a parent that started this process with an IPC channel (a test, a bench, a supervisor) the
 * port it listens on. With PORT=0 the system chooses the port, so two servers started at once can
 * never be given the same one; and a parent never mistakes another server on its port for its own.
 * A cluster worker's channel is the primary's: the primary reports for the cluster (workers.ts).
 */
export function reportListening(port: number): void {
  if (cluster.isWorker || process.send === undefined || !process.connected) return;
  const message: ListeningMessage = { listening: port };
  process.send(message);
  // The channel must not keep the process alive once it is asked to stop.
  process.channel?.unref();
}
