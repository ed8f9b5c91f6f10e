#!/usr/bin/env node
// npm run bench:batch — the reason quality-gates exists, measured.
//
// Generates (in a temp dir, never committed) a fixture like the one in the field: 36 jest
// suites in 12 modules (sizes 9,5,4,3,3,3,2,2,2,1,1,1), each suite retaining ~60 MB of V8
// heap that is never released, NODE_OPTIONS=--max-old-space-size=2048. Then, in one run and
// side by side, it measures wall time and peak RSS of:
//   1. jest --runInBand over everything           (expected to die of OOM: reported, not hidden)
//   2. a bash loop: npx jest --runInBand <module>  (the script teams write first)
//   3. jest --maxWorkers=1 --workerIdleMemoryLimit (what a jest user might pick instead),
//      and 3b. the same with --logHeapUsage and --expose-gc (a post-GC heap per file, like ours)
//   4. node dist/cli.js run --all                  (quality-gates, cold: no history)
//   5. the same again, with the history the cold run wrote (packing small modules)
//   6. the second run again from the cold run's history, with --slots 2 and the shell loop's
//      measured peak RSS (same round) as the memory budget: both cores, no more memory at once
//      than the loop needed (the fixture's suites share nothing: isolation.sharesNothing)
//
// Peak RSS is the peak of the SUM of VmRSS over the whole process tree of the variant
// (bash, npx, jest parent and workers, the quality-gates CLI and its children), sampled
// from /proc every SAMPLE_MS: what the machine must hold at once. Processes that live
// shorter than one sample can be missed; the big ones live for seconds.
//
// It prints figures and whether the targets are met; it does not fail on a missed target.
// Exit 0 when every variant was measured, 1 when one could not be (e.g. dist/ missing).
// Flags: --rounds=N (default 3; medians are reported), --keep (keep the fixture and logs),
// --sample-ms=N, --only=inband,loop,idle,idlegc,qg,qgh,qgs (qgh and qgs need qg before them in the round,
// qgs the loop too).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliRunFlags, fmtS, lastLine, mark, measure, median, stopRunning } from './lib/measure.mjs';
import { historyStartup, readReport, reportCounts, scheduleText, timeSplit } from './lib/report.mjs';

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

/** Module names m01…m12, and the suites of each. */
const modules = MODULE_SIZES.map((size, index) => ({ name: `m${String(index + 1).padStart(2, '0')}`, size }));
const totalSuites = MODULE_SIZES.reduce((a, b) => a + b, 0);
/** Every suite has two tests. */
const totalTests = totalSuites * 2;

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
  writeFileSync(
    join(dir, 'quality-gates.config.yml'),
    `modules:\n  root: ${MODULE_ROOT}\nrunner: jest\n# The suites keep their memory to themselves: slots need no copies of anything.\nisolation:\n  sharesNothing: true\n`,
  );
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

/** A quality-gates run, from its report: modules and tests passed, processes, slots, time split. */
function describeQualityGates(run, reportPath) {
  if (run.timedOut) return { ok: false, text: `killed after ${VARIANT_TIMEOUT_MS / 60000} min` };
  const report = readReport(reportPath);
  // Exit 2 without a report: the CLI refused the invocation (usage error), nothing was measured.
  if (!report)
    return {
      ok: false,
      notMeasured: run.code === 2,
      text: `no report (exit ${run.code ?? run.signal}): ${lastLine(run.output, 160)}`,
    };
  const counts = reportCounts(report);
  const peakChild = Math.max(0, ...(report.modules ?? []).map((m) => m.peakRssMB ?? 0));
  const ok = run.code === 0 && counts.modulesPassed === modules.length && counts.tests.passed === totalTests;
  return {
    ok,
    modulesPassed: counts.modulesPassed,
    testsPassed: counts.tests.passed,
    processes: counts.processes,
    split: timeSplit(report),
    schedule: scheduleText(report),
    text:
      `${ok ? 'passed' : `exit ${run.code ?? run.signal}`}; ${counts.modulesPassed}/${modules.length} modules, ${counts.tests.passed}/${totalTests} tests passed, ` +
      `${counts.processes} test process${counts.processes === 1 ? '' : 'es'} (largest ${Math.round(peakChild)} MB)`,
  };
}

