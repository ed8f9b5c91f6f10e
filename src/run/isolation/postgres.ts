import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { ConfigError, ExitCode, QualityGatesError, UsageError } from '../../errors.js';
import {
  COPY_NAME_PATTERN,
  copyName,
  formatMarker,
  leftoverVerdict,
  parseMarker,
  parseTemplateUrl,
  quoteIdentifier,
  scrub,
  withDatabase,
  type CopyMarker,
  type CopyOwner,
  type TemplateUrl,
} from './names.js';
import { currentOwner, processStartTime } from './owner.js';
import { CLONE_STRATEGIES, createCopySql, dropCopySql, takesStrategy, type CloneStrategy } from './sql.js';

export type { CloneStrategy } from './sql.js';

/** SQLSTATE object_in_use: "source database is being accessed by other users". */
const OBJECT_IN_USE = '55006';
/** Attempts at a CREATE DATABASE that a session reconnecting to the template keeps refusing. */
const CLONE_ATTEMPTS = 8;

/** Options of {@link provisionSlotDatabases}. */
export interface SlotDatabaseOptions {
  /** The variable(s) naming the database URL(s) (isolation.postgres.urlEnv). */
  urlEnv: string | readonly string[];
  /** The environment the test processes would get (the tool's plus the config's env). */
  env: Readonly<Record<string, string | undefined>>;
  /** How many copies of each database: one per slot. */
  slots: number;
  strategy?: CloneStrategy;
  /** Names this run's copies (lowercase letters and digits); random by default. */
  runId?: string;
  /** Who owns the copies; this process by default. */
  owner?: CopyOwner;
  /** Progress and warnings, one line each (never a password). */
  log?: (line: string) => void;
  /** Aborting stops between copies: the copies made so far are dropped, and the error is exit 130. */
  signal?: AbortSignal;
}

/** What dispose did: copies dropped, and those that could not be (with why). */
export interface DisposeResult {
  dropped: string[];
  failed: { name: string; reason: string }[];
}

/** The per-slot copies of a run; `dispose()` drops them all, once, however often it is called. */
export interface SlotDatabases {
  /** Per slot (index = slot - 1): variable name → URL of that slot's copy. */
  readonly slotUrls: readonly Readonly<Record<string, string>>[];
  /** Names of the copies made. */
  readonly copies: readonly string[];
  readonly state: 'ready' | 'disposing' | 'disposed';
  dispose(): Promise<DisposeResult>;
}

/** One database the copies are made of (server and name), and the variables that name it. */
interface Template extends TemplateUrl {
  /** The URL of the first variable naming it: the one quality-gates connects with. */
  url: string;
  /** Each variable with its own URL (its user and parameters stay in its slot URLs). */
  variables: { name: string; url: string }[];
  copies: string[];
}

/**
 * Makes `slots` copies of each database named by the `urlEnv` variables, the way Django
 * clones its test database per parallel worker: ends the other sessions on the template
 * (CREATE DATABASE … TEMPLATE refuses while anyone is connected to it), then
 * `CREATE DATABASE "<db>_qg_<run>_<pid>_<slot>" TEMPLATE "<db>" [STRATEGY …]`. First drops
 * the copies that runs on this host which no longer run left behind. Call after the reset,
 * which runs on the template. On a failure the copies made so far are dropped again.
 */
export async function provisionSlotDatabases(options: SlotDatabaseOptions): Promise<SlotDatabases> {
  const strategy = options.strategy ?? 'WAL_LOG';
  if (!CLONE_STRATEGIES.includes(strategy))
    throw new ConfigError(
      `isolation.postgres.strategy: ${JSON.stringify(strategy)} is not allowed — use WAL_LOG or FILE_COPY`,
    );
  if (!Number.isInteger(options.slots) || options.slots < 1)
    throw new UsageError(
      `slots: ${JSON.stringify(options.slots)} is not a number of slots — use a whole number from 1`,
    );
  const templates = resolveTemplates(options.urlEnv, options.env);
  const owner = options.owner ?? currentOwner();
  const run = options.runId ?? randomBytes(4).toString('hex');
  const log = options.log ?? (() => {});
  const databases = createSlotDatabases(templates, options.slots, log);
  try {
    for (const template of templates) {
      const client = await connect(template, 'to make the slot databases');
      try {
        await cloneTemplate(client, template, {
          slots: options.slots,
          strategy,
          run,
          owner,
          log,
          signal: options.signal,
        });
      } finally {
        await client.end().catch(() => {});
      }
    }
  } catch (error) {
    await databases.dispose();
    throw error;
  }
  return databases;
}

/**
 * The databases behind the `urlEnv` variables; variables naming the same database on the
 * same server (whatever their user or parameters) share one set of copies. A missing
 * variable or a value that is not a postgres:// URL is a config error (exit 2) that never
 * shows the value, which may hold a password.
 */
