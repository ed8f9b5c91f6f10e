import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  UsageError
} from "./chunk-GTWEE5Y2.js";

// src/action/merge-reports.ts
async function runMergeReportsAction(_inputs, _env) {
  throw new UsageError("command merge-reports: not built yet");
}
export {
  runMergeReportsAction
};
