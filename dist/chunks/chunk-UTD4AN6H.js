import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  UsageError
} from "./chunk-V7WRTJIP.js";

// src/util/duration.ts
var UNITS = { ms: 1, s: 1e3, m: 6e4, h: 36e5 };
function parseDuration(value, what = "duration") {
  if (typeof value === "number") {
    if (Number.isFinite(value) && value >= 0) return Math.round(value * 1e3);
    throw new UsageError(`${what}: expected a non-negative duration, got ${value}`);
  }
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1e3);
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text) {
    throw new UsageError(
      `${what}: cannot read duration ${JSON.stringify(value)} \u2014 write e.g. "90s", "30m", "1h30m" or a number of seconds`
    );
  }
  return Math.round(parts.reduce((sum, p) => sum + Number(p[1]) * UNITS[p[2]], 0));
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
  parseDuration,
  formatDuration
};
