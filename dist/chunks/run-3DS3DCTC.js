import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  publishToActions
} from "./chunk-KSK5NB45.js";
import {
  RunNotStartedError,
  checkOutputPaths,
  resolveRunLock,
  runBatch,
  selectWork
} from "./chunk-XKA4HZFT.js";
import {
  withTerminationSignals
} from "./chunk-FMGH37PX.js";
import {
  renderSummary
} from "./chunk-YO6IW2WZ.js";
import "./chunk-KPZR3NFN.js";
import "./chunk-MXVR3JPA.js";
import "./chunk-ZZFUFMXY.js";
import "./chunk-E6YWZ43M.js";
import "./chunk-7M3TZQD3.js";
import {
  loadConfig
} from "./chunk-LLZON2OF.js";
import "./chunk-WOEZ3BXA.js";
import "./chunk-5S2WLFU4.js";
import "./chunk-USA5LE2H.js";
import "./chunk-64T4F7XV.js";
import "./chunk-BURGMGPG.js";
import {
  ExitCode,
  QualityGatesError,
  UsageError
} from "./chunk-LPOMALK6.js";
import "./chunk-6LBAFHHF.js";
import "./chunk-OXXGRHMT.js";
import "./chunk-J7EPJJHD.js";
import "./chunk-OMX5YOFN.js";

// src/action/run.ts
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
async function runRunAction(inputs, env) {
  const cwd = resolve(inputs.workingDirectory);
  if (inputs.paths.length > 0 && inputs.modules.length > 0) {
    throw new UsageError("inputs 'paths' and 'modules' are alternatives: give the paths for one pass-through run, or the modules to run, not both");
  }
  if (inputs.full && (inputs.paths.length > 0 || inputs.modules.length > 0)) {
    throw new UsageError(`input 'full' runs every module: leave '${inputs.paths.length > 0 ? "paths" : "modules"}' empty, or set full: false`);
  }
  const loaded = loadConfig(cwd, inputs.config);
  const { config } = loaded;
  const log = (line) => process.stderr.write(`${line}
`);
  const selection = await selectWork(
    inputs.paths.length > 0 ? { paths: inputs.paths } : inputs.modules.length > 0 ? { modules: inputs.modules } : { changed: true, base: inputs.base, head: inputs.head, full: inputs.full ? "Full run: the full input was set." : void 0 },
    { cwd, env, loaded, log }
  );
  const reportPath = inputs.reportPath ?? config.report.path;
  const junitPath = inputs.junitPath ?? config.report.junit;
  if (config.report.summary) checkOutputPaths([{ label: "summary", path: resolve(cwd, config.report.summary), kind: "file" }]);
  const publish = (report) => publishToActions(report, inputs, env, { reportPath, statusContext: config.report.statusContext, prComment: config.report.prComment });
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
  if (config.report.summary) writeFileSync(resolve(cwd, config.report.summary), `${renderSummary(outcome.report, { reportPath })}
`);
  await publish(outcome.report);
  if (outcome.exitCode !== ExitCode.Ok) {
    throw new QualityGatesError(outcome.failure ?? `the run ${outcome.report.status}`, outcome.exitCode);
  }
}
export {
  runRunAction
};
