import { resolve } from 'node:path';
import { loadConfig } from '../config/load.js';
import { ExitCode, QualityGatesError, UsageError } from '../errors.js';
import { renderSummary } from '../report/summary.js';
import type { Report } from '../report/schema.js';
import { runBatch, RunNotStartedError } from '../run/batch.js';
import { resolveRunLock } from '../run/lock-config.js';
import { checkOutputPaths } from '../run/output-paths.js';
import { selectionConflict, selectWork, type SelectionRequest } from '../run/selection.js';
import { withTerminationSignals } from '../process/signals.js';
import { writeOutputFile } from '../util/output-file.js';
import type { ActionInputs } from './inputs.js';
import { publishSettings, publishToActions } from './publish.js';

/**
 * `command: run`: the same batch as `quality-gates run`. `paths` runs exactly those paths,
 * `modules` runs those modules, otherwise the plan comes from the event (like --changed;
 * `full: true` forces every module). Publishes the report (summary, annotations, outputs,
 * status) and throws when anything failed, so the entry fails the step.
 */
export async function runRunAction(inputs: ActionInputs, env: NodeJS.ProcessEnv): Promise<void> {
  const cwd = resolve(inputs.workingDirectory);
  const planned = inputs.paths.length === 0 && inputs.modules.length === 0;
  const request: SelectionRequest = {
    paths: inputs.paths,
    modules: inputs.modules,
    changed: planned,
    base: inputs.base,
    head: inputs.head,
  };
  const conflict = selectionConflict(request, inputs.full ? ['full'] : [], {
    all: 'all',
    changed: 'changed',
    plan: 'plan',
    modules: 'modules',
    paths: 'paths',
  });
  if (conflict?.kind === 'alternatives') {
    throw new UsageError(
      "inputs 'paths' and 'modules' are alternatives: give the paths to run in one test process, or the modules to run, not both",
    );
  }
  if (conflict?.kind === 'planning-only') {
    throw new UsageError(`input 'full' runs every module: leave '${conflict.given}' empty, or set full: false`);
  }
  const loaded = loadConfig(cwd, inputs.config);
  const { config } = loaded;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const full = inputs.full ? 'Full run: the full input was set.' : undefined;
  const selection = await selectWork({ ...request, full }, { cwd, env, loaded, log });
  const reportPath = inputs.reportPath ?? config.report.path;
  const junitPath = inputs.junitPath ?? config.report.junit;
  // The batch checks the report and JUnit paths; the summary is written here, so checked here.
  if (config.report.summary)
    checkOutputPaths([{ label: 'summary', path: resolve(cwd, config.report.summary), kind: 'file' }]);
  const publish = (report: Report) => publishToActions(report, publishSettings(inputs, config.report, reportPath), env);
  const outcome = await withTerminationSignals((stopSignal) =>
    runBatch({
      cwd,
      env,
      loaded,
      selection,
      runnerArgs: inputs.runnerArgs,
      ...(inputs.slots !== undefined ? { slots: inputs.slots, slotsSource: `input 'slots' (${inputs.slots})` } : {}),
      ...(inputs.history !== undefined
        ? { history: inputs.history === 'none' ? (false as const) : inputs.history }
        : {}),
      ...(inputs.pack !== undefined ? { pack: inputs.pack } : {}),
      ...(inputs.heapSnapshots !== undefined ? { heapSnapshots: inputs.heapSnapshots } : {}),
      forceReset: inputs.forceReset,
      lock: resolveRunLock(config, { name: inputs.lock, backend: inputs.lockBackend, timeout: inputs.lockTimeout }),
      reportPath: resolve(cwd, reportPath),
      ...(junitPath !== undefined ? { junitPath: resolve(cwd, junitPath) } : {}),
      stdout: process.stdout,
      stderr: process.stderr,
      groupOutput: true,
      stopSignal,
    }),
  ).catch(async (error: unknown) => {
    // Nothing ran (lock not acquired): the summary, outputs and status still say so.
    if (error instanceof RunNotStartedError) await publish(error.report);
    throw error;
  });
  if (config.report.summary)
    writeOutputFile(resolve(cwd, config.report.summary), `${renderSummary(outcome.report, { reportPath })}\n`);
  await publish(outcome.report);
  if (outcome.exitCode !== ExitCode.Ok) {
    throw new QualityGatesError(outcome.failure ?? `the run ${outcome.report.status}`, outcome.exitCode);
  }
}
