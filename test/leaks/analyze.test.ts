import { copyFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors.js';
import type { LeakAnalysis } from '../../src/leaks/types.js';
import { runCli } from '../helpers/cli.js';
import { STORES_PER_STEP, writeSnapshots } from './helpers.js';

let leak: string[];
let churn: string[];
let scratch: string;

beforeAll(() => {
  leak = writeSnapshots('leak');
  churn = writeSnapshots('churn');
  scratch = mkdtempSync(join(tmpdir(), 'qg-leaks-bad-'));
});

async function analyzeJson(paths: string[]): Promise<LeakAnalysis> {
  const result = await runCli(['leaks', 'analyze', '--json', ...paths], { cwd: scratch });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(ExitCode.Ok);
  return JSON.parse(result.stdout) as LeakAnalysis;
}

describe('quality-gates leaks analyze (real snapshots of a real Node process)', () => {
  it('names LeakyStore as the top suspect, with the instances it added and a path through util.__parked', async () => {
    const analysis = await analyzeJson(leak);
    expect(analysis.comparison).toBe('growth');
    expect(analysis.snapshots.map((snapshot) => snapshot.path)).toEqual(leak);
    expect(analysis.snapshots.every((snapshot) => snapshot.nodes > 1000 && snapshot.heapMB > 1)).toBe(true);
    const [top] = analysis.suspects;
    expect(top?.name).toBe('LeakyStore');
    expect(top?.countDelta).toBe(2 * STORES_PER_STEP);
    expect(top?.count).toBe(3 * STORES_PER_STEP);
    expect(top?.sizeDeltaMB).toBeGreaterThan(1);
    expect(top?.retainers).toMatch(/__parked → Array → LeakyStore$/);
    expect(top?.holds).toBeUndefined();
    expect(top?.inside).toBeUndefined();
    // The array they are parked on grew as much, but it holds them: ranked after, and says so.
    const parkedOn = analysis.suspects.find((suspect) => suspect.name === 'Array');
    expect(parkedOn?.holds).toBe('LeakyStore');
    expect(parkedOn?.retainers).toMatch(/__parked → Array$/);
    expect(analysis.suspects.indexOf(parkedOn!)).toBeGreaterThan(0);
    expect(analysis.suspects.length).toBeLessThanOrEqual(5);
    expect(analysis.peakRssMB).toBeGreaterThan(0);
  });

  it('prints one line per suspect for people', async () => {
    const result = await runCli(['leaks', 'analyze', ...leak], { cwd: scratch });
    expect(result.code).toBe(ExitCode.Ok);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^3 heap snapshots compared \(heap [\d.]+ MB → [\d.]+ MB → [\d.]+ MB\)$/);
    expect(lines[2]).toMatch(
      new RegExp(`^  LeakyStore \\+${2 * STORES_PER_STEP} instances, \\+[\\d.]+ MB ← .*__parked → Array → LeakyStore$`),
    );
  });

  it('finds no suspects in a process that only churns memory', async () => {
    const analysis = await analyzeJson(churn);
    expect(analysis.comparison).toBe('growth');
    expect(analysis.suspects).toEqual([]);
    const text = await runCli(['leaks', 'analyze', ...churn], { cwd: scratch });
    expect(text.stdout).toContain('no suspects');
  });

  it('with a single snapshot, lists the largest constructors and says the comparison is single', async () => {
    const analysis = await analyzeJson([leak[2]]);
    expect(analysis.comparison).toBe('single');
    expect(analysis.suspects[0]?.name).toBe('LeakyStore');
    expect(analysis.suspects[0]?.countDelta).toBe(3 * STORES_PER_STEP);
    expect(analysis.suspects[0]?.retainers).toContain('__parked');
  });

  it('exits 2 naming a missing file', async () => {
    const missing = join(scratch, 'nope.heapsnapshot');
    const result = await runCli(['leaks', 'analyze', leak[0], missing], { cwd: scratch });
    expect(result.code).toBe(ExitCode.Usage);
    expect(result.stderr).toContain(`${missing}: not found`);
    expect(result.stdout).toBe('');
  });

  it('exits 2 for JSON that is not a heap snapshot, and for a file that is not JSON', async () => {
    const json = join(scratch, 'report.json');
    writeFileSync(json, JSON.stringify({ modules: [], status: 'passed' }));
    const notJson = join(scratch, 'notes.heapsnapshot');
    writeFileSync(notJson, 'heap: 12 MB\n');
    const jsonResult = await runCli(['leaks', 'analyze', json], { cwd: scratch });
    expect(jsonResult.code).toBe(ExitCode.Usage);
    expect(jsonResult.stderr).toContain(`${json}: `);
    expect(jsonResult.stderr).toContain('not a V8 heap snapshot');
    const textResult = await runCli(['leaks', 'analyze', notJson], { cwd: scratch });
    expect(textResult.code).toBe(ExitCode.Usage);
    expect(textResult.stderr).toContain(`${notJson}: not JSON`);
  });

  it('exits 2 for a JSON array, and for a snapshot whose edges lead nowhere', async () => {
    const array = join(scratch, 'array.heapsnapshot');
    writeFileSync(array, '[1, 2, 3]');
    const arrayResult = await runCli(['leaks', 'analyze', array], { cwd: scratch });
    expect(arrayResult.code).toBe(ExitCode.Usage);
    expect(arrayResult.stderr).toContain(`${array}: JSON, but not a V8 heap snapshot`);
    // The real header of a snapshot, one node, one edge to a node that does not exist.
    const text = readFileSync(leak[0], 'utf8');
    const { snapshot } = JSON.parse(text.slice(0, text.indexOf(',\n"nodes"')) + '}') as { snapshot: { meta: unknown } };
    const broken = join(scratch, 'broken.heapsnapshot');
    writeFileSync(
      broken,
      JSON.stringify({
        snapshot: { meta: snapshot.meta, node_count: 1, edge_count: 1, trace_function_count: 0 },
        nodes: [9, 0, 1, 0, 1, 0, 0],
        edges: [1, 0, 70],
        strings: [''],
      }),
    );
    const brokenResult = await runCli(['leaks', 'analyze', broken], { cwd: scratch });
    expect(brokenResult.code).toBe(ExitCode.Usage);
    expect(brokenResult.stderr).toContain(`${broken}: inconsistent heap snapshot: edge 0 leads nowhere`);
  });

  it('exits 2 for a truncated snapshot, wherever it was cut', async () => {
    const whole = readFileSync(leak[0]);
    const stringsAt = whole.indexOf('"strings":[');
    for (const [where, length] of [
      ['header', 100],
      ['nodes', Math.floor(whole.indexOf('"edges"') / 2)],
      ['strings', stringsAt + 20],
      ['last byte', whole.length - 1],
    ] as const) {
      const cut = join(scratch, `cut-${where.replace(' ', '-')}.heapsnapshot`);
      writeFileSync(cut, whole.subarray(0, length));
      const result = await runCli(['leaks', 'analyze', cut], { cwd: scratch });
      expect(result.code, where).toBe(ExitCode.Usage);
      expect(result.stderr, where).toContain(`${cut}: truncated heap snapshot`);
    }
    // The uncut copy is fine: the cuts, not the copying, made the errors.
    const copy = join(scratch, 'copy.heapsnapshot');
    copyFileSync(leak[0], copy);
    expect(statSync(copy).size).toBe(whole.length);
    expect((await runCli(['leaks', 'analyze', copy], { cwd: scratch })).code).toBe(ExitCode.Ok);
  });

  it('exits 2 for bad usage: no subcommand, no snapshots, an unknown flag', async () => {
    for (const argv of [
      ['leaks'],
      ['leaks', 'analyse', leak[0]],
      ['leaks', 'analyze'],
      ['leaks', 'analyze', '--jsn', leak[0]],
    ]) {
      const result = await runCli(argv, { cwd: scratch });
      expect(result.code, argv.join(' ')).toBe(ExitCode.Usage);
      expect(result.stderr, argv.join(' ')).toMatch(/^quality-gates leaks: /);
    }
    const help = await runCli(['leaks', '--help'], { cwd: scratch });
    expect(help.code).toBe(ExitCode.Ok);
    expect(help.stdout).toContain('Usage: quality-gates leaks analyze');
  });
});
