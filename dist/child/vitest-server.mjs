// One long-lived vitest per slot: `node vitest-server.mjs <vitest/node entry> <token> <command dir> <flags…>`.
// It creates one Vitest (vitest's Node API, with the flags as the CLI would parse them) and
// then runs work items as they come: the parent writes `run-<n>.json` ({ filters, resultsFile })
// into the command dir (atomically, by rename), the server runs them as `vitest run <filters>`
// would (Vitest.start: the same reporters, "No test files found", the exit code of the run),
// and ends each with a line `\x1e<token> {"n":…,"exitCode":…}` on stdout and stderr, so the
// parent cuts the output into items exactly. `close.json` closes Vitest (globalTeardown runs)
// and exits. Whatever the project loaded stays in this process between items: its config,
// the transform cache of the vite-node server, the test file globs. The tests themselves run
// in vitest's pool workers, which vitest starts afresh for every run (isolate: false recycles
// the worker at the end of a run; isolate: true gives every file a fresh one), so one item's
// heap never carries into the next. The results file of the reporter (which runs here, in the
// main process) is switched per item through QUALITY_GATES_RESULTS_FILE; the workers, whose
// environment is fixed, read it from the file QUALITY_GATES_RESULTS_POINTER names.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, token, commandDir, ...flags] = process.argv.slice(2);
const POLL_MS = 10;

/** Writes the item's end marker on both streams; resolves once both are handed to the pipes. */
function endMarker(n, exitCode) {
  const line = `\x1e${token} ${JSON.stringify({ n, exitCode })}\n`;
  return Promise.all([
    new Promise((resolve) => process.stderr.write(line, resolve)),
    new Promise((resolve) => process.stdout.write(line, resolve)),
  ]);
}

/** The next command: `run-<n>.json`, or `close.json` once the runs before it are done. */
async function nextCommand(n) {
  const run = join(commandDir, `run-${n}.json`);
  const close = join(commandDir, 'close.json');
  for (;;) {
    if (existsSync(run)) {
      const command = JSON.parse(readFileSync(run, 'utf8'));
      rmSync(run, { force: true });
      return command;
    }
    if (existsSync(close)) return { close: true };
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** One item, as `vitest run <filters>` would run it; its exit code. */
async function runItem(vitest, command) {
  process.env.QUALITY_GATES_RESULTS_FILE = command.resultsFile;
  // The pool workers' environment was fixed when the pool started: they read it here (heap-after-gc.cjs).
  const pointer = process.env.QUALITY_GATES_RESULTS_POINTER;
  if (pointer) {
    writeFileSync(`${pointer}.tmp`, command.resultsFile);
    renameSync(`${pointer}.tmp`, pointer);
  }
  process.exitCode = undefined;
  try {
    await vitest.start(command.filters);
  } catch (error) {
    // As the CLI: no files is the reporter's message and exit code; anything else is printed.
    if (error?.code !== 'VITEST_FILES_NOT_FOUND') {
      process.exitCode = 1;
      vitest.logger.printError(error, { fullStack: true, type: 'Unhandled Error' });
    }
  }
  const exitCode = Number(process.exitCode ?? 0) || 0;
  process.exitCode = undefined;
  return exitCode;
}

async function main() {
  const { createVitest, parseCLI } = await import(pathToFileURL(entry).href);
  const { options } = parseCLI(['vitest', 'run', ...flags]);
  // What the CLI's prepareVitest sets before it creates Vitest.
  process.env.TEST = 'true';
  process.env.VITEST = 'true';
  process.env.NODE_ENV ??= 'test';
  const vitest = await createVitest('test', { ...options, run: true, watch: false });
  for (let n = 1; ; n += 1) {
    const command = await nextCommand(n);
    if (command.close) break;
    await endMarker(n, await runItem(vitest, command));
  }
  await vitest.close();
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`quality-gates: the vitest server could not go on: ${error?.stack ?? error}\n`);
  process.exit(1);
});
