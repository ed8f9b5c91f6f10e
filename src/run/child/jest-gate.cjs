'use strict';
// A jest `filter` (--filter) that holds a pre-started jest process at the gate: jest calls
// it once it has booted, read the config and crawled the files, and before anything of
// the project runs (globalSetup, setup files, tests). It lets every test path through once
// the gate file named by QUALITY_GATES_GATE_FILE exists, i.e. when the module's turn comes.
const fs = require('node:fs');

module.exports = async function holdUntilTurn(testPaths) {
  const gate = process.env.QUALITY_GATES_GATE_FILE;
  while (gate && !fs.existsSync(gate)) await new Promise((resolve) => setTimeout(resolve, 10));
  return { filtered: testPaths };
};
