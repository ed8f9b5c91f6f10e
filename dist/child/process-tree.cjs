'use strict';
// The resident memory of a whole test run: the process that runs the tests is not all of
// it (vitest: its main process, the pool worker, the esbuild service — a Go binary no probe
// runs in; jest: anything the tests spawn). Linux /proc only; elsewhere `undefined`.
// The probe of the runner's top process (the process group leader quality-gates started)
// walks its descendants through /proc/<pid>/task/<tid>/children and adds up their RSS.
const fs = require('node:fs');

/** The process group of `pid` (field 5 of /proc/<pid>/stat, read after the command name), or undefined. */
function processGroupOf(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may itself hold spaces or parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[2]);
  } catch {
    return undefined;
  }
}

/** RSS of one process in bytes (VmRSS of /proc/<pid>/status; 0 for a process that is gone or a zombie). */
function rssOf(pid) {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The direct children of `pid`, from every thread's children list (a worker thread may spawn too). */
function childrenOf(pid) {
  const children = [];
  let tasks = [];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return children;
  }
  for (const tid of tasks) {
    try {
      for (const child of fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' '))
        if (child !== '') children.push(Number(child));
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return children;
}

/**
 * The summed RSS of `root` and every descendant, in bytes, or undefined without /proc.
 * Pages two processes share (the node binary, shared libraries) count once per process:
 * the figure is an upper bound of what the run needs, as a sum of RSS always is.
 */
function treeRss(root) {
  if (!fs.existsSync(`/proc/${root}/task`)) return undefined;
  let total = 0;
  const seen = new Set();
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.pop();
    if (seen.has(pid)) continue;
    seen.add(pid);
    total += rssOf(pid);
    pending.push(...childrenOf(pid));
  }
  return total;
}

/** Whether this process is the leader of its process group (quality-gates starts each test run as one). */
function leadsProcessGroup() {
  return processGroupOf(process.pid) === process.pid;
}

module.exports = { treeRss, leadsProcessGroup };
