import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../src/config/schema.js';
import { reportJsonSchema } from '../src/report/schema.js';
import { VERSION } from '../src/version.js';
import { REPO_ROOT } from './helpers/cli.js';

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => name.split('\\').join('/'))
    .sort();
}

describe('build products', () => {
  it('dist/ is what npm run bundle produces from src/ (run npm run bundle and commit dist/)', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'qg-dist-'));
    execFileSync(process.execPath, [join(REPO_ROOT, 'scripts/bundle.mjs'), '--outdir', outdir]);
    const committed = join(REPO_ROOT, 'dist');
    expect(listFiles(committed)).toEqual(listFiles(outdir));
    for (const file of listFiles(outdir)) {
      expect(readFileSync(join(committed, file), 'utf8'), `dist/${file} is stale`).toBe(
        readFileSync(join(outdir, file), 'utf8'),
      );
    }
    expect(relative(REPO_ROOT, committed)).toBe('dist');
  });

  it('schema/ holds the JSON Schemas generated from the zod schemas', () => {
    const config = JSON.parse(readFileSync(join(REPO_ROOT, 'schema/config.schema.json'), 'utf8'));
    const report = JSON.parse(readFileSync(join(REPO_ROOT, 'schema/report.schema.json'), 'utf8'));
    expect(config).toEqual(configJsonSchema());
    expect(report).toEqual(reportJsonSchema());
  });

  it('VERSION matches package.json', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    expect(VERSION).toBe(pkg.version);
    expect(pkg.bin['quality-gates']).toBe('dist/cli.js');
  });
});
