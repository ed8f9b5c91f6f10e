import { resolve } from 'node:path';
import { readCiEnvironment } from '../../ci/environment.js';
import { loadConfig } from '../../config/load.js';
import { ExitCode, UsageError } from '../../errors.js';
import { renderSummary } from '../../report/summary.js';
import { runBatch } from '../../run/batch.js';
import { resolveRunLock } from '../../run/lock-config.js';
import { checkOutputPaths } from '../../run/output-paths.js';
import { lossTolerant } from '../../run/safe-output.js';
import { selectionConflict, selectWork, type SelectionRequest } from '../../run/selection.js';
import { withTerminationSignals } from '../../process/signals.js';
import { parseDuration } from '../../util/duration.js';
import { writeOutputFile } from '../../util/output-file.js';
import { parseCommandArgs } from '../args.js';
import type { Command } from '../context.js';
import { readFileList } from '../read-list.js';

const HELP = `Usage: quality-gates run [options] [-- PATH…]

Runs the integration tests module by module, suites in band: each work item is one test
process (one module, or several small ones packed from history), on one slot or several
in parallel; every module runs (no fail-fast); writes the report JSON.

What runs (one of these; none means --all):
  --all               every module (the full batch)
  --changed           plan from git and the CI event, then run that plan
                      (with --base REF, --head REF, --files FILE|-, --full as in 'plan')
  --plan FILE         run a plan JSON written by 'quality-gates plan'
  --module NAME       run this module (repeatable)
  -- PATH…            exactly these paths, in one test process (mode paths)

Options:
  --force-reset       run the configured reset command once before the batch
  --lock NAME         hold this lock (flock) from before the reset until the report is
                      written (default: the config's lock: section, if any;
                      'none' turns a configured lock off)
  --timeout DURATION  per-module timeout, e.g. 10m (default: the config's timeout, none)
  --runner-arg=ARG    extra argument for every test process (repeatable), e.g.
                      --runner-arg=--coverage
  --no-prestart       never start a slot's next jest process early (see README)
  --slots N|auto      run N work items in parallel, each slot with its own data
                      (needs isolation: in the config; default: slots:, 1); auto picks
                      from the cores and the memory budget
  --history FILE|none the history file read before and updated after the run
                      (default: history:, .quality-gates/history.json)
  --no-pack           every module in its own test process (default: pack:)
  --no-vitest-server  vitest: a test process per work item, not one long-lived
                      vitest per slot (default: vitestServer:, on)
  --heap-snapshots    leak forensics: when a module's post-GC heap keeps climbing, write
                      heap snapshots (when there is room) and name what grew in them
                      (default: leaks.snapshots, off)
  --memory-budget SIZE|PCT
                      the running processes' predicted peak RSS stays within this,
                      e.g. 8GB or 70% of the available memory (default: memoryBudget:)
  --heap-budget SIZE  the heap a packed test process may be predicted to need,
                      e.g. 512MB (default: heapBudget:, else the biggest module
                      alone in history; never above 70% of the V8 heap limit)
  --report FILE       report JSON (default: report.path, quality-gates-report.json)
  --junit FILE        also write JUnit XML (default: report.junit)
  --summary FILE|-    also write the summary Markdown (- for stdout)
  --config FILE       config file (default: quality-gates.config.yml)
  -h, --help          show this help

Exit codes: 0 every module that ran passed (or nothing to run), 1 a test failed, a
module crashed or timed out, the reset failed or the lock was lost, 2 usage or config
error (also: an output path that cannot be written), 69 the postgres lock server cannot
be reached, 75 lock timeout, 130 interrupted by SIGINT/SIGTERM/SIGHUP (partial report
written).`;

