#!/usr/bin/env node
import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  VERSION
} from "./chunks/chunk-64T4F7XV.js";
import {
  ExitCode,
  QualityGatesError,
  exitCodeOf
} from "./chunks/chunk-LPOMALK6.js";
import "./chunks/chunk-OMX5YOFN.js";

// src/cli/main.ts
var COMMANDS = {
  plan: {
    summary: "print which modules a change affects (JSON, or --format text)",
    load: async () => (await import("./chunks/plan-PFFFZTTP.js")).planCommand
  },
  run: {
    summary: "run the integration tests module by module and write the report",
    load: async () => (await import("./chunks/run-M25YL2F7.js")).runCommand
  },
  lock: {
    summary: "run a command while holding the shared-container lock",
    load: async () => (await import("./chunks/lock-SVDDXYOY.js")).lockCommand
  },
  generate: {
    summary: "write the CI workflow (.github or .gitea); --check for drift",
    load: async () => (await import("./chunks/generate-GI57GSLL.js")).generateCommand
  },
  "merge-reports": {
    summary: "merge per-module reports from matrix jobs into one",
    load: async () => (await import("./chunks/merge-reports-DSUK2AWF.js")).mergeReportsCommand
  },
  leaks: {
    summary: "leaks analyze SNAPSHOT\u2026: name what grew across V8 heap snapshots",
    load: async () => (await import("./chunks/leaks-BCBUGXOB.js")).leaksCommand
  },
  schema: {
    summary: "print the JSON Schema of the config (or --report of the report)",
    load: async () => (await import("./chunks/schema-ZM2C76UF.js")).schemaCommand
  }
};
function usage() {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`);
  return [
    `quality-gates ${VERSION}: run integration tests module by module, safely, and report them`,
    "",
    "Usage: quality-gates <command> [options]",
    "",
    "Commands:",
    ...lines,
    "",
    "Run 'quality-gates <command> --help' for a command's options.",
    "Exit codes: 0 ok, 1 tests failed / crashed / lock lost, 2 usage or config error, 69 postgres lock server unreachable, 75 lock timeout, 130 interrupted."
  ].join("\n");
}
async function main(argv, context) {
  const name = argv.at(0);
  const rest = argv.slice(1);
  if (name === void 0 || name === "--help" || name === "-h" || name === "help") {
    context.stdout.write(usage() + "\n");
    return name === void 0 ? ExitCode.Usage : ExitCode.Ok;
  }
  if (name === "--version" || name === "-v") {
    context.stdout.write(`${VERSION}
`);
    return ExitCode.Ok;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : void 0;
  if (!entry) {
    context.stderr.write(`quality-gates: unknown command '${name}'

${usage()}
`);
    return ExitCode.Usage;
  }
  try {
    const command = await entry.load();
    return await command(rest, context);
  } catch (error) {
    const code2 = exitCodeOf(error);
    if (error instanceof QualityGatesError) {
      context.stderr.write(`quality-gates ${name}: ${error.message}
`);
    } else {
      const detail = error instanceof Error ? error.stack ?? error.message : String(error);
      context.stderr.write(`quality-gates ${name}: unexpected error (please report it): ${detail}
`);
    }
    return code2;
  }
}

// src/cli/bin.ts
var code = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr
});
process.exitCode = code;
