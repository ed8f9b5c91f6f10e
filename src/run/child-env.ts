import { childFilePath } from './child-files.js';

/** Files the child helpers write to, passed through the environment. */
export interface ChildChannels {
  resultsFile: string;
  probeDir: string;
  /** --heap-snapshots: where this process's snapshots go and how many at most; absent when off. */
  snapshots?: { dir: string; maxSnapshots: number };
}

/**
 * The environment of a test process: the tool's, the config's `env`, and the channels of
 * the child helpers. The probe is preloaded into every Node process of the run through
 * NODE_OPTIONS (appended, so a configured --max-old-space-size stays), with --expose-gc so
 * the heap after each test file is read after a full GC. Children must not
 * write job summaries: GITHUB_STEP_SUMMARY is removed; CI stays as it is.
 */
export function testProcessEnv(
  base: NodeJS.ProcessEnv,
  configEnv: Record<string, string>,
  channels: ChildChannels,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, ...configEnv };
  delete env.GITHUB_STEP_SUMMARY;
  // NODE_OPTIONS takes double-quoted values with backslash escapes, as JSON writes them.
  // --expose-gc: the heap after each test file is read after a full GC (child/heap-after-gc.cjs).
  env.NODE_OPTIONS = [
    env.NODE_OPTIONS?.trim(),
    '--expose-gc',
    `--require ${JSON.stringify(childFilePath('probe.cjs'))}`,
  ]
    .filter(Boolean)
    .join(' ');
  env.QUALITY_GATES_RESULTS_FILE = channels.resultsFile;
  env.QUALITY_GATES_PROBE_DIR = channels.probeDir;
  if (channels.snapshots) addSnapshotChannel(env, channels.snapshots);
  return env;
}

/**
 * --heap-snapshots: the watch inside the test process writes to `dir` (child/heap-snapshots.cjs),
 * and V8 writes one snapshot there as the heap nears its limit (`--heapsnapshot-near-heap-limit`,
 * which works in worker threads too), so an out-of-memory death still leaves one. A user's own
 * near-limit or diagnostic-dir flag in NODE_OPTIONS is left alone.
 */
function addSnapshotChannel(env: NodeJS.ProcessEnv, snapshots: { dir: string; maxSnapshots: number }): void {
  env.QUALITY_GATES_SNAPSHOT_DIR = snapshots.dir;
  env.QUALITY_GATES_MAX_SNAPSHOTS = String(snapshots.maxSnapshots);
  const given = env.NODE_OPTIONS ?? '';
  const added = [
    ...(/--heapsnapshot-near-heap-limit\b/.test(given) ? [] : ['--heapsnapshot-near-heap-limit=1']),
    ...(/--diagnostic-dir\b/.test(given) ? [] : [`--diagnostic-dir=${JSON.stringify(snapshots.dir)}`]),
  ];
  env.NODE_OPTIONS = [given, ...added].filter(Boolean).join(' ');
}

/** The environment of the reset command: the tool's plus the config's `env`, no probe. */
export function resetEnv(base: NodeJS.ProcessEnv, configEnv: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, ...configEnv };
  delete env.GITHUB_STEP_SUMMARY;
  return env;
}
