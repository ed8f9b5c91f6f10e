import { ExitCode, UsageError } from '../../errors.js';
import { badModules } from '../../report/failures.js';
import { mergeReportFiles } from '../../report/merge-files.js';
import { renderSummary } from '../../report/summary.js';
import { parseCommandArgs } from '../args.js';
import type { Command } from '../context.js';

const HELP = `Usage: quality-gates merge-reports [options] REPORT…

Merges the report JSON files of matrix jobs (one or more modules each) into one report:
modules concatenated (a module in two reports keeps the later one), status, time and
counts recomputed. REPORT is a file or a glob such as 'reports/**/*.json' (quote it).

Options:
  --out FILE          merged report JSON (default: quality-gates-report.json)
  --summary FILE|-    also write the summary Markdown to FILE, or to stdout with -
  --junit FILE        also write JUnit XML (one testsuite per module)
  --history FILE      also fold every report's modules into this history file (what
                      the next plan --shards and run learn from); a bad or unwritable
                      history is a warning, never a failure
  -h, --help          show this help

Exit codes: 0 every module passed (or nothing ran), 1 a module failed, crashed or timed
out, 2 bad usage or an invalid report file, 130 a job was interrupted.`;

/** `quality-gates merge-reports`: validates, merges and writes one report (and optionally summary and JUnit). */
export const mergeReportsCommand: Command = async (argv, context) => {
  const { values, positionals } = parseCommandArgs(
    'merge-reports',
    argv,
    {
      out: { type: 'string', default: 'quality-gates-report.json' },
      summary: { type: 'string' },
      junit: { type: 'string' },
      history: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  if (values.help) {
    context.stdout.write(HELP + '\n');
    return ExitCode.Ok;
  }
  const patterns = positionals as string[];
  if (patterns.length === 0)
    throw new UsageError("give the report files to merge, e.g. quality-gates merge-reports 'reports/**/*.json'");
  const { report, warnings, sources, history } = mergeReportFiles({
    patterns,
    cwd: context.cwd,
    out: values.out,
    ...(values.junit ? { junit: values.junit } : {}),
    ...(values.summary && values.summary !== '-' ? { summary: values.summary } : {}),
    ...(values.history !== undefined ? { history: values.history } : {}),
  });
  for (const warning of warnings) context.stderr.write(`warning: ${warning}\n`);
  if (history) {
    for (const warning of history.warnings) context.stderr.write(`warning: ${warning}\n`);
    if (history.recorded > 0) {
      context.stderr.write(
        `history: ${history.recorded} ${history.recorded === 1 ? 'module' : 'modules'} recorded in ${values.history}\n`,
      );
    }
  }
  if (values.summary === '-') context.stdout.write(renderSummary(report, { reportPath: values.out }));
  const bad = badModules(report.modules).length;
  const merged = `${sources.length} ${sources.length === 1 ? 'report' : 'reports'}`;
  context.stderr.write(
    `merged ${merged}: ${report.modules.length} modules, ${bad} failed → ${values.out} (${report.status})\n`,
  );
  if (report.status === 'failed') return ExitCode.Failed;
  if (report.status === 'interrupted') return ExitCode.Interrupted;
  return ExitCode.Ok;
};
