#!/usr/bin/env node
// npm run bench:plan — planner speed on a huge diff: 20,000 changed files against 200
// modules with mapped globs. Prints (1) the in-process mapping time of our indexed planner
// and of the naive alternative (every file against every pattern with minimatch), with the
// ratio, (2) the whole-process time of `node dist/cli.js plan --files LIST`, and (3) a
// dependsOn chain of 10,000 modules planned from its first module, beside the eager
// alternative (every module's dependents closure computed up front).
// Targets: mapping < 100 ms, whole command < 400 ms, 10,000-module chain < 1000 ms. Then the
// import-graph case (bench/lib/import-graph.mjs): a 1,000-file TypeScript monorepo, cold plan < 2 s.
// The repository is a git checkout (as in CI), so the whole process also lists the tree for the
// import graph; none of the changed files is in it, so no file is parsed.
// Flags: --keep keeps the generated repositories (their folder is printed); --compare=DIR also
// measures another checkout of quality-gates (its src/plan and its bundled dist/cli.js; e.g.
// `git worktree add /tmp/old-plan 8fe9dae && cd /tmp/old-plan && npm ci && npm run bundle`),
// interleaved with ours run by run, and prints it beside ours.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { commitAll } from './lib/git.mjs';
import { importGraphBench } from './lib/import-graph.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MODULES = 200;
const FILES = 20_000;
const RUNS = 7;
const keep = process.argv.includes('--keep');
const compareArg = process.argv.find((a) => a.startsWith('--compare='));
const compare = compareArg === undefined ? undefined : resolve(compareArg.slice('--compare='.length));
if (compare !== undefined && !existsSync(join(compare, 'dist/cli.js'))) {
  console.error(`--compare=${compare}: no dist/cli.js there — run npm ci && npm run bundle in it first`);
  process.exit(2);
}

