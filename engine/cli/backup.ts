// npm run backup -- --to <dir> [--from DATA_DIR] [--force] [--json]
// A consistent snapshot of the embedded store, taken while the server runs (engine/transfer/backup.ts):
// every audit chain verified, a manifest with the SHA-256 of every file, built beside <dir> and renamed
// into place. Restore with `npm run restore`. For PostgreSQL: pg_dump (README, "Moving and keeping data").
// Exit 0 done; 1 refused or failed (nothing written); 2 bad arguments.
import { backupDataDir } from '../transfer/backup.js';
import { progressLine } from './progress-line.js';
import { dataDirCommand } from './transfer-output.js';

await dataDirCommand({
  name: 'backup',
  usage: 'npm run backup -- --to /backups/qbz-2026-12-02 [--from ./data] [--force]',
  dataDirOption: 'from',
  title: '已备份 / backed up',
  run: (options) => backupDataDir({ ...options, onProgress: progressLine() }),
});
