import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  median,
  quantile
} from "./chunk-KCKJSNRL.js";

// src/history/estimates.ts
function estimates(history, options = {}) {
  const result = /* @__PURE__ */ new Map();
  const runsOf = (name) => history.modules[name].filter((run) => options.runner === void 0 || run.runner === options.runner);
  const loadedOnce = loadedOnceOf(Object.keys(history.modules).map(runsOf));
  for (const name of Object.keys(history.modules).sort()) {
    const runs = runsOf(name);
    const newest = runs.at(-1);
    if (!newest) continue;
    const heapRuns = peakRuns(runs.filter((run) => run.process.inheritedHeapMB !== null));
    const alone = (value, from) => rounded(median(from.map(value).filter((figure) => figure !== null)));
    const inherited = (run) => run.process.inheritedHeapMB ?? 0;
    result.set(name, {
      name,
      runs: runs.length,
      lastStatus: newest.status,
      durationMs: alone(aloneDurationMs, runs) ?? 0,
      startupMs: alone((run) => run.startupMs, runs),
      suiteCount: Math.round(median(runs.map((run) => run.suiteCount)) ?? 0),
      peakHeapMB: alone(
        (run) => run.peakHeapMB === null ? null : Math.max(0, run.peakHeapMB - inherited(run)),
        heapRuns
      ),
      retainedHeapMB: retainedEstimate(runs, loadedOnce),
      peakRssMB: alone(
        (run) => run.peakRssMB === null ? null : Math.max(0, run.peakRssMB - inherited(run)),
        heapRuns
      ),
      heapLimitMB: [...runs].reverse().find((run) => run.heapLimitMB !== null)?.heapLimitMB ?? null,
      bootRssMB: alone((run) => run.process.bootRssMB ?? null, runs)
    });
  }
  return result;
}
function peakRuns(runs) {
  const first = runs.filter((run) => run.process.position === 0);
  return first.length > 0 ? first : runs;
}
function retainedEstimate(runs, loadedOnce) {
  const { first, behind } = retainedByPosition(runs);
  if (behind.length > 0) return rounded(median(behind));
  const alone = median(first);
  return alone === void 0 ? null : rounded(Math.max(0, alone - loadedOnceFor(loadedOnce, alone)));
}
var SIMILAR_FIRST = 1.5;
function loadedOnceFor(loadedOnce, firstMB) {
  const similar = loadedOnce.bothWays.filter(
    (module) => module.firstMB * SIMILAR_FIRST >= firstMB && module.firstMB <= firstMB * SIMILAR_FIRST
  );
  if (similar.length === 0) return loadedOnce.projectMB;
  return Math.max(0, median(similar.map((module) => module.gapMB)) ?? 0);
}
function loadedOnceOf(runsPerModule) {
  const medians = runsPerModule.map((runs) => {
    const { first, behind } = retainedByPosition(runs);
    return { firstMB: median(first), behindMB: median(behind) };
  });
  const bothWays = medians.flatMap(
    ({ firstMB, behindMB }) => firstMB === void 0 || behindMB === void 0 ? [] : [{ firstMB, gapMB: firstMB - behindMB }]
  );
  return { projectMB: loadedOnceMB(runsPerModule, medians, bothWays), bothWays };
}
function retainedByPosition(runs) {
  const first = [];
  const behind = [];
  for (const run of runs)
    if (run.retainedHeapMB !== null) (run.process.position > 0 ? behind : first).push(run.retainedHeapMB);
  return { first, behind };
}
var LOADED_ONCE_MIN_MODULES = 3;
var LOADED_ONCE_MIN_GAPS = 8;
function loadedOnceMB(runsPerModule, medians, bothWays) {
  const gaps = bothWays.map((module) => module.gapMB);
  if (gaps.length >= LOADED_ONCE_MIN_GAPS) return Math.max(0, quantile(gaps, 0.75) ?? 0);
  const firstFiles = runsPerModule.flatMap(
    (runs) => runs.flatMap((run) => run.process.loadedOnceMB !== void 0 ? [run.process.loadedOnceMB] : [])
  );
  if (firstFiles.length < LOADED_ONCE_MIN_MODULES) return 0;
  const leastFirst = Math.min(...medians.flatMap(({ firstMB }) => firstMB === void 0 ? [] : [firstMB]));
  return Math.max(0, Math.min(median(firstFiles) ?? 0, leastFirst));
}
function aloneDurationMs(run) {
  return run.durationMs + (run.process.position > 0 ? run.startupMs ?? 0 : 0);
}
function rounded(value) {
  return value === void 0 ? null : Math.round(value * 10) / 10;
}

export {
  estimates,
  aloneDurationMs
};
