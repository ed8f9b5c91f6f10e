import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startProcessGroup, type GroupProcess, type GroupProcessResult } from '../../process/process-group.js';
import { testProcessEnv } from '../child-env.js';
import type { ModuleRunContext, ModuleTask } from '../task.js';

/** Output that means the heap ran out (V8's message, or a worker's). */
export const OUT_OF_MEMORY =
  /JavaScript heap out of memory|Reached heap limit Allocation failed|ERR_WORKER_OUT_OF_MEMORY/;

/** Where a test process's child helpers write (under the context's work directory). */
export interface ChildFiles {
  resultsFile: string;
  probeDir: string;
  gateFile: string;
}

/** A started test process of one or more modules. */
export interface ItemProcess {
  readonly files: ChildFiles;
  readonly group: GroupProcess;
  /** Lets it go (priority back, gate open); resolves with the ending and the release time (ms epoch). */
  run(): Promise<{ ended: GroupProcessResult; releasedAt: number }>;
}

/**
 * Starts one test process for `tasks`, in this order (`jest --runInBand a/ b/ c/`, vitest
 * likewise), possibly held at its gate. The modules' order goes to jest's pack sequencer
 * through QUALITY_GATES_MODULE_ORDER (absolute folders). The timeout is the context's, as given.
 */
export function startItemProcess(
  tasks: readonly ModuleTask[],
  context: ModuleRunContext,
  options: { hold: boolean },
): ItemProcess {
  const files: ChildFiles = {
    resultsFile: join(context.workDir, 'results.jsonl'),
    probeDir: join(context.workDir, 'probe'),
    gateFile: join(context.workDir, 'go'),
  };
  mkdirSync(files.probeDir, { recursive: true });
  if (context.snapshots) mkdirSync(context.snapshots.dir, { recursive: true });
  const env = testProcessEnv(context.env, context.configEnv, {
    ...files,
    ...(context.snapshots ? { snapshots: context.snapshots } : {}),
  });
  const paths = tasks.flatMap((task) => task.paths);
  if (tasks.length > 1)
    env.QUALITY_GATES_MODULE_ORDER = JSON.stringify(paths.map((path) => resolve(context.cwd, path)));
  const gateArgs = options.hold ? context.adapter.gateArgs?.(context.extraArgs) : undefined;
  if (gateArgs) env.QUALITY_GATES_GATE_FILE = files.gateFile;
  const targets = tasks.map(({ paths: taskPaths, kind }) => ({ paths: taskPaths, kind }));
  const runnerArgs = context.adapter.args({
    cwd: context.cwd,
    targets,
    extraArgs: [...(gateArgs ?? []), ...context.extraArgs],
    env,
  });
  const group = startProcessGroup({
    command: [process.execPath, ...runnerArgs],
    cwd: context.cwd,
    env,
    stdout: context.stdout,
    stderr: context.stderr,
    logPath: context.logPath,
    hiddenConsoleLine: context.adapter.hiddenConsoleLine?.(context.extraArgs),
    timeoutMs: context.timeoutMs,
    stopSignal: context.stopSignal,
    watch: { outOfMemory: OUT_OF_MEMORY, noTests: context.adapter.noTestsPattern },
    // A held process boots while the running module has the CPU: it must not slow it down.
    lowPriority: gateArgs !== undefined,
  });
  return {
    files,
    group,
    async run() {
      const releasedAt = Date.now();
      // Release first: it gives a held process its normal priority back before it goes on.
      group.release();
      if (gateArgs) writeFileSync(files.gateFile, '');
      return { ended: await group.result, releasedAt };
    },
  };
}
