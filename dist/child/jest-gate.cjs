'use strict';
// A jest `filter` (--filter) that holds a pre-started jest process at the gate: jest calls
// it once it has booted, read the config and crawled the files, and before anything of
// the project runs (globalSetup, setup files, tests). It lets every test path through once
// the gate file named by QUALITY_GATES_GATE_FILE exists, i.e. when the module's turn comes.
const fs = require('node:fs');
const path = require('node:path');

/** jest < 30 expects `{ filtered: [{ test }] }`, jest 30 `{ filtered: [path] }`. */
function jestMajorVersion() {
  try {
    // process.argv[1] is jest's bin (node_modules/jest/bin/jest.js): its package is one up.
    const manifest = path.join(path.dirname(process.argv[1]), '..', 'package.json');
    return Number(JSON.parse(fs.readFileSync(manifest, 'utf8')).version.split('.')[0]);
  } catch {
    return 30;
  }
}

module.exports = async function holdUntilTurn(testPaths) {
  const gate = process.env.QUALITY_GATES_GATE_FILE;
  const parent = process.ppid;
  while (gate && !fs.existsSync(gate)) {
    // quality-gates died without opening or discarding us: never linger as an orphan.
    if (process.ppid !== parent) process.exit(1);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { filtered: jestMajorVersion() >= 30 ? testPaths : testPaths.map((test) => ({ test })) };
};
