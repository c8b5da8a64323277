// npm run restore -- --from <backup dir> [--to DATA_DIR] [--force] [--json]
// Restores a backup made by `npm run backup` (engine/transfer/backup.ts): its manifest's checksums
// checked first, every audit chain verified, built beside the target and renamed into place. Refused
// while a server runs on the target (its server.pid), and for a non-empty target unless --force (the
// old content is then moved aside, never deleted). Exit 0 done; 1 refused or failed; 2 bad arguments.
import { restoreBackup } from '../transfer/backup.js';
import { progressLine } from './progress-line.js';
import { dataDirCommand } from './transfer-output.js';

await dataDirCommand({
  name: 'restore',
  usage: 'npm run restore -- --from /backups/qbz-2026-12-02 --to ./data [--force]',
  dataDirOption: 'to',
  title: '已恢复 / restored',
  run: (options) => restoreBackup({ ...options, onProgress: progressLine() }),
});
