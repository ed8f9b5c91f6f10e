import { loadConfig } from '../config/load.js';
import { listModules } from '../plan/compute.js';
import { resolveSettings, type GenerateFlags, type GenerateSettings } from './settings.js';
import { renderWorkflow } from './workflow.js';

/** A generated workflow: its text and the settings it was made from. */
export interface GeneratedWorkflow {
  settings: GenerateSettings;
  text: string;
}

/**
 * Generates the workflow for the repository at `repoRoot`: loads the config (ConfigError on
 * a bad one), lists the modules, resolves flags and config, renders. Reads files, writes none.
 */
export function generateWorkflow(repoRoot: string, flags: GenerateFlags): GeneratedWorkflow {
  const loaded = loadConfig(repoRoot, flags.config);
  const settings = resolveSettings(repoRoot, loaded, flags, listModules(repoRoot, loaded));
  return { settings, text: renderWorkflow(settings) };
}
