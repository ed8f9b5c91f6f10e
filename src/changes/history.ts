import { GitCommandError, type Git } from './git.js';
import type { Target } from './event.js';

/** How far each deepening step goes (`git fetch --deepen=N`), before a full `--unshallow` fetch. */
export const DEEPEN_STEPS: readonly number[] = [10, 50, 200, 1000];

/** The outcome of looking for a merge-base. */
export type MergeBaseResult =
  | { found: true; mergeBase: string; a: string; b: string }
  | { found: false; a?: string; b?: string; missing?: Target; why: string };

/**
 * Finds commits and merge-bases in a possibly shallow clone, fetching from `origin` only
 * what is missing: a missing commit first (depth 1 in a shallow clone), then deeper history
 * step by step, then the full history. Callers turn "not found" into a full run, so nothing
 * here ever decides to test less.
 */
export class History {
  /** The fetch spec that worked for each target (so deepening asks for what exists). */
  private readonly specFor = new Map<Target, string>();
  /**
   * The commit each target resolved to. Deepening asks origin for that commit: a symbolic
   * name (HEAD, HEAD~2, a local branch or tag) has no refspec origin would understand.
   */
  private readonly shaFor = new Map<Target, string>();

  constructor(
    private readonly git: Git,
    private readonly log: (line: string) => void,
    /** The remote to fetch from, or undefined when there is none. */
    private readonly remote: string | undefined,
  ) {}

  /** The SHA of the first revision of the target that exists locally. */
  async resolveLocal(target: Target): Promise<string | undefined> {
    for (const rev of target.revs) {
      const found = await this.git.resolveCommit(rev);
      if (found) {
        this.shaFor.set(target, found);
        return found;
      }
    }
    return undefined;
  }

  /**
   * The target's SHA, fetching it from the remote when it is not here. Returns the git
   * message of the last failed fetch as `error` when it cannot be found.
   */
  async ensure(target: Target): Promise<{ sha?: string; error?: string }> {
    const local = await this.resolveLocal(target);
    if (local) return { sha: local };
    if (!this.remote || target.fetch.length === 0)
      return { error: this.remote ? 'nothing to fetch it by' : 'no origin remote to fetch it from' };
    const shallow = await this.git.isShallow();
    let error: string | undefined;
    for (const spec of target.fetch) {
      this.log(`quality-gates: fetching ${target.label} from ${this.remote} (${spec})`);
      try {
        // In a shallow clone fetch just the commit; deepening follows only if needed.
        await this.git.fetch(this.remote, shallow ? ['--depth=1'] : [], [spec]);
      } catch (caught) {
        error = messageOf(caught);
        continue;
      }
      const sha = await this.resolveLocal(target);
      if (sha) {
        this.specFor.set(target, spec);
        return { sha };
      }
      error = `fetching ${spec} did not bring ${target.revs.join(' or ')}`;
    }
    return { error };
  }

  /**
   * The merge-base of two targets, deepening a shallow clone step by step (DEEPEN_STEPS),
   * then trying a full fetch, until it appears.
   */
  async mergeBase(a: Target, b: Target): Promise<MergeBaseResult> {
    const first = await this.ensure(a);
    if (!first.sha)
      return {
        found: false,
        missing: a,
        why: `${a.label} is not in the repository and could not be fetched (${first.error})`,
      };
    const second = await this.ensure(b);
    if (!second.sha)
      return {
        found: false,
        a: first.sha,
        missing: b,
        why: `${b.label} is not in the repository and could not be fetched (${second.error})`,
      };
    const shas = { a: first.sha, b: second.sha };
    const attempt = async (): Promise<MergeBaseResult | undefined> => {
      const mergeBase = await this.git.mergeBase(shas.a, shas.b);
      return mergeBase ? { found: true, mergeBase, ...shas } : undefined;
    };
    const immediate = await attempt();
    if (immediate) return immediate;
    const what = `the merge-base of ${a.label} and ${b.label}`;
    if (!(await this.git.isShallow())) {
      return { found: false, ...shas, why: `${a.label} and ${b.label} have no common ancestor (unrelated histories)` };
    }
    if (!this.remote) {
      return {
        found: false,
        ...shas,
        why: `could not find ${what} in this shallow clone, and there is no origin remote to deepen it from`,
      };
    }
    let depth = 0;
    for (const step of DEEPEN_STEPS) {
      depth += step;
      this.log(`quality-gates: shallow clone: deepening by ${step} commits (about ${depth} in all) to find ${what}`);
      await this.fetchTargets([a, b], [`--deepen=${step}`]);
      const result = await attempt();
      if (result) return result;
      if (!(await this.git.isShallow())) break;
    }
    if (await this.git.isShallow()) {
      this.log(`quality-gates: shallow clone: fetching the full history (--unshallow) to find ${what}`);
      await this.fetchTargets([a, b], ['--unshallow']);
      const result = await attempt();
      if (result) return result;
    }
    return {
      found: false,
      ...shas,
      why: `could not find ${what} after deepening the shallow clone (${DEEPEN_STEPS.join(', ')} commits) and fetching its full history: they share no history on ${this.remote}`,
    };
  }

  /**
   * One fetch with these options for the targets' specs. A failed fetch is logged, not
   * thrown: the caller checks for the merge-base again and, failing that, runs everything.
   */
  private async fetchTargets(targets: Target[], options: string[]): Promise<void> {
    const pick = (choose: (t: Target) => string | undefined) => [
      ...new Set(targets.map(choose).filter((s): s is string => s !== undefined)),
    ];
    // By SHA first (the commit each target resolved to); servers that refuse unadvertised
    // SHAs still serve the branch/pull refs. A target with no such ref keeps its SHA.
    const refOf = (t: Target) => t.fetch.filter((spec) => !spec.startsWith('+refs/tags/')).at(-1);
    const attempts = [
      pick((t) => this.shaFor.get(t) ?? this.specFor.get(t) ?? t.fetch[0]),
      pick((t) => refOf(t) ?? this.specFor.get(t) ?? this.shaFor.get(t)),
    ];
    for (const specs of attempts.filter((specs, i) => i === 0 || specs.join('\0') !== attempts[0].join('\0'))) {
      try {
        await this.git.fetch(this.remote!, options, specs);
        return;
      } catch (error) {
        this.log(`quality-gates: git fetch ${options.join(' ')} ${specs.join(' ')} failed: ${messageOf(error)}`);
      }
    }
  }
}

function messageOf(error: unknown): string {
  if (error instanceof GitCommandError) return error.stderr.trim().split('\n').filter(Boolean).at(-1) ?? error.message;
  return error instanceof Error ? error.message : String(error);
}
