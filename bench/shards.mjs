#!/usr/bin/env node
// npm run bench:shards — how well `plan --shards N` balances CI jobs. On generated histories
// of different shapes (one giant module, many equal ones, a long tail, figures learned in an
// overloaded job, modules new to the history), it splits the modules with the history and
// measures each split on the modules' true durations: the slowest shard against the best
// possible, max(total / N, longest module). Beside it, the naive splits: by count (name
// order, equal counts) and by name hash (what jest/vitest --shard do: sort by a hash of the
// path, then equal counts), and our split on raw timings (without the contention rule of
// src/history/contention.ts). Pure and fast: no processes, no files.
// Target: ours within 10 % of the bound on every shape.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TARGET = 1.1;
const RUNS_PER_MODULE = 5;

/** A seeded generator (mulberry32), so every run of the bench sees the same histories. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const names = (count, prefix = 'm') =>
  Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);

/**
 * Each shape: the modules' true durations alone (ms) and suite counts, how many shards,
 * and how their runs were recorded (`overloaded`: a share of the modules were learned in a
 * job running 4 slots on 2 cores, so they measured twice their time; `unknown`: modules
 * the history has never seen).
 */
const SHAPES = [
  (() => {
    const rand = random(1);
    const modules = names(30).map((name) => ({ name, durationMs: 5_000 + rand() * 25_000 }));
    modules.push({ name: 'zz-giant', durationMs: 600_000 });
    return { name: 'one giant module', shards: 4, modules };
  })(),
  (() => {
    const rand = random(2);
    return {
      name: 'many equal modules',
      shards: 8,
      modules: names(120).map((name) => ({ name, durationMs: 20_000 * (0.9 + rand() * 0.2) })),
    };
  })(),
  (() => {
    const rand = random(3);
    // Pareto (alpha 1.2): a few long modules, a long tail of short ones, capped at 10 minutes.
    return {
      name: 'long tail',
      shards: 6,
      modules: names(80).map((name) => ({
        name,
        durationMs: Math.min(600_000, 3_000 / Math.pow(1 - rand(), 1 / 1.2)),
      })),
    };
  })(),
  (() => {
    const rand = random(4);
    const modules = names(60).map((name) => ({
      name,
      durationMs: Math.min(400_000, 4_000 / Math.pow(1 - rand(), 1 / 1.3)),
    }));
    return { name: 'tail, half learned overloaded', shards: 5, modules, overloaded: 0.5 };
  })(),
  (() => {
    const rand = random(5);
    const modules = names(50).map((name) => {
      const suites = 1 + Math.floor(rand() * 12);
      return { name, suites, durationMs: suites * 6_000 * (0.7 + rand() * 0.6) };
    });
    return { name: 'a third new to the history', shards: 4, modules, unknown: 1 / 3 };
  })(),
];

/** Records the shape's runs into a history the way `quality-gates run` would, with noise. */
function historyOf(lib, shape) {
  const rand = random(shape.name.length * 7919);
  let history = lib.emptyHistory('bench');
  const known = shape.modules.filter((_, index) => index >= Math.round(shape.modules.length * (shape.unknown ?? 0)));
  const overloadedCount = Math.round(known.length * (shape.overloaded ?? 0));
  for (let run = 0; run < RUNS_PER_MODULE; run++) {
    const quiet = [];
    const loaded = [];
    known.forEach((module, index) => {
      const suites = module.suites ?? 4;
      const inflated = index % 2 === 0 && index / 2 < overloadedCount;
      const measured = module.durationMs * (0.9 + rand() * 0.2) * (inflated ? 2 : 1);
      const entry = {
        name: module.name,
        status: 'passed',
        durationMs: measured,
        peakHeapMB: 100,
        peakRssMB: 200,
        suites: Array.from({ length: suites }, () => ({ durationMs: measured / (suites + 1) })),
      };
      (inflated ? loaded : quiet).push(entry);
    });
    const now = new Date(Date.UTC(2026, 10, 1, run));
    history = lib.updateHistory(history, quiet, { now, runner: 'jest', toolVersion: 'bench', slots: 1, cores: 2 });
    if (loaded.length > 0)
      history = lib.updateHistory(history, loaded, { now, runner: 'jest', toolVersion: 'bench', slots: 4, cores: 2 });
  }
  return history;
}

