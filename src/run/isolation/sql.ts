import { quoteIdentifier } from './names.js';

/** Clone strategies of CREATE DATABASE (PostgreSQL 15+). */
export type CloneStrategy = 'WAL_LOG' | 'FILE_COPY';
export const CLONE_STRATEGIES: readonly CloneStrategy[] = ['WAL_LOG', 'FILE_COPY'];
/** CREATE DATABASE takes STRATEGY from PostgreSQL 15 (server_version_num 150000). */
const STRATEGY_SINCE = 150000;
/** DROP DATABASE takes WITH (FORCE), which ends the copy's sessions itself, from 13. */
const FORCE_DROP_SINCE = 130000;

/** `CREATE DATABASE "copy" TEMPLATE "template"`, with `STRATEGY …` when the server (server_version_num) takes it. */
export function createCopySql(copy: string, template: string, strategy: CloneStrategy, serverVersion: number): string {
  if (!CLONE_STRATEGIES.includes(strategy)) throw new Error(`unknown clone strategy ${JSON.stringify(strategy)}`);
  const clause = serverVersion >= STRATEGY_SINCE ? ` STRATEGY ${strategy}` : '';
  return `CREATE DATABASE ${quoteIdentifier(copy)} TEMPLATE ${quoteIdentifier(template)}${clause}`;
}

/** Whether this server takes a clone strategy. */
export function takesStrategy(serverVersion: number): boolean {
  return serverVersion >= STRATEGY_SINCE;
}

/** `DROP DATABASE IF EXISTS "copy"`, `WITH (FORCE)` from 13; before, the caller ends the copy's sessions first. */
export function dropCopySql(copy: string, serverVersion: number): { sql: string; endSessionsFirst: boolean } {
  const force = serverVersion >= FORCE_DROP_SINCE;
  return {
    sql: `DROP DATABASE IF EXISTS ${quoteIdentifier(copy)}${force ? ' WITH (FORCE)' : ''}`,
    endSessionsFirst: !force,
  };
}
