#!/usr/bin/env node
// npm run bench:real -- --project=DIR — quality-gates on a real project, beside the
// project's own single test command, in one run.
//
// DIR is a project prepared by bench/real-projects/setup.mjs (recipe: bench/real-projects.md):
// a clone at a pinned commit, installed, with a quality-gates.config.yml. This bench never
// downloads anything (npx runs with --no: a missing local runner fails instead of installing).
// In interleaved rounds (median of 3, --rounds=N) it measures wall time and the peak RSS of
// the whole process tree (sampled from /proc every --sample-ms, default 250) of:
//   1. the project's own run: npx jest <modules.root>/ or npx vitest run <modules.root>/
//      (the runner over exactly the files the modules hold)
//   2. quality-gates run --all, cold: no history (the history file is removed first)
//   3. quality-gates run --all again, with the history 2. wrote (packing, slots from config)
//   4. and once more, with the history of 2. and 3.: a module's retained heap measured behind
//      another module in a pack (3.) replaces what it kept alone (2.), which also holds what
//      any test file loads once per process
// The test counts of 2. and 3. must equal 1.'s (passed, failed, skipped, todo): a mismatch is
// a loud failure line and exit 1. Target: 3. takes ≤ 1.0× the own run's wall (4.'s ratio is
// printed beside it). --no-third skips 4.
//
// Exit 0 when every variant was measured with matching counts, 1 otherwise, 2 on bad flags.
// Without --project it measures nothing and says so (exit 0), so `npm run bench` can run it.
// Flags: --project=DIR, --rounds=N, --keep (keep reports, histories and logs), --sample-ms=N,
// --config=FILE (default DIR/quality-gates.config.yml; e.g. bench/real-projects/<project>.quality-gates.config.yml
// when DIR is shared and its own config file is someone else's), --no-warmup (skip the unmeasured own run that fills the runner's transform cache first),
// --cold-rounds=N (default: every round): measure the cold run in the first N rounds only;
// later rounds give the second run a fresh copy of the last cold run's history, so every
// second run still learns from exactly one cold run (for projects whose cold run is long),
// --cold-history=FILE (no cold run: every second run starts from a copy of FILE, the
// history.json.cold a --keep run left), --no-third (skip the third run).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { cliRunFlags, flagValue, fmtS, lastLine, mark, measure, median, stopRunning } from './lib/measure.mjs';
import {
  historyStartup,
  processText,
  readReport,
  reportCounts,
  scheduleText,
  testCountText,
  timeSplit,
} from './lib/report.mjs';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST_CLI = join(REPO, 'dist', 'cli.js');
const VARIANT_TIMEOUT_MS = 15 * 60_000;
const TARGET_RATIO = 1.0;
const COUNT_KEYS = ['passed', 'failed', 'skipped', 'todo'];

const flags = process.argv.slice(2);
const keep = flags.includes('--keep');
const warmup = !flags.includes('--no-warmup');
const rounds = Math.max(1, Number(flagValue(flags, 'rounds', 3)));
// --cold-history=FILE: the history a cold run wrote earlier (the bench's kept work dir has it
// as history.json.cold): every round's second run starts from a copy of it and no cold run is
// measured — date-fns's cold run alone takes five minutes.
const coldHistory = flagValue(flags, 'cold-history');
const coldRounds = coldHistory ? 0 : Math.min(rounds, Math.max(1, Number(flagValue(flags, 'cold-rounds', rounds))));
const sampleMs = Number(flagValue(flags, 'sample-ms', 250));
const third = !flags.includes('--no-third');

/** runner and modules.root from the project's quality-gates.config.yml. */
function projectConfig(dir, path) {
  if (!existsSync(path))
    throw new UsageError(
      `${path} is missing: prepare the project with bench/real-projects/setup.mjs (see bench/real-projects.md)`,
    );
  const config = parseYaml(readFileSync(path, 'utf8')) ?? {};
  const runner = config.runner ?? 'jest';
  const root = config.modules?.root;
  if (!root)
    throw new UsageError(`${path}: modules.root is not set; the bench runs the project's own runner over that folder`);
  return { path, runner, root: String(root).replace(/\/+$/, ''), slots: config.slots ?? 1 };
}

class UsageError extends Error {}

