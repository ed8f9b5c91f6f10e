import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  parseCommandArgs
} from "./chunk-ECBBZXOM.js";
import {
  computePlan,
  formatPlanText
} from "./chunk-LA3OEO4P.js";
import "./chunk-LHI4NCFP.js";
import "./chunk-QK2DHERK.js";
import {
  UsageError
} from "./chunk-GTWEE5Y2.js";

// src/cli/read-list.ts
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
async function readFileList(source, cwd, stdin) {
  let text;
  if (source === "-") {
    const chunks = [];
    for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    text = Buffer.concat(chunks).toString("utf8");
  } else {
    try {
      text = readFileSync(resolve(cwd, source), "utf8");
    } catch (error) {
      throw new UsageError(`--files ${source}: cannot read the file list (${error.code ?? String(error)}) \u2014 give a file with one path per line, or - for stdin`);
    }
  }
  const entries = text.includes("\0") ? text.split("\0") : text.split(/\r?\n/);
  return entries.filter((entry) => entry.trim() !== "").map((entry) => entry.replace(/^\.\//, ""));
}

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
  context.stdout.write((values.format === "text" ? formatPlanText(plan) : JSON.stringify(plan, null, 2)) + "\n");
  return 0;
};
export {
  planCommand
};
