import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePath, encodePath } from '../../src/changes/path-bytes.js';
import { resolveChanges } from '../../src/changes/resolve.js';
import { runCli } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git.js';

/**
 * File names that are not UTF-8 come through git -z as bytes and stay distinct and exact:
 * each byte that is not valid UTF-8 becomes U+DC80+byte (decodePath), and encodePath gives
 * the original bytes back.
 */
const ROOT = 'testing/backend/integration';
let repo: TempRepo;
let base: string;
const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));
// Two names that differ only in a byte that is not UTF-8 (0xfe vs 0xff), a Latin-1 name in
// a module, and a module folder whose own name is Latin-1.
const NAMES = [
  bytes('src/nonutf', [0xfe], '.js'),
  bytes('src/nonutf', [0xff], '.js'),
  bytes(`${ROOT}/orders/caf`, [0xe9], '.test.js'),
  bytes(`${ROOT}/l`, [0xe9], 'gacy/a.test.js'),
];

beforeAll(() => {
  repo = TempRepo.init();
  base = repo.commit('base', {
    [`${ROOT}/orders/a.test.js`]: 'test',
    [`${ROOT}/users/a.test.js`]: 'test',
    [`${ROOT}/search/a.test.js`]: 'test',
    'README.md': '#',
  });
  for (const name of NAMES) {
    const full = Buffer.concat([Buffer.from(`${repo.dir}/`), name]);
    mkdirSync(full.subarray(0, full.lastIndexOf('/')), { recursive: true });
    writeFileSync(full, 'x');
  }
  repo.git('add', '-A');
  repo.git('commit', '--quiet', '-m', 'non-UTF-8 names');
});

afterAll(() => repo.remove());

/** The parts of `quality-gates plan` JSON these tests read. */
interface PlanJson {
  changedFiles: number;
  allModules: string[];
  triggers: { file: string; modules: string[] }[];
}

describe('non-UTF-8 file names', () => {
  it('decodePath/encodePath round-trip any bytes and leave UTF-8 untouched', () => {
    for (const sample of [
      ...NAMES,
      Buffer.from('ünïcödé/😀 $(x).ts'),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from([0xf0, 0x9f, 0x98]),
      Buffer.from([0xc0, 0xaf]),
    ]) {
      expect(encodePath(decodePath(sample)).equals(sample)).toBe(true);
    }
    expect(decodePath(Buffer.from('ünïcödé/😀.ts'))).toBe('ünïcödé/😀.ts');
    expect(decodePath(bytes('a', [0xff], 'b'))).toBe('a\udcffb');
  });

  it('git diff names keep every byte: distinct, exact, and the files exist under those names', async () => {
    const changes = await resolveChanges({ cwd: repo.dir, env: {}, base, head: 'HEAD' });
    expect(changes.files).toHaveLength(4);
    expect(changes.files.some((file) => file.includes('\ufffd'))).toBe(false);
    expect(changes.files.map((file) => encodePath(file).toString('hex')).sort()).toEqual(
      NAMES.map((name) => name.toString('hex')).sort(),
    );
    for (const file of changes.files) expect(existsSync(encodePath(`${repo.dir}/${file}`))).toBe(true);
  });

  it('the plan counts and matches them exactly, module folders with such names included', async () => {
    const result = await runCli(['plan', '--base', base, '--head', 'HEAD'], { cwd: repo.dir, env: {} });
    expect(result.code, result.stderr).toBe(0);
    const plan = JSON.parse(result.stdout) as PlanJson;
    expect(plan.changedFiles).toBe(4);
    expect(plan.allModules).toEqual(['l\udce9gacy', 'orders', 'search', 'users']);
    const byFile = Object.fromEntries(plan.triggers.map((t) => [t.file, t.modules]));
    expect(byFile[`${ROOT}/orders/caf\udce9.test.js`]).toEqual(['orders']);
    expect(byFile[`${ROOT}/l\udce9gacy/a.test.js`]).toEqual(['l\udce9gacy']);
    // The JSON says which byte it was: \udcfe and \udcff, not two U+FFFD.
    expect(result.stdout).toContain('"file":"src/nonutf\\udcfe.js"');
  });
});

describe('--files with non-UTF-8 names', () => {
  it('reads the list as bytes too, so git diff -z --name-only | plan --files - agrees with plan --base', async () => {
    const list = Buffer.concat(NAMES.flatMap((name) => [name, Buffer.from([0])]));
    const { PassThrough } = await import('node:stream');
    const { main } = await import('../../src/cli/main.js');
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const stdin = new PassThrough();
    stdin.end(list);
    const code = await main(['plan', '--files', '-'], {
      cwd: repo.dir,
      env: {},
      stdin,
      stdout,
      stderr: new PassThrough(),
    });
    expect(code).toBe(0);
    const plan = JSON.parse(out) as PlanJson;
    expect(plan.changedFiles).toBe(4);
    expect(plan.triggers.map((t) => encodePath(t.file).toString('hex')).sort()).toEqual(
      NAMES.map((name) => name.toString('hex')).sort(),
    );
  });
});
