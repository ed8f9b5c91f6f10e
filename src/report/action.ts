import * as core from '@actions/core';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { ActionInputs } from '../action/inputs.js';
import { compareNames } from '../util/compare-names.js';
import { planAnnotations } from './annotations.js';
import { moduleChanges } from './baseline.js';
import { isBadStatus } from './failures.js';
import { readCiEnvironment } from '../ci/environment.js';
import { ForgeApiError, resolveForgeTarget, setCommitStatus, upsertStickyComment, type ForgeTarget } from './forge.js';
import { commentMarker, renderPrComment } from './pr-comment.js';
import type { Report } from './schema.js';
import { commitStatusFor } from './status.js';
import { renderSummary } from './summary.js';

/** The built-in commit status context (the config's `report.statusContext` default). */
export const DEFAULT_STATUS_CONTEXT = 'quality-gates / integration';

/** What the caller knows beyond the inputs (the config's values, where the report went). */
export interface PublishOptions {
  /** Where the report JSON was written: the `report-path` output and the summary's pointer. */
  reportPath?: string;
  /** Status context when the input is empty (the config's `report.statusContext`). */
  statusContext?: string;
  /** `pr-comment` when the input is `auto` and the config says otherwise. */
  prComment?: ActionInputs['prComment'];
}

/**
 * Publishes a report to the Actions run: outputs, job summary, error annotations, commit
 * status and the sticky pull request comment. Never throws for a summary or API failure
 * (a warning says what failed and how to fix it): reporting must not change the result.
 */
export async function publishToActions(report: Report, inputs: ActionInputs, env: NodeJS.ProcessEnv, options: PublishOptions = {}): Promise<void> {
  const reportPath = options.reportPath ?? inputs.reportPath;
  setOutputs(report, reportPath);
  if (inputs.summary) await writeJobSummary(report, env, reportPath);
  emitAnnotations(report, reportPath, annotationPrefix(inputs.workingDirectory, env));
  await publishToForge(report, inputs, env, options, reportPath);
}

function setOutputs(report: Report, reportPath: string | undefined): void {
  core.setOutput('mode', report.mode);
  core.setOutput('modules', JSON.stringify(report.modules.map((module) => module.name).sort(compareNames)));
  core.setOutput('failed-modules', JSON.stringify(report.modules.filter((module) => isBadStatus(module.status)).map((module) => module.name).sort(compareNames)));
  if (report.plan) {
    core.setOutput('reason', report.plan.reason);
    core.setOutput('changed-files', String(report.plan.changedFiles));
  }
  if (reportPath) core.setOutput('report-path', reportPath);
  core.setOutput('lock-wait-seconds', report.lock ? (report.lock.waitMs / 1000).toFixed(1) : '');
  core.setOutput('lock-hold-seconds', report.lock ? (report.lock.holdMs / 1000).toFixed(1) : '');
  core.setOutput('regressions', JSON.stringify(moduleChanges(report.modules, 'regression')));
  core.setOutput('improvements', JSON.stringify(moduleChanges(report.modules, 'improvement')));
}

async function writeJobSummary(report: Report, env: NodeJS.ProcessEnv, reportPath: string | undefined): Promise<void> {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) {
    // Gitea before 1.27 has no job summaries: the sticky comment carries the report there.
    const say = readCiEnvironment(env).forge === 'gitea' ? core.info : core.warning;
    say('Job summary not written: GITHUB_STEP_SUMMARY is not set.');
    return;
  }
  try {
    await core.summary.addRaw(renderSummary(report, { reportPath }), true).write();
    core.setOutput('summary-path', file);
  } catch (error) {
    core.summary.emptyBuffer();
    core.warning(`Job summary not written to ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Report paths are relative to the project (working-directory); annotations need them
 * relative to the repository checkout (GITHUB_WORKSPACE), or GitHub shows them nowhere.
 */
export function annotationPrefix(workingDirectory: string, env: NodeJS.ProcessEnv): string {
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const rel = relative(resolve(workspace), resolve(workspace, workingDirectory)).split(sep).join('/');
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? '' : `${rel}/`;
}

function emitAnnotations(report: Report, reportPath: string | undefined, prefix: string): void {
  const plan = planAnnotations(report);
  for (const annotation of plan.errors) {
    core.error(annotation.message, {
      title: annotation.title,
      ...(annotation.file ? { file: prefix + annotation.file } : {}),
      ...(annotation.file && annotation.startLine !== undefined ? { startLine: annotation.startLine } : {}),
    });
  }
  if (plan.more > 0) {
    core.notice(
      `${plan.more} more ${plan.more === 1 ? 'failure is' : 'failures are'} not annotated (at most ${plan.errors.length} per step) — see the job summary${reportPath ? ` and ${reportPath}` : ''}.`,
      { title: 'quality-gates: more failures' },
    );
  }
}

async function publishToForge(report: Report, inputs: ActionInputs, env: NodeJS.ProcessEnv, options: PublishOptions, reportPath: string | undefined): Promise<void> {
  if (inputs.token) core.setSecret(inputs.token);
  const kind = readCiEnvironment(env).forge;
  const prComment = inputs.prComment !== 'auto' ? inputs.prComment : (options.prComment ?? 'auto');
  const wantComment = prComment === 'always' || (prComment === 'auto' && kind === 'gitea');
  if (!inputs.commitStatus && !wantComment) return;
  const target = resolveForgeTarget(env, inputs.token);
  if ('missing' in target) {
    core.warning(`Commit status and pull request comment skipped: ${target.missing}.`);
    return;
  }
  const context = inputs.statusContext ?? options.statusContext ?? DEFAULT_STATUS_CONTEXT;
  const runUrl = target.runUrl ?? report.context.runUrl;
  if (inputs.commitStatus) await setStatus(target, report, context, runUrl);
  if (wantComment) await comment(target, report, context, runUrl, reportPath);
}

async function setStatus(target: ForgeTarget, report: Report, context: string, runUrl: string | undefined): Promise<void> {
  const sha = target.sha ?? report.context.sha;
  if (!sha) {
    core.warning('Commit status skipped: no commit SHA (neither the event nor GITHUB_SHA names one).');
    return;
  }
  const status = commitStatusFor(report);
  try {
    await setCommitStatus(target, { sha, state: status.state, context, description: status.description, ...(runUrl ? { targetUrl: runUrl } : {}) });
    core.info(`Commit status '${context}' on ${sha.slice(0, 12)}: ${status.state} — ${status.description}`);
  } catch (error) {
    warnApi('Commit status not set', error);
  }
}

async function comment(target: ForgeTarget, report: Report, context: string, runUrl: string | undefined, reportPath: string | undefined): Promise<void> {
  if (target.prNumber === undefined) {
    core.info('Pull request comment skipped: this event is not a pull request.');
    return;
  }
  try {
    const body = renderPrComment(report, { context, ...(reportPath ? { reportPath } : {}), ...(runUrl ? { runUrl } : {}) });
    const result = await upsertStickyComment(target, target.prNumber, commentMarker(context), body);
    core.info(`Pull request #${target.prNumber}: comment ${result.id} ${result.action}.`);
  } catch (error) {
    warnApi('Pull request comment not written', error);
  }
}

function warnApi(what: string, error: unknown): void {
  const message = error instanceof ForgeApiError ? error.message : error instanceof Error ? error.message : String(error);
  core.warning(`${what}: ${message}`);
}