function resolveTemplates(urlEnv: string | readonly string[], env: SlotDatabaseOptions['env']): Template[] {
  const templates = new Map<string, Template>();
  for (const variable of typeof urlEnv === 'string' ? [urlEnv] : urlEnv) {
    const url = env[variable];
    if (!url?.trim()) {
      throw new ConfigError(
        `isolation.postgres.urlEnv: the variable ${variable} is not set — set it to the URL of the test database (the reset runs on it; each slot gets a copy of it), or list the right variable in urlEnv`,
      );
    }
    const parsed = parseTemplateUrl(url);
    if ('problem' in parsed)
      throw new ConfigError(`isolation.postgres.urlEnv: the value of ${variable} ${parsed.problem}`);
    const known = templates.get(parsed.shown);
    if (known) {
      known.variables.push({ name: variable, url });
      known.secrets.push(...parsed.secrets);
    } else {
      templates.set(parsed.shown, { ...parsed, url, variables: [{ name: variable, url }], copies: [] });
    }
  }
  return [...templates.values()];
}

interface CloneContext {
  slots: number;
  strategy: CloneStrategy;
  run: string;
  owner: CopyOwner;
  log: (line: string) => void;
  signal: AbortSignal | undefined;
}

async function cloneTemplate(client: pg.Client, template: Template, context: CloneContext): Promise<void> {
  const started = performance.now();
  const version = await serverVersion(client, template);
  await dropLeftovers(client, template, context, version);
  const created: CopyMarker = {
    ...context.owner,
    run: context.run,
    template: template.database,
    created: new Date().toISOString(),
  };
  for (let slot = 1; slot <= context.slots; slot++) {
    if (context.signal?.aborted)
      throw new QualityGatesError(
        'interrupted while making the slot databases; the copies made so far are dropped',
        ExitCode.Interrupted,
      );
    const name = copyName(template.database, context.run, context.owner.pid, slot);
    await createWhenFree(client, template, createCopySql(name, template.database, context.strategy, version), name);
    template.copies.push(name);
    await run(
      client,
      template,
      `COMMENT ON DATABASE ${quoteIdentifier(name)} IS ${client.escapeLiteral(formatMarker(created))}`,
      `marking the copy ${name}`,
    );
  }
  const how = takesStrategy(version)
    ? `STRATEGY ${context.strategy}`
    : `PostgreSQL ${Math.floor(version / 10000)}: no STRATEGY before 15`;
  context.log(
    `slot databases: ${context.slots} ${context.slots === 1 ? 'copy' : 'copies'} of ${template.shown} (${variableNames(template)}) in ${Math.round(performance.now() - started)} ms, ${how}: ${template.copies.join(', ')}`,
  );
}

/** CREATE DATABASE … TEMPLATE, after ending the other sessions on the template; again while one reconnects (55006). */
async function createWhenFree(client: pg.Client, template: Template, sql: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await endOtherSessions(client, template.database);
    try {
      await client.query(sql);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== OBJECT_IN_USE || attempt >= CLONE_ATTEMPTS) {
        const users =
          (error as { code?: string }).code === OBJECT_IN_USE
            ? ` (still connected: ${await sessionsOn(client, template.database)})`
            : '';
        throw queryError(template, `creating the slot database ${name}`, error, users);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
    }
  }
}

/** Ends every session on `database` but this one. Without the right to (pg_signal_backend), the clone's 55006 says who is connected. */
async function endOtherSessions(client: pg.Client, database: string): Promise<void> {
  await client
    .query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [
      database,
    ])
    .catch(() => {});
}

async function sessionsOn(client: pg.Client, database: string): Promise<string> {
  const result = await client
    .query<{ pid: number; application_name: string }>(
      'SELECT pid, application_name FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [database],
    )
    .catch(() => ({ rows: [] }));
  const sessions = result.rows.map(
    (row) => `pid ${row.pid}${row.application_name ? ` ${JSON.stringify(row.application_name)}` : ''}`,
  );
  return `${sessions.join(', ') || 'sessions this role cannot see'} — stop them, or grant this role pg_signal_backend so quality-gates can end them`;
}

/** Drops the copies whose owner ran on this host and no longer runs; says so, and warns about those it cannot drop. */
async function dropLeftovers(
  client: pg.Client,
  template: Template,
  context: CloneContext,
  version: number,
): Promise<void> {
  const result = await run(
    client,
    template,
    `SELECT datname, shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname ~ '${COPY_NAME_PATTERN}' ORDER BY datname`,
    'listing the slot databases of earlier runs',
  );
  for (const row of result.rows as { datname: string; comment: string | null }[]) {
    const marker = parseMarker(row.comment);
    if (!marker || leftoverVerdict(marker, context.owner, processStartTime) !== 'drop') continue;
    const origin = `left behind by run ${marker.run} (pid ${marker.pid} on ${marker.host}, no longer running, made ${marker.created})`;
    // Someone else's leftover (another role's, say) is not this run's failure: a warning.
    try {
      await dropCopy(client, template, row.datname, version);
      context.log(`slot databases: dropped ${row.datname}, ${origin}`);
    } catch (error) {
      context.log(`slot databases: could not drop ${row.datname}, ${origin}: ${(error as Error).message}`);
    }
  }
}

