import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  UsageError
} from "./chunk-GTWEE5Y2.js";

// src/cli/commands/generate.ts
var generateCommand = async () => {
  throw new UsageError("generate: not built yet");
};
export {
  generateCommand
};
