import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  median
} from "./chunk-KCKJSNRL.js";
import {
  compareNames
} from "./chunk-ACAW7SLU.js";
import {
  UsageError
} from "./chunk-LPOMALK6.js";

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

export {
  parseShardCount,
  predictDurations,
  splitIntoShards
};
