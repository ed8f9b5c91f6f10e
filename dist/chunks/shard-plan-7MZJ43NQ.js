import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  aloneDurationMs
} from "./chunk-UKOBU3UI.js";
import {
  readHistory
} from "./chunk-SKC5PD7T.js";
import "./chunk-64T4F7XV.js";
import {
  predictDurations,
  splitIntoShards
} from "./chunk-OKJAYRJL.js";
import {
  median
} from "./chunk-KCKJSNRL.js";
import {
  testFileMatcher
} from "./chunk-NYGUVZYR.js";
import {
  ROOT_MODULE
} from "./chunk-6WDK2BYD.js";
import "./chunk-ACAW7SLU.js";
import "./chunk-ZC2IFY74.js";
import "./chunk-OXXGRHMT.js";
import "./chunk-USA5LE2H.js";
import "./chunk-LPOMALK6.js";
import "./chunk-OMX5YOFN.js";

// src/history/contention.ts
function cpuShare(process) {
  if (process.cores === void 0) return 1;
  const slots = Math.max(1, process.slots);
  return Math.min(slots, Math.max(1, process.cores)) / slots;
}
function uncontendedDurationMs(run) {
  return aloneDurationMs(run) * cpuShare(run.process);
}
function uncontendedEstimates(history, options = {}) {
  const result = /* @__PURE__ */ new Map();
  for (const name of Object.keys(history.modules).sort()) {
    const runs = history.modules[name].filter((run) => options.runner === void 0 || run.runner === options.runner);
    const durationMs = median(runs.map(uncontendedDurationMs));
    if (durationMs === void 0) continue;
    const suiteCount = Math.round(median(runs.map((run) => run.suiteCount)) ?? 0);
    result.set(name, { name, durationMs: Math.round(durationMs), suiteCount, runs: runs.length });
  }
  return result;
}

// src/plan/suite-count.ts
import { readdirSync } from "node:fs";
import { join } from "node:path";
var SKIPPED_FOLDERS = /* @__PURE__ */ new Set(["node_modules", ".git"]);
function countTestFiles(repoRoot, moduleRoot, module, isTestFile) {
  const prefix = moduleRoot === "" ? "" : `${moduleRoot}/`;
  try {
    if (module === ROOT_MODULE) {
      return readdirSync(join(repoRoot, moduleRoot), { withFileTypes: true }).filter(
        (entry) => entry.isFile() && isTestFile(prefix + entry.name)
      ).length;
    }
    return countBelow(join(repoRoot, moduleRoot, module), `${prefix}${module}`, isTestFile);
  } catch {
    return null;
  }
}
function countBelow(folder, relative, isTestFile) {
  let count = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = `${relative}/${entry.name}`;
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name))
      count += countBelow(join(folder, entry.name), path, isTestFile);
    else if (entry.isFile() && isTestFile(path)) count++;
  }
  return count;
}

// src/plan/shard-plan.ts
function withShards(plan, request) {
  const warnings = [...plan.warnings];
  const read = request.historyPath === void 0 ? void 0 : readHistory(request.historyPath);
  if (read?.warning) warnings.push(read.warning);
  const runner = request.loaded.config.runner;
  const estimates = read ? uncontendedEstimates(read.history, { runner }) : /* @__PURE__ */ new Map();
  const isTestFile = testFileMatcher(runner, request.loaded.config.modules.testMatch);
  const candidates = plan.modules.map((name) => {
    const known = estimates.has(name);
    return {
      name,
      suiteCount: known ? null : countTestFiles(request.cwd, request.loaded.moduleRoot, name, isTestFile)
    };
  });
  const shards = splitIntoShards(predictDurations(candidates, estimates), request.count);
  if (plan.modules.length > 0 && shards.length < request.count) {
    warnings.push(
      `--shards ${request.count}: only ${plan.modules.length} ${plan.modules.length === 1 ? "module" : "modules"} to run, so ${shards.length} ${shards.length === 1 ? "shard" : "shards"} (a shard is never empty)`
    );
  }
  return { ...plan, shards, warnings };
}
export {
  withShards
};
