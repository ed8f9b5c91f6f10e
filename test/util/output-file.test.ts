import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode, QualityGatesError } from '../../src/errors.js';
import { writeOutputFile } from '../../src/util/output-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qg-output-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeOutputFile', () => {
  it('creates the folder, replaces an old file and leaves no temp file behind', () => {
    const path = join(dir, 'out/deep/report.json');
    writeOutputFile(path, 'old');
    writeOutputFile(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(join(dir, 'out/deep'))).toEqual(['report.json']);
  });

  it('names the path and what to check when it cannot write (exit 1), and leaves nothing behind', () => {
    writeFileSync(join(dir, 'file'), '');
    const error = (() => {
      try {
        writeOutputFile(join(dir, 'file/report.json'), 'x');
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(QualityGatesError);
    expect((error as QualityGatesError).exitCode).toBe(ExitCode.Failed);
    expect((error as Error).message).toMatch(
      new RegExp(`^cannot write ${join(dir, 'file/report.json')}: .* — check the path and its permissions$`),
    );
    expect(readdirSync(dir)).toEqual(['file']);
  });
});
