import type { IsolationConfig } from '../../config/schema.js';
import { ConfigError, UsageError } from '../../errors.js';
import { checkEnvTemplates, SLOT_VARIABLE } from './env.js';

/** The variables isolation.postgres.urlEnv names, as a list. */
export function urlEnvNames(isolation: IsolationConfig | undefined): string[] {
  const urlEnv = isolation?.postgres?.urlEnv;
  return urlEnv === undefined ? [] : typeof urlEnv === 'string' ? [urlEnv] : [...urlEnv];
}

/** Whether the config gives each slot its own data, or states that the suites share none. */
export function isIsolated(isolation: IsolationConfig | undefined): boolean {
  return Boolean(isolation && (isolation.postgres || Object.keys(isolation.env).length > 0 || isolation.sharesNothing));
}

/**
 * Refuses parallel slots over shared data, and checks the isolation section, before anything
 * starts. `slots` is the number asked for (`auto` may pick several); `slotsSource` says where
 * it came from for the message (`--slots 2`, `slots: 2 in quality-gates.config.yml`).
 * Throws UsageError / ConfigError (exit 2).
 */
export function checkSlotIsolation(
  slots: number | 'auto',
  isolation: IsolationConfig | undefined,
  slotsSource: string,
): void {
  if (isolation) checkIsolationSection(isolation);
  if (slots === 1 || isIsolated(isolation)) return;
  const many = slots === 'auto' ? 'may run several test processes at once' : `runs ${slots} test processes at once`;
  throw new UsageError(
    `${slotsSource} ${many}, but no isolation is configured, so they would share one database. ` +
      `Suites that clean up by prefix (DELETE FROM items WHERE id LIKE 't_%', in beforeEach or afterAll) then delete each other's rows mid-test, ` +
      `and the run fails at random, or passes by luck. Give each slot its own data: isolation.postgres.urlEnv: DATABASE_URL ` +
      `(each slot gets a copy of the database, made with CREATE DATABASE … TEMPLATE after the reset) and/or isolation.env ` +
      `(e.g. REDIS_URL: "redis://127.0.0.1:6379/\${slot}"). If the suites share no data, set isolation.sharesNothing: true. Or run with --slots 1.`,
  );
}

function checkIsolationSection(isolation: IsolationConfig): void {
  checkEnvTemplates(isolation.env);
  if (SLOT_VARIABLE in isolation.env) {
    throw new ConfigError(
      `isolation.env.${SLOT_VARIABLE}: quality-gates sets ${SLOT_VARIABLE} itself (the slot, 1..N) — remove it, or name your variable differently`,
    );
  }
  for (const name of urlEnvNames(isolation)) {
    if (name in isolation.env) {
      throw new ConfigError(
        `isolation.env.${name}: ${name} is also in isolation.postgres.urlEnv, which points it at the slot's database copy — remove one of the two`,
      );
    }
    if (name === SLOT_VARIABLE)
      throw new ConfigError(
        `isolation.postgres.urlEnv: ${SLOT_VARIABLE} is the slot number, not a database URL — name the variable holding the URL`,
      );
  }
}
