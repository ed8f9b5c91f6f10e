import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  UsageError
} from "./chunk-GTWEE5Y2.js";

// src/cli/commands/merge-reports.ts
var mergeReportsCommand = async () => {
  throw new UsageError("merge-reports: not built yet");
};
export {
  mergeReportsCommand
};
