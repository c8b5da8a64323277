import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { twoChars } from './form-controls.js';
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

export interface DraftDiagram {
  /** A user made with `createUsers` (a policy officer). */
  user: string;
  process: string;
  /** The version the draft starts from. */
  from: string;
  /** Where the page's uncaught errors go. */
  errors: string[];
}

/**
 * A new draft of `process` opened in the designer on a new Chinese page (downloads accepted), `user`
 * signed in on it, once its diagram is ready to edit.
 */
export async function openDraftDiagram(
  server: DesignerServer,
  browser: Browser,
  { user, process, from, errors }: DraftDiagram,
): Promise<Page> {
  const draft = await server.ok<{ id: string }>('POST', '/api/drafts', { as: user, body: { process, from } });
  const page = await browser.newPage({
    viewport: { width: 1600, height: 1000 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${server.url}/designer/${process}/draft:${encodeURIComponent(draft.id)}`);
  await page.getByLabel('用户名').fill(user);
  await page.getByLabel('密码').fill(USER_PASSWORD);
  await page.getByRole('button', { name: twoChars('登录') }).click();
  await page.locator('[data-diagram="modeler"][data-diagram-ready="true"]').waitFor({ timeout: 60_000 });
  return page;
}
