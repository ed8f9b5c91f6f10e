import type { ImportFinding, ImportingTest } from './query.js';

/** What the import graph adds to the plan for one changed file. Pure. */
export type GraphSelection =
  /** These modules' tests import the file (or may load anything: dynamic requires). */
  | { kind: 'modules'; modules: string[]; why: string }
  /** A code file no test of any module imports: it selects nothing. */
  | { kind: 'none'; why: string }
  /** The graph cannot speak for the file: the other rules (and `unmatched`) decide. */
  | { kind: 'unknown'; why: string };

const SHOWN_TESTS = 3;

/**
 * Turns the graph's finding for `file` into modules: each importing test counts for the
 * module `moduleOf` puts it in (tests outside every module select nothing), and so does each
 * test with dynamic requires, which is never claimed unaffected. The sentence names the
 * chain: `a.ts ← imported by merge.spec.ts via index.ts (module merge)`.
 */
export function selectByImports(
  file: string,
  finding: ImportFinding | undefined,
  moduleOf: (path: string) => string | undefined,
): GraphSelection {
  if (finding === undefined) return { kind: 'unknown', why: `${file} is not in the import graph` };
  if (finding.kind === 'unknown') return { kind: 'unknown', why: finding.why };
  const modules = new Set<string>();
  const parts: string[] = [];
  if (finding.kind === 'imported') {
    const inModules = finding.tests
      .map((t) => ({ ...t, module: moduleOf(t.test) }))
      .filter((t): t is ImportingTest & { module: string } => t.module !== undefined);
    for (const t of inModules) modules.add(t.module);
    const shown = firstPerModule(inModules).slice(0, SHOWN_TESTS);
    if (shown.length > 0) {
      const more = inModules.length - shown.length;
      parts.push(
        `${file} ← imported by ${shown.map(describeTest).join('; ')}${more > 0 ? ` and ${more} more test file${more === 1 ? '' : 's'}` : ''}`,
      );
    } else {
      parts.push(
        `${file} is imported only by tests outside every module (${finding.tests
          .slice(0, SHOWN_TESTS)
          .map((t) => t.test)
          .join(', ')})`,
      );
    }
  } else {
    parts.push(`${file} is imported by no test`);
  }
  const uncertain = finding.uncertain
    .map((u) => ({ ...u, module: moduleOf(u.test) }))
    .filter((u) => u.module !== undefined && !modules.has(u.module));
  for (const u of uncertain) modules.add(u.module!);
  if (uncertain.length > 0) {
    const first = uncertain[0];
    const rest = [...new Set(uncertain.map((u) => u.module!))].filter((m) => m !== first.module);
    parts.push(
      `module ${first.module}${rest.length > 0 ? ` (and ${rest.join(', ')})` : ''} runs too: its test ${first.test} has dynamic requires (${first.why})`,
    );
  }
  const why = parts.join('; ');
  return modules.size > 0 ? { kind: 'modules', modules: [...modules].sort(), why } : { kind: 'none', why };
}

function firstPerModule<T extends { module: string }>(tests: T[]): T[] {
  const seen = new Set<string>();
  return tests.filter((t) => (seen.has(t.module) ? false : (seen.add(t.module), true)));
}

function describeTest(test: ImportingTest & { module: string }): string {
  return `${test.test}${test.via.length > 0 ? ` via ${test.via.join(', ')}` : ''} (module ${test.module})`;
}