/** Test counts from the summary line of jest (`Tests: 2 skipped, 335 passed, 409 total`) or vitest (`Tests  3142 passed | 18 skipped (3160)`). */
function ownCounts(output) {
  const clean = output.replace(/\x1b\[[0-9;]*m/g, '');
  const line = [...clean.matchAll(/^\s*Tests:?\s+(.*\d+ (?:passed|failed).*)$/gm)].at(-1)?.[1];
  if (!line) return undefined;
  const counts = Object.fromEntries(
    COUNT_KEYS.map((key) => [key, Number(line.match(new RegExp(`(\\d+) ${key}`))?.[1] ?? 0)]),
  );
  return counts;
}

function describeOwn(run) {
  const tests = ownCounts(run.output);
  if (run.timedOut) return { tests, text: `killed after ${VARIANT_TIMEOUT_MS / 60000} min` };
  if (!tests)
    return { text: `no test summary in its output (exit ${run.code ?? run.signal}): ${lastLine(run.output)}` };
  return { tests, text: `exit ${run.code ?? run.signal}` };
}

function describeQualityGates(run, reportPath, historyPath) {
  if (run.timedOut) return { text: `killed after ${VARIANT_TIMEOUT_MS / 60000} min` };
  const report = readReport(reportPath);
  if (!report)
    return { notMeasured: run.code === 2, text: `no report (exit ${run.code ?? run.signal}): ${lastLine(run.output)}` };
  const counts = reportCounts(report);
  const statuses = Object.entries(counts.statuses)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
  return {
    tests: counts.tests,
    split: timeSplit(report),
    schedule: scheduleText(report),
    startup: historyStartup(historyPath),
    processes: counts.processes,
    vitestServers: counts.vitestServers,
    slots: counts.slots,
    text: `exit ${run.code ?? run.signal}; ${counts.modules} modules (${statuses}) in ${processText(counts)}, ${counts.slots} slot${counts.slots === 1 ? '' : 's'}`,
  };
}

/** The three variants of one project, in the order each round runs them. */
function variantList({ dir, config, reportPath, historyPath }) {
  const cliFlags = existsSync(DIST_CLI) ? cliRunFlags(DIST_CLI, ['--history']) : new Set();
  const unavailable = existsSync(DIST_CLI) ? undefined : `${DIST_CLI} is missing — run npm run bundle`;
  const history = cliFlags.has('--history') ? ['--history', historyPath] : [];
  const qgArgv = [
    process.execPath,
    DIST_CLI,
    'run',
    '--all',
    '--config',
    config.path,
    '--report',
    reportPath,
    ...history,
  ];
  const ownArgv =
    config.runner === 'vitest'
      ? ['npx', '--no', 'vitest', 'run', `${config.root}/`]
      : ['npx', '--no', 'jest', `${config.root}/`];
  return [
    { key: 'own', label: `1. project's own: ${ownArgv.slice(2).join(' ')}`, argv: ownArgv, describe: describeOwn },
    {
      key: 'cold',
      label: '2. quality-gates run --all, cold (no history)',
      argv: qgArgv,
      inRound: (round) => round <= coldRounds,
      before: () => rmSync(historyPath, { force: true }),
      // What the second run starts from in the rounds without a cold run.
      after: () => existsSync(historyPath) && copyFileSync(historyPath, `${historyPath}.cold`),
      describe: (run) => describeQualityGates(run, reportPath, historyPath),
      unavailable,
    },
    {
      key: 'second',
      label: `3. quality-gates run --all, second run (history from 2., slots: ${config.slots})`,
      argv: qgArgv,
      before: (round) =>
        round > coldRounds && existsSync(`${historyPath}.cold`) && copyFileSync(`${historyPath}.cold`, historyPath),
      describe: (run) => describeQualityGates(run, reportPath, historyPath),
      unavailable:
        unavailable ?? (history.length ? undefined : 'this CLI has no --history (run --help does not list it)'),
    },
    {
      key: 'third',
      label: `4. quality-gates run --all, third run (history from 2. and 3.)`,
      argv: qgArgv,
      inRound: () => third,
      describe: (run) => describeQualityGates(run, reportPath, historyPath),
      unavailable:
        unavailable ?? (history.length ? undefined : 'this CLI has no --history (run --help does not list it)'),
    },
  ].map((variant) => ({ ...variant, cwd: dir }));
}

/** Compares a quality-gates run's test counts with the own run's of the same round; a loud line when they differ. */
function checkCounts(variant, outcome, own) {
  if (!outcome.tests || !own?.tests) return true;
  const differs = COUNT_KEYS.filter((key) => outcome.tests[key] !== own.tests[key]);
  if (differs.length === 0) return true;
  console.log(
    `\n    ✖✖ TEST COUNT MISMATCH (${variant.label}): own run ${testCountText(own.tests)}; quality-gates ${testCountText(outcome.tests)} — differs in ${differs.join(', ')}\n`,
  );
  return false;
}

async function runRounds(active, { env, logs, reportPath }) {
  const runs = {};
  let countsMatch = true;
  for (let round = 1; round <= rounds; round++) {
    console.log(`\nround ${round}/${rounds}`);
    let own;
    for (const variant of active.filter((v) => v.inRound?.(round) ?? true)) {
      process.stdout.write(`  ${variant.label} … `);
      rmSync(reportPath, { force: true });
      variant.before?.(round);
      const run = await measure(variant.argv, {
        cwd: variant.cwd,
        env,
        sampleMs,
        timeoutMs: VARIANT_TIMEOUT_MS,
        logPath: join(logs, `${variant.key}-${round}.log`),
      });
      const outcome = { ...run, ...variant.describe(run) };
      if (variant.key === 'own') own = outcome;
      (runs[variant.key] ??= []).push(outcome);
      variant.after?.();
      console.log(
        `${fmtS(run.wallMs)}, peak RSS ${Math.round(run.peakRssMB)} MB: ${outcome.tests ? testCountText(outcome.tests) : 'no counts'}; ${outcome.text}`,
      );
      if (variant.key !== 'own') countsMatch = checkCounts(variant, outcome, own) && countsMatch;
    }
  }
  return { runs, countsMatch };
}

function printTable(variants, runs) {
  const cold = coldRounds < rounds ? `; the cold run in the first ${coldRounds} (--cold-rounds)` : '';
  console.log(`\nmedian of ${rounds} round${rounds === 1 ? '' : 's'}${cold} (range in brackets):\n`);
  console.log('| variant | wall | peak RSS (tree) | tests | outcome |\n| --- | ---: | ---: | --- | --- |');
  for (const variant of variants) {
    const list = runs[variant.key]?.filter((r) => !r.notMeasured);
    if (!list?.length) {
      console.log(
        `| ${variant.label} | – | – | – | not measured${variant.unavailable ? `: ${variant.unavailable}` : ''} |`,
      );
      continue;
    }
    const walls = list.map((r) => r.wallMs);
    const rss = list.map((r) => r.peakRssMB);
    const range = (values, fmt) =>
      list.length > 1 ? ` (${fmt(Math.min(...values))}–${fmt(Math.max(...values))})` : '';
    const tests = list.at(-1).tests ? testCountText(list.at(-1).tests) : '–';
    console.log(
      `| ${variant.label} | ${fmtS(median(walls))}${range(walls, fmtS)} | ${Math.round(median(rss))} MB${range(rss, (v) => String(Math.round(v)))} | ${tests} | ${list.at(-1).text} |`,
    );
  }
}

/** The target, and where the quality-gates runs' time went. Returns whether both were measured. */
function printTargets(runs) {
  const wall = (key) => {
    const list = runs[key]?.filter((r) => !r.notMeasured);
    return list?.length ? median(list.map((r) => r.wallMs)) : undefined;
  };
  const own = wall('own');
  const cold = wall('cold');
  const second = wall('second');
  console.log('\nratios (of medians) and targets:');
  if (own && cold)
    console.log(
      `  wall  cold run / own run:     ${(cold / own).toFixed(2)}× (no target: the first run, before any history)`,
    );
  if (own && second)
    console.log(
      `  wall  second run / own run:   ${(second / own).toFixed(2)}× (target ≤ ${TARGET_RATIO.toFixed(2)}) → ${mark(second / own <= TARGET_RATIO)}`,
    );
  else console.log('  second run / own run: not computed (a variant was not measured: see the table)');
  const thirdWall = wall('third');
  if (own && thirdWall)
    console.log(
      `  wall  third run / own run:    ${(thirdWall / own).toFixed(2)}× (history from the cold and the second run)`,
    );
  console.log(
    '\nwhere the time goes (medians; module wall = sum over modules of their time in their process, all slots):',
  );
  for (const key of ['cold', 'second', 'third']) {
    const list = runs[key]?.filter((r) => r.split);
    if (!list?.length) continue;
    const m = (pick) => median(list.map(pick));
    const startups = list.map((r) => r.startup?.medianMs).filter((v) => v !== undefined);
    const servers = list.map((r) => r.vitestServers).filter((v) => v !== undefined);
    const processes = processText({
      processes: m((r) => r.processes),
      vitestServers: servers.length > 0 ? median(servers) : undefined,
    });
    console.log(
      `  ${{ cold: 'cold      ', second: 'second run', third: 'third run ' }[key]}: ${processes} in ${m((r) => r.slots)} slot(s); module wall ${fmtS(m((r) => r.split.moduleMs))}, ` +
        `suites' own time ${fmtS(m((r) => r.split.suiteMs))}, outside the suites (start-up, collection, transform) ${fmtS(m((r) => r.split.outsideSuitesMs))}; ` +
        `run wall ${fmtS(m((r) => r.wallMs))}${startups.length ? `; history: start-up per process ${Math.round(median(startups))} ms (median over modules)` : ''}`,
    );
    if (list.at(-1).schedule) console.log(`              schedule (last round): ${list.at(-1).schedule}`);
  }
  return Boolean(own && (cold || coldHistory) && second);
}

async function main() {
  const projectFlag = flagValue(flags, 'project');
  if (!projectFlag) {
    console.log(
      'bench real: nothing measured — give the project: npm run bench:real -- --project=DIR (prepare DIR as bench/real-projects.md says)',
    );
    return 0;
  }
  const dir = resolve(projectFlag);
  const config = projectConfig(dir, resolve(flagValue(flags, 'config', join(dir, 'quality-gates.config.yml'))));
  const work = mkdtempSync(join(tmpdir(), 'qg-bench-real-'));
  const logs = join(work, 'logs');
  mkdirSync(logs);
  const cleanup = () => keep || rmSync(work, { recursive: true, force: true });
  process.on('SIGINT', () => {
    stopRunning();
    cleanup();
    process.exit(130);
  });
  const env = { ...process.env, CI: 'true', FORCE_COLOR: '0', NO_COLOR: '1' };
  for (const name of ['GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY', 'GITEA_ACTIONS']) delete env[name];
  const reportPath = join(work, 'quality-gates-report.json');
  const historyPath = join(work, 'history.json');
  if (coldHistory) {
    if (!existsSync(coldHistory)) throw new UsageError(`--cold-history=${coldHistory}: no such file`);
    copyFileSync(resolve(coldHistory), `${historyPath}.cold`);
    console.log(`cold run: not measured; every second run starts from a copy of ${resolve(coldHistory)}`);
  }
  const variants = variantList({ dir, config, reportPath, historyPath });
  const head = (await measure(['git', 'rev-parse', '--short', 'HEAD'], { cwd: dir, env, sampleMs: 0 })).output.trim();
  console.log(
    `project: ${dir} @ ${head || '(not a git checkout)'}; config ${config.path}: runner ${config.runner}, modules under ${config.root}/, slots: ${config.slots}`,
  );
  console.log(
    `quality-gates: ${DIST_CLI}; work dir (reports, history, logs): ${work}${keep ? ' (kept)' : ' (removed; --keep to keep)'}`,
  );
  if (warmup) {
    process.stdout.write(`warm-up (unmeasured): ${variants[0].argv.join(' ')} … `);
    const run = await measure(variants[0].argv, { cwd: dir, env, sampleMs: 0, timeoutMs: VARIANT_TIMEOUT_MS });
    console.log(fmtS(run.wallMs));
  }
  for (const variant of variants.filter((v) => v.unavailable))
    console.log(`${variant.label}: NOT MEASURED — ${variant.unavailable}`);
  const { runs, countsMatch } = await runRounds(
    variants.filter((v) => !v.unavailable),
    { env, logs, reportPath },
  );
  printTable(variants, runs);
  const measuredAll = printTargets(runs);
  if (!countsMatch)
    console.log(
      '\n✖✖ the test counts of quality-gates and the own run differ (see the MISMATCH lines above): the comparison is not like for like',
    );
  console.log(`\nlogs: ${keep ? logs : '(removed; rerun with --keep to read them)'}`);
  cleanup();
  return measuredAll && countsMatch ? 0 : 1;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`bench real: ${error.message}`);
  process.exitCode = 2;
}
