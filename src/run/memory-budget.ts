import { UsageError } from '../errors.js';

const UNITS: Record<string, number> = {
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  KI: 1024,
  MI: 1024 ** 2,
  GI: 1024 ** 3,
  TI: 1024 ** 4,
};
const MB = 1024 * 1024;

/**
 * The machine memory budget in MB from `memoryBudget` / `--memory-budget`: a share of the
 * memory available now (`70%`) or a size (`8GB`, `6GiB`, `512MB`; GB is 10⁹ bytes, GiB
 * 2³⁰). `what` names the source in the error (`--memory-budget`, `memoryBudget`).
 */
export function parseMemoryBudget(value: string, availableMemoryMB: number, what: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(%|([KMGT]i?)B)$/i.exec(value.trim());
  if (!match) {
    throw new UsageError(
      `${what}: ${JSON.stringify(value)} is not a memory budget — give a size like 8GB or 512MiB, or a share of the available memory like 70%`,
    );
  }
  const amount = Number(match[1]);
  if (match[2] === '%') {
    if (amount <= 0 || amount > 100)
      throw new UsageError(`${what}: ${JSON.stringify(value)} is not a share between 0 and 100 % — e.g. 70%`);
    return (availableMemoryMB * amount) / 100;
  }
  if (amount <= 0) throw new UsageError(`${what}: ${JSON.stringify(value)} is no memory at all — give a size like 8GB`);
  return (amount * UNITS[match[3].toUpperCase()]) / MB;
}

/**
 * The heap budget of one packed process in MB from `heapBudget` / `--heap-budget`: a size
 * (`512MB`, `1GiB`); no share, since the heap limit it would be a share of is per process.
 */
export function parseHeapBudget(value: string, what: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([KMGT]i?)B$/i.exec(value.trim());
  const amount = match ? Number(match[1]) : 0;
  if (!match || amount <= 0) {
    throw new UsageError(
      `${what}: ${JSON.stringify(value)} is not a heap budget — give the heap a packed test process may need as a size, like 512MB or 1GiB`,
    );
  }
  return (amount * UNITS[match[2].toUpperCase()]) / MB;
}