/** The variants, in the order they run in each round and are shown. */
function variantList({ reportPath, historyPath, cliFlags }) {
  const coldHistoryPath = `${historyPath}.cold`;
  const slotsHistoryPath = `${historyPath}.slots`;
  const distMissing = existsSync(DIST_CLI) ? undefined : `${DIST_CLI} is missing — run npm run bundle`;
  const withHistory = cliFlags.has('--history') ? ['--history', historyPath] : [];
  return [
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
      // Like for like: jest's own per-file heap reading, after a full GC, as quality-gates takes it.
      key: 'idlegc',
      label: `3b. the same with --logHeapUsage and --expose-gc (a post-GC heap per file, as quality-gates reads it)`,
      argv: [
        process.execPath,
        JEST_BIN,
        '--maxWorkers=1',
        `--workerIdleMemoryLimit=${WORKER_IDLE_MEMORY_LIMIT}`,
        '--logHeapUsage',
      ],
      env: { NODE_OPTIONS: `--max-old-space-size=${HEAP_LIMIT_MB} --expose-gc` },
      describe: describeJestOutcome,
    },
    {
      key: 'qg',
      label: '4. quality-gates run --all, cold (no history)',
      argv: [process.execPath, DIST_CLI, 'run', '--all', '--report', reportPath, ...withHistory],
      // Cold: the history file is removed before, so this run learns from nothing (and writes it).
      before: () => rmSync(historyPath, { force: true }),
      // 6. starts from this very history, not from the one 5. updates.
      after: () => existsSync(historyPath) && copyFileSync(historyPath, coldHistoryPath),
      describe: (run) => describeQualityGates(run, reportPath),
      unavailable: distMissing,
    },
    {
      key: 'qgh',
      label: '5. quality-gates run --all, second run (history from 4.)',
      argv: [process.execPath, DIST_CLI, 'run', '--all', '--report', reportPath, ...withHistory],
      describe: (run) => describeQualityGates(run, reportPath),
      unavailable:
        distMissing ?? (withHistory.length ? undefined : 'this CLI has no --history (run --help does not list it)'),
    },
    {
      key: 'qgs',
      label: "6. the second run with --slots 2 within the shell loop's peak RSS (history from 4.)",
      argv: (runs) => [
        process.execPath,
        DIST_CLI,
        'run',
        '--all',
        '--report',
        reportPath,
        '--history',
        slotsHistoryPath,
        '--slots',
        '2',
        '--memory-budget',
        `${String(Math.round(runs.loop.at(-1).peakRssMB))}MiB`,
      ],
      before: () => copyFileSync(coldHistoryPath, slotsHistoryPath),
      describe: (run) => describeQualityGates(run, reportPath),
      unavailable:
        distMissing ?? (withHistory.length ? undefined : 'this CLI has no --history (run --help does not list it)'),
    },
  ];
}

/** Runs every active variant once per round, interleaved, printing each measurement. */
async function runRounds(active, { dir, env, logs, reportPath }) {
  const runs = {};
  for (let round = 1; round <= rounds; round++) {
    console.log(`\nround ${round}/${rounds}`);
    for (const variant of active) {
      process.stdout.write(`  ${variant.label} … `);
      rmSync(reportPath, { force: true });
      variant.before?.();
      const argv = typeof variant.argv === 'function' ? variant.argv(runs) : variant.argv;
      const run = await measure(argv, {
        cwd: dir,
        env: { ...env, ...variant.env },
        sampleMs,
        timeoutMs: VARIANT_TIMEOUT_MS,
        logPath: join(logs, `${variant.key}-${round}.log`),
      });
      variant.after?.();
      const outcome = variant.describe(run);
      (runs[variant.key] ??= []).push({ ...run, ...outcome });
      console.log(
        `${fmtS(run.wallMs)}, peak RSS ${Math.round(run.peakRssMB)} MB (${run.peakProcesses} processes at most): ${outcome.text}`,
      );
    }
  }
  return runs;
}

