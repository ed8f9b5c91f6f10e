import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);

// src/version.ts
var VERSION = "0.1.0";

export {
  VERSION
};
