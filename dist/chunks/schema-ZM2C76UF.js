import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  reportJsonSchema
} from "./chunk-SUHRJXHI.js";
import "./chunk-KPZR3NFN.js";
import {
  parseCommandArgs
} from "./chunk-QWNBACTB.js";
import {
  configJsonSchema
} from "./chunk-6WDK2BYD.js";
import "./chunk-ZC2IFY74.js";
import "./chunk-USA5LE2H.js";
import "./chunk-LPOMALK6.js";
import "./chunk-OMX5YOFN.js";

// src/cli/commands/schema.ts
var HELP = `Usage: quality-gates schema [--report]

Prints the JSON Schema of quality-gates.config.yml (or, with --report, of the report JSON).
The same schemas are committed under schema/.`;
var schemaCommand = async (argv, context) => {
  const { values } = parseCommandArgs("schema", argv, {
    report: { type: "boolean" },
    help: { type: "boolean", short: "h" }
  });
  if (values.help) {
    context.stdout.write(HELP + "\n");
    return 0;
  }
  const schema = values.report ? reportJsonSchema() : configJsonSchema();
  context.stdout.write(JSON.stringify(schema, null, 2) + "\n");
  return 0;
};
export {
  schemaCommand
};
