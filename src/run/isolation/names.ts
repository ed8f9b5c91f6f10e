/**
 * Pure naming of the per-slot database copies: how a copy is named and marked so that a
 * later run can recognise the leftovers of a killed one, how a URL is pointed at a copy,
 * and how a URL is shown without its password.
 */

/** PostgreSQL truncates identifiers to NAMEDATALEN - 1 bytes. */
const IDENTIFIER_BYTES = 63;
/** Between the template's name and the owner: `<template>_qg_<run>_<pid>_<slot>`. */
const COPY_INFIX = '_qg_';
/** The end of every copy's name, for the catalogue query (a POSIX regular expression). */
export const COPY_NAME_PATTERN = '_qg_[0-9a-z]+_[0-9]+_[0-9]+$';
/** The start of a copy's COMMENT: what marks it as made by quality-gates, followed by JSON. */
export const COPY_MARKER = 'quality-gates slot copy ';

/** Who made a copy: enough to tell, on the same host, whether it is still running. */
export interface CopyOwner {
  host: string;
  pid: number;
  /** Process start time (clock ticks since boot, /proc/<pid>/stat field 22), so a reused pid is not mistaken for the owner. */
  startTime?: string;
}

/** What a copy's COMMENT records. */
export interface CopyMarker extends CopyOwner {
  run: string;
  template: string;
  created: string;
}

/** `"name"`, with embedded double quotes doubled: an identifier that is safe in any SQL text. */
export function quoteIdentifier(name: string): string {
  if (name.includes('\0')) throw new Error(`an identifier cannot contain a NUL character: ${JSON.stringify(name)}`);
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The name of slot `slot`'s copy of `template` for run `run` of process `pid`. The template's
 * part is shortened (by whole characters) so the name fits PostgreSQL's 63 bytes; the end,
 * which identifies the owner, is always kept whole.
 */
export function copyName(template: string, run: string, pid: number, slot: number): string {
  if (!/^[0-9a-z]+$/.test(run)) throw new Error(`a run id is lowercase letters and digits, got ${JSON.stringify(run)}`);
  const suffix = `${COPY_INFIX}${run}_${pid}_${slot}`;
  let head = template;
  while (Buffer.byteLength(head + suffix) > IDENTIFIER_BYTES && head.length > 0)
    head = Array.from(head).slice(0, -1).join('');
  return head + suffix;
}

/** The marker text of a copy's COMMENT. */
export function formatMarker(marker: CopyMarker): string {
  return COPY_MARKER + JSON.stringify(marker);
}

/** The marker of a COMMENT, or undefined when the comment is not one quality-gates wrote. */
export function parseMarker(comment: string | null | undefined): CopyMarker | undefined {
  if (!comment?.startsWith(COPY_MARKER)) return undefined;
  try {
    const value = JSON.parse(comment.slice(COPY_MARKER.length)) as Partial<CopyMarker>;
    if (typeof value.host !== 'string' || typeof value.pid !== 'number' || typeof value.run !== 'string')
      return undefined;
    return {
      host: value.host,
      pid: value.pid,
      run: value.run,
      template: typeof value.template === 'string' ? value.template : '',
      created: typeof value.created === 'string' ? value.created : '',
      ...(typeof value.startTime === 'string' ? { startTime: value.startTime } : {}),
    };
  } catch {
    return undefined;
  }
}

/** Why a leftover copy is dropped or kept. */
export type LeftoverVerdict = 'drop' | 'keep-alive' | 'keep-other-host' | 'keep-own';

/**
 * Whether a copy found in the catalogue is a leftover to drop: only when its owner ran on
 * this host and is no longer running (or its pid now belongs to a process that started at
 * another time). Copies of other hosts are never touched: their owners cannot be checked.
 * `ownerStartTime` gives a running process's start time ('' when it cannot be known), or
 * undefined when no such process runs.
 */
export function leftoverVerdict(
  marker: CopyMarker,
  self: CopyOwner,
  ownerStartTime: (pid: number) => string | undefined,
): LeftoverVerdict {
  if (marker.host !== self.host) return 'keep-other-host';
  if (marker.pid === self.pid && (marker.startTime === undefined || marker.startTime === self.startTime))
    return 'keep-own';
  const started = ownerStartTime(marker.pid);
  if (started === undefined) return 'drop';
  if (marker.startTime !== undefined && started !== '' && started !== marker.startTime) return 'drop';
  return 'keep-alive';
}

/** The parts of a database URL the copies need. */
export interface TemplateUrl {
  /** The database the URL names (the template of the copies). */
  database: string;
  /** `host:port/database`, with no user or password: safe for messages. */
  shown: string;
  /** The password, if any, so it can be scrubbed from messages of the server or driver. */
  secrets: string[];
}

/**
 * Reads a `postgres://` / `postgresql://` URL. Returns a problem sentence (never containing
 * the URL, which may hold a password) when it is not one or names no database.
 */
export function parseTemplateUrl(url: string): TemplateUrl | { problem: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return {
      problem:
        'is not a URL (its value is not shown: it may hold a password) — write postgres://user:password@host:5432/database',
    };
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    return {
      problem: `is a ${parsed.protocol} URL, not postgres:// — write postgres://user:password@host:5432/database`,
    };
  }
  const database = decoded(parsed.pathname.replace(/^\//, ''));
  const password = decoded(parsed.password);
  if (database === undefined || password === undefined)
    return { problem: 'has a malformed %-escape (its value is not shown: it may hold a password) — escape % as %25' };
  const shown = `${parsed.hostname || 'localhost'}${parsed.port ? `:${parsed.port}` : ''}/${database}`;
  if (!database)
    return { problem: `names no database (${shown}) — add it to the path: postgres://…@host:5432/database` };
  const secrets = [parsed.password, password].filter((secret) => secret.length > 0);
  return { database, shown, secrets };
}

function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** The same URL naming database `database` instead: user, password, host and parameters unchanged. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** `text` with every secret replaced by `***`: for messages from the driver or the server. */
export function scrub(text: string, secrets: readonly string[]): string {
  let clean = text;
  for (const secret of secrets) clean = clean.replaceAll(secret, '***');
  return clean;
}
