import { ConfigError } from '../errors.js';
import { position, type LoadedConfig } from './load.js';
import type { ModuleLayout } from './modules.js';

/**
 * Checks that every module `modules.map` and `modules.dependsOn` name exists. A name that
 * matches no module (a typo, a folder renamed since) would silently select nothing, so it
 * is a config error naming file:line:col, the key, and the closest real module.
 */
export function checkModuleReferences(
  loaded: LoadedConfig,
  layout: Pick<ModuleLayout, 'modules' | 'sharedFolders' | 'moduleRoot'>,
): void {
  const known = new Set(layout.modules);
  const problems: string[] = [];
  const check = (name: string, path: (string | number)[], key: boolean) => {
    if (known.has(name)) return;
    const where = loaded.source ? `${loaded.source.label}:${position(loaded.source.locate(path, { key }))} ` : '';
    problems.push(`${where}${path.join('.')}: ${unknownModule(name, layout)}`);
  };
  for (const name of Object.keys(loaded.config.modules.map)) check(name, ['modules', 'map', name], true);
  for (const [dependent, dependencies] of Object.entries(loaded.config.modules.dependsOn)) {
    check(dependent, ['modules', 'dependsOn', dependent], true);
    dependencies.forEach((dependency, index) => check(dependency, ['modules', 'dependsOn', dependent, index], false));
  }
  if (problems.length === 0) return;
  const more = problems.length > 5 ? `\n(and ${problems.length - 5} more)` : '';
  throw new ConfigError(problems.slice(0, 5).join('\n') + more);
}

function unknownModule(name: string, layout: Pick<ModuleLayout, 'modules' | 'sharedFolders' | 'moduleRoot'>): string {
  const quoted = `'${name}'`;
  if (layout.sharedFolders.includes(name)) {
    return `${quoted} is not a module: ${layout.moduleRoot}/${name}/ holds no test file, so it is shared code — name a module, or add modules.testMatch if its tests have other names`;
  }
  const suggestion = closest(name, layout.modules);
  const hint =
    suggestion !== undefined
      ? ` — did you mean '${suggestion}'?`
      : layout.modules.length > 0
        ? ` — the modules are: ${layout.modules.join(', ')}`
        : ` — ${layout.moduleRoot}/ has no modules`;
  return `${quoted} is not a module under ${layout.moduleRoot}/${hint}`;
}

/** The known name closest to `name` by edit distance, when it is close enough to be a typo. */
export function closest(name: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) best = { name: candidate, distance };
  }
  if (!best) return undefined;
  return best.distance <= Math.max(2, Math.floor(Math.max(name.length, best.name.length) / 3)) ? best.name : undefined;
}

/** Levenshtein distance (insertions, deletions, substitutions), two rows of memory. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
