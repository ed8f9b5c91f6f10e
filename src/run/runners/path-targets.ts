import { statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { RunTarget } from './types.js';

/**
 * The explicit paths of a `paths` run (`quality-gates run -- PATH…`) as the runner must see
 * them to run exactly those: a folder that exists is matched as a folder, a file that exists
 * exactly, anything else (a pattern, a path not there) as given. Both runners take paths as
 * patterns — jest's are regular expressions, vitest's substrings — so `src/add` given as is
 * also ran `src/addDays`, `src/addHours`… (11 more folders on date-fns), and the report,
 * which keeps only the suites under the paths asked for, never said so.
 */
export function resolvePathTargets(cwd: string, targets: readonly RunTarget[]): RunTarget[] {
  return targets.flatMap((target): RunTarget[] =>
    target.kind !== 'paths'
      ? [target]
      : target.paths.map((path) => ({ paths: [path], kind: pathKind(isAbsolute(path) ? path : join(cwd, path)) })),
  );
}

function pathKind(path: string): RunTarget['kind'] {
  try {
    const stats = statSync(path);
    return stats.isDirectory() ? 'module' : stats.isFile() ? 'files' : 'paths';
  } catch {
    return 'paths';
  }
}