/** Medians (and ranges) per variant over the rounds. */
function summarise(runs) {
  const results = {};
  for (const [key, list] of Object.entries(runs)) {
    const walls = list.map((r) => r.wallMs);
    const rss = list.map((r) => r.peakRssMB);
    const splits = list.map((r) => r.split).filter(Boolean);
    results[key] = {
      wallMs: median(walls),
      peakRssMB: median(rss),
      wallRange: `${fmtS(Math.min(...walls))}–${fmtS(Math.max(...walls))}`,
      rssRange: `${Math.round(Math.min(...rss))}–${Math.round(Math.max(...rss))} MB`,
      ok: list.every((r) => r.ok),
      notMeasured: list.some((r) => r.notMeasured),
      modulesPassed: Math.min(...list.map((r) => r.modulesPassed ?? 0)),
      testsPassed: Math.min(...list.map((r) => r.testsPassed ?? 0)),
      processes: list.map((r) => r.processes).filter((n) => n !== undefined),
      schedule: list.at(-1).schedule,
      split: splits.length
        ? { moduleMs: median(splits.map((s) => s.moduleMs)), suiteMs: median(splits.map((s) => s.suiteMs)) }
        : undefined,
      // Counts like "31/36 suites" may differ by a suite between rounds; say so only when
      // the verdict itself differs.
      text:
        new Set(list.map((r) => r.ok)).size > 1
          ? `${list[0].text} (verdict differs between rounds: see above)`
          : list[0].text,
    };
  }
  return results;
}

function printTable(variants, results) {
  console.log(`\nmedian of ${rounds} round${rounds === 1 ? '' : 's'}:\n`);
  console.log('| variant | wall | peak RSS (tree) | outcome |\n| --- | ---: | ---: | --- |');
  for (const variant of variants) {
    const r = results[variant.key];
    if (!r)
      console.log(
        `| ${variant.label} | – | – | not measured${variant.unavailable ? `: ${variant.unavailable}` : ''} |`,
      );
    else {
      const wall = rounds > 1 ? `${fmtS(r.wallMs)} (${r.wallRange})` : fmtS(r.wallMs);
      const rss = rounds > 1 ? `${Math.round(r.peakRssMB)} MB (${r.rssRange})` : `${Math.round(r.peakRssMB)} MB`;
      console.log(`| ${variant.label} | ${wall} | ${rss} | ${r.text} |`);
    }
  }
}

/** The ratios of medians against the targets; false when a variant they need was not measured. */
function printTargets(results, historyPath) {
  const { qg, qgh, qgs, loop, idle } = results;
  const measured = (r) => r && !r.notMeasured;
  if (!measured(loop) || !measured(idle)) {
    console.log('\nratios: not computed (the shell loop or workerIdleMemoryLimit was not measured)');
    return false;
  }
  console.log('\nratios (of medians) and targets:');
  if (measured(qg)) {
    console.log(
      `  cold run passes every test:                       ${qg.testsPassed}/${totalTests} tests, ${qg.modulesPassed}/${modules.length} modules in every round → ${mark(qg.ok)}`,
    );
    ratio('peak RSS  cold / shell loop:                      ', qg.peakRssMB / loop.peakRssMB, 1.0);
    ratio('wall      cold / shell loop:                      ', qg.wallMs / loop.wallMs, 0.7);
    ratio('wall      cold / workerIdleMemoryLimit:           ', qg.wallMs / idle.wallMs, 1.0);
  }
  if (measured(qgh)) {
    console.log(
      `  second run passes every test:                     ${qgh.testsPassed}/${totalTests} tests, ${qgh.modulesPassed}/${modules.length} modules in every round → ${mark(qgh.ok)}`,
    );
    ratio('peak RSS  second run / shell loop:                ', qgh.peakRssMB / loop.peakRssMB, 1.0);
    ratio('wall      second run / workerIdleMemoryLimit:     ', qgh.wallMs / idle.wallMs, 0.9);
    const likeForLike = results.idlegc;
    if (measured(likeForLike))
      console.log(
        `  wall      second run / the same with a post-GC heap per file: ${(qgh.wallMs / likeForLike.wallMs).toFixed(2)}× (no target: what the per-file GC costs both)`,
      );
  }
  if (measured(qgs)) {
    console.log(
      `  second run, 2 slots, passes every test:           ${qgs.testsPassed}/${totalTests} tests, ${qgs.modulesPassed}/${modules.length} modules in every round → ${mark(qgs.ok)}`,
    );
    ratio('peak RSS  2 slots / shell loop:                   ', qgs.peakRssMB / loop.peakRssMB, 1.0);
    ratio('wall      2 slots / workerIdleMemoryLimit:        ', qgs.wallMs / idle.wallMs, 0.9);
  }
  printTimeSplit(results, historyPath);
  return measured(qg) && measured(qgh) && measured(results.inband);
}

