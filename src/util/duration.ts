import { UsageError } from '../errors.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * The longest delay Node's timers accept (2^31-1 ms, about 24.8 days): a longer one
 * overflows to 1 ms with only a TimeoutOverflowWarning, so every wait would end at once.
 */
export const MAX_DURATION_MS = 2 ** 31 - 1;

/**
 * Reads a human duration (`90s`, `30m`, `1h30m`, `1500ms`, or a bare number of seconds)
 * into milliseconds, or says what is wrong with it (a sentence without the key name).
 */
export function readDuration(value: string | number): { ms: number } | { problem: string } {
  let ms: number;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return { problem: `expected a non-negative duration, got ${value}` };
    ms = Math.round(value * 1000);
  } else {
    const text = value.trim();
    const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
    if (/^\d+(\.\d+)?$/.test(text)) ms = Math.round(Number(text) * 1000);
    else if (parts.length > 0 && parts.map((p) => p[0]).join('') === text)
      ms = Math.round(parts.reduce((sum, p) => sum + Number(p[1]) * UNITS[p[2]], 0));
    else
      return {
        problem: `cannot read duration ${JSON.stringify(value)} — write e.g. "90s", "30m", "1h30m" or a number of seconds`,
      };
  }
  if (ms > MAX_DURATION_MS) {
    return {
      problem: `duration ${JSON.stringify(value)} is longer than the longest timer Node.js supports (${MAX_DURATION_MS} ms, about 24.8 days) — give a shorter one, e.g. "24h"`,
    };
  }
  return { ms };
}

/**
 * Parses a human duration into milliseconds (see readDuration). Throws a UsageError
 * naming `what` on anything else, or on a duration longer than MAX_DURATION_MS.
 */
export function parseDuration(value: string | number, what = 'duration'): number {
  const result = readDuration(value);
  if ('problem' in result) throw new UsageError(`${what}: ${result.problem}`);
  return result.ms;
}

/** Formats milliseconds for people: `850 ms`, `8.2 s`, `3 min 05 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const totalSeconds = Math.round(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = String(totalSeconds % 60).padStart(2, '0');
  return `${minutes} min ${seconds} s`;
}
