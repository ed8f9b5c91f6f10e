import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReportSchema, type ModuleResult, type Report } from '../../src/report/schema.js';

import { childrenOf } from '../../scripts/lib/processes.mjs';

export { childrenOf, isAlive } from '../../scripts/lib/processes.mjs';

/** The jest fixture project (jest resolves from the repository's node_modules). */
export const JEST_PROJECT = fileURLToPath(new URL('../fixtures/run/jest-project', import.meta.url));
/** The vitest fixture project. */
export const VITEST_PROJECT = fileURLToPath(new URL('../fixtures/run/vitest-project', import.meta.url));

/** A fresh temp dir for one test's report and logs. */
export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'qg-run-test-'));
}

/** Reads a report and validates it against the published schema. */
export function readReport(path: string): Report {
  return ReportSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** The module called `name` in a report (fails the test when missing). */
export function moduleNamed(report: Report, name: string): ModuleResult {
  const found = report.modules.find((module) => module.name === name);
  if (!found) throw new Error(`module ${name} not in report: ${report.modules.map((m) => m.name).join(', ')}`);
  return found;
}

/** Waits (polling) until `check` holds or `ms` passed; returns the last result. */
export async function eventually(check: () => boolean, ms = 5000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

/** A minimal environment for the tool and its children. */
export function baseEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
}

/**
 * Empty GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files in `dir`, as the runner provides them,
 * set in process.env too (@actions/core writes through it; an action test runs in its own
 * fork) and in the returned `env` for the run, with GITHUB_ACTIONS=true.
 */
export function actionFiles(dir: string): { outputFile: string; summaryFile: string; env: NodeJS.ProcessEnv } {
  const outputFile = join(dir, 'output.txt');
  const summaryFile = join(dir, 'summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  process.env.GITHUB_OUTPUT = outputFile;
  process.env.GITHUB_STEP_SUMMARY = summaryFile;
  return {
    outputFile,
    summaryFile,
    env: baseEnv({ GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile }),
  };
}

/**
 * A config (in `dir`) for the basic modules under a flock lock named "busy" with a 1 s
 * timeout, and that lock held by somebody else: a plain util-linux flock running sleep.
 * Resolves once the lock is held; `release()` kills the holder.
 */
export async function configWithBusyLock(dir: string): Promise<{ config: string; release: () => void }> {
  const lockDir = join(dir, 'locks');
  mkdirSync(lockDir);
  const config = join(dir, 'lock-timeout.yml');
  writeFileSync(
    config,
    `modules:\n  root: suites/basic\nlock:\n  name: busy\n  dir: ${JSON.stringify(lockDir)}\n  timeout: 1\n`,
  );
  const holder = spawn('/usr/bin/flock', ['--exclusive', join(lockDir, 'busy.lock'), 'sleep', '30'], {
    stdio: 'ignore',
  });
  const release = () => holder.kill('SIGKILL');
  // flock starts sleep only once it holds the lock.
  if (!(await eventually(() => childrenOf(holder.pid!, 'sleep').length > 0, 10_000))) {
    release();
    throw new Error('the other flock never took the lock');
  }
  return { config, release };
}

const madeModules: string[] = [];

/** Removes every folder {@link tempModules} made in this test file (call in afterAll). */
export function removeTempModules(): void {
  for (const root of madeModules.splice(0)) rmSync(root, { recursive: true, force: true });
}

/**
 * Module folders made for one test inside the jest fixture project (so jest resolves from
 * the repository), under its git-ignored `.tmp/`, with a config whose module root they
 * are. `modules` maps folder name → file name → content.
 */
export function tempModules(
  modules: Record<string, Record<string, string>>,
  extraConfig = '',
): { root: string; config: string } {
  const base = join(JEST_PROJECT, '.tmp');
  mkdirSync(base, { recursive: true });
  const root = mkdtempSync(join(base, 'modules-'));
  madeModules.push(root);
  for (const [name, files] of Object.entries(modules)) {
    mkdirSync(join(root, name));
    for (const [file, text] of Object.entries(files)) writeFileSync(join(root, name, file), text);
  }
  const config = join(root, 'quality-gates.config.yml');
  writeFileSync(config, `modules:\n  root: ${JSON.stringify(relative(JEST_PROJECT, root))}\n${extraConfig}`);
  return { root, config };
}
