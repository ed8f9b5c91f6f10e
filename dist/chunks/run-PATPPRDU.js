import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  UsageError
} from "./chunk-GTWEE5Y2.js";

// src/cli/commands/run.ts
var runCommand = async () => {
  throw new UsageError("run: not built yet");
};
export {
  runCommand
};
