import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  planMatrix
} from "./chunk-VBN7RPYR.js";
import {
  computePlan
} from "./chunk-DXIKE7HS.js";
import {
  loadConfig
} from "./chunk-LZFESEJ6.js";
import {
  escapeInline
} from "./chunk-XS3YCCI7.js";
import {
  info,
  setOutput,
  summary,
  warning
} from "./chunk-5S2WLFU4.js";
import "./chunk-BURGMGPG.js";
import "./chunk-J7EPJJHD.js";
import {
  parseShardCount
} from "./chunk-OKJAYRJL.js";
import "./chunk-KCKJSNRL.js";
import "./chunk-NYGUVZYR.js";
import "./chunk-6WDK2BYD.js";
import "./chunk-ACAW7SLU.js";
import {
  formatDuration
} from "./chunk-ZC2IFY74.js";
import "./chunk-OXXGRHMT.js";
import "./chunk-USA5LE2H.js";
import "./chunk-LPOMALK6.js";
import "./chunk-OMX5YOFN.js";

// src/action/plan.ts
import { resolve } from "node:path";
async function runPlanAction(inputs, env) {
  const cwd = resolve(inputs.workingDirectory);
  const shards = inputs.shards === void 0 ? void 0 : parseShardCount(inputs.shards, "input 'shards'");
  const loaded = loadConfig(cwd, inputs.config);
  const planned = await computePlan({
    loaded,
    cwd,
    env,
    configPath: inputs.config,
    base: inputs.base,
    head: inputs.head,
    full: inputs.full ? "Full run: the full input was set." : void 0,
    log: (line) => info(line)
  });
  const plan = shards === void 0 ? planned : await import("./shard-plan-7MZJ43NQ.js").then(
    async ({ withShards }) => withShards(planned, {
      cwd,
      loaded,
      count: shards,
      historyPath: (await import("./location-47K42KTX.js")).resolveHistoryPath(
        cwd,
        inputs.history,
        loaded.config.history
      )
    })
  );
  for (const warning2 of plan.warnings) warning(warning2);
  info(`${plan.mode}: ${plan.reason}`);
  setOutput("mode", plan.mode);
  setOutput("modules", JSON.stringify(plan.modules));
  setOutput("matrix", JSON.stringify(planMatrix(plan)));
  setOutput("shards", JSON.stringify(plan.shards ?? []));
  setOutput("shard-ids", JSON.stringify((plan.shards ?? []).map((shard) => String(shard.shard))));
  setOutput(
    "shard-modules",
    JSON.stringify(Object.fromEntries((plan.shards ?? []).map((shard) => [String(shard.shard), shard.modules])))
  );
  setOutput("reason", plan.reason);
  setOutput("changed-files", String(plan.changedFiles));
  if (inputs.summary) {
    const modules = plan.modules.length > 0 ? plan.modules.map((m) => `\`${m.replace(/`/g, "'")}\``).join(", ") : "(none)";
    await summary.addHeading("quality-gates plan", 3).addRaw(`**${plan.mode}**: ${escapeInline(plan.reason)}

Modules: ${modules}
${shardLines(plan)}`, true).write();
  }
}
function shardLines(plan) {
  if (!plan.shards || plan.shards.length === 0) return "";
  const lines = plan.shards.map(
    (shard) => `- shard ${shard.shard} (~${formatDuration(shard.estimatedMs)}): ${shard.modules.map((m) => `\`${m.replace(/`/g, "'")}\``).join(", ")}`
  );
  return `
${lines.join("\n")}
`;
}
export {
  runPlanAction
};
