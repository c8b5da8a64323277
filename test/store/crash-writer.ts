/**
 * Child process for the crash test in stores.test.ts: puts ever newer versions of one document until
 * it is killed. Usage: node --import tsx test/store/crash-writer.ts <data dir>
 */
import { LowdbStore } from '../../engine/store/index.js';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: crash-writer.ts <data dir>');
const store = new LowdbStore(dir);
for (let version = 1; ; version++) {
  // Large enough (~50 KB) that a kill often lands mid-write; stores.test.ts checks `body` by this formula.
  await store.put('cases', 'crash', { version, body: `第${version}版`.repeat(5000) });
  if (version === 1) process.stdout.write('ready\n');
}
