#!/usr/bin/env node
// npm run bench:batch — the reason quality-gates exists, measured.
//
// Generates (in a temp dir, never committed) a fixture like the one in the field: 36 jest
// suites in 12 modules (sizes 9,5,4,3,3,3,2,2,2,1,1,1), each suite retaining ~60 MB of V8
// heap that is never released, NODE_OPTIONS=--max-old-space-size=2048. Then, in one run and
// side by side, it measures wall time and peak RSS of:
//   1. jest --runInBand over everything           (expected to die of OOM: reported, not hidden)
//   2. a bash loop: npx jest --runInBand <module>  (the script teams write first)
//   3. jest --maxWorkers=1 --workerIdleMemoryLimit (what a jest user might pick instead)
//   4. node dist/cli.js run --all                  (quality-gates)
//
// Peak RSS is the peak of the SUM of VmRSS over the whole process tree of the variant
// (bash, npx, jest parent and workers, the quality-gates CLI and its children), sampled
// from /proc every SAMPLE_MS: what the machine must hold at once. Processes that live
// shorter than one sample can be missed; the big ones live for seconds.
//
// It prints figures and whether the targets are met; it does not fail on a missed target.
// Exit 0 when every variant was measured, 1 when one could not be (e.g. dist/ missing).
// Flags: --rounds=N (default 3; medians are reported), --keep (keep the fixture and logs),
// --sample-ms=N, --only=inband,loop,idle,qg.
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readStat } from '../scripts/lib/processes.mjs';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST_CLI = join(REPO, 'dist', 'cli.js');
const JEST_BIN = join(REPO, 'node_modules', 'jest', 'bin', 'jest.js');

const MODULE_SIZES = [9, 5, 4, 3, 3, 3, 2, 2, 2, 1, 1, 1];
const RETAIN_MB_PER_SUITE = 60;
const HEAP_LIMIT_MB = 2048;
const WORKER_IDLE_MEMORY_LIMIT = '1GB';
const VARIANT_TIMEOUT_MS = 6 * 60_000;
const MODULE_ROOT = 'testing/backend/integration';

const flags = process.argv.slice(2);
const keep = flags.includes('--keep');
const sampleMs = Number(flags.find((f) => f.startsWith('--sample-ms='))?.split('=')[1] ?? 50);
const rounds = Math.max(1, Number(flags.find((f) => f.startsWith('--rounds='))?.split('=')[1] ?? 3));
const only = flags
  .find((f) => f.startsWith('--only='))
  ?.split('=')[1]
  ?.split(',');
const PAGE_KB = Number(spawnSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).stdout.trim() || 4096) / 1024;

/** Module names m01…m12, and the suites of each. */
const modules = MODULE_SIZES.map((size, index) => ({ name: `m${String(index + 1).padStart(2, '0')}`, size }));
const totalSuites = MODULE_SIZES.reduce((a, b) => a + b, 0);

/**
 * Writes the fixture project. Each suite fills arrays of doubles (V8 heap, unlike Buffers,
 * which live off-heap) and keeps them reachable from an unref'd interval — the "client with a
 * heartbeat that nobody closes" — so the memory survives the suite in a shared process.
 */
function writeFixture(dir) {
  // No install in the fixture: node_modules points at this repository's, so jest, npx and
  // quality-gates all resolve the same jest.
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'bench-batch-fixture', private: true }, null, 2) + '\n',
  );
  writeFileSync(
    join(dir, 'jest.config.cjs'),
    "module.exports = { testEnvironment: 'node', transform: {}, testMatch: ['**/testing/backend/integration/**/*.test.js'] };\n",
  );
  writeFileSync(join(dir, 'quality-gates.config.yml'), `modules:\n  root: ${MODULE_ROOT}\nrunner: jest\n`);
  const arrays = Math.round((RETAIN_MB_PER_SUITE * 1024 * 1024) / (1024 * 8));
  for (const { name, size } of modules) {
    mkdirSync(join(dir, MODULE_ROOT, name), { recursive: true });
    for (let s = 1; s <= size; s++) {
      writeFileSync(
        join(dir, MODULE_ROOT, name, `s${s}.test.js`),
        `// ${name}/s${s}: retains ~${RETAIN_MB_PER_SUITE} MB of heap for the life of the process.
const retained = [];
setInterval(() => retained.length, 1 << 30).unref();
beforeAll(() => {
  for (let i = 0; i < ${arrays}; i++) retained.push(new Array(1024).fill(i + 0.5));
});
test('${name} s${s} works', () => {
  expect(retained.length).toBe(${arrays});
});
test('${name} s${s} still works', () => {
  expect(retained[0][0]).toBe(0.5);
});
`,
      );
    }
  }
}

