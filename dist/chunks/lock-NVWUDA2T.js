import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  UsageError
} from "./chunk-GTWEE5Y2.js";

// src/cli/commands/lock.ts
var lockCommand = async () => {
  throw new UsageError("lock: not built yet");
};
export {
  lockCommand
};
