// npm run validate -- [DIR] [--json]: checks definition files; exit 0 when clean, 1 with the problems.
import { validateCommand } from './validate-command.js';

process.exitCode = await validateCommand(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
