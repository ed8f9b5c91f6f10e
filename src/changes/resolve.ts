import { existsSync } from 'node:fs';
import { posix } from 'node:path';
import { ExitCode, QualityGatesError, UsageError } from '../errors.js';
import { changedPaths, parseNameStatusZ } from './diff-parse.js';
import {
  defaultBranchTarget,
  explicitTarget,
  rangeFromEvent,
  readCiEvent,
  type RangeSpec,
  type Target,
} from './event.js';
import { Git, GitCommandError } from './git.js';
import { History } from './history.js';
import type { ChangeRequest, ChangeSet } from './types.js';

/** What the range resolution decided, before diffing. */
type Outcome =
  { base: string; head: string } | { forceFull: string; warning?: string; head?: string } | { nothing: string };

/**
 * Resolves the changed files for a request: an explicit list, explicit base/head, or the
 * CI event (GitHub and Gitea), deepening shallow clones as needed. Anything that keeps it
 * from knowing the change (missing history, an event without a range) yields `forceFull`
 * with a sentence, never a shorter list.
 */
export async function resolveChanges(request: ChangeRequest): Promise<ChangeSet> {
  if (request.files) return { files: request.files, warnings: [] };
  try {
    return await resolveFromGit(request);
  } catch (error) {
    if (error instanceof GitCommandError) {
      throw new QualityGatesError(
        `git failed in ${request.cwd}: ${error.message} — check that git works there (is it a checkout? on a runner, is the directory in safe.directory?)`,
        ExitCode.Internal,
        { cause: error },
      );
    }
    throw error;
  }
}

async function resolveFromGit(request: ChangeRequest): Promise<ChangeSet> {
  const log = request.log ?? (() => {});
  if (!existsSync(request.cwd)) {
    throw new UsageError(
      `the working directory ${request.cwd} does not exist — check working-directory (or the directory you run quality-gates in)`,
    );
  }
  const git = new Git(request.cwd);
  if (!(await git.isRepository())) {
    throw new UsageError(
      `${request.cwd} is not inside a git work tree — run quality-gates in a git checkout, or pass --files FILE|- with the changed files`,
    );
  }
  const event = readCiEvent(request.env);
  const spec = applyOverrides(rangeFromEvent(event, request.defaultBranch), request);
  const history = new History(git, log, (await git.hasRemote('origin')) ? 'origin' : undefined);
  const context = { cwd: request.cwd, history, git, log };
  const describe = event.name ? `${event.name} event${event.platform === 'gitea' ? ' (Gitea)' : ''}` : 'no CI event';
  log(`quality-gates: ${describe}: ${describeSpec(spec)}`);
  const outcome = await resolveRange(spec, context);
  const common = { event: event.name, platform: event.platform } satisfies Partial<ChangeSet>;

  if ('nothing' in outcome) return { ...common, files: [], warnings: [outcome.nothing] };
  if ('forceFull' in outcome) {
    return {
      ...common,
      files: [],
      head: outcome.head,
      forceFull: outcome.forceFull,
      warnings: outcome.warning ? [outcome.warning] : [],
    };
  }
  log(`quality-gates: diffing ${outcome.base.slice(0, 12)}..${outcome.head.slice(0, 12)}`);
  const files = relativeToCwd(
    changedPaths(parseNameStatusZ(await git.diffNameStatus(outcome.base, outcome.head))),
    await git.prefix(),
  );
  return { ...common, files, base: outcome.base, head: outcome.head, warnings: [] };
}

/** --base/--head (inputs base/head) override what the event says. */
function applyOverrides(spec: RangeSpec, request: ChangeRequest): RangeSpec {
  const head = request.head !== undefined ? explicitTarget(request.head, '--head') : undefined;
  if (request.base !== undefined) {
    return {
      kind: 'merge-base',
      base: explicitTarget(request.base, '--base'),
      head: head ?? { label: 'HEAD', revs: ['HEAD'], fetch: [] },
    };
  }
  if (!head) return spec;
  switch (spec.kind) {
    case 'merge-base':
    case 'new-branch':
    case 'local':
      return { ...spec, head };
    case 'push':
      return { ...spec, after: head };
    case 'full':
    case 'nothing': {
      // The event has no range, but the user named a head: compare it with the default branch.
      const name = request.defaultBranch ?? 'main';
      return { kind: 'local', head, defaultBranch: defaultBranchTarget(name), defaultBranchName: name };
    }
  }
}

interface Context {
  cwd: string;
  history: History;
  git: Git;
  log: (line: string) => void;
}

