import * as core from '@actions/core';
import { resolve } from 'node:path';
import { computePlan, planMatrix } from '../plan/command.js';
import { escapeInline } from '../report/escape.js';
import type { ActionInputs } from './inputs.js';

/** `command: plan`: computes the plan from the event and sets outputs mode, modules, matrix, reason. */
export async function runPlanAction(inputs: ActionInputs, env: NodeJS.ProcessEnv): Promise<void> {
  const cwd = resolve(inputs.workingDirectory);
  const plan = await computePlan({
    cwd,
    env,
    configPath: inputs.config,
    base: inputs.base,
    head: inputs.head,
    full: inputs.full ? 'Full run: the full input was set.' : undefined,
    log: (line) => core.info(line),
  });
  for (const warning of plan.warnings) core.warning(warning);
  core.info(`${plan.mode}: ${plan.reason}`);
  core.setOutput('mode', plan.mode);
  core.setOutput('modules', JSON.stringify(plan.modules));
  core.setOutput('matrix', JSON.stringify(planMatrix(plan)));
  core.setOutput('reason', plan.reason);
  core.setOutput('changed-files', String(plan.changedFiles));
  if (inputs.summary) {
    const modules = plan.modules.length > 0 ? plan.modules.map((m) => `\`${m.replace(/`/g, "'")}\``).join(', ') : '(none)';
    await core.summary
      .addHeading('quality-gates plan', 3)
      .addRaw(`**${plan.mode}**: ${escapeInline(plan.reason)}\n\nModules: ${modules}\n`, true)
      .write();
  }
}
