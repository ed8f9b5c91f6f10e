import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses a command's argv with node:util parseArgs. Everything after `--` is returned as
 * `rest` untouched (the paths to run, the locked command). Unknown flags become a
 * UsageError naming the flag and the command's help.
 */
export function parseCommandArgs<O extends Options>(
  command: string,
  argv: string[],
  options: O,
  allowPositionals = false,
) {
  const dashDash = argv.indexOf('--');
  const own = dashDash >= 0 ? argv.slice(0, dashDash) : argv;
  const rest = dashDash >= 0 ? argv.slice(dashDash + 1) : [];
  try {
    const parsed = parseArgs({ args: own, options, allowPositionals, strict: true });
    return { values: parsed.values, positionals: parsed.positionals, rest, hadDashDash: dashDash >= 0 };
  } catch (error) {
    const message =
      error instanceof Error ? error.message.replace(/\. To specify a positional.*$/s, '') : String(error);
    // No "quality-gates <command>:" prefix here: main adds it to every error it prints.
    throw new UsageError(`${message} — see 'quality-gates ${command} --help'`);
  }
}
