import type { Writable } from 'node:stream';
import { resetEnv } from './child-env.js';
import { runInProcessGroup, type StopSignal } from '../process/process-group.js';

/** The reset step's record, as in the report. */
export interface ResetRecord {
  command: string[];
  durationMs: number;
  exitCode: number | null;
  /** Why it failed, in words (undefined when it succeeded). */
  failure?: string;
}

/**
 * Runs the configured reset command once, as an argument array (no shell), in its own
 * process group so that a stop reaches whatever it started.
 */
export async function runReset(
  command: string[],
  options: {
    cwd: string;
    env: NodeJS.ProcessEnv;
    configEnv: Record<string, string>;
    stdout: Writable;
    stderr: Writable;
    logPath?: string;
    stopSignal: StopSignal;
  },
): Promise<ResetRecord> {
  const ended = await runInProcessGroup({
    command,
    cwd: options.cwd,
    env: resetEnv(options.env, options.configEnv),
    stdout: options.stdout,
    stderr: options.stderr,
    logPath: options.logPath,
    stopSignal: options.stopSignal,
  });
  const shown = command.map((arg) => (/^[\w./:=@+-]+$/.test(arg) ? arg : JSON.stringify(arg))).join(' ');
  let failure: string | undefined;
  if (ended.spawnError)
    failure = `the reset command ${shown} could not start (${ended.spawnError.message}) — check reset: in quality-gates.config.yml`;
  else if (ended.signal) failure = `the reset command ${shown} was killed by ${ended.signal}`;
  else if (ended.exitCode !== 0) failure = `the reset command ${shown} exited with code ${ended.exitCode}`;
  return { command, durationMs: ended.durationMs, exitCode: ended.exitCode, ...(failure ? { failure } : {}) };
}
