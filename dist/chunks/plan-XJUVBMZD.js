import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  escapeInline
} from "./chunk-E6YWZ43M.js";
import {
  info,
  setOutput,
  summary,
  warning
} from "./chunk-5S2WLFU4.js";
import {
  computePlan,
  planMatrix
} from "./chunk-ABFQYFYO.js";
import "./chunk-BURGMGPG.js";
import "./chunk-RKRTEJBT.js";
import "./chunk-E2BU4GIJ.js";
import "./chunk-POMA32W4.js";
import "./chunk-USA5LE2H.js";
import "./chunk-LPOMALK6.js";
import "./chunk-OMX5YOFN.js";

// src/action/plan.ts
import { resolve } from "node:path";
async function runPlanAction(inputs, env) {
  const cwd = resolve(inputs.workingDirectory);
  const plan = await computePlan({
    cwd,
    env,
    configPath: inputs.config,
    base: inputs.base,
    head: inputs.head,
    full: inputs.full ? "Full run: the full input was set." : void 0,
    log: (line) => info(line)
  });
  for (const warning2 of plan.warnings) warning(warning2);
  info(`${plan.mode}: ${plan.reason}`);
  setOutput("mode", plan.mode);
  setOutput("modules", JSON.stringify(plan.modules));
  setOutput("matrix", JSON.stringify(planMatrix(plan)));
  setOutput("reason", plan.reason);
  setOutput("changed-files", String(plan.changedFiles));
  if (inputs.summary) {
    const modules = plan.modules.length > 0 ? plan.modules.map((m) => `\`${m.replace(/`/g, "'")}\``).join(", ") : "(none)";
    await summary.addHeading("quality-gates plan", 3).addRaw(`**${plan.mode}**: ${escapeInline(plan.reason)}

Modules: ${modules}
`, true).write();
  }
}
export {
  runPlanAction
};
