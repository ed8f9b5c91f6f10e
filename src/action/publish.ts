import * as core from '@actions/core';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { readCiEnvironment } from '../ci/environment.js';
import type { ReportConfig } from '../config/schema.js';
import { planAnnotations } from '../report/annotations.js';
import { moduleChanges } from '../report/baseline.js';
import { isBadStatus } from '../report/failures.js';
import {
  ForgeApiError,
  resolveForgeTarget,
  setCommitStatus,
  upsertStickyComment,
  type ForgeTarget,
} from '../report/forge.js';
import { commentMarker, renderPrComment } from '../report/pr-comment.js';
import type { Report } from '../report/schema.js';
import { commitStatusFor } from '../report/status.js';
import { renderSummary } from '../report/summary.js';
import { compareNames } from '../util/compare-names.js';
import type { ActionInputs } from './inputs.js';

/** What publishing needs to know, resolved once from the inputs and the config. */
export interface PublishSettings {
  /** Where the report JSON was written: the `report-path` output and the summary's pointer. */
  reportPath: string;
  /** Write the job summary. */
  summary: boolean;
  /** The project folder (working-directory), for repository-relative annotation paths. */
  workingDirectory: string;
  token?: string;
  /** Set the commit status. */
  commitStatus: boolean;
  /** Commit status context: the input, else the config's `report.statusContext`. */
  statusContext: string;
  /** The sticky comment: the input, else (for `auto`) the config's `report.prComment`. */
  prComment: ActionInputs['prComment'];
}

/** Resolves the publishing settings once: an input that is given wins over the config. */
export function publishSettings(inputs: ActionInputs, report: ReportConfig, reportPath: string): PublishSettings {
  return {
    reportPath,
    summary: inputs.summary,
    workingDirectory: inputs.workingDirectory,
    ...(inputs.token ? { token: inputs.token } : {}),
    commitStatus: inputs.commitStatus,
    statusContext: inputs.statusContext ?? report.statusContext,
    prComment: inputs.prComment !== 'auto' ? inputs.prComment : report.prComment,
  };
}

/**
 * Publishes a report to the Actions run: outputs, job summary, error annotations, commit
 * status and the sticky pull request comment. Never throws for a summary or API failure
 * (a warning says what failed and how to fix it): reporting must not change the result.
 */
export async function publishToActions(
  report: Report,
  settings: PublishSettings,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const { reportPath } = settings;
  setOutputs(report, reportPath);
  if (settings.summary) await writeJobSummary(report, env, reportPath);
  emitAnnotations(report, reportPath, annotationPrefix(settings.workingDirectory, env));
  await publishToForge(report, settings, env);
}

function setOutputs(report: Report, reportPath: string | undefined): void {
  core.setOutput('mode', report.mode);
  core.setOutput('modules', JSON.stringify(report.modules.map((module) => module.name).sort(compareNames)));
  core.setOutput(
    'failed-modules',
    JSON.stringify(
      report.modules
        .filter((module) => isBadStatus(module.status))
        .map((module) => module.name)
        .sort(compareNames),
    ),
  );
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
    const more = `${plan.more} more ${plan.more === 1 ? 'failure is' : 'failures are'}`;
    const where = `the job summary${reportPath ? ` and ${reportPath}` : ''}`;
    core.notice(`${more} not annotated (at most ${plan.errors.length} per step) — see ${where}.`, {
      title: 'quality-gates: more failures',
    });
  }
}

async function publishToForge(report: Report, settings: PublishSettings, env: NodeJS.ProcessEnv): Promise<void> {
  if (settings.token) core.setSecret(settings.token);
  const kind = readCiEnvironment(env).forge;
  const wantComment = settings.prComment === 'always' || (settings.prComment === 'auto' && kind === 'gitea');
  if (!settings.commitStatus && !wantComment) return;
  const target = resolveForgeTarget(env, settings.token);
  if ('missing' in target) {
    core.warning(`Commit status and pull request comment skipped: ${target.missing}.`);
    return;
  }
  const context = settings.statusContext;
  const runUrl = target.runUrl ?? report.context.runUrl;
  if (settings.commitStatus) await setStatus(target, report, context, runUrl);
  if (wantComment) await comment(target, report, context, runUrl, settings.reportPath);
}

async function setStatus(
  target: ForgeTarget,
  report: Report,
  context: string,
  runUrl: string | undefined,
): Promise<void> {
  const sha = target.sha ?? report.context.sha;
  if (!sha) {
    core.warning('Commit status skipped: no commit SHA (neither the event nor GITHUB_SHA names one).');
    return;
  }
  const status = commitStatusFor(report);
  try {
    await setCommitStatus(target, {
      sha,
      state: status.state,
      context,
      description: status.description,
      ...(runUrl ? { targetUrl: runUrl } : {}),
    });
    core.info(`Commit status '${context}' on ${sha.slice(0, 12)}: ${status.state} — ${status.description}`);
  } catch (error) {
    warnApi('Commit status not set', error);
  }
}

async function comment(
  target: ForgeTarget,
  report: Report,
  context: string,
  runUrl: string | undefined,
  reportPath: string | undefined,
): Promise<void> {
  if (target.prNumber === undefined) {
    core.info('Pull request comment skipped: this event is not a pull request.');
    return;
  }
  try {
    const body = renderPrComment(report, {
      context,
      ...(reportPath ? { reportPath } : {}),
      ...(runUrl ? { runUrl } : {}),
    });
    const result = await upsertStickyComment(target, target.prNumber, commentMarker(context), body);
    core.info(`Pull request #${target.prNumber}: comment ${result.id} ${result.action}.`);
  } catch (error) {
    warnApi('Pull request comment not written', error);
  }
}

function warnApi(what: string, error: unknown): void {
  const message =
    error instanceof ForgeApiError ? error.message : error instanceof Error ? error.message : String(error);
  core.warning(`${what}: ${message}`);
}
