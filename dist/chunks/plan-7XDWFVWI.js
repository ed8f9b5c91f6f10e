import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  readFileList
} from "./chunk-NFDXDWWJ.js";
import {
  parseCommandArgs
} from "./chunk-QWNBACTB.js";
import {
  computePlan,
  formatPlanJson,
  formatPlanText
} from "./chunk-ABFQYFYO.js";
import "./chunk-BURGMGPG.js";
import "./chunk-RKRTEJBT.js";
import "./chunk-E2BU4GIJ.js";
import "./chunk-POMA32W4.js";
import "./chunk-USA5LE2H.js";
import {
  UsageError
} from "./chunk-LPOMALK6.js";
import "./chunk-OMX5YOFN.js";

// src/cli/commands/plan.ts
var HELP = `Usage: quality-gates plan [options]

Prints which integration modules a change affects, as JSON.

Options:
  --base REF          compare from this commit (default: from the CI event)
  --head REF          compare to this commit (default: HEAD)
  --files FILE|-      read changed file names from FILE or stdin instead of git
                      (one per line, or NUL-separated)
  --full              plan a full run whatever changed
  --config FILE       config file (default: quality-gates.config.yml)
  --format json|text  output format (default: json)
  -h, --help          show this help`;
var planCommand = async (argv, context) => {
  const { values } = parseCommandArgs("plan", argv, {
    base: { type: "string" },
    head: { type: "string" },
    files: { type: "string" },
    full: { type: "boolean" },
    config: { type: "string" },
    format: { type: "string", default: "json" },
    help: { type: "boolean", short: "h" }
  });
  if (values.help) {
    context.stdout.write(HELP + "\n");
    return 0;
  }
  if (values.format !== "json" && values.format !== "text") {
    throw new UsageError(`--format ${JSON.stringify(values.format)}: use json or text`);
  }
  if (values.files !== void 0 && (values.base !== void 0 || values.head !== void 0)) {
    throw new UsageError("--files and --base/--head are alternatives: give the list of files, or the range to diff, not both");
  }
  const files = values.files !== void 0 ? await readFileList(values.files, context.cwd, context.stdin) : void 0;
  const plan = await computePlan({
    cwd: context.cwd,
    env: context.env,
    configPath: values.config,
    base: values.base,
    head: values.head,
    files,
    full: values.full ? "Full run: --full was given." : void 0,
    log: (line) => context.stderr.write(`${line}
`)
  });
  context.stdout.write((values.format === "text" ? formatPlanText(plan) : formatPlanJson(plan)) + "\n");
  return 0;
};
export {
  planCommand
};
