import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { ModuleResult } from '../../report/schema.js';
import { testProcessEnv } from '../child-env.js';
import { childFilePath } from '../child-files.js';
import { readReporterFile } from '../child-output.js';
import { vitestAdapter, vitestFilters, vitestFlags } from '../runners/vitest.js';
import type { ItemOutcome, Launcher, PreparedItem } from '../schedule/launcher.js';
import type { ModuleRunContext, ModuleTask } from '../task.js';
import { itemContext, itemTasks, watchPack, wholeProcessFigures, type ItemLauncherOptions } from './item-launcher.js';
import { OUT_OF_MEMORY } from './item-process.js';
import { packOutcome, type PackResultInput } from './pack-results.js';
import { itemWindow, serverRssMB } from './server-window.js';
import { SlotServer } from './slot-server.js';

/** What the server launcher needs beyond the item launcher's options. */
export interface ServerLauncherOptions extends ItemLauncherOptions {
  /** The project's `vitest/node` entry (see vitestNodeEntry). */
  vitestEntry: string;
  /** Where the servers keep their commands and probe files (one folder per server). */
  dir: string;
  /** Output of a server between items. */
  idle: { stdout: Writable; stderr: Writable };
}

/**
 * The scheduler's Launcher for vitest with one long-lived vitest per slot (SlotServer): a
 * work item is one `vitest run <its modules>` inside the slot's server, not a process of its
 * own, so the slot pays vitest's start-up (config, plugins, the vite-node server) once and every
 * item after the first reuses what the server already transformed. The tests still run in a
 * fresh pool worker per item (see child/vitest-server.mjs), so figures per module mean what
 * they mean with a process per item: the item's window of the slot's probe timelines
 * (server-window.ts) gives its memory; the reporter its suites. A server that dies (a crash,
 * a timeout, which kills it) ends its item as a process would have; the slot's next item
 * starts a new server. The slot's environment is the server's, fixed when it starts: it is the
 * same for every item of the slot (QUALITY_GATES_SLOT, the slot's database copy, isolation.env).
 */
export function serverLauncher(options: ServerLauncherOptions): Launcher<ModuleResult> {
  const servers = new Map<number, SlotServer>();
  let started = 0;
  const serverFor = (slot: number, context: ModuleRunContext): SlotServer => {
    const existing = servers.get(slot);
    if (existing?.usable) return existing;
    const dir = join(options.dir, `slot${slot}-${++started}`);
    const server = new SlotServer({
      command: (token, commandDir) => [
        process.execPath,
        childFilePath('vitest-server.mjs'),
        options.vitestEntry,
        token,
        commandDir,
        ...vitestFlags(context.extraArgs),
      ],
      cwd: context.cwd,
      env: {
        ...testProcessEnv(context.env, context.configEnv, {
          resultsFile: join(dir, 'outside-items.jsonl'),
          probeDir: join(dir, 'probe'),
        }),
        QUALITY_GATES_RESULTS_POINTER: join(dir, 'results-file'),
      },
      dir,
      idle: options.idle,
      stopSignal: context.stopSignal,
    });
    servers.set(slot, server);
    return server;
  };
  return {
    prepare(item, { slot }): PreparedItem<ModuleResult> {
      const tasks = itemTasks(item, options.tasks);
      const context = itemContext(options, item, slot, false, tasks.length);
      let server: SlotServer | undefined;
      return {
        currentRssMB: () => (server ? serverRssMB(server.probeDir, server.pid) : null),
        discard: () => Promise.resolve(),
        run: (onModuleEnded) => {
          server = serverFor(slot, context);
          return runOnServer(server, tasks, context, { process: item.id, slot }, onModuleEnded);
        },
      };
    },
    async close() {
      await Promise.all([...servers.values()].map((server) => server.close()));
    },
    longLivedProcesses: () => started,
  };
}

/** One item on its slot's server: its modules' results, as a process of its own would have given them. */
async function runOnServer(
  server: SlotServer,
  tasks: readonly ModuleTask[],
  context: ModuleRunContext,
  where: { process: string; slot: number },
  onModuleEnded: (module: string, result: ModuleResult) => void,
): Promise<ItemOutcome<ModuleResult>> {
  const resultsFile = join(context.workDir, 'results.jsonl');
  const releasedAt = Date.now();
  const input = (endedAt: number): Omit<PackResultInput, 'ended'> => {
    const window = itemWindow(server.probeDir, releasedAt, endedAt);
    return {
      tasks,
      trace: { records: readReporterFile(resultsFile, context.cwd), timelines: window.timelines, releasedAt, endedAt },
      memory: window.memory,
      runner: 'vitest',
      allowEmpty: context.allowEmpty,
      ...(context.timeoutMs !== undefined ? { timeoutMs: context.timeoutMs } : {}),
      ...where,
      ...(context.logPath ? { logPath: context.logPath } : {}),
    };
  };
  const stopWatching = watchPack(tasks, () => input(Date.now()), onModuleEnded, resultsFile);
  const ended = await server
    .run({
      filters: vitestFilters(
        context.cwd,
        tasks.map(({ paths, kind }) => ({ paths, kind })),
      ),
      resultsFile,
      stdout: context.stdout,
      stderr: context.stderr,
      ...(context.logPath ? { logPath: context.logPath } : {}),
      ...(context.timeoutMs !== undefined ? { timeoutMs: context.timeoutMs } : {}),
      watch: { outOfMemory: OUT_OF_MEMORY, noTests: vitestAdapter.noTestsPattern },
    })
    .finally(stopWatching);
  const final = input(releasedAt + ended.durationMs);
  const outcome = packOutcome({ ...final, ended });
  return tasks.length === 1 ? wholeProcessFigures(outcome, ended.durationMs, final.memory) : outcome;
}
