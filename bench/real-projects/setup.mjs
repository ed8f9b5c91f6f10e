#!/usr/bin/env node
// Prepares one of the real projects of bench/real-projects.md from scratch, for
// `npm run bench:real -- --project=DIR`: clones the public repository at the pinned commit,
// applies the setup edits the recipe lists, runs `npm install` and writes the project's
// quality-gates.config.yml (the file next to this script). The bench itself never
// downloads anything; this script does (git clone, npm install).
//
//   node bench/real-projects/setup.mjs --project=date-fns --dir=/work/real/date-fns
//   node bench/real-projects/setup.mjs --project=changesets --dir=/work/real/changesets
//
// Flags: --from=URL|PATH clones from there instead of GitHub (a mirror; the commit must be
// in it), --no-install skips `npm install` (to check the edits alone). Exit 2 on bad flags or
// a DIR that exists and is not empty; 1 when a step fails (its output is shown).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/**
 * The projects: public repository, pinned commit, and the edits that make `npm install`
 * and the project's own test command work outside its usual package manager.
 */
const PROJECTS = {
  'date-fns': {
    url: 'https://github.com/date-fns/date-fns.git',
    commit: 'dd66398305c2b015fba3c1b3d31ccff42ee8d4cf',
    edit: editDateFns,
  },
  changesets: {
    url: 'https://github.com/changesets/changesets.git',
    commit: 'e4da05f800c6e087a46dfb6f0d037a2f37d2e1b8',
    edit: () => {},
  },
};

/**
 * date-fns is a pnpm workspace: its devDependencies name workspace packages (`workspace:^`)
 * that npm cannot install. They are replaced by the set the unit tests need, and the
 * packageManager pin (pnpm) is removed. src/tsconfig.json references the git submodules
 * submodules/{tz,utc}, which a plain clone does not check out; vite's tsconfck fails on the
 * missing references, so they are removed.
 */
function editDateFns(dir) {
  const manifestPath = join(dir, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  manifest.devDependencies = {
    vitest: '3.2.4',
    '@date-fns/tz': '^1.4.1',
    '@date-fns/utc': '^2.1.1',
    sinon: '^7.5.0',
    lodash: '^4.17.21',
    'js-fns': '^2.5.2',
    'fp-ts': '^2.16.10',
    '@types/node': '^20.19.9',
  };
  delete manifest.packageManager;
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  // The file has comments (JSONC): remove the one key as text, keeping the rest as it is.
  const tsconfigPath = join(dir, 'src', 'tsconfig.json');
  const tsconfig = readFileSync(tsconfigPath, 'utf8');
  const edited = tsconfig.replace(/\n[ \t]*"references":\s*\[[^\]]*\],?/, '');
  if (edited === tsconfig)
    throw new Error(`${tsconfigPath}: no "references" list found — is the clone at the pinned commit?`);
  writeFileSync(tsconfigPath, edited);
}

function run(argv, cwd) {
  console.log(`$ ${argv.join(' ')}${cwd ? `   (in ${cwd})` : ''}`);
  const result = spawnSync(argv[0], argv.slice(1), { cwd, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${argv.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

function main() {
  const flags = process.argv.slice(2);
  const value = (name) => flags.find((flag) => flag.startsWith(`--${name}=`))?.slice(name.length + 3);
  const name = value('project');
  const dirFlag = value('dir');
  const project = PROJECTS[name];
  if (!project || !dirFlag) {
    console.error(
      `usage: setup.mjs --project=${Object.keys(PROJECTS).join('|')} --dir=DIR [--from=URL|PATH] [--no-install]; got ${JSON.stringify(flags)}`,
    );
    return 2;
  }
  const dir = resolve(dirFlag);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    console.error(`${dir} exists and is not empty: give a new folder (the recipe starts from a fresh clone)`);
    return 2;
  }
  run(['git', 'clone', '--no-checkout', value('from') ?? project.url, dir]);
  run(['git', 'checkout', '--detach', project.commit], dir);
  project.edit(dir);
  copyFileSync(join(HERE, `${name}.quality-gates.config.yml`), join(dir, 'quality-gates.config.yml'));
  console.log(`wrote ${join(dir, 'quality-gates.config.yml')}`);
  if (!flags.includes('--no-install')) run(['npm', 'install', '--no-audit', '--no-fund'], dir);
  console.log(`\nready: npm run bench:real -- --project=${dir}`);
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`setup: ${error.message}`);
  process.exitCode = 1;
}
