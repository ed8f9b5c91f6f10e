import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  UsageError
} from "./chunk-LPOMALK6.js";

// src/cli/args.ts
import { parseArgs } from "node:util";
function parseCommandArgs(command, argv, options, allowPositionals = false) {
  const dashDash = argv.indexOf("--");
  const own = dashDash >= 0 ? argv.slice(0, dashDash) : argv;
  const rest = dashDash >= 0 ? argv.slice(dashDash + 1) : [];
  try {
    const parsed = parseArgs({ args: own, options, allowPositionals, strict: true });
    return { values: parsed.values, positionals: parsed.positionals, rest, hadDashDash: dashDash >= 0 };
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/\. To specify a positional.*$/s, "") : String(error);
    throw new UsageError(`${message} \u2014 see 'quality-gates ${command} --help'`);
  }
}

export {
  parseCommandArgs
};
