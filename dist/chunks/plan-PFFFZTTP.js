import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  readFileList
} from "./chunk-TUSD6CX4.js";
import {
  parseCommandArgs
} from "./chunk-QWNBACTB.js";
import {
  formatPlanJson,
  formatPlanText
} from "./chunk-VBN7RPYR.js";
import {
  computePlan
} from "./chunk-DXIKE7HS.js";
import {
  loadConfig
} from "./chunk-LZFESEJ6.js";
import "./chunk-BURGMGPG.js";
import "./chunk-J7EPJJHD.js";
import {
  parseShardCount
} from "./chunk-OKJAYRJL.js";
import "./chunk-KCKJSNRL.js";
import "./chunk-NYGUVZYR.js";
import "./chunk-6WDK2BYD.js";
import "./chunk-ACAW7SLU.js";
import "./chunk-ZC2IFY74.js";
import "./chunk-OXXGRHMT.js";
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
  --shards N          also split the planned modules over N shards by predicted
                      duration (plan.shards; the matrix has one entry per shard)
  --history FILE|none history to predict durations from (default: the config's
                      history:, else .quality-gates/history.json; missing is fine)
  -h, --help          show this help`;
var planCommand = async (argv, context) => {
  const { values } = parseCommandArgs("plan", argv, {
    base: { type: "string" },
    head: { type: "string" },
    files: { type: "string" },
    full: { type: "boolean" },
    config: { type: "string" },
    format: { type: "string", default: "json" },
    shards: { type: "string" },
    history: { type: "string" },
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
    throw new UsageError(
      "--files and --base/--head are alternatives: give the list of files, or the range to diff, not both"
    );
  }
  const shards = values.shards === void 0 ? void 0 : parseShardCount(values.shards, "--shards");
  if (values.history !== void 0 && shards === void 0) {
    throw new UsageError(
      "--history predicts the shards: give --shards N with it (the plan itself does not read history)"
    );
  }
  const files = values.files !== void 0 ? await readFileList(values.files, context.cwd, context.stdin) : void 0;
  const loaded = loadConfig(context.cwd, values.config);
  const planned = await computePlan({
    loaded,
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
  const plan = shards === void 0 ? planned : await import("./shard-plan-7MZJ43NQ.js").then(
    async ({ withShards }) => withShards(planned, {
      cwd: context.cwd,
      loaded,
      count: shards,
      historyPath: (await import("./location-47K42KTX.js")).resolveHistoryPath(
        context.cwd,
        values.history,
        loaded.config.history
      )
    })
  );
  context.stdout.write((values.format === "text" ? formatPlanText(plan) : formatPlanJson(plan)) + "\n");
  return 0;
};
export {
  planCommand
};
