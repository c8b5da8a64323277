import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isEngineError } from '../../engine/errors.js';
import { damageOf, LowdbStore, MemoryStore, type StoreDamage } from '../../engine/store/index.js';
import { PostgresStore } from '../../engine/store/postgres/postgres-store.js';
import { freshSchema, postgresAvailable, POSTGRES_URL } from '../support/postgres.js';
import { storeContract } from './store-contract.js';

const CRASH_WRITER = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));

function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'qbz-store-'));
}

storeContract('MemoryStore', () => Promise.resolve({ store: new MemoryStore(), cleanup: () => Promise.resolve() }), {
  durable: false,
  damageable: false,
});

storeContract(
  'LowdbStore',
  async () => {
    const dir = await tempDir();
    return {
      store: new LowdbStore(dir),
      reopen: () => Promise.resolve(new LowdbStore(dir)),
      damage: {
        document: async (collection, id) => {
          const file = join(dir, collection, `${id}.json`);
          const text = await readFile(file, 'utf8');
          await writeFile(file, text.slice(0, Math.floor(text.length / 2)));
          return join(collection, `${id}.json`);
        },
        logLine: async (log, id, line) => {
          const file = join(dir, log, `${id}.jsonl`);
          const lines = (await readFile(file, 'utf8')).split('\n');
          lines[line - 1] = '{"torn":';
          await writeFile(file, lines.join('\n'));
          return join(log, `${id}.jsonl`);
        },
      },
      cleanup: () => rm(dir, { recursive: true, force: true }),
    };
  },
  { durable: true, damageable: true },
);

// PostgreSQL: each test its own fresh schema (created, migrated, dropped), so test files running in
// parallel never meet. Skipped with a loud notice when nothing answers, a failure with REQUIRE_POSTGRES=1.
const postgresUp = await postgresAvailable();
if (postgresUp)
  storeContract(
    'PostgresStore',
    async () => {
      const { schema, drop } = await freshSchema();
      const open = () => PostgresStore.open({ connectionString: POSTGRES_URL, schema, poolSize: 4 });
      return { store: await open(), reopen: open, cleanup: drop };
    },
    // Rows of JSONB cannot be torn: there is no `damaged` for this store.
    { durable: true, damageable: false },
  );
else describe.skip('Store contract: PostgresStore (PostgreSQL not answering)', () => undefined);