const RUN_OPTIONS = {
  all: { type: 'boolean' },
  changed: { type: 'boolean' },
  base: { type: 'string' },
  head: { type: 'string' },
  files: { type: 'string' },
  full: { type: 'boolean' },
  plan: { type: 'string' },
  module: { type: 'string', multiple: true },
  'force-reset': { type: 'boolean' },
  lock: { type: 'string' },
  timeout: { type: 'string' },
  'runner-arg': { type: 'string', multiple: true },
  'no-prestart': { type: 'boolean' },
  slots: { type: 'string' },
  history: { type: 'string' },
  'no-pack': { type: 'boolean' },
  'no-vitest-server': { type: 'boolean' },
  'heap-snapshots': { type: 'boolean' },
  'memory-budget': { type: 'string' },
  'heap-budget': { type: 'string' },
  report: { type: 'string' },
  junit: { type: 'string' },
  summary: { type: 'string' },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type RunFlags = ReturnType<typeof parseCommandArgs<typeof RUN_OPTIONS>>['values'];

/** The work the flags choose (none means --all); UsageError for flags that contradict each other. */
function requestFromFlags(values: RunFlags, paths: string[]): SelectionRequest {
  const planFlags = (['base', 'head', 'files', 'full'] as const)
    .filter((flag) => values[flag] !== undefined)
    .map((flag) => `--${flag}`);
  const request: SelectionRequest = {
    all: values.all,
    // --base/--head/--files/--full only make sense when planning: they imply --changed.
    changed:
      values.changed ||
      (planFlags.length > 0 && !values.all && values.plan === undefined && !values.module && paths.length === 0),
    planFile: values.plan,
    modules: values.module,
    paths,
  };
  const conflict = selectionConflict(request, planFlags, {
    all: '--all',
    changed: '--changed',
    plan: '--plan',
    modules: '--module',
    paths: '-- PATH…',
  });
  if (conflict?.kind === 'alternatives') {
    throw new UsageError(
      `${conflict.given.join(' and ')} are alternatives: give one — --all (every module), --changed (plan from git), --plan FILE, --module NAME…, or -- PATH… (exactly those paths)`,
    );
  }
  if (conflict?.kind === 'planning-only') {
    throw new UsageError(
      `${conflict.options.join(', ')} only apply to --changed (planning from git), not to ${conflict.given}`,
    );
  }
  if (values.files !== undefined && (values.base !== undefined || values.head !== undefined)) {
    throw new UsageError(
      '--files and --base/--head are alternatives: give the list of files, or the range to diff, not both',
    );
  }
  const chosen =
    request.all ||
    request.changed ||
    request.planFile !== undefined ||
    (request.modules?.length ?? 0) > 0 ||
    paths.length > 0;
  return chosen ? request : { ...request, all: true };
}

/** `quality-gates run`: the batch runner. See HELP for modes and exit codes. */
export const runCommand: Command = async (argv, cliContext) => {
  // Output that cannot be shown (stdout closed early: `run | head -1`) must not stop the run.
  const context = { ...cliContext, stdout: lossTolerant(cliContext.stdout), stderr: lossTolerant(cliContext.stderr) };
  const { values, rest, hadDashDash } = parseCommandArgs('run', argv, RUN_OPTIONS);
  if (values.help) {
    context.stdout.write(HELP + '\n');
    return ExitCode.Ok;
  }
  if (hadDashDash && rest.length === 0)
    throw new UsageError(
      "'--' must be followed by the paths to run, e.g. quality-gates run -- testing/backend/integration/billing",
    );
  const request = requestFromFlags(values, rest);

  const loaded = loadConfig(context.cwd, values.config);
  const { config } = loaded;
  if (values.timeout !== undefined) {
    parseDuration(values.timeout, '--timeout');
    config.timeout = values.timeout;
  }
  const log = (line: string) => context.stderr.write(`${line}\n`);
  const files = values.files !== undefined ? await readFileList(values.files, context.cwd, context.stdin) : undefined;
  const selection = await selectWork(
    {
      ...request,
      base: values.base,
      head: values.head,
      files,
      full: values.full ? 'Full run: --full was given.' : undefined,
    },
    { cwd: context.cwd, env: context.env, loaded, log },
  );
  const reportPath = resolve(context.cwd, values.report ?? config.report.path);
  const junit = values.junit ?? config.report.junit;
  const summary = values.summary ?? config.report.summary;
  const summaryPath = summary !== undefined && summary !== '-' ? resolve(context.cwd, summary) : undefined;
  if (summaryPath !== undefined) checkOutputPaths([{ label: 'summary', path: summaryPath, kind: 'file' }]);

  const outcome = await withTerminationSignals((stopSignal) =>
    runBatch({
      cwd: context.cwd,
      env: context.env,
      loaded,
      selection,
      runnerArgs: values['runner-arg'] ?? [],
      prestart: !values['no-prestart'],
      ...(values.slots !== undefined ? { slots: parseSlots(values.slots, '--slots') } : {}),
      ...(values.history !== undefined ? { history: parseHistoryFlag(values.history) } : {}),
      ...(values['no-pack'] ? { pack: false } : {}),
      ...(values['no-vitest-server'] ? { vitestServer: false } : {}),
      ...(values['heap-snapshots'] ? { heapSnapshots: true } : {}),
      ...(values['memory-budget'] !== undefined ? { memoryBudget: values['memory-budget'] } : {}),
      ...(values['heap-budget'] !== undefined ? { heapBudget: values['heap-budget'] } : {}),
      forceReset: values['force-reset'] ?? false,
      lock: resolveRunLock(config, { name: values.lock }),
      reportPath,
      ...(junit !== undefined ? { junitPath: resolve(context.cwd, junit) } : {}),
      stdout: context.stdout,
      stderr: context.stderr,
      groupOutput: readCiEnvironment(context.env).actions,
      stopSignal,
    }),
  );
  if (summary !== undefined) {
    const markdown = renderSummary(outcome.report, { reportPath });
    if (summary === '-') context.stdout.write(`${markdown}\n`);
    else if (summaryPath !== undefined) writeOutputFile(summaryPath, `${markdown}\n`);
  }
  return outcome.exitCode;
};

/** `--slots 2`, `--slots auto`. */
function parseSlots(value: string, what: string): number | 'auto' {
  const text = value.trim();
  if (text === 'auto') return 'auto';
  if (/^\d+$/.test(text) && Number(text) >= 1) return Number(text);
  throw new UsageError(
    `${what}: ${JSON.stringify(value)} is not a number of slots — give a whole number from 1, or auto`,
  );
}

/** `--history FILE` or `--history none` (no history read or written). */
function parseHistoryFlag(value: string): string | false {
  if (value.trim() === '') throw new UsageError("--history: give a file, or 'none' for no history");
  return value.trim() === 'none' ? false : value;
}
