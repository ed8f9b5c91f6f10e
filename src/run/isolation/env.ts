import type { IsolationConfig } from '../../config/schema.js';
import { ConfigError } from '../../errors.js';

/** The variable every test process gets: its slot, 1..N (slots are reused, like vitest's VITEST_POOL_ID). */
export const SLOT_VARIABLE = 'QUALITY_GATES_SLOT';

/** What `${…}` may name in an isolation.env template. */
const PLACEHOLDERS: Record<string, (slot: number) => string> = {
  slot: (slot) => String(slot),
  slotIndex: (slot) => String(slot - 1),
};

/** `${name}`, or `$${` (a literal `${`). */
const TOKEN = /\$\$\{|\$\{([^}]*)\}/g;

/**
 * Expands one isolation.env template for `slot` (1-based): `${slot}` is 1..N, `${slotIndex}`
 * 0..N-1, `$${` writes a literal `${`. Any other placeholder is a config error naming the key.
 */
export function expandTemplate(key: string, template: string, slot: number): string {
  return template.replace(TOKEN, (token, name: string | undefined) => {
    if (token === '$${') return '${';
    const value = name === undefined ? undefined : PLACEHOLDERS[name.trim()];
    if (!value) {
      throw new ConfigError(
        `isolation.env.${key}: unknown placeholder ${JSON.stringify(token)} in ${JSON.stringify(template)} — use \${slot} (1..N) or \${slotIndex} (0..N-1); write $\${ for a literal \${`,
      );
    }
    return value(slot);
  });
}

/** Throws the config error of the first bad isolation.env template, before anything starts. */
export function checkEnvTemplates(templates: Readonly<Record<string, string>>): void {
  for (const [key, template] of Object.entries(templates)) expandTemplate(key, template, 1);
}

/**
 * The variables a test process in `slot` gets on top of the run's environment: the
 * isolation.env templates expanded, the isolation.postgres variables pointed at the slot's
 * database copy (`databaseUrls`, from provisionSlotDatabases), and QUALITY_GATES_SLOT.
 */
export function slotEnv(
  slot: number,
  isolation: IsolationConfig | undefined,
  databaseUrls: Readonly<Record<string, string>> = {},
): Record<string, string> {
  if (!Number.isInteger(slot) || slot < 1) throw new RangeError(`a slot is a whole number from 1, got ${slot}`);
  const env: Record<string, string> = {};
  for (const [key, template] of Object.entries(isolation?.env ?? {})) env[key] = expandTemplate(key, template, slot);
  Object.assign(env, databaseUrls);
  env[SLOT_VARIABLE] = String(slot);
  return env;
}
