import { z } from 'zod';
import { UsageError } from '../errors.js';

const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());
const bool = (name: string, fallback: boolean) =>
  z.preprocess(
    (value) => emptyToUndefined(value) ?? String(fallback),
    z
      .string()
      .trim()
      .transform((v, ctx) => {
        if (/^(true|yes|on|1)$/i.test(v)) return true;
        if (/^(false|no|off|0)$/i.test(v)) return false;
        ctx.addIssue({ code: 'custom', message: `input '${name}': expected true or false, got ${JSON.stringify(v)}` });
        return z.NEVER;
      }),
  );
/** A multi-line input (one entry per line) or a JSON array (`["a","b"]`, as from toJSON()). */
const list = z.preprocess(
  (value) => {
    const text = typeof value === 'string' ? value.trim() : '';
    if (text === '') return [];
    if (text.startsWith('[')) {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text.split(/\r?\n/);
      }
    }
    return text.split(/\r?\n/);
  },
  z.array(z.string()).transform((items) => items.map((s) => s.trim()).filter((s) => s !== '')),
);

/** A true/false input whose empty value means "the config's" (undefined). */
const optionalBool = (name: string) =>
  z.preprocess(emptyToUndefined, z.string().trim().optional()).transform((value, ctx) => {
    if (value === undefined) return undefined;
    if (/^(true|yes|on|1)$/i.test(value)) return true;
    if (/^(false|no|off|0)$/i.test(value)) return false;
    ctx.addIssue({ code: 'custom', message: `input '${name}': expected true or false, got ${JSON.stringify(value)}` });
    return z.NEVER;
  });

/** Every input of action.yml, parsed once into typed settings ('' means "not given"). */
export const ActionInputsSchema = z.object({
  command: z.preprocess((v) => emptyToUndefined(v) ?? 'run', z.enum(['plan', 'run', 'merge-reports'])),
  workingDirectory: z.preprocess((v) => emptyToUndefined(v) ?? '.', z.string()),
  config: optionalString,
  base: optionalString,
  head: optionalString,
  full: bool('full', false),
  paths: list,
  modules: list,
  forceReset: bool('force-reset', false),
  lock: optionalString,
  lockBackend: z.preprocess(emptyToUndefined, z.enum(['flock', 'postgres']).optional()),
  lockTimeout: optionalString,
  runnerArgs: list,
  slots: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^(auto|[1-9]\d*)$/, 'expected a whole number from 1, or auto')
      .transform((value) => (value === 'auto' ? ('auto' as const) : Number(value)))
      .optional(),
  ),
  pack: z.preprocess(emptyToUndefined, z.string().trim().optional()).transform((value, ctx) => {
    if (value === undefined) return undefined;
    if (/^(true|yes|on|1)$/i.test(value)) return true;
    if (/^(false|no|off|0)$/i.test(value)) return false;
    ctx.addIssue({ code: 'custom', message: `input 'pack': expected true or false, got ${JSON.stringify(value)}` });
    return z.NEVER;
  }),
  heapSnapshots: optionalBool('heap-snapshots'),
  reportPath: optionalString,
  junitPath: optionalString,
  summary: bool('summary', true),
  reports: list,
  token: optionalString,
  prComment: z.preprocess((v) => emptyToUndefined(v) ?? 'auto', z.enum(['auto', 'always', 'never'])),
  commitStatus: bool('commit-status', true),
  statusContext: optionalString,
  shards: optionalString,
  history: optionalString,
});
export type ActionInputs = z.infer<typeof ActionInputsSchema>;

/** action.yml input names, in the order of the schema keys. */
export const INPUT_NAMES: Record<keyof ActionInputs, string> = {
  command: 'command',
  workingDirectory: 'working-directory',
  config: 'config',
  base: 'base',
  head: 'head',
  full: 'full',
  paths: 'paths',
  modules: 'modules',
  forceReset: 'force-reset',
  lock: 'lock',
  lockBackend: 'lock-backend',
  lockTimeout: 'lock-timeout',
  runnerArgs: 'runner-args',
  slots: 'slots',
  pack: 'pack',
  heapSnapshots: 'heap-snapshots',
  reportPath: 'report-path',
  junitPath: 'junit-path',
  summary: 'summary',
  reports: 'reports',
  token: 'token',
  prComment: 'pr-comment',
  commitStatus: 'commit-status',
  statusContext: 'status-context',
  shards: 'shards',
  history: 'history',
};

/** Parses raw inputs (read by the entry with core.getInput) into settings; UsageError names the bad input. */
export function parseInputs(getInput: (name: string) => string): ActionInputs {
  const raw = Object.fromEntries(Object.entries(INPUT_NAMES).map(([key, name]) => [key, getInput(name)]));
  const result = ActionInputsSchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const key = String(issue.path[0]);
  const name = (INPUT_NAMES as Partial<Record<string, string>>)[key] ?? key;
  const message = issue.message.startsWith('input ')
    ? issue.message
    : `input '${name}': ${issue.message} (got ${JSON.stringify(raw[key])})`;
  throw new UsageError(message);
}
