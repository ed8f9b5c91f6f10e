import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { defaultHistoryPath, readHistory, writeHistory } from '../../src/history/file.js';
import { emptyHistory } from '../../src/history/schema.js';
import { updateHistory } from '../../src/history/update.js';
import { QualityGatesError } from '../../src/errors.js';

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'qg-history-test-'));
}

const NOW = new Date('2026-11-30T12:00:00.000Z');

function sampleHistory() {
  return updateHistory(
    emptyHistory('0.1.0'),
    [
      {
        name: 'billing',
        status: 'passed',
        durationMs: 4200,
        peakHeapMB: 310,
        peakRssMB: 420,
        heapLimitMB: 2096,
        suites: [
          { durationMs: 1000, heapAfterMB: 160 },
          { durationMs: 1200, heapAfterMB: 220 },
          { durationMs: 800, heapAfterMB: 280 },
        ],
      },
    ],
    { now: NOW, runner: 'jest', toolVersion: '0.1.0' },
  );
}

describe('history file', () => {
  test('the default path is .quality-gates/history.json under the repository root', () => {
    expect(defaultHistoryPath('/repo')).toBe(join('/repo', '.quality-gates', 'history.json'));
  });

  test('round-trips through a real file, creating its folder', () => {
    const path = join(scratch(), 'nested', 'deeper', 'history.json');
    const history = sampleHistory();
    writeHistory(path, history);
    const read = readHistory(path);
    expect(read).toEqual({ history, mayOverwrite: true });
  });

  test('the atomic write leaves no temporary file behind and replaces the old content whole', () => {
    const dir = scratch();
    const path = join(dir, 'history.json');
    writeFileSync(path, 'old content that is longer than nothing');
    writeHistory(path, sampleHistory());
    expect(readdirSync(dir)).toEqual(['history.json']);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(sampleHistory());
  });

  test('a failed write throws a QualityGatesError naming the file and leaves no temporary file', () => {
    const dir = scratch();
    // A folder where the file should be: the rename fails after the temporary was written.
    const path = join(dir, 'history.json');
    mkdirSync(path);
    writeFileSync(join(path, 'keep'), '');
    let thrown: unknown;
    try {
      writeHistory(path, sampleHistory());
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(QualityGatesError);
    expect((thrown as Error).message).toContain(path);
    expect(readdirSync(dir)).toEqual(['history.json']);
  });

  test('a missing file is an empty history without a warning', () => {
    const read = readHistory(join(scratch(), 'none.json'));
    expect(read.warning).toBeUndefined();
    expect(read.history.modules).toEqual({});
    expect(read.mayOverwrite).toBe(true);
  });

  test('a corrupt file is an empty history and a warning naming the file and the problem', () => {
    const path = join(scratch(), 'history.json');
    writeFileSync(path, '{"schemaVersion": 1, "tool": {"name": "quality-gates"');
    const read = readHistory(path);
    expect(read.history.modules).toEqual({});
    expect(read.warning).toContain(path);
    expect(read.warning).toContain('is not JSON');
    expect(read.mayOverwrite).toBe(true);
  });

  test('a file of ours with a broken entry names where it is broken', () => {
    const path = join(scratch(), 'history.json');
    const broken = sampleHistory() as unknown as { modules: Record<string, Array<Record<string, unknown>>> };
    broken.modules.billing[0].durationMs = 'slow';
    writeFileSync(path, JSON.stringify(broken));
    const read = readHistory(path);
    expect(read.history.modules).toEqual({});
    expect(read.warning).toContain('modules.billing.0.durationMs');
  });

  test("another tool's JSON file is ignored with a warning and must not be overwritten", () => {
    const path = join(scratch(), 'history.json');
    writeFileSync(path, JSON.stringify({ name: 'some-package', version: '1.0.0' }));
    const read = readHistory(path);
    expect(read.history.modules).toEqual({});
    expect(read.warning).toContain('is not a quality-gates history');
    expect(read.mayOverwrite).toBe(false);
  });

  test('a file from a newer schema version is ignored with a warning and must not be overwritten', () => {
    const path = join(scratch(), 'history.json');
    writeFileSync(
      path,
      JSON.stringify({ ...sampleHistory(), schemaVersion: 2, tool: { name: 'quality-gates', version: '9.0.0' } }),
    );
    const read = readHistory(path);
    expect(read.history.modules).toEqual({});
    expect(read.warning).toContain('newer quality-gates (9.0.0, history schema version 2');
    expect(read.mayOverwrite).toBe(false);
  });

  test('a folder where the file should be is a warning, not an exception', () => {
    const path = join(scratch(), 'history.json');
    mkdirSync(path);
    const read = readHistory(path);
    expect(read.history.modules).toEqual({});
    expect(read.warning).toContain('cannot be read');
  });
});
