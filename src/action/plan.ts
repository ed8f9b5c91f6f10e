import * as core from '@actions/core';
import { resolve } from 'node:path';
import { loadConfig } from '../config/load.js';
import { computePlan } from '../plan/compute.js';
import { planMatrix } from '../plan/format.js';
import { parseShardCount } from '../plan/shards.js';
import type { Plan } from '../plan/types.js';
import { formatDuration } from '../util/duration.js';
import { escapeInline } from '../report/escape.js';
import type { ActionInputs } from './inputs.js';

/** `command: plan`: computes the plan from the event and sets outputs mode, modules, matrix, reason. */
export async function runPlanAction(inputs: ActionInputs, env: NodeJS.ProcessEnv): Promise<void> {
  const cwd = resolve(inputs.workingDirectory);
  const shards = inputs.shards === undefined ? undefined : parseShardCount(inputs.shards, "input 'shards'");
  const loaded = loadConfig(cwd, inputs.config);
  const planned = await computePlan({
    loaded,
    cwd,
    env,
    configPath: inputs.config,
    base: inputs.base,
    head: inputs.head,
    full: inputs.full ? 'Full run: the full input was set.' : undefined,
    log: (line) => core.info(line),
  });
  // The history (its schema, the file) is loaded only to split shards.
  const plan =
    shards === undefined
      ? planned
      : await import('../plan/shard-plan.js').then(async ({ withShards }) =>
          withShards(planned, {
            cwd,
            loaded,
            count: shards,
            historyPath: (await import('../history/location.js')).resolveHistoryPath(
              cwd,
              inputs.history,
              loaded.config.history,
            ),
          }),
        );
  for (const warning of plan.warnings) core.warning(warning);
  core.info(`${plan.mode}: ${plan.reason}`);
  core.setOutput('mode', plan.mode);
  core.setOutput('modules', JSON.stringify(plan.modules));
  core.setOutput('matrix', JSON.stringify(planMatrix(plan)));
  core.setOutput('shards', JSON.stringify(plan.shards ?? []));
  // Gitea lists the shard numbers statically (no matrix from a job output): each job finds its modules by number.
  core.setOutput('shard-ids', JSON.stringify((plan.shards ?? []).map((shard) => String(shard.shard))));
  core.setOutput(
    'shard-modules',
    JSON.stringify(Object.fromEntries((plan.shards ?? []).map((shard) => [String(shard.shard), shard.modules]))),
  );
  core.setOutput('reason', plan.reason);
  core.setOutput('changed-files', String(plan.changedFiles));
  if (inputs.summary) {
    const modules =
      plan.modules.length > 0 ? plan.modules.map((m) => `\`${m.replace(/`/g, "'")}\``).join(', ') : '(none)';
    await core.summary
      .addHeading('quality-gates plan', 3)
      .addRaw(`**${plan.mode}**: ${escapeInline(plan.reason)}\n\nModules: ${modules}\n${shardLines(plan)}`, true)
      .write();
  }
}

/** One line per shard for the plan summary: which modules each job runs and its predicted time. */
function shardLines(plan: Plan): string {
  if (!plan.shards || plan.shards.length === 0) return '';
  const lines = plan.shards.map(
    (shard) =>
      `- shard ${shard.shard} (~${formatDuration(shard.estimatedMs)}): ${shard.modules.map((m) => `\`${m.replace(/`/g, "'")}\``).join(', ')}`,
  );
  return `\n${lines.join('\n')}\n`;
}
