import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  checkOutputPaths,
  lossTolerant,
  resolveRunLock,
  runBatch,
  selectWork,
  selectionConflict
} from "./chunk-LZNSU7V3.js";
import {
  readFileList
} from "./chunk-TUSD6CX4.js";
import {
  withTerminationSignals
} from "./chunk-VJ4NMVJ2.js";
import {
  renderSummary
} from "./chunk-B6FG5BJQ.js";
import "./chunk-KPZR3NFN.js";
import {
  parseCommandArgs
} from "./chunk-QWNBACTB.js";
import {
  readCiEnvironment
} from "./chunk-2U5EFZKQ.js";
import "./chunk-6LBAFHHF.js";
import "./chunk-UKOBU3UI.js";
import "./chunk-SARGJA6J.js";
import {
  writeOutputFile
} from "./chunk-SKC5PD7T.js";
import "./chunk-64T4F7XV.js";
import "./chunk-DXIKE7HS.js";
import {
  loadConfig
} from "./chunk-LZFESEJ6.js";
import "./chunk-XS3YCCI7.js";
import "./chunk-BURGMGPG.js";
import "./chunk-J7EPJJHD.js";
import "./chunk-KCKJSNRL.js";
import "./chunk-NYGUVZYR.js";
import "./chunk-6WDK2BYD.js";
import "./chunk-ACAW7SLU.js";
import {
  parseDuration
} from "./chunk-ZC2IFY74.js";
import "./chunk-OXXGRHMT.js";
import "./chunk-USA5LE2H.js";
import {
  ExitCode,
  UsageError
} from "./chunk-LPOMALK6.js";
import "./chunk-OMX5YOFN.js";

// src/cli/commands/run.ts
import { resolve } from "node:path";
var HELP = `Usage: quality-gates run [options] [-- PATH\u2026]

Runs the integration tests module by module, suites in band: each work item is one test
process (one module, or several small ones packed from history), on one slot or several
in parallel; every module runs (no fail-fast); writes the report JSON.

What runs (one of these; none means --all):
  --all               every module (the full batch)
  --changed           plan from git and the CI event, then run that plan
                      (with --base REF, --head REF, --files FILE|-, --full as in 'plan')
  --plan FILE         run a plan JSON written by 'quality-gates plan'
  --module NAME       run this module (repeatable)
  -- PATH\u2026            exactly these paths, in one test process (mode paths)

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
var RUN_OPTIONS = {
  all: { type: "boolean" },
  changed: { type: "boolean" },
  base: { type: "string" },
  head: { type: "string" },
  files: { type: "string" },
  full: { type: "boolean" },
  plan: { type: "string" },
  module: { type: "string", multiple: true },
  "force-reset": { type: "boolean" },
  lock: { type: "string" },
  timeout: { type: "string" },
  "runner-arg": { type: "string", multiple: true },
  "no-prestart": { type: "boolean" },
  slots: { type: "string" },
  history: { type: "string" },
  "no-pack": { type: "boolean" },
  "no-vitest-server": { type: "boolean" },
  "heap-snapshots": { type: "boolean" },
  "memory-budget": { type: "string" },
  "heap-budget": { type: "string" },
  report: { type: "string" },
  junit: { type: "string" },
  summary: { type: "string" },
  config: { type: "string" },
  help: { type: "boolean", short: "h" }
};
function requestFromFlags(values, paths) {
  const planFlags = ["base", "head", "files", "full"].filter((flag) => values[flag] !== void 0).map((flag) => `--${flag}`);
  const request = {
    all: values.all,
    // --base/--head/--files/--full only make sense when planning: they imply --changed.
    changed: values.changed || planFlags.length > 0 && !values.all && values.plan === void 0 && !values.module && paths.length === 0,
    planFile: values.plan,
    modules: values.module,
    paths
  };
  const conflict = selectionConflict(request, planFlags, {
    all: "--all",
    changed: "--changed",
    plan: "--plan",
    modules: "--module",
    paths: "-- PATH\u2026"
  });
  if (conflict?.kind === "alternatives") {
    throw new UsageError(
      `${conflict.given.join(" and ")} are alternatives: give one \u2014 --all (every module), --changed (plan from git), --plan FILE, --module NAME\u2026, or -- PATH\u2026 (exactly those paths)`
    );
  }
  if (conflict?.kind === "planning-only") {
    throw new UsageError(
      `${conflict.options.join(", ")} only apply to --changed (planning from git), not to ${conflict.given}`
    );
  }
  if (values.files !== void 0 && (values.base !== void 0 || values.head !== void 0)) {
    throw new UsageError(
      "--files and --base/--head are alternatives: give the list of files, or the range to diff, not both"
    );
  }
  const chosen = request.all || request.changed || request.planFile !== void 0 || (request.modules?.length ?? 0) > 0 || paths.length > 0;
  return chosen ? request : { ...request, all: true };
}
var runCommand = async (argv, cliContext) => {
  const context = { ...cliContext, stdout: lossTolerant(cliContext.stdout), stderr: lossTolerant(cliContext.stderr) };
  const { values, rest, hadDashDash } = parseCommandArgs("run", argv, RUN_OPTIONS);
  if (values.help) {
    context.stdout.write(HELP + "\n");
    return ExitCode.Ok;
  }
  if (hadDashDash && rest.length === 0)
    throw new UsageError(
      "'--' must be followed by the paths to run, e.g. quality-gates run -- testing/backend/integration/billing"
    );
  const request = requestFromFlags(values, rest);
  const loaded = loadConfig(context.cwd, values.config);
  const { config } = loaded;
  if (values.timeout !== void 0) {
    parseDuration(values.timeout, "--timeout");
    config.timeout = values.timeout;
  }
  const log = (line) => context.stderr.write(`${line}