async function resolveRange(spec: RangeSpec, context: Context): Promise<Outcome> {
  const { history, log } = context;
  switch (spec.kind) {
    case 'full':
      return { forceFull: spec.reason };
    case 'nothing':
      return { nothing: spec.reason };
    case 'merge-base': {
      await requireExplicit([spec.base, spec.head], context);
      const result = await history.mergeBase(spec.base, spec.head);
      if (result.found) return { base: result.mergeBase, head: result.b };
      return historyMissing(result.why, result.b);
    }
    case 'push': {
      const after = await history.ensure(spec.after);
      if (!after.sha)
        return historyMissing(`${spec.after.label} is not in the repository and could not be fetched (${after.error})`);
      const result = await history.mergeBase(spec.before, spec.after);
      if (result.found && result.mergeBase === result.a) return { base: result.a, head: result.b };
      const before = result.a;
      const detail = result.found ? '' : `: ${result.why}`;
      log(
        `quality-gates: ${spec.before.label} is not an ancestor of ${spec.after.label} (a force push or rewritten history${detail})`,
      );
      if (spec.onDefaultBranch) {
        // The default branch has no "branch point"; compare the old tip's tree with the new one.
        if (before) return { base: before, head: after.sha };
        const sentence = `Full run: the push rewrote the default branch '${spec.defaultBranchName}' and its previous tip is not available${detail}; running everything rather than guessing.`;
        return { forceFull: sentence, warning: sentence, head: after.sha };
      }
      return branchFromDefault(spec.after, spec.defaultBranch, spec.defaultBranchName, context);
    }
    case 'new-branch':
      if (spec.onDefaultBranch) {
        const why = spec.created ? 'this is the first push of' : 'the push event names no previous commit of';
        return {
          forceFull: `Full run: ${why} the default branch '${spec.defaultBranchName}', so there is no earlier commit to compare with.`,
        };
      }
      return branchFromDefault(spec.head, spec.defaultBranch, spec.defaultBranchName, context);
    case 'local': {
      await requireExplicit([spec.head], context);
      const head = await history.ensure(spec.head);
      if (!head.sha)
        return { forceFull: `Full run: ${spec.head.label} has no commit yet, so there is no change to compare.` };
      const defaultBranch = await history.ensure(spec.defaultBranch);
      if (defaultBranch.sha) {
        const outcome = await branchFromDefault(spec.head, spec.defaultBranch, spec.defaultBranchName, context);
        // On the default branch itself (nothing ahead of it) the branch changed nothing; the
        // useful question is then what the last commit changed, not "skip everything".
        if (!('base' in outcome) || outcome.base !== outcome.head) return outcome;
        log(
          `quality-gates: ${spec.head.label} is on the default branch '${spec.defaultBranchName}': comparing it with its parent`,
        );
      } else {
        log(`quality-gates: no ${spec.defaultBranch.label} here: comparing ${spec.head.label} with its parent`);
      }
      const parent = await context.git.resolveCommit(`${head.sha}~1`);
      if (parent) return { base: parent, head: head.sha };
      const where = defaultBranch.sha
        ? `${spec.head.label} is the first commit of the ${spec.defaultBranch.label}`
        : `there is no ${spec.defaultBranch.label} and ${spec.head.label} has no parent`;
      return { forceFull: `Full run: ${where}, so there is no change to compare.`, head: head.sha };
    }
  }
}

/** merge-base(default branch, head)..head, or a full run with a warning when it cannot be found. */
async function branchFromDefault(
  head: Target,
  defaultBranch: Target,
  name: string,
  context: Context,
): Promise<Outcome> {
  context.log(`quality-gates: comparing ${head.label} with the default branch '${name}'`);
  const result = await context.history.mergeBase(defaultBranch, head);
  if (result.found) return { base: result.mergeBase, head: result.b };
  return historyMissing(result.why, result.b);
}

/** Missing history never means fewer tests: it means all of them, and a warning that says why. */
function historyMissing(why: string, head?: string): Outcome {
  const sentence = `Full run: ${why}; running everything rather than guessing.`;
  return { forceFull: sentence, warning: sentence, head };
}

/** A user-given --base/--head that cannot be found is a usage error, not a full run. */
async function requireExplicit(targets: Target[], context: Context): Promise<void> {
  for (const target of targets) {
    if (!target.explicit) continue;
    const found = await context.history.ensure(target);
    if (!found.sha) {
      throw new UsageError(
        `${target.explicit.flag} '${target.explicit.value}' is not a commit in ${context.cwd} — fetch it or check the name`,
      );
    }
  }
}

/** Diff paths are relative to the work tree root; the planner's are relative to cwd. */
function relativeToCwd(files: string[], prefix: string): string[] {
  if (prefix === '') return files;
  const dir = prefix.replace(/\/$/, '');
  // Files outside cwd keep a ../ path: they match no module, so `unmatched` decides (full by default).
  return files.map((file) => (file.startsWith(prefix) ? file.slice(prefix.length) : posix.relative(dir, file)));
}

function describeSpec(spec: RangeSpec): string {
  switch (spec.kind) {
    case 'merge-base':
      return `merge-base of ${spec.base.label} and ${spec.head.label}`;
    case 'push':
      return `${spec.before.label}..${spec.after.label}`;
    case 'new-branch':
      return `new branch: merge-base of ${spec.head.label} with the default branch '${spec.defaultBranchName}'`;
    case 'local':
      return `merge-base of ${spec.head.label} with the default branch '${spec.defaultBranchName}'`;
    case 'full':
    case 'nothing':
      return spec.reason;
  }
}
