import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processCoverageArgs } from '../../../src/run/coverage/args.js';
import { mergeCoverage } from '../../../src/run/coverage/merge.js';
import { discoverCoverageSettings, type CoverageSettings } from '../../../src/run/coverage/settings.js';

// A tiny jest project run in two real jest processes, each covering different files, the
// way packs and slots run a project; the merge must give the coverage of both.
const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const JEST = join(REPO, 'node_modules/jest/bin/jest.js');
const run = promisify(execFile);

let project: string;
let settings: CoverageSettings;
const processDirs: string[] = [];
const exits: number[] = [];

function write(path: string, text: string): void {
  mkdirSync(join(project, path, '..'), { recursive: true });
  writeFileSync(join(project, path), text);
}

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'qg-coverage-'));
  symlinkSync(join(REPO, 'node_modules'), join(project, 'node_modules'), 'dir');
  write('package.json', '{ "name": "coverage-fixture", "private": true }\n');
  // Reporters, directory and a global threshold each process alone would miss (it covers half).
  write(
    'jest.config.cjs',
    `module.exports = { testEnvironment: 'node', transform: {}, collectCoverageFrom: ['src/**/*.js'],
  coverageDirectory: 'reports/coverage', coverageReporters: ['json-summary', 'lcov', ['text', { file: 'coverage.txt' }]],
  coverageThreshold: { global: { lines: 90 } } };\n`,
  );
  write('src/billing.js', 'exports.total = (lines) => lines.reduce((sum, line) => sum + line, 0);\nexports.unused = () => 1;\n');
  write('src/orders.js', "exports.place = (id) => ({ id, status: 'placed' });\n");
  write('src/shared.js', 'exports.left = () => "left";\nexports.right = () => "right";\n');
  write('tests/billing/billing.test.js', "const b = require('../../src/billing'); const s = require('../../src/shared');\ntest('total', () => { expect(b.total([1, 2])).toBe(3); expect(s.left()).toBe('left'); });\n");
  write('tests/orders/orders.test.js', "const o = require('../../src/orders'); const s = require('../../src/shared');\ntest('place', () => { expect(o.place('x').status).toBe('placed'); expect(s.right()).toBe('right'); });\n");

  const env = { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true' };
  settings = await discoverCoverageSettings('jest', project, ['--coverage'], env);
  for (const module of ['billing', 'orders']) {
    const dir = join(project, '.qg', `process-${module}`);
    processDirs.push(dir);
    const args = [JEST, `tests/${module}/`, '--runInBand', '--no-watchman', ...processCoverageArgs('jest', ['--coverage'], dir)];
    const exit = await run(process.execPath, args, { cwd: project, env }).then(
      () => 0,
      (caught: unknown) => {
        const error = caught as { code?: number; stderr?: string };
        console.error(error.stderr);
        return error.code ?? -1;
      },
    );
    exits.push(exit);
  }
});

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

function coveredFiles(file: string): string[] {
  return Object.keys(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)
    .map((path) => path.replace(`${project}/`, ''))
    .sort();
}

describe('coverage of several test processes', () => {
  it('finds the project’s reporters, directory and thresholds from jest --showConfig', () => {
    expect(settings).toEqual({
      directory: join(project, 'reports/coverage'),
      reporters: ['json-summary', 'lcov', ['text', { file: 'coverage.txt' }]],
      thresholds: { lines: 90 },
      source: 'jest --showConfig',
    });
  });

  it('each process writes its own istanbul JSON, passing without the global threshold it alone would miss', () => {
    expect(exits).toEqual([0, 0]);
    // Each process loaded only its own source files (collectCoverageFrom adds the others as zero).
    const hits = (dir: string, file: string) => {
      const data = JSON.parse(readFileSync(join(dir, 'coverage-final.json'), 'utf8')) as Record<string, { s: Record<string, number> }>;
      return Object.values(data[join(project, file)].s).reduce((a, b) => a + b, 0);
    };
    expect(hits(processDirs[0], 'src/billing.js')).toBeGreaterThan(0);
    expect(hits(processDirs[0], 'src/orders.js')).toBe(0);
    expect(hits(processDirs[1], 'src/orders.js')).toBeGreaterThan(0);
    expect(hits(processDirs[1], 'src/billing.js')).toBe(0);
  });

  it('the merged reports in the project’s coverage directory cover what both processes ran', () => {
    const missing = join(project, '.qg', 'process-crashed');
    const result = mergeCoverage({ projectDir: project, processDirectories: [...processDirs, missing], directory: settings.directory, reporters: settings.reporters, thresholds: settings.thresholds });
    expect(result.merged).toBe(2);
    expect(result.skipped).toEqual([{ directory: missing, reason: expect.stringContaining('no coverage-final.json') }]);
    expect(result.files).toBe(3);
    // Only billing.unused never ran: 5 of 6 functions, each file's from both processes.
    expect(result.totals.functions).toMatchObject({ covered: 5, total: 6 });
    expect(result.totals.lines.pct).toBeGreaterThanOrEqual(80);
    expect(result.thresholdFailures).toEqual(result.totals.lines.pct >= 90 ? [] : [expect.stringContaining('lines')]);

    const summary = JSON.parse(readFileSync(join(settings.directory, 'coverage-summary.json'), 'utf8')) as Record<string, { functions: { covered: number } }>;
    expect(summary.total.functions.covered).toBe(5);
    expect(summary[join(project, 'src/shared.js')].functions.covered).toBe(2);
    const lcov = readFileSync(join(settings.directory, 'lcov.info'), 'utf8');
    // Paths relative to the project, as jest writes them, whatever the tool's working directory.
    expect(lcov.match(/^SF:.*$/gm)?.sort()).toEqual(['SF:src/billing.js', 'SF:src/orders.js', 'SF:src/shared.js']);
    expect(readFileSync(join(settings.directory, 'lcov-report', 'index.html'), 'utf8')).toContain('shared.js');
    expect(readFileSync(join(settings.directory, 'coverage.txt'), 'utf8')).toMatch(/orders\.js\s*\|\s*100/);
  });

  it('returns what console reporters print instead of printing it; with nothing to merge, writes nothing', () => {
    const out = join(project, 'console-only');
    const result = mergeCoverage({ projectDir: project, processDirectories: processDirs, directory: out, reporters: ['text-summary', 'json'] });
    expect(result.consoleText).toMatch(/Statements\s*:\s*\d+(\.\d+)?% \( ?\d+\/\d+ ?\)/);
    expect(readdirSync(out)).toEqual(['coverage-final.json']);
    const none = mergeCoverage({ projectDir: project, processDirectories: [join(project, 'crashed')], directory: join(project, 'untouched'), reporters: ['json'] });
    expect(none).toMatchObject({ merged: 0, files: 0, consoleText: '' });
    expect(existsSync(join(project, 'untouched'))).toBe(false);
  });

  it('a threshold the merged coverage misses is reported', () => {
    const result = mergeCoverage({ projectDir: project, processDirectories: [processDirs[0]], directory: join(project, 'only-billing'), reporters: ['json'], thresholds: { functions: 90, statements: -1 } });
    expect(coveredFiles(join(project, 'only-billing', 'coverage-final.json'))).toEqual(['src/billing.js', 'src/orders.js', 'src/shared.js']);
    expect(result.thresholdFailures).toEqual([
      expect.stringMatching(/^coverage for functions \(\d+(\.\d+)?%\) does not meet the global threshold \(90%\)$/),
      expect.stringMatching(/^uncovered statements \(\d+\) exceed the global threshold \(1\)$/),
    ]);
  });
});
