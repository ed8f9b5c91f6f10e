import { LockSchema, type Config, type LockConfig } from '../config/schema.js';

/** Lock settings given outside the config file (CLI flags, action inputs). */
export interface LockOverrides {
  name?: string;
  backend?: 'flock' | 'postgres';
  timeout?: string;
}

/**
 * The lock a run holds: the config's `lock:` section with overrides applied, or none when
 * neither the config nor an override names a lock. A backend or timeout alone does not
 * turn the lock on: they only tune a lock that is on. The name `none` turns a configured
 * lock off (the action input's documented escape hatch).
 */
export function resolveRunLock(config: Config, overrides: LockOverrides): LockConfig | undefined {
  if (overrides.name === 'none') return undefined;
  if (!config.lock && overrides.name === undefined) return undefined;
  const base = config.lock ?? LockSchema.parse({});
  return {
    ...base,
    ...(overrides.name !== undefined ? { name: overrides.name } : {}),
    ...(overrides.backend !== undefined ? { backend: overrides.backend } : {}),
    ...(overrides.timeout !== undefined ? { timeout: overrides.timeout } : {}),
  };
}
