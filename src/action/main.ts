import type { ActionInputs } from './inputs.js';

/**
 * The pipeline behind the action: dispatches on the `command` input. Throws on failure
 * (QualityGatesError carries the message); the entry is the one place that calls setFailed.
 */
export async function runAction(inputs: ActionInputs, env: NodeJS.ProcessEnv): Promise<void> {
  switch (inputs.command) {
    case 'plan':
      return (await import('./plan.js')).runPlanAction(inputs, env);
    case 'run':
      return (await import('./run.js')).runRunAction(inputs, env);
    case 'merge-reports':
      return (await import('./merge-reports.js')).runMergeReportsAction(inputs, env);
  }
}
