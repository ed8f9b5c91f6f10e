'use strict';
// A jest testSequencer for a packed process (`jest --runInBand a/ b/ c/`): jest's own order
// inside each module (its default sequencer: failed first, then by duration), the modules in
// the pack's order (QUALITY_GATES_MODULE_ORDER, a JSON array of absolute module folders).
// It also appends the full list of test files to QUALITY_GATES_RESULTS_FILE before any runs,
// so a process that dies mid-way tells the parent which modules had every file finished.
// Extends @jest/test-sequencer as the project's own jest resolves it.
const fs = require('node:fs');
const path = require('node:path');

/** @jest/test-sequencer from the project's jest (jest → jest-cli → jest-config), else from here. */
function loadBaseSequencer() {
  const attempts = [];
  try {
    // process.argv[1] is jest's bin (node_modules/jest/bin/jest.js).
    const jestDir = path.dirname(path.dirname(process.argv[1]));
    const cli = path.dirname(require.resolve('jest-cli/package.json', { paths: [jestDir] }));
    const config = path.dirname(require.resolve('jest-config/package.json', { paths: [cli] }));
    attempts.push(config, cli, jestDir);
  } catch {
    // Not the usual layout: fall back to the project.
  }
  attempts.push(process.cwd());
  const resolved = require.resolve('@jest/test-sequencer', { paths: attempts });
  const loaded = require(resolved);
  return loaded.default || loaded;
}

const BaseSequencer = loadBaseSequencer();

function moduleOrder() {
  try {
    const order = JSON.parse(process.env.QUALITY_GATES_MODULE_ORDER || '[]');
    return Array.isArray(order) ? order.filter((entry) => typeof entry === 'string') : [];
  } catch {
    return [];
  }
}

/** Index of the module of the longest folder that holds `file` (or names it); unknown files after every module. */
function moduleIndex(folders, file) {
  let best = folders.length;
  let bestLength = -1;
  folders.forEach((folder, index) => {
    const prefix = folder.endsWith(path.sep) ? folder : folder + path.sep;
    // A folder holds the file, or the entry is the file itself (the root module's files).
    if ((file === folder || file.startsWith(prefix)) && prefix.length > bestLength) {
      best = index;
      bestLength = prefix.length;
    }
  });
  return best;
}

class PackOrderSequencer extends BaseSequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    const folders = moduleOrder();
    const ranked = sorted.map((test, position) => ({ test, position, module: moduleIndex(folders, test.path) }));
    ranked.sort((a, b) => a.module - b.module || a.position - b.position);
    const output = process.env.QUALITY_GATES_RESULTS_FILE;
    if (output)
      fs.appendFileSync(output, `${JSON.stringify({ type: 'plan', files: ranked.map((entry) => entry.test.path) })}\n`);
    return ranked.map((entry) => entry.test);
  }
}

module.exports = PackOrderSequencer;