/** Every file under `dir`, as paths relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
}

describe('LowdbStore on disk', () => {
  let dir: string;
  let store: LowdbStore;

  beforeEach(async () => {
    dir = await tempDir();
    store = new LowdbStore(dir);
  });

  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps one JSON file per document and one JSON line per log entry', async () => {
    await store.put('cases', 'c1', { title: '申报' });
    await store.append('audit', 'c1', [{ n: 1 }, { n: 2 }]);
    await store.append('audit', 'c1', [{ n: 3 }]);
    expect((await filesUnder(dir)).sort()).toEqual([join('audit', 'c1.jsonl'), join('cases', 'c1.json')]);
    expect(JSON.parse(await readFile(join(dir, 'cases', 'c1.json'), 'utf8'))).toEqual({ title: '申报' });
    expect(await readFile(join(dir, 'audit', 'c1.jsonl'), 'utf8')).toBe('{"n":1}\n{"n":2}\n{"n":3}\n');
  });

  it('ignores a torn last log line, and the next append cuts it off', async () => {
    await mkdir(join(dir, 'audit'));
    await writeFile(join(dir, 'audit', 'c1.jsonl'), '{"n":1}\n{"n":2}\n{"n":3,"det');
    expect(await store.readLog('audit', 'c1')).toEqual([{ n: 1 }, { n: 2 }]);
    await store.append('audit', 'c1', [{ n: 4 }]);
    expect(await store.readLog('audit', 'c1')).toEqual([{ n: 1 }, { n: 2 }, { n: 4 }]);
    expect(await readFile(join(dir, 'audit', 'c1.jsonl'), 'utf8')).toBe('{"n":1}\n{"n":2}\n{"n":4}\n');
  });

  it('treats a last line without its newline as torn even when it parses', async () => {
    // `12` may be the start of `123`: an entry is committed only once its newline is written.
    await mkdir(join(dir, 'audit'));
    await writeFile(join(dir, 'audit', 'c1.jsonl'), '1\n12');
    expect(await store.readLog('audit', 'c1')).toEqual([1]);
    await writeFile(join(dir, 'audit', 'c2.jsonl'), '{"n":');
    expect(await store.readLog('audit', 'c2')).toEqual([]);
    await store.append('audit', 'c2', ['first']);
    expect(await store.readLog('audit', 'c2')).toEqual(['first']);
  });

  it('drops a torn last line when truncating, through a temp file', async () => {
    await mkdir(join(dir, 'audit'));
    await writeFile(join(dir, 'audit', 'c1.jsonl'), '1\n2\n3\n{"to');
    await store.truncateLog('audit', 'c1', 5);
    expect(await readFile(join(dir, 'audit', 'c1.jsonl'), 'utf8')).toBe('1\n2\n3\n');
    await store.truncateLog('audit', 'c1', 1);
    expect(await readFile(join(dir, 'audit', 'c1.jsonl'), 'utf8')).toBe('1\n');
    await store.close();
    expect(await filesUnder(dir)).toEqual([join('audit', 'c1.jsonl')]);
  });

  it('reports a corrupt line before the last as damaged, with the file, and tells the listener', async () => {
    const told: StoreDamage[] = [];
    store = new LowdbStore(dir, { onDamaged: (damage) => told.push(damage) });
    await mkdir(join(dir, 'audit'));
    await writeFile(join(dir, 'audit', 'c1.jsonl'), '{"n":1}\n{"n":2,\n{"n":3}\n');
    const error = await rejection(store.readLog('audit', 'c1'));
    expect(isEngineError(error, 'damaged')).toBe(true);
    const file = join(dir, 'audit', 'c1.jsonl');
    expect(damageOf(error)).toMatchObject({ file, name: 'audit', id: 'c1', line: 2 });
    expect(told).toEqual([damageOf(error)]);
    // What an answer may carry names the file inside the store, never the server's path.
    expect((error as Error).message).toBe('数据文件损坏：audit/c1.jsonl 第 2 行');
  });

  it('reports a document that is not JSON as damaged, with the file', async () => {
    await mkdir(join(dir, 'cases'));
    await writeFile(join(dir, 'cases', 'c1.json'), '{"title":');
    const error = await rejection(store.get('cases', 'c1'));
    expect(damageOf(error)).toMatchObject({ file: join(dir, 'cases', 'c1.json'), name: 'cases', id: 'c1' });
    expect((error as Error).message).toBe('数据文件损坏：cases/c1.json');
  });

  it('lists only documents: not logs, temp files or foreign files', async () => {
    await store.put('cases', 'c1', {});
    await store.append('cases', 'c2', [1]);
    await writeFile(join(dir, 'cases', '.c3.json.tmp'), '{"half');
    await writeFile(join(dir, 'cases', 'notes.txt'), 'hello');
    await writeFile(join(dir, 'cases', 'bad name.json'), '{}');
    expect(await store.list('cases')).toEqual(['c1']);
  });

  it('lands 200 puts to 200 documents started together', async () => {
    const ids = Array.from({ length: 200 }, (_, n) => `case-${String(n).padStart(3, '0')}`);
    await Promise.all(ids.map((id, n) => store.put('cases', id, { id, n, title: `第${n}号` })));
    expect(await store.list('cases')).toEqual(ids);
    for (const [n, id] of ids.entries()) {
      expect(JSON.parse(await readFile(join(dir, 'cases', `${id}.json`), 'utf8'))).toEqual({
        id,
        n,
        title: `第${n}号`,
      });
    }
    await store.close();
    expect((await filesUnder(dir)).filter((file) => file.endsWith('.tmp'))).toEqual([]);
  });

  it('lands 50 puts to the same document started together, the last one last', async () => {
    const versions = Array.from({ length: 50 }, (_, n) => n + 1);
    await Promise.all(versions.map((version) => store.put('cases', 'same', { version, body: '内容'.repeat(500) })));
    const onDisk = JSON.parse(await readFile(join(dir, 'cases', 'same.json'), 'utf8')) as unknown;
    expect(onDisk).toEqual({ version: 50, body: '内容'.repeat(500) });
    await store.close();
    expect(await filesUnder(dir)).toEqual([join('cases', 'same.json')]);
  });

  it('leaves a whole document when the writing process is killed', async () => {
    for (let round = 1; round <= 3; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', CRASH_WRITER, dir], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => {
        child.once('exit', (_code, signal) => {
          resolve(signal);
        });
      });
      await new Promise<void>((resolve, reject) => {
        child.stdout.once('data', () => {
          resolve();
        });
        child.once('exit', () => {
          reject(new Error('crash writer exited before writing'));
        });
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');

      const text = await readFile(join(dir, 'cases', 'crash.json'), 'utf8');
      const document = JSON.parse(text) as { version: number; body: string };
      expect(document.version).toBeGreaterThan(0);
      expect(document.body).toBe(`第${document.version}版`.repeat(5000));
      expect(await new LowdbStore(dir).get('cases', 'crash')).toEqual(document);
      expect(await store.list('cases')).toEqual(['crash']);
    }
  });
});
