import { readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { Minimatch } from 'minimatch';
import { decodePath } from '../changes/path-bytes.js';
import { ConfigError } from '../errors.js';
import { testFileMatcher, type TestFileMatcher } from '../plan/test-files.js';
import { compareNames } from '../util/compare-names.js';
import { isDirectory, type LoadedConfig } from './load.js';
import { ROOT_MODULE } from './schema.js';

/** What the module root holds: the modules, and the folders that are shared code. */
export interface ModuleLayout {
  /** The module root, relative to the repository root, POSIX. */
  moduleRoot: string;
  /** Module names, sorted: each folder holding a test file, plus ROOT_MODULE when the root itself does. */
  modules: string[];
  /** The test files directly in the module root (repository-relative): what ROOT_MODULE runs. */
  rootTestFiles: string[];
  /** Direct subfolders with no test file: shared code (fixtures, helpers), never run as modules. */
  sharedFolders: string[];
  /** The matcher that decided what a test file is. */
  isTestFile: TestFileMatcher;
}

/**
 * Reads the module root: every direct subfolder holding at least one test file (by the
 * runner's patterns, or `modules.testMatch`) is a module; one with none is shared code;
 * test files directly in the root form ROOT_MODULE. Hidden folders, `node_modules` and
 * `modules.exclude` are neither. An absent root yields no modules.
 */
export function discoverLayout(repoRoot: string, loaded: LoadedConfig): ModuleLayout {
  const { config, moduleRoot } = loaded;
  const isTestFile = testFileMatcher(config.runner, config.modules.testMatch);
  const layout: ModuleLayout = { moduleRoot, modules: [], rootTestFiles: [], sharedFolders: [], isTestFile };
  const dir = join(repoRoot, moduleRoot);
  if (!isDirectory(dir)) return layout;
  const excludes = config.modules.exclude.map((pattern) => new Minimatch(pattern, { dot: true }));
  const prefix = moduleRoot === '' ? '' : `${moduleRoot}/`;
  // Names are read as bytes and decoded like git's output (decodePath), so a folder whose
  // name is not UTF-8 still matches the changed paths under it.
  for (const entry of readBytes(Buffer.from(dir))) {
    const name = decodePath(entry.name);
    if (entry.isFile() && isTestFile(prefix + name)) layout.rootTestFiles.push(prefix + name);
    if (!entry.isDirectory() || name.startsWith('.') || name === 'node_modules') continue;
    if (excludes.some((m) => m.match(name))) continue;
    if (holdsTestFile(childPath(Buffer.from(dir), entry.name), `${prefix}${name}`, isTestFile))
      layout.modules.push(name);
    else layout.sharedFolders.push(name);
  }
  if (layout.rootTestFiles.length > 0) {
    if (layout.modules.includes(ROOT_MODULE)) {
      throw new ConfigError(
        `${prefix}${ROOT_MODULE}/ is a folder, and ${ROOT_MODULE} is also the name of the test files directly in ${moduleRoot}/ — rename the folder, or move those files into a folder`,
      );
    }
    layout.modules.push(ROOT_MODULE);
  }
  layout.modules.sort(compareNames);
  layout.sharedFolders.sort(compareNames);
  layout.rootTestFiles.sort(compareNames);
  return layout;
}

/** Depth-first search for one test file below `dir` (stops at the first). */
function holdsTestFile(dir: Buffer, relativeDir: string, isTestFile: TestFileMatcher): boolean {
  const entries = readBytes(dir);
  for (const entry of entries)
    if (entry.isFile() && isTestFile(`${relativeDir}/${decodePath(entry.name)}`)) return true;
  for (const entry of entries) {
    const name = decodePath(entry.name);
    if (!entry.isDirectory() || name === 'node_modules' || name === '.git') continue;
    if (holdsTestFile(childPath(dir, entry.name), `${relativeDir}/${name}`, isTestFile)) return true;
  }
  return false;
}

/**
 * A folder's entries with their names as bytes. A folder that cannot be read is an error:
 * taking it for "no test files" would drop a module without a word.
 */
function readBytes(dir: Buffer): Dirent<Buffer>[] {
  try {
    return readdirSync(dir, { withFileTypes: true, encoding: 'buffer' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ConfigError(
      `cannot read ${JSON.stringify(decodePath(dir))} (${code}) while looking for modules — make the module root readable`,
    );
  }
}

function childPath(dir: Buffer, name: Buffer): Buffer {
  return Buffer.concat([dir, Buffer.from('/'), name]);
}
