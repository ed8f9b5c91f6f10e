import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  Minimatch,
  braceExpand
} from "./chunk-OXXGRHMT.js";

// src/plan/test-files.ts
var DEFAULT_TEST_PATTERNS = {
  jest: ["**/__tests__/**/*.[jt]s?(x)", "**/?(*.)+(spec|test).[jt]s?(x)"],
  vitest: ["**/*.{test,spec}.?(c|m)[jt]s?(x)"]
};
function testFileMatcher(runner, override) {
  const patterns = override && override.length > 0 ? [...override] : DEFAULT_TEST_PATTERNS[runner];
  const source = override && override.length > 0 ? "modules.testMatch" : runner === "jest" ? "jest's default testMatch" : "vitest's default include";
  const compiled = patterns.map((pattern) => {
    const glob = new Minimatch(pattern, { dot: true, nocomment: true, nonegate: true });
    const trailingGlobstar = braceExpand(pattern).some((expanded) => /(^|\/)\*\*$/.test(expanded));
    const made = trailingGlobstar ? false : glob.makeRe();
    if (made === false) return (path) => glob.match(path);
    const regex = new RegExp(made.source, made.flags + "s");
    return (path) => regex.test(path);
  });
  const matcher = (path) => !/(^|\/)node_modules\//.test(path) && compiled.some((m) => m(path));
  return Object.assign(matcher, { patterns, source });
}

export {
  testFileMatcher
};