async function dropCopy(client: pg.Client, template: Template, name: string, version: number): Promise<void> {
  const { sql, endSessionsFirst } = dropCopySql(name, version);
  if (endSessionsFirst) await endOtherSessions(client, name);
  await run(client, template, sql, `dropping the slot database ${name}`);
}

/** The copies' handle: dispose drops every copy made so far, once. */
function createSlotDatabases(templates: Template[], slots: number, log: (line: string) => void): SlotDatabases {
  let state: SlotDatabases['state'] = 'ready';
  let disposing: Promise<DisposeResult> | undefined;
  return {
    get slotUrls() {
      return slotUrlsOf(templates, slots);
    },
    get copies() {
      return templates.flatMap((template) => template.copies);
    },
    get state() {
      return state;
    },
    dispose() {
      disposing ??= (async () => {
        state = 'disposing';
        const result: DisposeResult = { dropped: [], failed: [] };
        for (const template of templates) await dropAll(template, result, log);
        state = 'disposed';
        return result;
      })();
      return disposing;
    },
  };
}

function slotUrlsOf(templates: Template[], slots: number): Record<string, string>[] {
  return Array.from({ length: slots }, (_, index) => {
    const urls: Record<string, string> = {};
    for (const template of templates) {
      const copy = template.copies[index];
      if (copy) for (const variable of template.variables) urls[variable.name] = withDatabase(variable.url, copy);
    }
    return urls;
  });
}

async function dropAll(template: Template, result: DisposeResult, log: (line: string) => void): Promise<void> {
  if (template.copies.length === 0) return;
  let client: pg.Client;
  try {
    client = await connect(template, 'to drop the slot databases');
  } catch (error) {
    for (const name of template.copies) result.failed.push({ name, reason: (error as Error).message });
    log(
      `slot databases: could not drop ${template.copies.join(', ')}: ${(error as Error).message} — the next run on this host drops them`,
    );
    return;
  }
  try {
    const version = await serverVersion(client, template);
    for (const name of template.copies) {
      try {
        await dropCopy(client, template, name, version);
        result.dropped.push(name);
      } catch (error) {
        result.failed.push({ name, reason: (error as Error).message });
        log(
          `slot databases: could not drop ${name}: ${(error as Error).message} — drop it by hand (DROP DATABASE ${quoteIdentifier(name)}), or let the next run on this host do it`,
        );
      }
    }
  } finally {
    await client.end().catch(() => {});
  }
}

async function connect(template: Template, purpose: string): Promise<pg.Client> {
  // pg is loaded only when isolation.postgres is used.
  const { default: postgres } = await import('pg');
  const client = new postgres.Client({
    connectionString: template.url,
    connectionTimeoutMillis: 10_000,
    application_name: 'quality-gates slot databases',
  });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw new QualityGatesError(
      `cannot connect to ${template.shown} (from ${variableNames(template)}) ${purpose}: ${scrub(firstLine(error), template.secrets)} — check that the server runs and accepts connections from this host, and the URL in ${template.variables[0].name}`,
      ExitCode.Internal,
    );
  }
  return client;
}

async function serverVersion(client: pg.Client, template: Template): Promise<number> {
  const result = await run(client, template, 'SHOW server_version_num', 'reading the server version');
  return Number((result.rows[0] as { server_version_num: string }).server_version_num);
}

async function run(client: pg.Client, template: Template, sql: string, doing: string): Promise<pg.QueryResult> {
  try {
    return await client.query(sql);
  } catch (error) {
    throw queryError(template, doing, error, '');
  }
}

function queryError(template: Template, doing: string, error: unknown, detail: string): QualityGatesError {
  const hint =
    (error as { code?: string }).code === '42501'
      ? ' — the role needs CREATEDB (ALTER ROLE … CREATEDB) to make slot databases'
      : '';
  return new QualityGatesError(
    `${doing} on ${template.shown} failed: ${scrub(firstLine(error), template.secrets)}${detail}${hint}`,
    ExitCode.Internal,
  );
}

function variableNames(template: Template): string {
  return template.variables.map((variable) => variable.name).join(', ');
}

function firstLine(error: unknown): string {
  // Anything may be thrown; an object's message when it has one, else the value itself.
  const message = (error as { message?: unknown } | null | undefined)?.message ?? error;
  return String(message).split('\n')[0];
}