/** Process group of the variant being measured (its leader's pid), for Ctrl-C. */
let runningGroup;

/** pid → { ppid, rssKB } for every process, from /proc/<pid>/stat. */
function processTable() {
  const table = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fields;
    try {
      ({ fields } = readStat(`/proc/${entry}/stat`));
    } catch {
      continue; // exited between readdir and read
    }
    table.set(Number(entry), { ppid: Number(fields[1]), rssKB: Number(fields[21]) * PAGE_KB });
  }
  return table;
}

/** Sum of RSS over `rootPid` and all its descendants, and how many processes that is. */
function treeRss(rootPid) {
  const table = processTable();
  const children = new Map();
  for (const [pid, { ppid }] of table) {
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(pid);
  }
  let rssKB = 0;
  let count = 0;
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.pop();
    const info = table.get(pid);
    if (!info) continue;
    rssKB += info.rssKB;
    count++;
    queue.push(...(children.get(pid) ?? []));
  }
  return { rssKB, count };
}

/**
 * Runs one variant to completion in its own process group, sampling the tree's RSS.
 * Returns wall time, peak tree RSS, exit status and the captured output (also in logPath).
 */
function measure(argv, { cwd, env, logPath }) {
  return new Promise((resolveRun) => {
    const started = process.hrtime.bigint();
    const child = spawn(argv[0], argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    runningGroup = child.pid;
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    let peakKB = 0;
    let peakProcesses = 0;
    const sample = () => {
      const { rssKB, count } = treeRss(child.pid);
      if (rssKB > peakKB) peakKB = rssKB;
      if (count > peakProcesses) peakProcesses = count;
    };
    const sampler = setInterval(sample, sampleMs);
    let timedOut = false;
    const killer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, VARIANT_TIMEOUT_MS);
    // Once the leader is gone its pid (and group id) may be reused by an unrelated process:
    // no group kill may fire after this point.
    child.on('exit', () => {
      clearTimeout(killer);
      runningGroup = undefined;
    });
    child.on('close', (code, signal) => {
      runningGroup = undefined;
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      clearInterval(sampler);
      clearTimeout(killer);
      writeFileSync(logPath, output);
      resolveRun({ wallMs, peakRssMB: peakKB / 1024, peakProcesses, code, signal, timedOut, output });
    });
  });
}

