import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReportSchema, type ModuleResult, type Report } from '../../src/report/schema.js';

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

/** Whether a process is still running (a zombie waiting for a reaper counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
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
