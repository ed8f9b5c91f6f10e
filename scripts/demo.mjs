#!/usr/bin/env node
// Placeholder replaced by the runner issue: plans the example project with the real CLI.
import { spawnSync } from 'node:child_process';
const r = spawnSync(process.execPath, ['dist/cli.js', 'plan', '--full', '--format', 'text'], { cwd: new URL('../examples/backend', import.meta.url).pathname, stdio: 'inherit' });
process.exit(r.status ?? 1);
