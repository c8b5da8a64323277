// npm run --silent scenario -- FILE.json [--definitions DIR] [--json]   (CONTRACT §5)
// Exit 0: every expectation holds; 1: a step failed (its index and reason); 2: the scenario cannot be run.
import { scenarioCli } from '../scenario/scenario-cli.js';

process.exitCode = await scenarioCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
