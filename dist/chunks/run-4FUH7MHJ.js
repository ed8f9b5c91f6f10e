import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  publishSettings,
  publishToActions
} from "./chunk-ERGHMDWH.js";
import {
  RunNotStartedError,
  checkOutputPaths,
  resolveRunLock,
  runBatch,
  selectWork,
  selectionConflict
} from "./chunk-LZNSU7V3.js";
import {
  withTerminationSignals
} from "./chunk-VJ4NMVJ2.js";
import {
  renderSummary
} from "./chunk-B6FG5BJQ.js";
import "./chunk-KPZR3NFN.js";
import "./chunk-2U5EFZKQ.js";
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
import "./chunk-5S2WLFU4.js";
import "./chunk-BURGMGPG.js";
import "./chunk-J7EPJJHD.js";
import "./chunk-KCKJSNRL.js";
import "./chunk-NYGUVZYR.js";
import "./chunk-6WDK2BYD.js";
import "./chunk-ACAW7SLU.js";
import "./chunk-ZC2IFY74.js";
import "./chunk-OXXGRHMT.js";
import "./chunk-USA5LE2H.js";
import {
  ExitCode,
  QualityGatesError,
  UsageError
} from "./chunk-LPOMALK6.js";
import "./chunk-OMX5YOFN.js";

// src/action/run.ts
import { resolve } from "node:path";
async function runRunAction(inputs, env) {
  const cwd = resolve(inputs.workingDirectory);
  const planned = inputs.paths.length === 0 && inputs.modules.length === 0;
  const request = {
    paths: inputs.paths,
    modules: inputs.modules,
    changed: planned,
    base: inputs.base,
    head: inputs.head
  };
  const conflict = selectionConflict(request, inputs.full ? ["full"] : [], {
    all: "all",
    changed: "changed",
    plan: "plan",
    modules: "modules",
    paths: "paths"
  });
  if (conflict?.kind === "alternatives") {
    throw new UsageError(
      "inputs 'paths' and 'modules' are alternatives: give the paths to run in one test process, or the modules to run, not both"
    );
  }
  if (conflict?.kind === "planning-only") {
    throw new UsageError(`input 'full' runs every module: leave '${conflict.given}' empty, or set full: false`);
  }
  const loaded = loadConfig(cwd, inputs.config);
  const { config } = loaded;
  const log = (line) => process.stderr.write(`${line}
`);
  const full = inputs.full ? "Full run: the full input was set." : void 0;
  const selection = await selectWork({ ...request, full }, { cwd, env, loaded, log });
  const reportPath = inputs.reportPath ?? config.report.path;
  const junitPath = inputs.junitPath ?? config.report.junit;
  if (config.report.summary)
    checkOutputPaths([{ label: "summary", path: resolve(cwd, config.report.summary), kind: "file" }]);
  const publish = (report) => publishToActions(report, publishSettings(inputs, config.report, reportPath), env);
  const outcome = await withTerminationSignals(
    (stopSignal) => runBatch({
      cwd,
      env,
      loaded,
      selection,
      runnerArgs: inputs.runnerArgs,
      ...inputs.slots !== void 0 ? { slots: inputs.slots, slotsSource: `input 'slots' (${inputs.slots})` } : {},
      ...inputs.history !== void 0 ? { history: inputs.history === "none" ? false : inputs.history } : {},
      ...inputs.pack !== void 0 ? { pack: inputs.pack } : {},
      ...inputs.heapSnapshots !== void 0 ? { heapSnapshots: inputs.heapSnapshots } : {},
      forceReset: inputs.forceReset,
      lock: resolveRunLock(config, { name: inputs.lock, backend: inputs.lockBackend, timeout: inputs.lockTimeout }),
      reportPath: resolve(cwd, reportPath),
      ...junitPath !== void 0 ? { junitPath: resolve(cwd, junitPath) } : {},
      stdout: process.stdout,
      stderr: process.stderr,
      groupOutput: true,
      stopSignal
    })
  ).catch(async (error) => {
    if (error instanceof RunNotStartedError) await publish(error.report);
    throw error;
  });
  if (config.report.summary)
    writeOutputFile(resolve(cwd, config.report.summary), `${renderSummary(outcome.report, { reportPath })}
`);
  await publish(outcome.report);
  if (outcome.exitCode !== ExitCode.Ok) {
    throw new QualityGatesError(outcome.failure ?? `the run ${outcome.report.status}`, outcome.exitCode);
  }
}
export {
  runRunAction
};
