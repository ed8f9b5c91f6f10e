import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  aloneDurationMs,
  median
} from "./chunk-IIUJFYRQ.js";
import {
  testFileMatcher
} from "./chunk-46E7FRCQ.js";
import {
  compareNames,
  readHistory
} from "./chunk-DDDFDF4N.js";
import {
  ROOT_MODULE
} from "./chunk-NZFCFH4L.js";
import {
  formatDuration
} from "./chunk-ZC2IFY74.js";
import {
  UsageError
} from "./chunk-LPOMALK6.js";

// src/plan/format.ts
function planMatrix(plan) {
  if (plan.shards) return { include: plan.shards.map((shard) => ({ shard: shard.shard, modules: shard.modules })) };
  return { include: plan.modules.map((module) => ({ module })) };
}
function formatPlanJson(plan) {
  const { triggers, ...rest } = plan;
  const head = JSON.stringify({ ...rest, triggers: [] }, null, 2);
  if (triggers.length === 0) return head;
  const lines = triggers.map((trigger) => `    ${JSON.stringify(trigger)}`).join(",\n");
  return head.replace(/"triggers": \[\]/, () => `"triggers": [
${lines}
  ]`);
}
function formatPlanText(plan) {
  const lines = [`mode: ${plan.mode}`, `reason: ${plan.reason}`, `changed files: ${plan.changedFiles}`];
  if (plan.base || plan.head)
    lines.push(`range: ${plan.base ?? "?"}..${plan.head ?? "?"}${plan.event ? ` (${plan.event})` : ""}`);
  lines.push(`modules (${plan.modules.length} of ${plan.allModules.length}): ${plan.modules.join(", ") || "(none)"}`);
  if (plan.sharedFolders?.length)
    lines.push(`shared folders (no test files, not modules): ${plan.sharedFolders.join(", ")}`);
  for (const shard of plan.shards ?? []) {
    lines.push(`shard ${shard.shard} (~${formatDuration(shard.estimatedMs)}): ${shard.modules.join(", ")}`);
  }
  for (const warning of plan.warnings) lines.push(`warning: ${warning}`);
  const shown = plan.triggers.slice(0, 50);
  if (shown.length > 0) lines.push("triggers:");
  for (const trigger of shown)
    lines.push(
      `  ${JSON.stringify(trigger.file)} \u2192 ${trigger.rule} \u2192 ${trigger.effect}${trigger.modules.length ? ` (${trigger.modules.join(", ")})` : ""}`
    );
  if (plan.triggers.length > shown.length)
    lines.push(`  \u2026 and ${plan.triggers.length - shown.length} more (use --format json for all)`);
  return lines.join("\n");
}

// src/plan/shards.ts
var DEFAULT_MS_PER_SUITE = 5e3;
var MAX_SHARDS = 256;
function parseShardCount(value, where) {
  const text = value.trim();
  const count = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(count) || count < 1 || count > MAX_SHARDS) {
    throw new UsageError(
      `${where} ${JSON.stringify(value)}: give a whole number of shards from 1 to ${MAX_SHARDS}, e.g. ${where} 4`
    );
  }
  return count;
}
function predictDurations(modules, estimates) {
  const rates = [...estimates.values()].filter((estimate) => estimate.suiteCount > 0).map((estimate) => estimate.durationMs / estimate.suiteCount);
  const msPerSuite = median(rates) ?? DEFAULT_MS_PER_SUITE;
  return modules.map((module) => {
    const known = estimates.get(module.name);
    if (known) return { name: module.name, durationMs: known.durationMs, source: "history" };
    const suites = Math.max(1, module.suiteCount ?? estimates.get(module.name)?.suiteCount ?? 1);
    return { name: module.name, durationMs: Math.round(suites * msPerSuite), source: "suites" };
  });
}
function splitIntoShards(modules, count) {
  const shardCount = Math.max(0, Math.min(Math.floor(count), modules.length));
  if (shardCount === 0) return [];
  const ordered = [...modules].sort((a, b) => b.durationMs - a.durationMs || compareNames(a.name, b.name));
  const shards = Array.from({ length: shardCount }, () => []);
  const loads = new Array(shardCount).fill(0);
  for (const module of ordered) {
    const target = leastLoaded(loads);
    shards[target].push(module);
    loads[target] += module.durationMs;
  }
  improve(shards, loads);
  return shards.map((members, index) => ({
    shard: index + 1,
    modules: members.map((member) => member.name).sort(compareNames),
    estimatedMs: Math.round(loads[index])
  }));
}
function leastLoaded(loads) {
  let best = 0;
  for (let index = 1; index < loads.length; index++) if (loads[index] < loads[best]) best = index;
  return best;
}
function mostLoaded(loads) {
  let worst = 0;
  for (let index = 1; index < loads.length; index++) if (loads[index] > loads[worst]) worst = index;
  return worst;
}
var MAX_IMPROVEMENT_ROUNDS = 200;
function improve(shards, loads) {
  for (let round = 0; round < MAX_IMPROVEMENT_ROUNDS; round++) {
    const from = mostLoaded(loads);
    const exchange = bestExchange(shards, loads, from);
    if (!exchange) return;
    const { to, give, take } = exchange;
    const given = shards[from].splice(give, 1)[0];
    const taken = take === void 0 ? void 0 : shards[to].splice(take, 1)[0];
    shards[to].push(given);
    if (taken) shards[from].push(taken);
    const delta = given.durationMs - (taken?.durationMs ?? 0);
    loads[from] -= delta;
    loads[to] += delta;
  }
}
function bestExchange(shards, loads, from) {
  const peak = loads[from];
  let best;
  const consider = (to, give, take, delta) => {
    if (delta <= 0) return;
    const worse = Math.max(peak - delta, loads[to] + delta);
    if (worse < peak - 1e-9 && (!best || worse < best.worse - 1e-9))
      best = { to, give, ...take === void 0 ? {} : { take }, worse };
  };
  for (let to = 0; to < shards.length; to++) {
    if (to === from) continue;
    shards[from].forEach((given, give) => {
      consider(to, give, void 0, given.durationMs);
      shards[to].forEach((taken, take) => consider(to, give, take, given.durationMs - taken.durationMs));
    });
  }
  return best;
}

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
  planMatrix,
  formatPlanJson,
  formatPlanText,
  parseShardCount,
  withShards
};