/** Suite outcome counts from jest's PASS/FAIL lines. */
function jestSuites(output) {
  const clean = output.replace(/\x1b\[[0-9;]*m/g, '');
  return {
    passed: (clean.match(/^PASS /gm) ?? []).length,
    failed: (clean.match(/^FAIL /gm) ?? []).length,
  };
}

function diedOfOom(output) {
  return /heap out of memory|Reached heap limit|ERR_WORKER_OUT_OF_MEMORY/i.test(output);
}

function describeJestOutcome(run) {
  const suites = jestSuites(run.output);
  const counts = `${suites.passed}/${totalSuites} suites passed${suites.failed ? `, ${suites.failed} failed` : ''}`;
  if (run.timedOut) return { ok: false, text: `killed after ${VARIANT_TIMEOUT_MS / 60000} min; ${counts}` };
  if (diedOfOom(run.output))
    return { ok: false, text: `DIED: out of memory (heap limit ${HEAP_LIMIT_MB} MB); ${counts}` };
  if (run.signal) return { ok: false, text: `killed by ${run.signal}; ${counts}` };
  const ok = run.code === 0 && suites.passed === totalSuites;
  return { ok, text: `${ok ? 'passed' : `exit ${run.code}`}; ${counts}` };
}

function describeQualityGates(run, reportPath) {
  if (run.timedOut) return { ok: false, text: `killed after ${VARIANT_TIMEOUT_MS / 60000} min` };
  let report;
  try {
    report = JSON.parse(readFileSync(reportPath, 'utf8'));
  } catch {
    // Exit 2 without a report: the CLI refused the invocation (usage error), nothing was measured.
    return {
      ok: false,
      notMeasured: run.code === 2,
      text: `no report (exit ${run.code ?? run.signal}): ${lastLine(run.output)}`,
    };
  }
  const mods = report.modules ?? [];
  const passed = mods.filter((m) => m.status === 'passed').length;
  const suites = mods.reduce((sum, m) => sum + (m.suites?.filter((s) => s.status === 'passed').length ?? 0), 0);
  const peakChild = Math.max(0, ...mods.map((m) => m.peakRssMB ?? 0));
  const ok = run.code === 0 && passed === modules.length;
  return {
    ok,
    modulesPassed: passed,
    text: `${ok ? 'passed' : `exit ${run.code ?? run.signal}`}; ${passed}/${modules.length} modules, ${suites}/${totalSuites} suites passed (largest test process ${Math.round(peakChild)} MB)`,
  };
}

function lastLine(text) {
  return text.trim().split('\n').filter(Boolean).pop()?.slice(0, 160) ?? '(no output)';
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function fmtS(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

async function main() {
  if (!existsSync('/proc/self/stat')) {
    console.error(
      'bench:batch samples process-tree RSS from /proc: it needs Linux (no /proc here), nothing was measured',
    );
    return 1;
  }
  const dir = mkdtempSync(join(tmpdir(), 'qg-bench-batch-'));
  const logs = join(dir, 'logs');
  mkdirSync(logs);
  const cleanup = () => {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  };
  // Variants run in their own process groups (so a timeout can kill a whole tree), which
  // also keeps Ctrl-C from reaching them: stop the running one ourselves.
  process.on('SIGINT', () => {
    if (runningGroup) {
      try {
        process.kill(-runningGroup, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    cleanup();
    process.exit(130);
  });
  writeFixture(dir);
  const env = { ...process.env, NODE_OPTIONS: `--max-old-space-size=${HEAP_LIMIT_MB}`, CI: 'true', FORCE_COLOR: '0' };
  // Keep the measured runs off the job summary and annotations of an outer CI job.
  for (const name of ['GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY', 'GITEA_ACTIONS']) delete env[name];
  console.log(
    `fixture: ${totalSuites} suites in ${modules.length} modules (${MODULE_SIZES.join(',')}), ~${RETAIN_MB_PER_SUITE} MB retained per suite, ` +
      `NODE_OPTIONS=--max-old-space-size=${HEAP_LIMIT_MB}; peak RSS = sum over the process tree, sampled every ${sampleMs} ms`,
  );
  console.log(`fixture dir: ${dir}${keep ? ' (kept)' : ' (removed at the end; --keep to keep)'}`);
  console.log(`quality-gates: ${DIST_CLI} (the bundle: run npm run bundle first to measure changed sources)`);

  // Warm jest's haste-map cache once, unmeasured, so no variant pays for a cold cache.
  spawnSync(process.execPath, [JEST_BIN, '--runInBand', `${MODULE_ROOT}/${modules.at(-1).name}`], {
    cwd: dir,
    env,
    stdio: 'ignore',
  });

  const reportPath = join(dir, 'quality-gates-report.json');
  const variants = [
    {
      key: 'inband',
      label: '1. jest --runInBand (all suites)',
      argv: [process.execPath, JEST_BIN, '--runInBand'],
      describe: describeJestOutcome,
    },
    {
      key: 'loop',
      label: '2. bash loop: npx jest --runInBand <module>',
      argv: [
        'bash',
        '-c',
        `status=0; for m in "$@"; do npx jest --runInBand "${MODULE_ROOT}/$m" || status=1; done; exit $status`,
        'bench-loop',
        ...modules.map((m) => m.name),
      ],
      describe: describeJestOutcome,
    },
    {
      key: 'idle',
      label: `3. jest --maxWorkers=1 --workerIdleMemoryLimit=${WORKER_IDLE_MEMORY_LIMIT}`,
      argv: [process.execPath, JEST_BIN, '--maxWorkers=1', `--workerIdleMemoryLimit=${WORKER_IDLE_MEMORY_LIMIT}`],
      describe: describeJestOutcome,
    },
    {
      key: 'qg',
      label: '4. quality-gates run --all',
      argv: [process.execPath, DIST_CLI, 'run', '--all', '--report', reportPath],
      describe: (run) => describeQualityGates(run, reportPath),
      unavailable: existsSync(DIST_CLI) ? undefined : `${DIST_CLI} is missing — run npm run bundle`,
    },
  ];

  // Rounds interleave the variants so that noise from other work on the machine hits them
  // alike; the table shows the median of the rounds (and the range).
  const runs = {};
  const active = variants.filter((variant) => !only || only.includes(variant.key));
  for (const variant of active.filter((v) => v.unavailable))
    console.log(`\n${variant.label}: NOT MEASURED — ${variant.unavailable}`);
  for (let round = 1; round <= rounds; round++) {
    console.log(`\nround ${round}/${rounds}`);
    for (const variant of active.filter((v) => !v.unavailable)) {
      process.stdout.write(`  ${variant.label} … `);
      rmSync(reportPath, { force: true });
      const run = await measure(variant.argv, { cwd: dir, env, logPath: join(logs, `${variant.key}-${round}.log`) });
      const outcome = variant.describe(run);
      (runs[variant.key] ??= []).push({ ...run, ...outcome });
      console.log(
        `${fmtS(run.wallMs)}, peak RSS ${Math.round(run.peakRssMB)} MB (${run.peakProcesses} processes at most): ${outcome.text}`,
      );
    }
  }

  const results = {};
  for (const [key, list] of Object.entries(runs)) {
    const walls = list.map((r) => r.wallMs);
    const rss = list.map((r) => r.peakRssMB);
    results[key] = {
      wallMs: median(walls),
      peakRssMB: median(rss),
      wallRange: `${fmtS(Math.min(...walls))}–${fmtS(Math.max(...walls))}`,
      rssRange: `${Math.round(Math.min(...rss))}–${Math.round(Math.max(...rss))} MB`,
      ok: list.every((r) => r.ok),
      notMeasured: list.some((r) => r.notMeasured),
      modulesPassed: Math.min(...list.map((r) => r.modulesPassed ?? 0)),
      // Counts like "31/36 suites" may differ by a suite between rounds; say so only when
      // the verdict itself differs.
      text:
        new Set(list.map((r) => r.ok)).size > 1
          ? `${list[0].text} (verdict differs between rounds: see above)`
          : list[0].text,
    };
  }

  console.log(`\nmedian of ${rounds} round${rounds === 1 ? '' : 's'}:\n`);
  console.log('| variant | wall | peak RSS (tree) | outcome |\n| --- | ---: | ---: | --- |');
  for (const variant of variants) {
    const r = results[variant.key];
    if (!r) console.log(`| ${variant.label} | – | – | not measured |`);
    else {
      const wall = rounds > 1 ? `${fmtS(r.wallMs)} (${r.wallRange})` : fmtS(r.wallMs);
      const rss = rounds > 1 ? `${Math.round(r.peakRssMB)} MB (${r.rssRange})` : `${Math.round(r.peakRssMB)} MB`;
      console.log(`| ${variant.label} | ${wall} | ${rss} | ${r.text} |`);
    }
  }

  const { qg, loop, idle } = results;
  let measuredAll = Boolean(qg && loop && idle && results.inband) && !qg.notMeasured;
  if (qg && loop && idle && !qg.notMeasured) {
    const wallVsLoop = qg.wallMs / loop.wallMs;
    const rssVsLoop = qg.peakRssMB / loop.peakRssMB;
    const wallVsIdle = qg.wallMs / idle.wallMs;
    const mark = (ok) => (ok ? 'MET' : 'MISSED');
    console.log('\nratios (of medians) and targets:');
    console.log(
      `  quality-gates passes every module:                  ${qg.modulesPassed}/${modules.length} in every round → ${mark(qg.ok)}`,
    );
    console.log(
      `  peak RSS  quality-gates / shell loop:               ${rssVsLoop.toFixed(2)}× (target ≤ 1.00) → ${mark(rssVsLoop <= 1)}`,
    );
    console.log(
      `  wall      quality-gates / shell loop:               ${wallVsLoop.toFixed(2)}× (target ≤ 0.70) → ${mark(wallVsLoop <= 0.7)}`,
    );
    console.log(
      `  wall      quality-gates / workerIdleMemoryLimit:    ${wallVsIdle.toFixed(2)}× (target ≤ 1.00) → ${mark(wallVsIdle <= 1)}`,
    );
  } else {
    measuredAll = false;
    console.log('\nratios: not computed (a variant was not measured)');
  }
  console.log(`\nlogs: ${keep ? logs : '(removed; rerun with --keep to read them)'}`);
  cleanup();
  return measuredAll ? 0 : 1;
}

process.exitCode = await main();