function ratio(label, value, target) {
  console.log(`  ${label}${value.toFixed(2)}× (target ≤ ${target.toFixed(2)}) → ${mark(value <= target)}`);
}

/** Where the quality-gates runs' time went: processes, module wall vs suite time, start-up from history. */
function printTimeSplit(results, historyPath) {
  console.log('\nwhere the time goes (medians; module wall = sum over modules of their time in their process):');
  for (const key of ['qg', 'qgh', 'qgs']) {
    const r = results[key];
    if (!r?.split) continue;
    const processes = [...new Set(r.processes)].join('/');
    console.log(
      `  ${{ qg: 'cold      ', qgh: 'second run', qgs: '2 slots   ' }[key]}: ${processes} test processes; module wall ${fmtS(r.split.moduleMs)}, suites' own time ${fmtS(r.split.suiteMs)}, ` +
        `outside the suites (start-up, collection) ${fmtS(r.split.moduleMs - r.split.suiteMs)}; run wall ${fmtS(r.wallMs)}`,
    );
    if (r.schedule) console.log(`              schedule (last round): ${r.schedule}`);
  }
  const startup = historyStartup(historyPath);
  if (startup)
    console.log(
      `  history (last round): start-up per test process, median over ${startup.modules} modules: ${Math.round(startup.medianMs)} ms`,
    );
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
    stopRunning();
    cleanup();
    process.exit(130);
  });
  writeFixture(dir);
  const env = { ...process.env, NODE_OPTIONS: `--max-old-space-size=${HEAP_LIMIT_MB}`, CI: 'true', FORCE_COLOR: '0' };
  // Keep the measured runs off the job summary and annotations of an outer CI job.
  for (const name of ['GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY', 'GITEA_ACTIONS']) delete env[name];
  console.log(
    `fixture: ${totalSuites} suites (${totalTests} tests) in ${modules.length} modules (${MODULE_SIZES.join(',')}), ~${RETAIN_MB_PER_SUITE} MB retained per suite, ` +
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
  const historyPath = join(dir, 'history.json');
  const cliFlags = existsSync(DIST_CLI) ? cliRunFlags(DIST_CLI, ['--history']) : new Set();
  const variants = variantList({ reportPath, historyPath, cliFlags });
  // Rounds interleave the variants so that noise from other work on the machine hits them
  // alike; the table shows the median of the rounds (and the range).
  const active = variants.filter((variant) => !only || only.includes(variant.key));
  for (const variant of active.filter((v) => v.unavailable))
    console.log(`\n${variant.label}: NOT MEASURED — ${variant.unavailable}`);
  const runs = await runRounds(
    active.filter((v) => !v.unavailable),
    { dir, env, logs, reportPath },
  );
  const results = summarise(runs);
  printTable(variants, results);
  const measuredAll = printTargets(results, historyPath);
  console.log(`\nlogs: ${keep ? logs : '(removed; rerun with --keep to read them)'}`);
  cleanup();
  return measuredAll ? 0 : 1;
}

process.exitCode = await main();
