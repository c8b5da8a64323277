import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN, as, EngineHarness, throughCreation } from '../support/engine-harness.js';

/** Runs the crash child until it has answered `answers` commands (at least), then kills it with SIGKILL. */
async function runAndKill(dataDir: string, answers: number): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/engine/crash-child.ts', dataDir, 'complete'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let buffer = '';
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      lines.push(...parts);
      if (lines.filter((line) => line.startsWith('ANSWERED')).length >= answers) {
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child exited (${String(code)}): ${errors}`));
    });
  });
  await new Promise((resolve) => child.once('close', resolve));
  return lines;
}

describe('durability', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('loses no answered completion and does nothing twice when killed with SIGKILL mid-burst', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'qbz-kill-'));
    dirs.push(dataDir);
    const lines = await runAndKill(dataDir, 25);
    const answered = lines.filter((line) => line.startsWith('ANSWERED')).map((line) => line.split(' '));
    const h = await EngineHarness.open({ start: '2024-04-01T09:00:00+08:00', dataDir });
    for (const [, caseId = '', ref = ''] of answered) {
      const view = await h.engine.getCase(caseId, ADMIN);
      expect(view.openTasks.map((task) => task.ref)).not.toContain(ref);
      const audit = await h.engine.audit(caseId, ADMIN);
      expect(audit.filter((entry) => entry.type === 'task.completed' && entry.details.ref === ref)).toHaveLength(1);
    }
    for (const view of h.engine.listCases(ADMIN)) {
      expect(await h.engine.verifyAudit(view.id), view.id).toEqual({ ok: true, problems: [] });
      // Every case is consistent: its open tasks can still be worked on after the crash.
      const [task] = view.openTasks;
      if (task?.taskId === 'provincialFeasibilityReview') {
        const next = await h.complete(view.id, 'provincialFeasibilityReview', as('province', '320000'));
        expect(next.openTasks.map((open) => open.taskId)).toEqual(['provincialLeadingGroupReview']);
      }
    }
    await h.engine.close();
    await h.store.close();
  }, 60_000);

  it('continues every case after a restart mid-case and mid-timer, firing overdue timers once, in due order', async () => {
    const h = await EngineHarness.open({ start: '2024-04-01T09:00:00+08:00' });
    dirs.push(h.dataDir);
    const first = await throughCreation(h, 'P-A');
    await h.advanceTo('2024-06-03T09:00:00+08:00');
    const second = await throughCreation(h, 'P-B');
    expect(first.due.acceptanceOpens).toBe('2025-04-02');
    expect(second.due.acceptanceOpens).toBe('2025-06-04');

    // The process stops; when it comes back, both timers are overdue.
    await h.restart();
    h.clock.advanceTo(new Date('2025-07-01T09:00:00+08:00'));
    await h.restart();
    expect(await h.engine.runDueTimers()).toBe(2);
    expect(await h.engine.runDueTimers()).toBe(0);
    for (const view of [first, second]) {
      const now = await h.engine.getCase(view.id, ADMIN);
      expect(now.openTasks.map((task) => task.taskId)).toEqual(['submitAcceptanceApplication']);
      const fired = (await h.engine.audit(view.id, ADMIN)).filter((entry) => entry.type === 'timer.fired');
      expect(fired).toHaveLength(1);
      // Fired at its due instant (00:00 China time of the day acceptance opens), not at restart time.
      expect(fired[0]?.at).toBe(new Date(`${now.due.acceptanceOpens ?? ''}T00:00:00+08:00`).toISOString());
    }
    await h.close();
  });

  it('detects an audit entry edited or removed on disk', async () => {
    const h = await EngineHarness.open({ start: '2024-04-01T09:00:00+08:00' });
    dirs.push(h.dataDir);
    const view = await throughCreation(h, 'P-T');
    expect((await h.engine.verifyAudit(view.id)).ok).toBe(true);
    const file = join(h.dataDir, 'audit', `${view.id}.jsonl`);
    const original = await readFile(file, 'utf8');
    const lines = original.trimEnd().split('\n');
    await writeFile(
      file,
      `${lines.map((line, index) => (index === 3 ? line.replace('"park:P-T"', '"park:P-X"') : line)).join('\n')}\n`,
    );
    expect((await h.engine.verifyAudit(view.id)).problems[0]?.seq).toBe(4);
    await writeFile(file, `${lines.slice(0, -1).join('\n')}\n`);
    expect((await h.engine.verifyAudit(view.id)).ok).toBe(false);
    await writeFile(file, original);
    expect((await h.engine.verifyAudit(view.id)).ok).toBe(true);
    await h.close();
  });
});
