import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  formatDuration
} from "./chunk-ZC2IFY74.js";

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

export {
  planMatrix,
  formatPlanJson,
  formatPlanText
};
