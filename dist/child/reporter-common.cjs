'use strict';
// What the jest and the vitest reporters share: plain CommonJS, loaded inside the test
// runner's process (the .mjs vitest reporter imports it too).
const { stripVTControlCharacters } = require('node:util');

/** The text without ANSI colour and cursor codes (runners colour their messages). */
function stripAnsi(text) {
  return stripVTControlCharacters(String(text ?? ''));
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Finds `file:line:column` of the test file in a stack trace: `{ line, column }` or `{}`. */
function locateInStack(stack, file) {
  const match = new RegExp(`${escapeRegExp(file)}:(\\d+):(\\d+)`).exec(String(stack ?? ''));
  return match ? { line: Number(match[1]), column: Number(match[2]) } : {};
}

module.exports = { stripAnsi, locateInStack };
