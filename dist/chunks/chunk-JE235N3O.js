import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  median
} from "./chunk-QFMG7XA7.js";

// src/history/estimates.ts
function estimates(history, options = {}) {
  const result = /* @__PURE__ */ new Map();
  for (const name of Object.keys(history.modules).sort()) {
    const runs = history.modules[name].filter((run) => options.runner === void 0 || run.runner === options.runner);
    const newest = runs.at(-1);
    if (!newest) continue;
    const heapRuns = runs.filter((run) => run.process.inheritedHeapMB !== null);
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
      retainedHeapMB: alone((run) => run.retainedHeapMB, marginalRuns(runs)),
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
function marginalRuns(runs) {
  const behind = runs.filter((run) => run.process.position > 0 && run.retainedHeapMB !== null);
  return behind.length > 0 ? behind : runs;
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
