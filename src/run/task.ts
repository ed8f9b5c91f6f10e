import type { Writable } from 'node:stream';
import type { StopSignal } from '../process/process-group.js';
import type { RunnerAdapter } from './runners/index.js';

/** One unit of work: a module (its folder, or its files for the root's own tests) or the pass-through paths. */
export interface ModuleTask {
  name: string;
  paths: string[];
  kind: 'module' | 'files' | 'paths';
}

/** What running a task needs besides the task. */
export interface ModuleRunContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  configEnv: Record<string, string>;
  adapter: RunnerAdapter;
  extraArgs: string[];
  allowEmpty: boolean;
  timeoutMs?: number;
  /** A fresh directory for this task's results and probe files. */
  workDir: string;
  logPath?: string;
  /** --heap-snapshots: this process's snapshot folder and how many snapshots at most; absent when off. */
  snapshots?: { dir: string; maxSnapshots: number };
  stdout: Writable;
  stderr: Writable;
  stopSignal: StopSignal;
}
