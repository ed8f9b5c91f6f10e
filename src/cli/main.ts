import { ExitCode, exitCodeOf, QualityGatesError } from '../errors.js';
import { VERSION } from '../version.js';
import type { CliContext, Command } from './context.js';

/** Each command lives in its own file and is loaded only when used. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  plan: {
    summary: 'print which modules a change affects (JSON, or --format text)',
    load: async () => (await import('./commands/plan.js')).planCommand,
  },
  run: {
    summary: 'run the integration tests module by module and write the report',
    load: async () => (await import('./commands/run.js')).runCommand,
  },
  lock: {
    summary: 'run a command while holding the shared-container lock',
    load: async () => (await import('./commands/lock.js')).lockCommand,
  },
  generate: {
    summary: 'write the CI workflow (.github or .gitea); --check for drift',
    load: async () => (await import('./commands/generate.js')).generateCommand,
  },
  'merge-reports': {
    summary: 'merge per-module reports from matrix jobs into one',
    load: async () => (await import('./commands/merge-reports.js')).mergeReportsCommand,
  },
  leaks: {
    summary: 'leaks analyze SNAPSHOT…: name what grew across V8 heap snapshots',
    load: async () => (await import('./commands/leaks.js')).leaksCommand,
  },
  schema: {
    summary: 'print the JSON Schema of the config (or --report of the report)',
    load: async () => (await import('./commands/schema.js')).schemaCommand,
  },
};

/** Top-level usage text. */
export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`);
  return [
    `quality-gates ${VERSION}: run integration tests module by module, safely, and report them`,
    '',
    'Usage: quality-gates <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    "Run 'quality-gates <command> --help' for a command's options.",
    'Exit codes: 0 ok, 1 tests failed / crashed / lock lost, 2 usage or config error, 69 postgres lock server unreachable, 75 lock timeout, 130 interrupted.',
  ].join('\n');
}

/**
 * The CLI as a function of argv: the one place that turns errors into messages and exit
 * codes. Never calls process.exit; the bin does.
 */
export async function main(argv: string[], context: CliContext): Promise<number> {
  const name = argv.at(0);
  const rest = argv.slice(1);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    context.stdout.write(usage() + '\n');
    return name === undefined ? ExitCode.Usage : ExitCode.Ok;
  }
  if (name === '--version' || name === '-v') {
    context.stdout.write(`${VERSION}\n`);
    return ExitCode.Ok;
  }
  // Own keys only: `quality-gates constructor` must be an unknown command, not Object's.
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    context.stderr.write(`quality-gates: unknown command '${name}'\n\n${usage()}\n`);
    return ExitCode.Usage;
  }
  try {
    const command = await entry.load();
    return await command(rest, context);
  } catch (error) {
    const code = exitCodeOf(error);
    if (error instanceof QualityGatesError) {
      context.stderr.write(`quality-gates ${name}: ${error.message}\n`);
    } else {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      context.stderr.write(`quality-gates ${name}: unexpected error (please report it): ${detail}\n`);
    }
    return code;
  }
}
