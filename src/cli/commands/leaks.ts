import { resolve } from 'node:path';
import { ExitCode, UsageError } from '../../errors.js';
import { analyzeSnapshots } from '../../leaks/analyze.js';
import { formatAnalysis } from '../../leaks/format.js';
import { parseCommandArgs } from '../args.js';
import type { Command } from '../context.js';

const HELP = `Usage: quality-gates leaks analyze [--json] [--] SNAPSHOT…

Compares V8 heap snapshots (.heapsnapshot) of one process, given in time order, and names
the constructors whose instance count and retained size grew in every snapshot: how many
instances and megabytes they added (last − first) and one retainer path from a GC root,
such as "util.__parked → Array → LeakyStore". With a single snapshot (say the one
--heapsnapshot-near-heap-limit wrote at an OOM) there is nothing to compare: it lists the
largest constructors instead.

Run it in its own process: it needs about 0.5–1× the snapshot file's size in memory.

Options:
  --json      print { comparison, snapshots, suspects, analysisMs, peakRssMB } as JSON
  -h, --help  show this help

Exit codes: 0 analysed (with or without suspects), 2 bad usage or a file that is missing,
not a heap snapshot or truncated (the message names it).`;

/** `quality-gates leaks analyze`: reads heap snapshots and prints the leak suspects. */
export const leaksCommand: Command = async (argv, context) => {
  const { values, positionals, rest } = parseCommandArgs(
    'leaks',
    argv,
    { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    true,
  );
  if (values.help) {
    context.stdout.write(HELP + '\n');
    return ExitCode.Ok;
  }
  const [subcommand, ...named] = positionals;
  // After `--`, every argument is a path, even one that starts with a dash.
  const snapshots = [...named, ...rest];
  if (subcommand !== 'analyze') {
    const got = positionals.length === 0 ? 'nothing' : `'${subcommand}'`;
    throw new UsageError(`expected 'analyze', got ${got} — usage: quality-gates leaks analyze [--json] SNAPSHOT…`);
  }
  if (snapshots.length === 0)
    throw new UsageError(
      'give the heap snapshots to compare, in time order: quality-gates leaks analyze a.heapsnapshot b.heapsnapshot',
    );
  const analysis = analyzeSnapshots(snapshots.map((path) => resolve(context.cwd, path)));
  const shown = {
    ...analysis,
    // Paths as given on the command line: the output reads like the input.
    snapshots: analysis.snapshots.map((snapshot, index) => ({ ...snapshot, path: snapshots[index] })),
  };
  context.stdout.write(values.json ? JSON.stringify(shown, null, 2) + '\n' : formatAnalysis(shown));
  return ExitCode.Ok;
};
