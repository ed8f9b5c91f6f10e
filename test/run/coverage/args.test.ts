import { describe, expect, it } from 'vitest';
import { coverageRequested, ownedOptionValues, processCoverageArgs } from '../../../src/run/coverage/args.js';
import { settingsFromArgs, settingsFromJestConfig, DEFAULT_REPORTERS } from '../../../src/run/coverage/settings.js';

describe('per-process coverage arguments', () => {
  it('jest: its own directory, json only, no thresholds; the project’s own options are taken out', () => {
    const args = ['--coverage', '--coverageDirectory', 'out', '--coverageReporters', 'text', 'lcov', '--ci', '--coverageThreshold={"global":{"lines":90}}'];
    expect(processCoverageArgs('jest', args, '/run/p1')).toEqual(['--coverage', '--ci', '--coverageDirectory=/run/p1', '--coverageReporters=json', '--coverageThreshold={}']);
  });

  it('vitest: reportsDirectory and reporter, zero global thresholds', () => {
    expect(processCoverageArgs('vitest', ['--coverage.enabled', '--coverage.reporter=html', '--coverage.reportsDirectory=cov'], '/run/p2')).toEqual([
      '--coverage.enabled',
      '--coverage.reportsDirectory=/run/p2',
      '--coverage.reporter=json',
      '--coverage.thresholds.lines=0',
      '--coverage.thresholds.functions=0',
      '--coverage.thresholds.branches=0',
      '--coverage.thresholds.statements=0',
    ]);
  });

  it('reads the project’s values of the options it replaces', () => {
    expect(ownedOptionValues('jest', ['--coverageReporters=lcov', '--coverageReporters', 'text', 'json', '--ci'], '--coverageReporters')).toEqual(['lcov', 'text', 'json']);
    expect(ownedOptionValues('jest', ['--ci'], '--coverageDirectory')).toBeUndefined();
    expect(settingsFromArgs('vitest', ['--coverage.reportsDirectory', 'out/cov'], '/p', { directory: '/p/coverage', reporters: DEFAULT_REPORTERS, source: 'defaults' })).toEqual({
      directory: '/p/out/cov',
      reporters: DEFAULT_REPORTERS,
      source: 'arguments',
    });
  });

  it('knows when the arguments ask for coverage', () => {
    expect(coverageRequested('jest', ['--coverage'])).toBe(true);
    expect(coverageRequested('jest', ['--collectCoverage=true'])).toBe(true);
    expect(coverageRequested('jest', ['--coverage', '--no-coverage'])).toBe(false);
    expect(coverageRequested('jest', ['--coverageDirectory=x'])).toBe(false);
    expect(coverageRequested('vitest', ['--coverage.enabled=true'])).toBe(true);
    expect(coverageRequested('vitest', ['--coverage.enabled=false'])).toBe(false);
    expect(coverageRequested('vitest', [])).toBe(false);
  });

  it('reads jest --showConfig output; anything else is not settings', () => {
    const shown = JSON.stringify({ globalConfig: { coverageDirectory: '/p/coverage', coverageReporters: ['json', ['text', { skipFull: true }]], coverageThreshold: { global: { lines: 80 } } } });
    expect(settingsFromJestConfig(shown, '/p')).toEqual({ directory: '/p/coverage', reporters: ['json', ['text', { skipFull: true }]], thresholds: { lines: 80 }, source: 'jest --showConfig' });
    expect(settingsFromJestConfig('● Validation Error', '/p')).toBeUndefined();
    expect(settingsFromJestConfig('{}', '/p')).toBeUndefined();
  });
});
