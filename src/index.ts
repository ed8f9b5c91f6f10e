import * as core from '@actions/core';
import { runAction } from './action/main.js';
import { parseInputs } from './action/inputs.js';

/**
 * The action entry: inputs → pipeline → outputs. The single place that calls setFailed;
 * everything below throws typed errors.
 */
async function main(): Promise<void> {
  try {
    const inputs = parseInputs((name) => core.getInput(name));
    await runAction(inputs, process.env);
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}

await main();
