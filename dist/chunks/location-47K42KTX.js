import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  DEFAULT_HISTORY_FILE,
  resolveHistoryPath
} from "./chunk-SARGJA6J.js";
import "./chunk-SKC5PD7T.js";
import "./chunk-64T4F7XV.js";
import "./chunk-USA5LE2H.js";
import "./chunk-LPOMALK6.js";
import "./chunk-OMX5YOFN.js";
export {
  DEFAULT_HISTORY_FILE,
  resolveHistoryPath
};
