// @ts-check
// ESLint 9 flat config: typescript-eslint's type-aware rules for src/ and test/, the plain
// recommended rules for the JavaScript around them, and the import directions of the layers
// (README, Development). Formatting is Prettier's job (.prettierrc.json): no style rules here.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Only the action talks to the Actions runner; everything else returns data or throws. */
const actionsCore = {
  name: '@actions/core',
  message:
    'Only src/action/ and src/index.ts import @actions/core: return data or throw, and let the action publish it.',
};

/** plan/ and report/ are pure over plain data: the edges (processes, locks, CLI, action) call them, not the reverse. */
const edges = {
  regex: '^(\\.\\./)+(action|cli|run|lock|process)(/|\\.js$)',
  message:
    'src/plan/ and src/report/ import nothing from action/, cli/, run/, lock/ or process/: pass the data in instead.',
};

/** ci/, process/, util/ and leaks/ are leaves: environment facts, process primitives (shared by run/ and lock/), helpers, the snapshot analysis. */
const leaves = {
  regex: '^\\.\\./(?!errors\\.js$|version\\.js$)',
  message:
    'src/ci/, src/process/, src/util/ and src/leaks/ are leaves: they import only errors.ts and version.ts from the project.',
};

export default defineConfig(
  {
    ignores: [
      'dist/**',
      'coverage/**',
      'examples/**',
      'test/fixtures/**',
      'test/**/fixtures/**',
      '**/__snapshots__/**',
    ],
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.strictTypeChecked],
    languageOptions: {
      // vitest.config.ts sits outside tsconfig.json's include (src, test): the default project types it.
      parserOptions: {
        projectService: { allowDefaultProject: ['vitest.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // `(line) => stream.write(line)` hands back write's boolean where a void callback is
      // expected: harmless and the shortest way to say it. Statement bodies are still checked.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Every CLI command is async by its type (Command), and some have nothing to await:
      // that is no bug. Misused and floating promises are still errors (no-floating-promises,
      // no-misused-promises, await-thenable).
      '@typescript-eslint/require-await': 'off',
      // Numbers and booleans in messages read fine (`${count} modules`); objects still may not.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // `value!` after a length check or a regexp match is the clearest way to say "present";
      // the strict rule would push those into casts or dead branches.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Unused parameters are tsc's job (noUnusedParameters); `_` marks an intended one.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // Tests read parsed JSON and child output: asserting on `any` from JSON.parse is their job.
    // Their setup variables are typed as set by beforeAll, and afterAll's `server?.stop()`
    // must still survive a beforeAll that failed half way: that condition is not dead code.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  {
    rules: {
      // Our control-character regexps are deliberate: they escape terminal sequences out of
      // Markdown, refuse NUL and newlines in ref names, and check XML's allowed characters.
      'no-control-regex': 'off',
    },
  },
  {
    // House style: a function reads at once. Tests are exempt (a describe block is a list).
    files: ['src/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80 }] },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/action/**', 'src/index.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [actionsCore] }] },
  },
  {
    files: ['src/plan/**/*.ts', 'src/report/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [actionsCore], patterns: [edges] }] },
  },
  {
    files: ['src/ci/**/*.ts', 'src/process/**/*.ts', 'src/util/**/*.ts', 'src/leaks/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [actionsCore], patterns: [leaves] }] },
  },
);
