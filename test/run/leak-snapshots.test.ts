import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { ModuleResult, Report } from '../../src/report/schema.js';
import { runCli } from '../helpers/cli.js';
import { baseEnv, moduleNamed, readReport, scratchDir } from './helpers.js';

/**
 * The forensics modules: grows (~10 MB of LeakyStores parked per file, 6 files), in-file (one
 * file of 1,500 tests, each parking a small LeakyStore), churns (60 MB of garbage per file,
 * nothing kept).
 */
const LEAK_PROJECT = fileURLToPath(new URL('../fixtures/run/leak-project', import.meta.url));

async function run(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ report: Report; code: number; logDir: string }> {
  const report = join(scratchDir(), 'report.json');
  const result = await runCli(['run', '--no-pack', '--history', 'none', ...args, '--report', report], {
    cwd: LEAK_PROJECT,
    env: baseEnv(env),
  });
  return { report: readReport(report), code: result.code, logDir: join(dirname(report), 'quality-gates-logs') };
}

/** Every snapshot the module lists is a real, non-empty file in the run's heap-snapshots folder. */
function expectSnapshotFiles(module: ModuleResult, logDir: string): void {
  for (const path of module.leak!.snapshots) {
    expect(path.startsWith(join(logDir, 'heap-snapshots'))).toBe(true);
    expect(statSync(path).size).toBeGreaterThan(0);
  }
}

function expectForensics(report: Report, logDir: string): void {
  const grows = moduleNamed(report, 'grows').leak!;
  expect(grows).toMatchObject({ flagged: true, across: 'files' });
  expect(grows.snapshots.length).toBeGreaterThanOrEqual(2);
  expect(grows.growthMB).toBeGreaterThanOrEqual(20);
  expectSnapshotFiles(moduleNamed(report, 'grows'), logDir);
  // The analysis (src/leaks/, in a process of its own) names the class that grew, and what holds it.
  expect(grows.comparison).toBe('growth');
  const store = grows.suspects.find((suspect) => suspect.name === 'LeakyStore');
  expect(store, JSON.stringify(grows.suspects)).toBeDefined();
  expect(store!.countDelta).toBeGreaterThanOrEqual(10);
  expect(store!.sizeDeltaMB).toBeGreaterThanOrEqual(9);
  expect(store!.retainers).toMatch(/__parked/);

  const inFile = moduleNamed(report, 'in-file').leak!;
  expect(inFile).toMatchObject({ flagged: true, across: 'tests' });
  expect(inFile.snapshots.length).toBeGreaterThanOrEqual(1);
  expectSnapshotFiles(moduleNamed(report, 'in-file'), logDir);

  // 60 MB of garbage per file, none kept: nothing to see, nothing written.
  expect(moduleNamed(report, 'churns').leak).toEqual({ flagged: false, growthMB: null, snapshots: [], suspects: [] });
  // …and no empty folder of its own in the artifact.
  expect(readdirSync(join(logDir, 'heap-snapshots')).filter((name) => name.includes('churns'))).toEqual([]);
}

describe('--heap-snapshots: snapshots where the heap climbs, none where it only churns', () => {
  test('jest', async () => {
    const { report, code, logDir } = await run(['--all', '--heap-snapshots', '--config', 'configs/forensics-jest.yml']);
    expect(code).toBe(0);
    expectForensics(report, logDir);
  });

  test.each(['forks', 'threads'])('vitest (%s pool)', async (pool) => {
    const { report, code, logDir } = await run(
      ['--all', '--heap-snapshots', '--config', 'configs/forensics-vitest.yml'],
      {
        LEAK_POOL: pool,
      },
    );
    expect(code).toBe(0);
    expectForensics(report, logDir);
  });
});

test('off (the default): no leak field, no snapshot folder', async () => {
  const { report, logDir } = await run(['--module', 'grows', '--config', 'configs/forensics-jest.yml']);
  const grows = moduleNamed(report, 'grows');
  expect(grows.status).toBe('passed');
  expect(grows.leak).toBeUndefined();
  expect(existsSync(join(logDir, 'heap-snapshots'))).toBe(false);
});

test('a heap too close to its limit: the snapshot is skipped, and why is said', async () => {
  // A 176 MB heap limit: at the climb's first snapshot the heap (~66 MB) × 2 + the 64 MB margin does not fit.
  const { report, logDir } = await run(
    ['--heap-snapshots', '--module', 'grows', '--config', 'configs/forensics-jest.yml'],
    {
      NODE_OPTIONS: '--max-old-space-size=128',
    },
  );
  const grows = moduleNamed(report, 'grows');
  expect(grows.status).toBe('passed');
  expect(grows.leak).toMatchObject({ flagged: true, across: 'files', snapshots: [] });
  expect(grows.leak!.skipped).toMatch(/^no room: heap \d+ MB × 2 \+ 64 MB margin exceeds the heap limit 176 MB$/);
  expect(
    readdirSync(join(logDir, 'heap-snapshots'), { recursive: true }).some((name) =>
      String(name).endsWith('.heapsnapshot'),
    ),
  ).toBe(false);
});

test.each([
  ['jest', 'configs/oom.yml', 'forks', '0'],
  ['vitest (forks pool)', 'configs/oom-vitest.yml', 'forks', '0'],
  // The pool worker is a worker thread (thread 1): V8 writes its near-limit snapshot all the same.
  ['vitest (threads pool)', 'configs/oom-vitest.yml', 'threads', '1'],
])('%s: an out-of-memory death leaves the snapshot V8 writes near the heap limit', async (_, config, pool, thread) => {
  const { report, code, logDir } = await run(['--all', '--heap-snapshots', '--config', config], {
    NODE_OPTIONS: '--max-old-space-size=128',
    LEAK_POOL: pool,
  });
  expect(code).toBe(1);
  const spike = moduleNamed(report, 'spike');
  expect(spike.reason).toMatch(/^out of memory/);
  expect(spike.leak).toMatchObject({ flagged: true, across: 'limit', comparison: 'single' });
  expect(spike.leak!.snapshots).toHaveLength(1);
  expect(spike.leak!.snapshots[0]).toMatch(
    new RegExp(`/Heap\\.\\d{8}\\.\\d{6}\\.\\d+\\.${thread}\\.001\\.heapsnapshot$`),
  );
  expectSnapshotFiles(spike, logDir);
  // One snapshot, nothing to compare: the analysis names the largest classes (the burst's arrays).
  expect(spike.leak!.suspects[0]).toMatchObject({ name: 'Array' });
});
