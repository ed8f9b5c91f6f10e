import { Minimatch, braceExpand } from 'minimatch';

/** The runners whose default test-file patterns quality-gates knows. */
export type TestRunnerName = 'jest' | 'vitest';

/**
 * Each runner's own default test-file globs: jest's `testMatch` and vitest's `include`.
 * A folder under the module root is a module only when it holds a file these match, so a
 * folder of fixtures or helpers is never run as a module of its own.
 */
export const DEFAULT_TEST_PATTERNS: Record<TestRunnerName, readonly string[]> = {
  jest: ['**/__tests__/**/*.[jt]s?(x)', '**/?(*.)+(spec|test).[jt]s?(x)'],
  vitest: ['**/*.{test,spec}.?(c|m)[jt]s?(x)'],
};

/** Decides whether a path (relative to the repository root, POSIX) is a test file. */
export interface TestFileMatcher {
  (path: string): boolean;
  /** The globs used. */
  readonly patterns: readonly string[];
  /** Where they come from, for messages: `jest's default testMatch`, `modules.testMatch`. */
  readonly source: string;
}

/**
 * The test-file matcher for a runner: `modules.testMatch` when configured, else the
 * runner's defaults. Globs are minimatch patterns with dot files included (jest matches
 * with `dot: true` as well); `node_modules` never holds test files.
 */
export function testFileMatcher(runner: TestRunnerName, override?: readonly string[]): TestFileMatcher {
  const patterns = override && override.length > 0 ? [...override] : DEFAULT_TEST_PATTERNS[runner];
  const source =
    override && override.length > 0
      ? 'modules.testMatch'
      : runner === 'jest'
        ? "jest's default testMatch"
        : "vitest's default include";
  // One regular expression per pattern: minimatch's match() walks `**` segment by segment and
  // costs three to four times more (20,000 paths, jest's defaults), and planning and the import
  // graph ask about every file of a change or a tree. minimatch's regular expression of `dir/**`
  // also matches `dir` itself, where match() does not: patterns ending in `**` keep match().
  const compiled = patterns.map((pattern) => {
    const glob = new Minimatch(pattern, { dot: true, nocomment: true, nonegate: true });
    const trailingGlobstar = braceExpand(pattern).some((expanded) => /(^|\/)\*\*$/.test(expanded));
    const made = trailingGlobstar ? false : glob.makeRe();
    if (made === false) return (path: string) => glob.match(path);
    // dotAll: a folder or file name may contain a newline, which match() accepts and `.` would not.
    const regex = new RegExp(made.source, made.flags + 's');
    return (path: string) => regex.test(path);
  });
  const matcher = (path: string): boolean => !/(^|\/)node_modules\//.test(path) && compiled.some((m) => m(path));
  return Object.assign(matcher, { patterns, source });
}
