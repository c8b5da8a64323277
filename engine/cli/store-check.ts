// npm run store:check -- [DIR] [--json]   (npm keeps a --json written before the --: it never arrives)
// Reads every document and log of the data directory (DIR, else DATA_DIR, default ./data), lists the
// damaged files, verifies every audit chain and that every attachment's bytes are there. Read-only.
// Exit 0: all readable, every chain whole, every attachment's bytes there; 1: something is wrong
// (listed); 2: the directory cannot be read. Recovery: README, "Storage".
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkLowdbDirectory } from '../store/lowdb-check.js';

const { values, positionals } = parseArgs({
  options: { json: { type: 'boolean', default: false } },
  allowPositionals: true,
});
const dir = resolve(positionals[0] ?? process.env.DATA_DIR ?? 'data');

let report: Awaited<ReturnType<typeof checkLowdbDirectory>>;
try {
  report = await checkLowdbDirectory(dir);
} catch (error) {
  process.stderr.write(`无法读取数据目录 / cannot read the data directory ${dir}: ${(error as Error).message}\n`);
  process.exit(2);
}
const broken = report.chains.filter((chain) => chain.problems.length > 0);
const ok = report.damaged.length === 0 && broken.length === 0 && report.missingFiles.length === 0;

if (values.json) {
  process.stdout.write(`${JSON.stringify({ dir, ok, ...report }, null, 2)}\n`);
} else {
  const lines = [`${dir}: ${report.files} 个文件 / files, ${report.chains.length} 条审计链 / audit chains`];
  for (const damage of report.damaged) {
    const where = damage.line === undefined ? '' : ` (第 ${damage.line} 行 / line ${damage.line})`;
    lines.push(`损坏 / damaged: ${damage.file}${where}: ${damage.reason}`);
  }
  for (const missing of report.missingFiles) {
    const what =
      missing.reason === 'missing'
        ? '附件文件缺失 / attachment bytes missing'
        : '附件文件内容与校验和不符 / attachment bytes do not match their checksum';
    lines.push(`${what}: attachments/${missing.id} → ${missing.file}`);
  }
  for (const chain of broken) {
    for (const problem of chain.problems)
      lines.push(`审计链 / audit chain ${chain.log}/${chain.id}: ${problem.message}`);
  }
  lines.push(ok ? '完好 / ok' : '发现问题 / problems found (README, "Storage": recovery)');
  process.stdout.write(`${lines.join('\n')}\n`);
}
process.exit(ok ? 0 : 1);
