import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { baseEnv, configWithBusyLock, JEST_PROJECT, readReport, scratchDir } from './helpers.js';

// Output loss and /proc need the real CLI process: bundle it once, as users run it.
let cli = '';
beforeAll(() => {
  const out = join(scratchDir(), 'dist');
  execFileSync(process.execPath, [join(REPO_ROOT, 'scripts/bundle.mjs'), '--outdir', out], { cwd: REPO_ROOT });
  cli = join(out, 'cli.js');
});

const run = (args: string[]) =>
  runCli(['run', '--config', 'configs/basic.yml', ...args], { cwd: JEST_PROJECT, env: baseEnv() });

describe('output paths are checked before the lock and the first module', () => {
  const cases: [string, (dir: string) => string[], RegExp][] = [
    [
      'a report under a regular file',
      (dir) => ['--report', join(dir, 'file.txt', 'report.json')],
      /file\.txt is a file, so no folder can be made under it/,
    ],
    ['a folder as the report', (dir) => ['--report', join(dir, 'folder')], /is a folder, not a file/],
    [
      'a JUnit file on /sys',
      (dir) => ['--report', join(dir, 'r.json'), '--junit', '/sys/kernel/qg-junit.xml'],
      /is on \/sys, a kernel file system/,
    ],
    [
      'a summary under a regular file',
      (dir) => ['--report', join(dir, 'r.json'), '--summary', join(dir, 'file.txt', 'deeper', 'summary.md')],
      /is a file, so no folder can be made under it/,
    ],
  ];
  test.each(cases)('%s: exit 2 naming the path, the lock never taken, nothing run', async (_name, args, why) => {
    const dir = scratchDir();
    writeFileSync(join(dir, 'file.txt'), 'a file\n');
    mkdirSync(join(dir, 'folder'));
    // The lock is busy with a 1 s timeout: had the check come after it, the exit would be 75.
    const { config, release } = await configWithBusyLock(dir);
    try {
      const result = await runCli(['run', '--config', config, ...args(dir)], { cwd: JEST_PROJECT, env: baseEnv() });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(why);
      expect(result.stderr).toMatch(
        /^quality-gates run: cannot write the (report JSON|JUnit XML|summary) at \/.* — give a path in a folder this user can write to\n$/,
      );
      expect(result.stdout).not.toMatch(/lock:|\[1\//);
    } finally {
      release();
    }
  });

  test('a report under /proc fails at once (Node would spin in mkdir forever there)', () => {
    const result = spawnSync(
      process.execPath,
      [cli, 'run', '--config', 'configs/basic.yml', '--report', '/proc/self/qg/deeper/report.json'],
      {
        cwd: JEST_PROJECT,
        env: baseEnv(),
        encoding: 'utf8',
        timeout: 30_000,
        // It ignored SIGTERM when it spun.
        killSignal: 'SIGKILL',
      },
    );
    expect(result.signal).toBeNull();
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /cannot write the report JSON at \/proc\/self\/qg\/deeper\/report\.json: is on \/proc, a kernel file system/,
    );
  });

  test('a writable path is created as before', async () => {
    const dir = scratchDir();
    const report = join(dir, 'new', 'folder', 'report.json');
    const result = await run(['--module', 'pass', '--report', report, '--junit', join(dir, 'other', 'junit.xml')]);
    expect(result.code).toBe(0);
    expect(readReport(report).status).toBe('passed');
    expect(existsSync(join(dir, 'other', 'junit.xml'))).toBe(true);
  });
});

describe('output loss', () => {
  test('stdout closed early (run | head -1): every module still runs and the report is written', async () => {
    const dir = scratchDir();
    const report = join(dir, 'report.json');
    const child = spawn(
      process.execPath,
      [cli, 'run', '--config', 'configs/basic.yml', '--report', report, '--summary', '-'],
      {
        cwd: JEST_PROJECT,
        env: baseEnv(),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Like `head -1`: read the first chunk, then close the reading end of the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (exitCode) => resolve(exitCode)));
    expect(stderr).not.toMatch(/EPIPE.*\n\s+at |unexpected error|Unhandled/);
    expect(code).toBe(1);
    const parsed = readReport(report);
    expect(parsed.modules.map((m) => [m.name, m.status])).toEqual([
      ['empty', 'failed'],
      ['fail', 'failed'],
      ['pass', 'passed'],
      ['pass-more', 'passed'],
    ]);
    // The loss is said once, on stderr and in the report.
    expect(parsed.warnings).toEqual([
      expect.stringMatching(/^stdout failed \(.*EPIPE.*\); its output was dropped from then on and the run went on/),
    ]);
    expect(stderr.match(/stdout failed/g)).toHaveLength(1);
  });
});
