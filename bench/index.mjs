#!/usr/bin/env node
// npm run bench [name…]: runs bench/<name>.mjs for each name (all of them without names).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && f !== 'index.mjs')
  .map((f) => f.replace(/\.mjs$/, ''))
  .sort();
const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('-'));
let failed = false;
for (const name of names.length ? names : available) {
  const file = join(here, `${name}.mjs`);
  if (!existsSync(file)) {
    console.error(`no benchmark '${name}'; available: ${available.join(', ')}`);
    process.exit(2);
  }
  console.log(`\n=== bench ${name} ===`);
  const result = spawnSync(process.execPath, [file, ...flags], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
