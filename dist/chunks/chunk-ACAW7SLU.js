import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);

// src/util/compare-names.ts
function compareNames(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

export {
  compareNames
};