`);
  const files = values.files !== void 0 ? await readFileList(values.files, context.cwd, context.stdin) : void 0;
  const selection = await selectWork(
    {
      ...request,
      base: values.base,
      head: values.head,
      files,
      full: values.full ? "Full run: --full was given." : void 0
    },
    { cwd: context.cwd, env: context.env, loaded, log }
  );
  const reportPath = resolve(context.cwd, values.report ?? config.report.path);
  const junit = values.junit ?? config.report.junit;
  const summary = values.summary ?? config.report.summary;
  const summaryPath = summary !== void 0 && summary !== "-" ? resolve(context.cwd, summary) : void 0;
  if (summaryPath !== void 0) checkOutputPaths([{ label: "summary", path: summaryPath, kind: "file" }]);
  const outcome = await withTerminationSignals(
    (stopSignal) => runBatch({
      cwd: context.cwd,
      env: context.env,
      loaded,
      selection,
      runnerArgs: values["runner-arg"] ?? [],
      prestart: !values["no-prestart"],
      ...values.slots !== void 0 ? { slots: parseSlots(values.slots, "--slots") } : {},
      ...values.history !== void 0 ? { history: parseHistoryFlag(values.history) } : {},
      ...values["no-pack"] ? { pack: false } : {},
      ...values["no-vitest-server"] ? { vitestServer: false } : {},
      ...values["heap-snapshots"] ? { heapSnapshots: true } : {},
      ...values["memory-budget"] !== void 0 ? { memoryBudget: values["memory-budget"] } : {},
      ...values["heap-budget"] !== void 0 ? { heapBudget: values["heap-budget"] } : {},
      forceReset: values["force-reset"] ?? false,
      lock: resolveRunLock(config, { name: values.lock }),
      reportPath,
      ...junit !== void 0 ? { junitPath: resolve(context.cwd, junit) } : {},
      stdout: context.stdout,
      stderr: context.stderr,
      groupOutput: readCiEnvironment(context.env).actions,
      stopSignal
    })
  );
  if (summary !== void 0) {
    const markdown = renderSummary(outcome.report, { reportPath });
    if (summary === "-") context.stdout.write(`${markdown}
`);
    else if (summaryPath !== void 0) writeOutputFile(summaryPath, `${markdown}
`);
  }
  return outcome.exitCode;
};
function parseSlots(value, what) {
  const text = value.trim();
  if (text === "auto") return "auto";
  if (/^\d+$/.test(text) && Number(text) >= 1) return Number(text);
  throw new UsageError(
    `${what}: ${JSON.stringify(value)} is not a number of slots \u2014 give a whole number from 1, or auto`
  );
}
function parseHistoryFlag(value) {
  if (value.trim() === "") throw new UsageError("--history: give a file, or 'none' for no history");
  return value.trim() === "none" ? false : value;
}
export {
  runCommand
};