function measure(lib, shape) {
  const truth = new Map(shape.modules.map((module) => [module.name, module.durationMs]));
  const durations = [...truth.values()];
  const bound = lib.shardLowerBound(durations, shape.shards);
  const slowest = (groups) => Math.max(...groups.map((group) => group.reduce((sum, name) => sum + truth.get(name), 0)));
  const history = historyOf(lib, shape);
  const predicted = lib.predictDurations(
    shape.modules.map((module) => ({ name: module.name, suiteCount: module.suites ?? 4 })),
    lib.uncontendedEstimates(history),
  );
  const ours = lib.splitIntoShards(predicted, shape.shards).map((shard) => shard.modules);
  // The same split on the raw medians (no contention rule): what learning without it gives.
  const raw = lib.estimates(history);
  const naiveTiming = lib
    .splitIntoShards(
      lib.predictDurations(
        shape.modules.map((module) => ({ name: module.name, suiteCount: module.suites ?? 4 })),
        raw,
      ),
      shape.shards,
    )
    .map((shard) => shard.modules);
  const sorted = [...truth.keys()].sort();
  const hashed = [...sorted].sort((a, b) => hash(a).localeCompare(hash(b)));
  return {
    name: shape.name,
    modules: shape.modules.length,
    shards: shape.shards,
    boundMs: bound,
    ours: slowest(ours) / bound,
    rawTimings: slowest(naiveTiming) / bound,
    byCount: slowest(chunks(sorted, shape.shards)) / bound,
    byHash: slowest(chunks(hashed, shape.shards)) / bound,
  };
}

function hash(name) {
  return createHash('sha1').update(name).digest('hex');
}

/** Equal counts in the given order, as --shard i/N does: the first shards take the extra one. */
function chunks(list, count) {
  const size = Math.ceil(list.length / count);
  return Array.from({ length: count }, (_, index) => list.slice(index * size, (index + 1) * size)).filter(
    (chunk) => chunk.length > 0,
  );
}

function printTable(rows) {
  const header = ['shape', 'modules', 'N', 'bound', 'ours', 'raw timings', 'by count', 'by hash'];
  const lines = rows.map((row) => [
    row.name,
    String(row.modules),
    String(row.shards),
    `${(row.boundMs / 1000).toFixed(0)} s`,
    `${row.ours.toFixed(3)}x`,
    `${row.rawTimings.toFixed(3)}x`,
    `${row.byCount.toFixed(3)}x`,
    `${row.byHash.toFixed(3)}x`,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
  const format = (cells) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ');
  console.log('Slowest shard on the true durations, as a multiple of max(total / N, longest module):\n');
  console.log(format(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of lines) console.log(format(line));
}

const work = mkdtempSync(join(tmpdir(), 'qg-bench-shards-'));
try {
  const entry = join(work, 'shards.mjs');
  await build({
    absWorkingDir: root,
    stdin: {
      contents: [
        "export { splitIntoShards, predictDurations, shardLowerBound } from './src/plan/shards.ts';",
        "export { uncontendedEstimates } from './src/history/contention.ts';",
        "export { updateHistory } from './src/history/update.ts';",
        "export { estimates } from './src/history/estimates.ts';",
        "export { emptyHistory } from './src/history/schema.ts';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: entry,
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  const lib = await import(pathToFileURL(entry).href);
  const rows = SHAPES.map((shape) => measure(lib, shape));
  printTable(rows);
  const missed = rows.filter((row) => row.ours > TARGET);
  if (missed.length > 0) {
    console.log(`\nTarget missed (ours > ${TARGET}x the bound): ${missed.map((row) => row.name).join(', ')}`);
    process.exitCode = 1;
  } else {
    console.log(`\nTarget met: ours within ${Math.round((TARGET - 1) * 100)} % of the bound on every shape.`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
