import { formatDuration } from '../util/duration.js';
import type { Plan } from './types.js';

/**
 * `strategy.matrix` JSON for a plan: one entry per module to run
 * (`{"include":[{"module":"billing"}]}`), or one per shard when the plan is sharded
 * (`{"include":[{"shard":1,"modules":["billing","users"]}]}`).
 */
export function planMatrix(plan: Plan): { include: { module: string }[] | { shard: number; modules: string[] }[] } {
  if (plan.shards) return { include: plan.shards.map((shard) => ({ shard: shard.shard, modules: shard.modules })) };
  return { include: plan.modules.map((module) => ({ module })) };
}

/**
 * The plan as JSON: pretty at the top level, one trigger per line, so that a 20,000-file
 * plan stays readable, greppable and fast to print.
 */
export function formatPlanJson(plan: Plan): string {
  const { triggers, ...rest } = plan;
  const head = JSON.stringify({ ...rest, triggers: [] }, null, 2);
  if (triggers.length === 0) return head;
  const lines = triggers.map((trigger) => `    ${JSON.stringify(trigger)}`).join(',\n');
  return head.replace(/"triggers": \[\]/, () => `"triggers": [\n${lines}\n  ]`);
}

/** A plan for people (`--format text`). */
export function formatPlanText(plan: Plan): string {
  const lines = [`mode: ${plan.mode}`, `reason: ${plan.reason}`, `changed files: ${plan.changedFiles}`];
  if (plan.base || plan.head)
    lines.push(`range: ${plan.base ?? '?'}..${plan.head ?? '?'}${plan.event ? ` (${plan.event})` : ''}`);
  lines.push(`modules (${plan.modules.length} of ${plan.allModules.length}): ${plan.modules.join(', ') || '(none)'}`);
  if (plan.sharedFolders?.length)
    lines.push(`shared folders (no test files, not modules): ${plan.sharedFolders.join(', ')}`);
  for (const shard of plan.shards ?? []) {
    lines.push(`shard ${shard.shard} (~${formatDuration(shard.estimatedMs)}): ${shard.modules.join(', ')}`);
  }
  for (const warning of plan.warnings) lines.push(`warning: ${warning}`);
  const shown = plan.triggers.slice(0, 50);
  if (shown.length > 0) lines.push('triggers:');
  for (const trigger of shown)
    lines.push(
      `  ${JSON.stringify(trigger.file)} → ${trigger.rule} → ${trigger.effect}${trigger.modules.length ? ` (${trigger.modules.join(', ')})` : ''}`,
    );
  if (plan.triggers.length > shown.length)
    lines.push(`  … and ${plan.triggers.length - shown.length} more (use --format json for all)`);
  return lines.join('\n');
}
