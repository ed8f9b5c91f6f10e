import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  defaultHistoryPath
} from "./chunk-SKC5PD7T.js";

// src/history/location.ts
import { resolve } from "node:path";
var DEFAULT_HISTORY_FILE = ".quality-gates/history.json";
function resolveHistoryPath(cwd, flag, configured) {
  if (flag !== void 0) return flag === "none" ? void 0 : resolve(cwd, flag);
  if (configured === false) return void 0;
  return configured === void 0 ? defaultHistoryPath(cwd) : resolve(cwd, configured);
}

export {
  DEFAULT_HISTORY_FILE,
  resolveHistoryPath
};
