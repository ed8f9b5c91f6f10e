#!/usr/bin/env node
import { main } from './main.js';

// The only process.exit of the CLI: wait for stdout to drain so piped JSON is never cut.
const code = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
process.exitCode = code;
