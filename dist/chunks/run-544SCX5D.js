import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  UsageError
} from "./chunk-GTWEE5Y2.js";

// src/action/run.ts
async function runRunAction(_inputs, _env) {
  throw new UsageError("command run: not built yet");
}
export {
  runRunAction
};
