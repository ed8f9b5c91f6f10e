import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode, UsageError } from '../../errors.js';
import { checkDrift } from '../../generate/check.js';
import { generateWorkflow } from '../../generate/generate.js';
import { regenerateCommand } from '../../generate/workflow.js';
import { writeOutputFile } from '../../util/output-file.js';
import { parseCommandArgs } from '../args.js';
import type { Command } from '../context.js';

const HELP = `Usage: quality-gates generate [options]

Writes the CI workflow that plans and runs the integration tests module by module.

Options:
  --platform github|gitea  target (default: workflow.platform in the config, else gitea
                           when the repository has a .gitea/ folder, else github)
  --strategy batch|matrix  batch: one job runs every planned module in turn (default);
                           matrix: one job per module, then a job merging their reports
  --out FILE               where to write: relative to the repository root, or absolute
                           inside it (default: .github/workflows/quality-gates.yml, or
                           .gitea/workflows/quality-gates.yml for gitea)
  --stdout                 print the workflow instead of writing it
  --check                  write nothing; exit 1 with a diff when FILE is missing or
                           differs from what would be generated (for CI drift checks)
  --pin-sha                pin every uses: to the commit SHA in workflow.pins (tag kept
                           as a comment)
  --config FILE            config file (default: quality-gates.config.yml)
  -h, --help               show this help

Exit codes: 0 written / up to date, 1 --check found drift, 2 usage or config error.`;

/** `quality-gates generate`: writes, prints or checks the workflow. */
export const generateCommand: Command = async (argv, context) => {
  const { values } = parseCommandArgs('generate', argv, {
    platform: { type: 'string' },
    strategy: { type: 'string' },
    out: { type: 'string' },
    stdout: { type: 'boolean' },
    check: { type: 'boolean' },
    'pin-sha': { type: 'boolean' },
    config: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    context.stdout.write(HELP + '\n');
    return ExitCode.Ok;
  }
  if (values.check && values.stdout) {
    throw new UsageError(
      '--check and --stdout are alternatives: --check compares with the file, --stdout prints the workflow',
    );
  }
  const { settings, text } = generateWorkflow(context.cwd, {
    platform: values.platform,
    strategy: values.strategy,
    out: values.out,
    config: values.config,
    pinSha: values['pin-sha'],
  });
  if (values.stdout) {
    context.stdout.write(text);
    return ExitCode.Ok;
  }
  const path = join(context.cwd, settings.out);
  const committed = readIfExists(path);
  if (values.check) {
    const regenerate = regenerateCommand(settings);
    const drift = checkDrift(settings.out, committed, text);
    if (drift.status === 'fresh') {
      context.stdout.write(`${settings.out} is up to date\n`);
      return ExitCode.Ok;
    }
    if (drift.status === 'missing') {
      context.stderr.write(`${settings.out} does not exist — run '${regenerate}' and commit it\n`);
      return ExitCode.Failed;
    }
    context.stdout.write(drift.diff);
    context.stderr.write(
      `${settings.out} is out of date (the diff above shows what regenerating changes) — run '${regenerate}' and commit it\n`,
    );
    return ExitCode.Failed;
  }
  if (committed === text) {
    context.stdout.write(`${settings.out} is already up to date (${settings.platform}, ${settings.strategy})\n`);
    return ExitCode.Ok;
  }
  writeOutputFile(path, text);
  context.stdout.write(`wrote ${settings.out} (${settings.platform}, ${settings.strategy})\n`);
  return ExitCode.Ok;
};

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(`cannot read ${path}: ${(error as Error).message} — --out must name a file`, { cause: error });
  }
}
