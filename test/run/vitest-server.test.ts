import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { baseEnv, eventually, isAlive, moduleNamed, readReport, scratchDir } from './helpers.js';

const PROJECT = fileURLToPath(new URL('../fixtures/run/vitest-server-project', import.meta.url));

interface Note {
  what: 'setup' | 'teardown' | 'file';
  file?: string;
  pid: number;
  ppid?: number;
  slot?: string;
  db?: string;
}

function notes(path: string): Note[] {
  return existsSync(path)
    ? readFileSync(path, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Note)
    : [];
}

async function run(args: string[]) {
  const dir = scratchDir();
  const log = join(dir, 'notes.jsonl');
  const report = join(dir, 'report.json');
  const result = await runCli(['run', '--history', 'none', '--report', report, ...args], {
    cwd: PROJECT,
    env: baseEnv({ SERVER_TEST_LOG: log }),
  });
  return { result, report: readReport(report), notes: notes(log), dir };
}

describe('vitest: one long-lived vitest per slot', () => {
  test('two slots: each slot one vitest (its globalSetup once, torn down at the end), each item a fresh worker, the slot env', async () => {
    const {
      result,
      report,
      notes: seen,
    } = await run(['--slots', '2', '--module', 'alpha', '--module', 'beta', '--module', 'gamma', '--module', 'delta']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('vitest: one long-lived vitest per slot (2 processes) runs the work items');
    expect(report.schedule?.vitestServers).toBe(2);
    expect(report.modules.map((m) => [m.name, m.status]).sort()).toEqual([
      ['alpha', 'passed'],
      ['beta', 'passed'],
      ['delta', 'passed'],
      ['gamma', 'passed'],
    ]);
    const files = seen.filter((note) => note.what === 'file');
    expect(files.map((note) => note.file).sort()).toEqual(['alpha', 'beta', 'delta', 'gamma']);
    // The workers' parents are the slots' servers: two of them, one per slot, with the slot's own variables.
    const servers = new Map(files.map((note) => [note.ppid, note.slot]));
    expect(servers.size).toBe(2);
    expect([...servers.values()].sort()).toEqual(['1', '2']);
    for (const note of files) expect(note.db).toBe(`db_${note.slot}`);
    // Every item ran in a worker of its own: no module's heap carries into the next.
    expect(new Set(files.map((note) => note.pid)).size).toBe(4);
    // globalSetup ran once in each server, and its teardown ran when the run closed them.
    const setups = seen.filter((note) => note.what === 'setup');
    const teardowns = seen.filter((note) => note.what === 'teardown');
    expect(setups.map((note) => note.pid).sort()).toEqual([...servers.keys()].sort());
    expect(teardowns.map((note) => note.pid).sort()).toEqual([...servers.keys()].sort());
    for (const pid of servers.keys()) expect(isAlive(pid!)).toBe(false);
    // Each module's figures are its own: suites, duration, heap; its log holds its output only.
    const alpha = moduleNamed(report, 'alpha');
    expect(alpha.tests).toMatchObject({ total: 1, passed: 1 });
    expect(alpha.peakHeapMB).toBeGreaterThan(1);
    expect(alpha.durationMs).toBeGreaterThan(0);
    const alphaLog = readFileSync(alpha.logPath!, 'utf8');
    expect(alphaLog).toContain('modules/alpha/alpha.test.js');
    expect(alphaLog).not.toContain('modules/beta/beta.test.js');
    expect(alphaLog).not.toContain('\x1e');
  });

  test('a worker killed mid-test: that module crashed, the next item runs on the same server', async () => {
    const { report, notes: seen } = await run(['--module', 'crash', '--module', 'alpha']);
    expect(moduleNamed(report, 'crash')).toMatchObject({
      status: 'crashed',
      runningSuite: 'modules/crash/crash.test.js',
    });
    expect(moduleNamed(report, 'alpha').status).toBe('passed');
    const files = seen.filter((note) => note.what === 'file');
    expect(new Set(files.map((note) => note.ppid)).size).toBe(1);
  });

  test('a module over its timeout: the server is killed, the module timed out, the next item gets a new server', async () => {
    const { report, notes: seen } = await run([
      '--timeout',
      '3s',
      '--module',
      'beta',
      '--module',
      'hang',
      '--module',
      'omega',
    ]);
    expect(moduleNamed(report, 'hang')).toMatchObject({ status: 'timeout' });
    expect(moduleNamed(report, 'beta').status).toBe('passed');
    expect(moduleNamed(report, 'omega').status).toBe('passed');
    expect(report.schedule?.vitestServers).toBe(2);
    const files = seen.filter((note) => note.what === 'file');
    const [beta, hang, omega] = ['beta', 'hang', 'omega'].map((name) => files.find((note) => note.file === name)!);
    // One slot, items in order: beta and hang on the first server, omega on a new one.
    expect(hang.ppid).toBe(beta.ppid);
    expect(omega.ppid).not.toBe(hang.ppid);
    // Nothing of the killed server is left.
    expect(isAlive(hang.ppid!)).toBe(false);
    expect(isAlive(hang.pid)).toBe(false);
  });

  test('--no-vitest-server: a test process per work item, as before', async () => {
    const { result, report, notes: seen } = await run(['--no-vitest-server', '--module', 'alpha', '--module', 'beta']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('vitest: a test process per work item (vitestServer is off)');
    expect(report.schedule?.vitestServers).toBeUndefined();
    expect(report.modules.every((m) => m.status === 'passed')).toBe(true);
    // Two processes, each with its own globalSetup.
    expect(seen.filter((note) => note.what === 'setup')).toHaveLength(2);
  });

  test('explicit paths run on the server too, exactly those files', async () => {
    const { result, report } = await run(['--', 'modules/alpha/alpha.test.js', 'modules/gamma/']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('vitest: one long-lived vitest per slot');
    expect(report.modules.flatMap((m) => m.suites.map((s) => s.file)).sort()).toEqual([
      'modules/alpha/alpha.test.js',
      'modules/gamma/gamma.test.js',
    ]);
  });

  test('SIGTERM mid-item: forwarded to the server, the module interrupted, the rest not run, nothing left', async () => {
    // Signals need the real CLI process: bundle it, as users run it.
    const dir = scratchDir();
    execFileSync(process.execPath, [join(REPO_ROOT, 'scripts/bundle.mjs'), '--outdir', join(dir, 'dist')], {
      cwd: REPO_ROOT,
    });
    const log = join(dir, 'notes.jsonl');
    const report = join(dir, 'report.json');
    const child = spawn(
      process.execPath,
      [
        join(dir, 'dist', 'cli.js'),
        'run',
        '--history',
        'none',
        '--report',
        report,
        '--module',
        'hang',
        '--module',
        'omega',
      ],
      { cwd: PROJECT, env: baseEnv({ SERVER_TEST_LOG: log }), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    expect(await eventually(() => notes(log).some((note) => note.file === 'hang'), 60_000)).toBe(true);
    child.kill('SIGTERM');
    expect(await exited).toBe(130);
    const parsed = readReport(report);
    expect(parsed.status).toBe('interrupted');
    expect(moduleNamed(parsed, 'hang')).toMatchObject({ status: 'crashed', runningSuite: 'modules/hang/hang.test.js' });
    expect(moduleNamed(parsed, 'omega')).toMatchObject({
      status: 'skipped',
      reason: 'not run: interrupted by SIGTERM',
    });
    const hang = notes(log).find((note) => note.file === 'hang')!;
    expect(await eventually(() => !isAlive(hang.ppid!) && !isAlive(hang.pid))).toBe(true);
  });

  test("a module's imports are its own time, not the start-up a pack saves", async () => {
    const { report } = await run(['--module', 'slowimport']);
    const module = moduleNamed(report, 'slowimport');
    expect(module.status).toBe('passed');
    // The file starts (for the reporter) before vitest imports it: its 700 ms import is after
    // the start-up, inside the module's own time.
    expect(module.startupMs).toBeDefined();
    expect(module.durationMs - module.startupMs!).toBeGreaterThanOrEqual(700);
  });
});
