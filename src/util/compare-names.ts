/**
 * Stable, locale-independent name order used everywhere modules are listed (plan, report,
 * outputs): code-unit order, so the same names sort the same on every machine and locale.
 */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
