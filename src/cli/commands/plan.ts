import { loadConfig } from '../../config/load.js';
import { UsageError } from '../../errors.js';
import { computePlan } from '../../plan/compute.js';
import { formatPlanJson, formatPlanText } from '../../plan/format.js';
import { parseShardCount } from '../../plan/shards.js';
import { parseCommandArgs } from '../args.js';
import type { Command } from '../context.js';
import { readFileList } from '../read-list.js';

const HELP = `Usage: quality-gates plan [options]

Prints which integration modules a change affects, as JSON.

Options:
  --base REF          compare from this commit (default: from the CI event)
  --head REF          compare to this commit (default: HEAD)
  --files FILE|-      read changed file names from FILE or stdin instead of git
                      (one per line, or NUL-separated)
  --full              plan a full run whatever changed
  --config FILE       config file (default: quality-gates.config.yml)
  --format json|text  output format (default: json)
  --shards N          also split the planned modules over N shards by predicted
                      duration (plan.shards; the matrix has one entry per shard)
  --history FILE|none history to predict durations from (default: the config's
                      history:, else .quality-gates/history.json; missing is fine)
  -h, --help          show this help`;

/** `quality-gates plan`: prints the plan as JSON (or text). Exit 0 on success, 2 on bad input. */
export const planCommand: Command = async (argv, context) => {
  const { values } = parseCommandArgs('plan', argv, {
    base: { type: 'string' },
    head: { type: 'string' },
    files: { type: 'string' },
    full: { type: 'boolean' },
    config: { type: 'string' },
    format: { type: 'string', default: 'json' },
    shards: { type: 'string' },
    history: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    context.stdout.write(HELP + '\n');
    return 0;
  }
  if (values.format !== 'json' && values.format !== 'text') {
    throw new UsageError(`--format ${JSON.stringify(values.format)}: use json or text`);
  }
  if (values.files !== undefined && (values.base !== undefined || values.head !== undefined)) {
    throw new UsageError(
      '--files and --base/--head are alternatives: give the list of files, or the range to diff, not both',
    );
  }
  const shards = values.shards === undefined ? undefined : parseShardCount(values.shards, '--shards');
  if (values.history !== undefined && shards === undefined) {
    throw new UsageError(
      '--history predicts the shards: give --shards N with it (the plan itself does not read history)',
    );
  }
  const files = values.files !== undefined ? await readFileList(values.files, context.cwd, context.stdin) : undefined;
  const loaded = loadConfig(context.cwd, values.config);
  const planned = await computePlan({
    loaded,
    cwd: context.cwd,
    env: context.env,
    configPath: values.config,
    base: values.base,
    head: values.head,
    files,
    full: values.full ? 'Full run: --full was given.' : undefined,
    log: (line) => context.stderr.write(`${line}\n`),
  });
  // The history (its schema, the file) is loaded only to split shards.
  const plan =
    shards === undefined
      ? planned
      : await import('../../plan/shard-plan.js').then(async ({ withShards }) =>
          withShards(planned, {
            cwd: context.cwd,
            loaded,
            count: shards,
            historyPath: (await import('../../history/location.js')).resolveHistoryPath(
              context.cwd,
              values.history,
              loaded.config.history,
            ),
          }),
        );
  context.stdout.write((values.format === 'text' ? formatPlanText(plan) : formatPlanJson(plan)) + '\n');
  return 0;
};