/** The planner of a checkout, compiled from its source so the bench measures that code. */
async function loadPlanner(checkout, outfile) {
  await build({
    absWorkingDir: checkout,
    stdin: {
      contents:
        "export { planChanges, compileRules, dependentsResolver } from './src/plan/plan.ts'; export { ConfigSchema } from './src/config/schema.ts'; export { Minimatch } from 'minimatch';",
      resolveDir: checkout,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return import(pathToFileURL(outfile).href);
}

const work = mkdtempSync(join(tmpdir(), 'qg-bench-plan-'));
try {
  const { planChanges, compileRules, dependentsResolver, ConfigSchema, Minimatch } = await loadPlanner(
    root,
    join(work, 'planner.mjs'),
  );
  const other = compare === undefined ? undefined : await loadPlanner(compare, join(work, 'planner-compare.mjs'));

  // A repository shaped like a big monorepo: 200 module folders and a config mapping each.
  const names = Array.from({ length: MODULES }, (_, i) => `m${String(i).padStart(3, '0')}`);
  const map = {};
  const dependsOn = {};
  for (const [i, name] of names.entries()) {
    map[name] = [`src/${name}/**`, `packages/${name}-client/src/**/*.ts`, `!src/${name}/**/*.snap`];
    if (i % 10 === 1) dependsOn[name] = [names[i - 1]];
  }
  const rawConfig = { modules: { map, dependsOn }, fullRunThreshold: 1 };
  mkdirSync(join(work, 'repo'));
  for (const name of names) {
    // A folder is a module only when it holds a test file.
    mkdirSync(join(work, 'repo/testing/backend/integration', name), { recursive: true });
    writeFileSync(join(work, 'repo/testing/backend/integration', name, 'a.test.ts'), '');
  }
  writeFileSync(join(work, 'repo/quality-gates.config.yml'), JSON.stringify(rawConfig));
  const files = Array.from({ length: FILES }, (_, i) => {
    const name = names[i % MODULES];
    switch (i % 5) {
      case 0:
        return `src/${name}/services/handler-${i}.ts`;
      case 1:
        return `packages/${name}-client/src/api/call-${i}.ts`;
      case 2:
        return `testing/backend/integration/${name}/case-${i}.test.ts`;
      case 3:
        return `docs/${name}/page-${i}.md`;
      default:
        return `src/${name}/deep/a/b/c/file-${i}.ts`;
    }
  });
  const listFile = join(work, 'files.txt');
  writeFileSync(listFile, files.join('\n'));
  commitAll(join(work, 'repo'), 'bench');
  const config = ConfigSchema.parse(rawConfig);

  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const time = (fn) => {
    const start = process.hrtime.bigint();
    const value = fn();
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
  };

  // Ours: compile once, classify every file, decide (and the compared checkout's, run by run).
  const mapping = (planner, parsed) =>
    planner.planChanges(
      { files, allModules: names, moduleRoot: 'testing/backend/integration', config: parsed },
      planner.compileRules(parsed, 'testing/backend/integration', names),
    );
  const otherConfig = other?.ConfigSchema.parse(rawConfig);
  const ours = [];
  const theirs = [];
  let plan;
  let otherPlan;
  for (let i = 0; i < RUNS; i++) {
    const run = time(() => mapping({ planChanges, compileRules }, config));
    ours.push(run.ms);
    plan = run.value;
    if (other) {
      const their = time(() => mapping(other, otherConfig));
      theirs.push(their.ms);
      otherPlan = their.value;
    }
  }

  // The alternative: each glob compiled once too, but every file tested against every
  // module's patterns (no literal-prefix index), as a straightforward mapper does.
  const compiled = Object.entries(map).map(([module, patterns]) => ({
    module,
    positive: patterns.filter((p) => !p.startsWith('!')).map((p) => new Minimatch(p, { dot: true })),
    negative: patterns.filter((p) => p.startsWith('!')).map((p) => new Minimatch(p.slice(1), { dot: true })),
  }));
  const naive = [];
  let naiveModules;
  for (let i = 0; i < 3; i++) {
    const run = time(() => {
      const hit = new Set();
      for (const file of files) {
        for (const { module, positive, negative } of compiled) {
          if (positive.some((m) => m.match(file)) && !negative.some((m) => m.match(file))) hit.add(module);
        }
      }
      return hit;
    });
    naive.push(run.ms);
    naiveModules = run.value;
  }

  // Whole process, as users run it (ours and the compared checkout's alternately).
  const cli = join(root, 'dist/cli.js');
  const planProcess = (bin) =>
    time(() =>
      execFileSync(process.execPath, [bin, 'plan', '--files', listFile], {
        cwd: join(work, 'repo'),
        maxBuffer: 512 * 1024 * 1024,
      }),
    );
  const whole = [];
  const otherWhole = [];
  let output = '';
  let otherOutput = '';
  for (let i = 0; i < RUNS; i++) {
    const run = planProcess(cli);
    whole.push(run.ms);
    output = run.value.toString();
    if (compare !== undefined) {
      const their = planProcess(join(compare, 'dist/cli.js'));
      otherWhole.push(their.ms);
      otherOutput = their.value.toString();
    }
  }
  const cliPlan = JSON.parse(output);

  // A dependsOn chain of 10,000 modules (m1 depends on m0, m2 on m1, …): a change to m0
  // runs all of them. Ours walks the graph once for the modules a change touches.
  const CHAIN = 10_000;
  const chainNames = Array.from({ length: CHAIN }, (_, i) => `c${String(i).padStart(5, '0')}`);
  const chainConfig = ConfigSchema.parse({
    modules: { dependsOn: Object.fromEntries(chainNames.slice(1).map((name, i) => [name, [chainNames[i]]])) },
    fullRunThreshold: 1,
  });
  const chainFiles = [
    `testing/backend/integration/${chainNames[0]}/a.test.ts`,
    `testing/backend/integration/${chainNames[CHAIN / 2]}/a.test.ts`,
  ];
  const chain = [];
  let chainPlan;
  for (let i = 0; i < RUNS; i++) {
    const run = time(() =>
      planChanges({
        files: chainFiles,
        allModules: chainNames,
        moduleRoot: 'testing/backend/integration',
        config: chainConfig,
      }),
    );
    chain.push(run.ms);
    chainPlan = run.value;
  }
  // The eager alternative: every module's closure up front (what the planner did before), once.
  const eager = time(() => {
    const resolve = dependentsResolver(chainConfig.modules.dependsOn);
    let total = 0;
    for (const name of chainNames) total += resolve([name]).length;
    return total;
  });

  const oursMs = median(ours);
  const chainMs = median(chain);
  const naiveMs = median(naive);
  const wholeMs = median(whole);
  console.log(
    `planner: ${FILES.toLocaleString('en')} changed files × ${MODULES} modules (${Object.values(map).flat().length} mapped globs), median of ${RUNS} runs`,
  );
  console.log(
    `  plan mode ${plan.mode}, ${plan.modules.length} modules, ${plan.triggers.length} triggers (CLI agrees: ${cliPlan.modules.length === plan.modules.length && cliPlan.mode === plan.mode})`,
  );
  console.log(
    `  mapping in process (quality-gates, indexed) : ${oursMs.toFixed(1)} ms   target < 100 ms  ${oursMs < 100 ? 'MET' : 'MISSED'}`,
  );
  console.log(
    `  mapping in process (every file × every glob): ${naiveMs.toFixed(1)} ms   (${naiveModules.size} modules from map globs alone)`,
  );
  console.log(
    `  ratio quality-gates / naive                 : ${(oursMs / naiveMs).toFixed(4)} (${(naiveMs / oursMs).toFixed(0)}× faster)`,
  );
  console.log(
    `  whole process: quality-gates plan --files    : ${wholeMs.toFixed(1)} ms   target < 400 ms  ${wholeMs < 400 ? 'MET' : 'MISSED'}`,
  );
  if (compare !== undefined) {
    const theirMs = median(theirs);
    const theirWholeMs = median(otherWhole);
    const samePlan = JSON.stringify(otherPlan.modules) === JSON.stringify(plan.modules) && otherPlan.mode === plan.mode;
    const sameOutput = otherOutput === output;
    console.log(
      `  compared with ${compare} (run alternately with ours; same plan: ${samePlan}, same CLI output: ${sameOutput})`,
    );
    console.log(
      `  mapping in process (compared)               : ${theirMs.toFixed(1)} ms   target < 100 ms  ${theirMs < 100 ? 'MET' : 'MISSED'}   (ours / compared ${(oursMs / theirMs).toFixed(2)})`,
    );
    console.log(
      `  whole process (compared)                    : ${theirWholeMs.toFixed(1)} ms   target < 400 ms  ${theirWholeMs < 400 ? 'MET' : 'MISSED'}   (ours / compared ${(wholeMs / theirWholeMs).toFixed(2)})`,
    );
  }
  console.log(
    `dependsOn chain of ${CHAIN.toLocaleString('en')} modules, a change to its first module (${chainPlan.modules.length} modules run), median of ${RUNS} runs`,
  );
  console.log(
    `  plan (closure of the touched modules only)   : ${chainMs.toFixed(1)} ms   target < 1000 ms  ${chainMs < 1000 ? 'MET' : 'MISSED'}`,
  );
  console.log(
    `  every module's closure up front (eager)      : ${eager.ms.toFixed(1)} ms   (${eager.value.toLocaleString('en')} entries)`,
  );

  importGraphBench({ cli, jest: join(root, 'node_modules/jest/bin/jest.js'), work, time, median });
} finally {
  if (keep) console.log(`kept: ${work} (repo/ and files.txt: the 20,000-file case; monorepo/: the import-graph case)`);
  else rmSync(work, { recursive: true, force: true });
}
