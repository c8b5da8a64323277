import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebServer, USER_PASSWORD, type WebServer, type WebServerOptions } from './web-server.js';

export interface DesignerServer extends WebServer {
  /** The server's DEFINITIONS_DIR: a temporary copy of definitions/ (publishing writes into it). */
  readonly definitionsDir: string;
  /** Logs a user in again (a sandbox-clock jump of more than 12 h ends sessions). */
  login(username: string, password?: string): Promise<string>;
}

/**
 * The real server (test/browser/web-server.ts) on a temporary copy of definitions/, so that a
 * version the designer publishes lands there and not in the project.
 */
export async function startDesignerServer(options: WebServerOptions = {}): Promise<DesignerServer> {
  const definitionsDir = await mkdtemp(join(tmpdir(), 'qbz-definitions-'));
  await cp('definitions', definitionsDir, { recursive: true });
  const previous = process.env.DEFINITIONS_DIR;
  // web-server.ts passes its own environment on to the server process.
  process.env.DEFINITIONS_DIR = definitionsDir;
  let server: WebServer;
  try {
    server = await startWebServer(options);
  } catch (error) {
    await rm(definitionsDir, { recursive: true, force: true });
    throw error;
  } finally {
    if (previous === undefined) delete process.env.DEFINITIONS_DIR;
    else process.env.DEFINITIONS_DIR = previous;
  }
  return {
    ...server,
    definitionsDir,
    login: async (username, password = USER_PASSWORD) =>
      (await server.ok<{ token: string }>('POST', '/api/session', { body: { username, password } })).token,
    stop: async () => {
      await server.stop();
      await rm(definitionsDir, { recursive: true, force: true });
    },
  };
}
