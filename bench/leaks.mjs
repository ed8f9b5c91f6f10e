#!/usr/bin/env node
// npm run bench:leaks — leak forensics figures. Section "analysis": a real Node process
// fills its heap to ~100 MB and ~500 MB with small leaked objects (the worst case: many
// nodes per MB) and writes a heap snapshot; we print the write time, the file size and the
// writer's peak RSS, then the time and peak RSS of `quality-gates leaks analyze` (the
// bundled CLI, in its own process, with runLeakAnalysis's default heap limit) on it, and
// memlab's beside it when --memlab=DIR names a folder where @memlab/heap-analysis is
// installed (it is not a dependency). Options: --heaps=100,500 (MB), --memlab=DIR.
// Each section is its own function; more sections (the capture overhead) go beside it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flagValue, fmtS, lastLine, measure, stopRunning } from './lib/measure.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const flags = process.argv.slice(2);
const heaps = flagValue(flags, 'heaps', '100,500').split(',').map(Number);
const memlabDir = flagValue(flags, 'memlab', undefined);
const work = mkdtempSync(join(tmpdir(), 'qg-bench-leaks-'));
const MB = 1024 * 1024;

// Fills the heap with LeakyStore objects (20 small objects and strings each) parked on a
// module-level array until heapUsed reaches argv[1] MB, writes one snapshot to argv[2] and
// prints {heapMB, writeMs, peakRssMB} (peak RSS: what writing the snapshot costs the process).
const WRITER = `
const v8 = require('node:v8');
const [targetMB, out] = [Number(process.argv[1]), process.argv[2]];
class LeakyStore { constructor(i) { this.id = i; this.items = Array.from({ length: 20 }, (_, k) => ({ k, v: 'item-' + i + '-' + k })); } }
const parked = (globalThis.__parked = []);
while (process.memoryUsage().heapUsed < targetMB * 1048576) for (let i = 0; i < 1000; i++) parked.push(new LeakyStore(parked.length));
const heapMB = process.memoryUsage().heapUsed / 1048576;
const started = Date.now();
v8.writeHeapSnapshot(out);
console.log(JSON.stringify({ heapMB, writeMs: Date.now() - started, peakRssMB: process.resourceUsage().maxRSS / 1024 }));
`;

// memlab's own parser on the same file: parse, dominators and retained sizes included.
const MEMLAB = `
const { getFullHeapFromFile } = require(require.resolve('@memlab/heap-analysis', { paths: [process.argv[2]] }));
const started = Date.now();
getFullHeapFromFile(process.argv[1]).then((heap) => {
  let nodes = 0; heap.nodes.forEach(() => nodes++);
  console.log(JSON.stringify({ ms: Date.now() - started, nodes, peakRssMB: process.resourceUsage().maxRSS / 1024 }));
});
`;

function bundle() {
  const outdir = join(work, 'dist');
  execFileSync(process.execPath, [join(root, 'scripts', 'bundle.mjs'), '--outdir', outdir], {
    cwd: root,
    stdio: 'inherit',
  });
  return join(outdir, 'cli.js');
}

/**
 * The JSON a measured command printed last (pretty or on one line, after any progress
 * output on the same line), or undefined: then the run failed.
 */
function jsonOf(run) {
  if (run.code !== 0) return undefined;
  const text = run.output.trim();
  for (let start = text.lastIndexOf('{'); start >= 0; start = text.lastIndexOf('{', start - 1)) {
    try {
      return JSON.parse(text.slice(start));
    } catch {
      // not there yet: a nested object's brace; look further back
    }
  }
  return undefined;
}

function row(cells) {
  console.log(cells.map((cell, index) => String(cell).padEnd(index === 0 ? 26 : 14)).join(''));
}

/** Section "analysis": snapshot cost and analysis cost at each heap size. */
async function analysisSection(cli) {
  console.log('\n--- analysis: write a snapshot, then analyse it in its own process ---');
  row(['', 'heap', 'file', 'time', 'peak RSS', 'nodes / note']);
  for (const heapMB of heaps) {
    const snapshot = join(work, `heap-${heapMB}.heapsnapshot`);
    const writer = await measure(
      [process.execPath, '--max-old-space-size=8192', '-e', WRITER, String(heapMB), snapshot],
      {
        cwd: work,
        sampleMs: 0,
        timeoutMs: 20 * 60_000,
      },
    );
    const written = jsonOf(writer);
    if (!written) {
      row([`write ${heapMB} MB heap`, 'FAILED', '', '', '', lastLine(writer.output, 80)]);
      continue;
    }
    const fileMB = statSync(snapshot).size / MB;
    row([
      `v8.writeHeapSnapshot`,
      `${written.heapMB.toFixed(0)} MB`,
      `${fileMB.toFixed(0)} MB`,
      fmtS(written.writeMs),
      `${written.peakRssMB.toFixed(0)} MB`,
      'writer process',
    ]);
    // runLeakAnalysis's default heap limit: 512 MB plus the file's size.
    const limit = Math.ceil(512 + fileMB);
    const ours = await measure(
      [process.execPath, `--max-old-space-size=${limit}`, cli, 'leaks', 'analyze', '--json', snapshot],
      {
        cwd: work,
        sampleMs: 0,
        timeoutMs: 20 * 60_000,
      },
    );
    const analysis = jsonOf(ours);
    if (analysis) {
      const top = analysis.suspects[0];
      row([
        'quality-gates leaks',
        '',
        '',
        fmtS(ours.wallMs),
        `${analysis.peakRssMB} MB`,
        `${analysis.snapshots[0].nodes} nodes, top ${top?.name}`,
      ]);
    } else row(['quality-gates leaks', '', '', 'FAILED', '', lastLine(ours.output, 80)]);
    await memlabRow(snapshot);
    rmSync(snapshot, { force: true });
  }
  console.log('(growth over N snapshots reads them one at a time: about N × the time, the memory of the largest)');
}

async function memlabRow(snapshot) {
  if (!memlabDir) {
    row(['memlab', '', '', 'not run', '', 'pass --memlab=DIR (a folder with @memlab/heap-analysis installed)']);
    return;
  }
  const run = await measure(
    [process.execPath, '--max-old-space-size=16384', '-e', MEMLAB, snapshot, resolve(memlabDir)],
    {
      cwd: work,
      sampleMs: 0,
      timeoutMs: 30 * 60_000,
    },
  );
  const figures = jsonOf(run);
  if (figures)
    row([
      'memlab getFullHeapFromFile',
      '',
      '',
      fmtS(figures.ms),
      `${figures.peakRssMB.toFixed(0)} MB`,
      `${figures.nodes} nodes`,
    ]);
  else row(['memlab', '', '', 'FAILED', '', lastLine(run.output, 80)]);
}

function memlabInstallSize() {
  if (!memlabDir) return;
  const pkg = join(resolve(memlabDir), 'node_modules', '@memlab', 'heap-analysis', 'package.json');
  if (!existsSync(pkg)) return;
  const kb = execFileSync('du', ['-sk', join(resolve(memlabDir), 'node_modules')], { encoding: 'utf8' }).split('\t')[0];
  console.log(
    `memlab ${JSON.parse(readFileSync(pkg, 'utf8')).version}: node_modules of ${memlabDir} is ${(Number(kb) / 1024).toFixed(0)} MB`,
  );
}

async function main() {
  const cli = bundle();
  memlabInstallSize();
  await analysisSection(cli);
}

process.on('SIGINT', () => {
  stopRunning();
  rmSync(work, { recursive: true, force: true });
  process.exit(130);
});
try {
  await main();
} finally {
  rmSync(work, { recursive: true, force: true });
}
