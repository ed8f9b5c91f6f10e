#!/usr/bin/env node
// npm run bench:leaks — leak forensics figures. Section "analysis": a real Node process
// fills its heap to ~100 MB and ~500 MB with small leaked objects (the worst case: many
// nodes per MB) and writes a heap snapshot; we print the write time, the file size and the
// writer's peak RSS, then the time and peak RSS of `quality-gates leaks analyze` (the
// bundled CLI, in its own process, with runLeakAnalysis's default heap limit) on it, and
// memlab's beside it when --memlab=DIR names a folder where @memlab/heap-analysis is
// installed (it is not a dependency). Section "overhead": the same run of a project with no
// leak (jest, and vitest's forks pool; 6 modules × 4 files × 40 tests that churn memory)
// with --heap-snapshots off and on, interleaved, --history none; on must write no snapshot,
// flag nothing and stay within 5 % of off's wall time (medians).
// Options: --heaps=100,500 (MB), --memlab=DIR, --rounds=N (overhead, default 5),
// --only=analysis,overhead.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flagValue, fmtS, lastLine, mark, measure, median, stopRunning } from './lib/measure.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const flags = process.argv.slice(2);
const heaps = flagValue(flags, 'heaps', '100,500').split(',').map(Number);
const memlabDir = flagValue(flags, 'memlab', undefined);
const rounds = Math.max(1, Number(flagValue(flags, 'rounds', 5)));
const only = flagValue(flags, 'only', 'analysis,overhead').split(',');
const OVERHEAD_TARGET = 1.05;
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

/** A project with no leak: every test allocates ~2 MB and lets it go. */
function writeOverheadProject(dir) {
  mkdirSync(dir, { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'bench-leaks-overhead', private: true }));
  writeFileSync(join(dir, 'jest.config.cjs'), "module.exports = { testEnvironment: 'node', transform: {} };\n");
  writeFileSync(
    join(dir, 'vitest.config.mjs'),
    "export default { test: { include: ['modules/**/*.test.js'], pool: 'forks', globals: true } };\n",
  );
  for (const runner of ['jest', 'vitest'])
    writeFileSync(join(dir, `${runner}.yml`), `modules:\n  root: modules\nrunner: ${runner}\n`);
  for (let m = 1; m <= 6; m++) {
    for (let f = 1; f <= 4; f++) {
      const folder = join(dir, 'modules', `m${m}`);
      mkdirSync(folder, { recursive: true });
      const tests = Array.from(
        { length: 40 },
        (_, t) =>
          `test('churn ${t}', () => { const junk = Array.from({ length: 2000 }, (_, i) => ({ i, s: 'x'.repeat(100) + i })); expect(junk.length).toBe(2000); });`,
      ).join('\n');
      writeFileSync(join(folder, `f${f}.test.js`), `${tests}\n`);
    }
  }
}

/** Section "overhead": --heap-snapshots on (nothing triggers) against off, jest and vitest. */
async function overheadSection(cli) {
  console.log(`\n--- overhead: --heap-snapshots off vs on where nothing leaks (median of ${rounds}) ---`);
  const dir = join(work, 'overhead');
  writeOverheadProject(dir);
  const results = [];
  for (const runner of ['jest', 'vitest']) {
    const walls = { off: [], on: [] };
    const problems = [];
    for (let round = 1; round <= rounds; round++) {
      for (const variant of ['off', 'on']) {
        const report = join(dir, `report-${runner}-${variant}.json`);
        const argv = [process.execPath, cli, 'run', '--all', '--history', 'none', '--config', `${runner}.yml`];
        const run = await measure([...argv, '--report', report, ...(variant === 'on' ? ['--heap-snapshots'] : [])], {
          cwd: dir,
          env: { ...process.env, CI: 'true', FORCE_COLOR: '0' },
          sampleMs: 0,
          timeoutMs: 10 * 60_000,
        });
        walls[variant].push(run.wallMs);
        const parsed = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : undefined;
        const passed = parsed?.modules.every((module) => module.status === 'passed');
        const flagged = parsed?.modules.filter((module) => module.leak?.flagged || module.leak?.snapshots?.length);
        if (run.code !== 0 || !passed) problems.push(`${variant} round ${round}: exit ${run.code}`);
        if (flagged?.length)
          problems.push(`${variant} round ${round}: flagged ${flagged.map((m) => m.name).join(', ')}`);
      }
    }
    const off = median(walls.off);
    const on = median(walls.on);
    results.push({ runner, off, on, problems });
  }
  row(['', 'off', 'on', 'on / off', 'target', '']);
  for (const { runner, off, on, problems } of results) {
    const ratio = on / off;
    row([
      runner === 'jest' ? 'jest (in band)' : 'vitest (forks)',
      fmtS(off),
      fmtS(on),
      `${ratio.toFixed(3)}×`,
      `≤ ${OVERHEAD_TARGET.toFixed(2)}×`,
      `${mark(ratio <= OVERHEAD_TARGET && problems.length === 0)}${problems.length ? ` (${problems.join('; ')})` : ''}`,
    ]);
  }
}

async function main() {
  const cli = bundle();
  memlabInstallSize();
  if (only.includes('analysis')) await analysisSection(cli);
  if (only.includes('overhead')) await overheadSection(cli);
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
