import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  UsageError
} from "./chunk-LPOMALK6.js";

// src/util/duration.ts
var UNITS = { ms: 1, s: 1e3, m: 6e4, h: 36e5 };
var MAX_DURATION_MS = 2 ** 31 - 1;
function readDuration(value) {
  let ms;
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0) return { problem: `expected a non-negative duration, got ${value}` };
    ms = Math.round(value * 1e3);
  } else {
    const text = value.trim();
    const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
    if (/^\d+(\.\d+)?$/.test(text)) ms = Math.round(Number(text) * 1e3);
    else if (parts.length > 0 && parts.map((p) => p[0]).join("") === text)
      ms = Math.round(parts.reduce((sum, p) => sum + Number(p[1]) * UNITS[p[2]], 0));
    else
      return {
        problem: `cannot read duration ${JSON.stringify(value)} \u2014 write e.g. "90s", "30m", "1h30m" or a number of seconds`
      };
  }
  if (ms > MAX_DURATION_MS) {
    return {
      problem: `duration ${JSON.stringify(value)} is longer than the longest timer Node.js supports (${MAX_DURATION_MS} ms, about 24.8 days) \u2014 give a shorter one, e.g. "24h"`
    };
  }
  return { ms };
}
function parseDuration(value, what = "duration") {
  const result = readDuration(value);
  if ("problem" in result) throw new UsageError(`${what}: ${result.problem}`);
  return result.ms;
}
function formatDuration(ms) {
  if (ms < 1e3) return `${Math.round(ms)} ms`;
  if (ms < 6e4) return `${(ms / 1e3).toFixed(1)} s`;
  const totalSeconds = Math.round(ms / 1e3);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = String(totalSeconds % 60).padStart(2, "0");
  return `${minutes} min ${seconds} s`;
}

export {
  readDuration,
  parseDuration,
  formatDuration
};
