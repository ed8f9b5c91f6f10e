import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  mergeReportFiles
} from "./chunk-6PXTR2JP.js";
import "./chunk-SUHRJXHI.js";
import {
  badModules,
  renderSummary
} from "./chunk-B6FG5BJQ.js";
import "./chunk-KPZR3NFN.js";
import {
  parseCommandArgs
} from "./chunk-QWNBACTB.js";
import "./chunk-SKC5PD7T.js";
import "./chunk-64T4F7XV.js";
import "./chunk-XS3YCCI7.js";
import "./chunk-ACAW7SLU.js";
import "./chunk-ZC2IFY74.js";
import "./chunk-OXXGRHMT.js";
import "./chunk-USA5LE2H.js";
import {
  ExitCode,
  UsageError
} from "./chunk-LPOMALK6.js";
import "./chunk-OMX5YOFN.js";

// src/cli/commands/merge-reports.ts
var HELP = `Usage: quality-gates merge-reports [options] REPORT\u2026

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
var mergeReportsCommand = async (argv, context) => {
  const { values, positionals } = parseCommandArgs(
    "merge-reports",
    argv,
    {
      out: { type: "string", default: "quality-gates-report.json" },
      summary: { type: "string" },
      junit: { type: "string" },
      history: { type: "string" },
      help: { type: "boolean", short: "h" }
    },
    true
  );
  if (values.help) {
    context.stdout.write(HELP + "\n");
    return ExitCode.Ok;
  }
  const patterns = positionals;
  if (patterns.length === 0)
    throw new UsageError("give the report files to merge, e.g. quality-gates merge-reports 'reports/**/*.json'");
  const { report, warnings, sources, history } = mergeReportFiles({
    patterns,
    cwd: context.cwd,
    out: values.out,
    ...values.junit ? { junit: values.junit } : {},
    ...values.summary && values.summary !== "-" ? { summary: values.summary } : {},
    ...values.history !== void 0 ? { history: values.history } : {}
  });
  for (const warning of warnings) context.stderr.write(`warning: ${warning}
`);
  if (history) {
    for (const warning of history.warnings) context.stderr.write(`warning: ${warning}
`);
    if (history.recorded > 0) {
      context.stderr.write(
        `history: ${history.recorded} ${history.recorded === 1 ? "module" : "modules"} recorded in ${values.history}
`
      );
    }
  }
  if (values.summary === "-") context.stdout.write(renderSummary(report, { reportPath: values.out }));
  const bad = badModules(report.modules).length;
  const merged = `${sources.length} ${sources.length === 1 ? "report" : "reports"}`;
  context.stderr.write(
    `merged ${merged}: ${report.modules.length} modules, ${bad} failed \u2192 ${values.out} (${report.status})
`
  );
  if (report.status === "failed") return ExitCode.Failed;
  if (report.status === "interrupted") return ExitCode.Interrupted;
  return ExitCode.Ok;
};
export {
  mergeReportsCommand
};
