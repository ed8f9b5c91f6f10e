import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  badModules,
  countModules,
  crashCause,
  isBadStatus,
  moduleChanges,
  moduleFailures,
  renderSummary
} from "./chunk-B6FG5BJQ.js";
import {
  readCiEnvironment
} from "./chunk-2U5EFZKQ.js";
import {
  escapeInline,
  linkTarget,
  stripControlChars,
  truncateText
} from "./chunk-XS3YCCI7.js";
import {
  error,
  info,
  notice,
  setOutput,
  setSecret,
  summary,
  warning
} from "./chunk-5S2WLFU4.js";
import {
  compareNames
} from "./chunk-ACAW7SLU.js";
import {
  ExitCode,
  QualityGatesError
} from "./chunk-LPOMALK6.js";

// src/action/publish.ts
import { isAbsolute, relative, resolve, sep } from "node:path";

// src/report/annotations.ts
var MAX_ERROR_ANNOTATIONS = 10;
function planAnnotations(report, limit = MAX_ERROR_ANNOTATIONS) {
  const crashes = [];
  const firsts = [];
  const rest = [];
  for (const module of report.modules) {
    if (module.status === "crashed" || module.status === "timeout") {
      const running = module.runningSuite ? ` while running ${module.runningSuite}` : "";
      crashes.push({
        title: oneLine(`quality-gates: module ${module.name} ${module.status === "timeout" ? "timed out" : "crashed"}`),
        message: clean(`${crashCause(module)}${running}`),
        ...module.runningSuite ? { file: module.runningSuite } : {}
      });
    }
    if (!isBadStatus(module.status)) continue;
    const failures = moduleFailures(module);
    if (module.status === "failed" && failures.length === 0) {
      crashes.push({
        title: oneLine(`quality-gates: module ${module.name} failed`),
        message: clean(crashCause(module))
      });
    }
    failures.forEach((failure, index) => (index === 0 ? firsts : rest).push(toAnnotation(failure)));
  }
  const all = [...crashes, ...firsts, ...rest];
  return { errors: all.slice(0, limit), more: Math.max(0, all.length - limit) };
}
function toAnnotation(failure) {
  return {
    title: oneLine(`${failure.module} \u203A ${failure.name}`),
    message: clean(failure.message.trim() === "" ? failure.name : failure.message),
    file: failure.file,
    ...failure.line !== void 0 ? { startLine: failure.line } : {}
  };
}
function clean(text) {
  return truncateText(stripControlChars(text), 30, 3e3).text;
}
function oneLine(text) {
  const line = stripControlChars(text).replace(/\s*[\r\n]+\s*/g, " ");
  return line.length > 200 ? `${line.slice(0, 199)}\u2026` : line;
}

// src/report/forge.ts
import { readFileSync } from "node:fs";
var ForgeApiError = class extends QualityGatesError {
  status;
  hint;
  constructor(method, path, status, detail, hint) {
    super(
      `${method} ${path} \u2192 ${status === 0 ? "network error" : `HTTP ${status}`}${detail ? `: ${detail}` : ""} \u2014 ${hint}`,
      ExitCode.Failed
    );
    this.status = status;
    this.hint = hint;
  }
};
function resolveForgeTarget(env, token) {
  if (!token) return { missing: "no token (set the token input; the default is github.token)" };
  const ci = readCiEnvironment(env);
  const kind = ci.forge;
  const repository = env.GITHUB_REPOSITORY ?? "";
  const slash = repository.indexOf("/");
  if (slash <= 0 || slash === repository.length - 1)
    return { missing: `GITHUB_REPOSITORY is ${JSON.stringify(repository)}, expected owner/name` };
  const server = (env.GITHUB_SERVER_URL ?? (kind === "github" ? "https://github.com" : "")).replace(/\/+$/, "");
  const apiUrl = (env.GITHUB_API_URL ?? (kind === "github" ? "https://api.github.com" : server ? `${server}/api/v1` : "")).replace(/\/+$/, "");
  if (!apiUrl) return { missing: "GITHUB_API_URL is not set" };
  const event = readEvent(ci.eventPath);
  const pullRequest = event?.pull_request;
  const prNumber = typeof pullRequest?.number === "number" ? pullRequest.number : void 0;
  const headSha = typeof pullRequest?.head?.sha === "string" ? pullRequest.head.sha : void 0;
  return {
    kind,
    apiUrl,
    owner: repository.slice(0, slash),
    repo: repository.slice(slash + 1),
    token,
    ...headSha ?? env.GITHUB_SHA ? { sha: headSha ?? env.GITHUB_SHA } : {},
    ...prNumber !== void 0 ? { prNumber } : {},
    ...ci.runUrl ? { runUrl: ci.runUrl } : {}
  };
}
function readEvent(path) {
  if (!path) return void 0;
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8"));
    return parsed !== null && typeof parsed === "object" ? parsed : void 0;
  } catch {
    return void 0;
  }
}
var MAX_STATUS_DESCRIPTION = 140;
async function setCommitStatus(target, status) {
  const description = status.description.length > MAX_STATUS_DESCRIPTION ? `${status.description.slice(0, MAX_STATUS_DESCRIPTION - 1)}\u2026` : status.description;
  await request(target, "POST", `${repoPath(target)}/statuses/${encodeURIComponent(status.sha)}`, {
    state: status.state,
    context: status.context,
    description,
    ...status.targetUrl ? { target_url: status.targetUrl } : {}
  });
}
async function upsertStickyComment(target, prNumber, marker, body) {
  const existing = await findComment(target, prNumber, marker);
  if (existing) {
    await request(target, "PATCH", `${repoPath(target)}/issues/comments/${existing.id}`, { body });
    return { action: "updated", id: existing.id };
  }
  const created = await request(target, "POST", `${repoPath(target)}/issues/${prNumber}/comments`, { body });
  return { action: "created", id: typeof created?.id === "number" ? created.id : 0 };
}
var MAX_PAGES = 100;
async function findComment(target, prNumber, marker) {
  const pageSize = target.kind === "gitea" ? 50 : 100;
  const sizeParam = target.kind === "gitea" ? "limit" : "per_page";
  let seen = 0;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { body, total } = await requestWithTotal(
      target,
      "GET",
      `${repoPath(target)}/issues/${prNumber}/comments?${sizeParam}=${pageSize}&page=${page}`
    );
    const comments = Array.isArray(body) ? body : [];
    const match = comments.find((comment2) => typeof comment2.body === "string" && comment2.body.includes(marker));
    if (match) return match;
    seen += comments.length;
    if (comments.length === 0) return void 0;
    if (total !== void 0 ? seen >= total : comments.length < pageSize) return void 0;
  }
  return void 0;
}
function repoPath(target) {
  return `/repos/${encodeURIComponent(target.owner)}/${encodeURIComponent(target.repo)}`;
}
async function request(target, method, path, payload) {
  return (await requestWithTotal(target, method, path, payload)).body;
}
async function requestWithTotal(target, method, path, payload) {
  const shownPath = path.replace(/\?.*$/, "");
  let response;
  try {
    response = await fetch(`${target.apiUrl}${path}`, {
      method,
      headers: {
        Accept: target.kind === "github" ? "application/vnd.github+json" : "application/json",
        Authorization: target.kind === "gitea" ? `token ${target.token}` : `Bearer ${target.token}`,
        "User-Agent": "quality-gates",
        ...target.kind === "github" ? { "X-GitHub-Api-Version": "2022-11-28" } : {},
        ...payload !== void 0 ? { "Content-Type": "application/json" } : {}
      },
      body: payload !== void 0 ? JSON.stringify(payload) : void 0,
      signal: AbortSignal.timeout(3e4)
    });
  } catch (error2) {
    const cause = error2 instanceof Error ? error2.cause instanceof Error ? error2.cause.message : error2.message : String(error2);
    throw new ForgeApiError(
      method,
      shownPath,
      0,
      redact(cause, target.token),
      `cannot reach ${target.apiUrl} (check GITHUB_API_URL and the network)`
    );
  }
  const text = await response.text();
  if (!response.ok) {
    let detail = text.slice(0, 300);
    try {
      const parsed = JSON.parse(text);
      if (typeof parsed.message === "string") detail = parsed.message;
    } catch {
    }
    throw new ForgeApiError(
      method,
      shownPath,
      response.status,
      redact(detail.replace(/\s+/g, " ").trim(), target.token),
      hintFor(response, target.kind)
    );
  }
  const totalHeader = response.headers.get("x-total-count");
  const total = totalHeader !== null && /^\d+$/.test(totalHeader) ? Number(totalHeader) : void 0;
  try {
    return { body: text === "" ? void 0 : JSON.parse(text), ...total !== void 0 ? { total } : {} };
  } catch {
    return { body: void 0, ...total !== void 0 ? { total } : {} };
  }
}
function hintFor(response, kind) {
  const permissions = kind === "github" ? "the job needs `permissions: statuses: write, pull-requests: write`" : "the token needs write access to the repository (issues and commit statuses)";
  switch (response.status) {
    case 401:
      return "the token is missing, invalid or expired";
    case 403:
      if (response.headers.get("x-ratelimit-remaining") === "0")
        return `API rate limit exhausted; it resets at ${resetTime(response.headers.get("x-ratelimit-reset"))}`;
      if (response.headers.get("retry-after") !== null)
        return `secondary rate limit; retry after ${response.headers.get("retry-after")} s`;
      return `the token may not write here: ${permissions}; pull requests from forks get a read-only token`;
    case 404:
      return `repository, commit or pull request not found, or the token cannot see it (${permissions})`;
    case 422:
      return "the API rejected the request (unknown commit, or a field too long)";
    case 429:
      return "API rate limit hit; try again later";
    default:
      return response.status >= 500 ? "the API server failed; try again later" : "unexpected response";
  }
}
function resetTime(epochSeconds) {
  const seconds = Number(epochSeconds);
  return epochSeconds !== null && Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1e3).toISOString() : "a later time";
}
function redact(text, token) {
  return token ? text.split(token).join("***") : text;
}

// src/report/pr-comment.ts
var MAX_COMMENT_BYTES = 6e4;
function commentMarker(context) {
  return `<!-- quality-gates:report:${context.replace(/--/g, "-\u2010").replace(/>/g, "&gt;")} -->`;
}
function renderPrComment(report, options) {
  const marker = commentMarker(options.context);
  const runUrl = options.runUrl ? linkTarget(options.runUrl) : void 0;
  const footer = runUrl ? `
<sub>Updated by quality-gates for <code>${escapeInline(options.context)}</code> \xB7 [run](${runUrl})</sub>
` : "";
  const budget = MAX_COMMENT_BYTES - Buffer.byteLength(marker + footer, "utf8") - 2;
  const summary2 = renderSummary(report, {
    maxBytes: budget,
    headingLevel: 3,
    compact: true,
    ...options.reportPath ? { reportPath: options.reportPath } : {},
    // The report file lives on the runner; reviewers reach it through the run.
    ...runUrl ? { fullReportHint: `the full report is in the job summary and the report file of [the run](${runUrl})` } : {}
  });
  return `${marker}
${summary2}${footer}`;
}

// src/report/status.ts
function commitStatusFor(report) {
  const counts = countModules(report.modules);
  const ran = report.modules.length - counts.skipped;
  const bad = badModules(report.modules).length;
  const extras = ["crashed", "timeout"].filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s === "timeout" ? "timed out" : s}`);
  switch (report.status) {
    case "passed":
      return { state: "success", description: `${counts.passed}/${ran} modules passed` };
    case "skipped":
      return { state: "success", description: report.reason ?? "No integration module affected by this change" };
    case "interrupted":
      return {
        state: "failure",
        description: `Interrupted: ${counts.passed}/${ran} modules passed before the run was cancelled`
      };
    case "failed":
      if (bad === 0 && report.reason) return { state: "failure", description: report.reason };
      return {
        state: "failure",
        description: `${counts.passed}/${ran} modules passed` + (bad > 0 ? `, ${bad} failed` : "") + (extras.length > 0 ? ` (${extras.join(", ")})` : "")
      };
  }
}

// src/action/publish.ts
function publishSettings(inputs, report, reportPath) {
  return {
    reportPath,
    summary: inputs.summary,
    workingDirectory: inputs.workingDirectory,
    ...inputs.token ? { token: inputs.token } : {},
    commitStatus: inputs.commitStatus,
    statusContext: inputs.statusContext ?? report.statusContext,
    prComment: inputs.prComment !== "auto" ? inputs.prComment : report.prComment
  };
}
async function publishToActions(report, settings, env) {
  const { reportPath } = settings;
  setOutputs(report, reportPath);
  if (settings.summary) await writeJobSummary(report, env, reportPath);
  emitAnnotations(report, reportPath, annotationPrefix(settings.workingDirectory, env));
  await publishToForge(report, settings, env);
}
function setOutputs(report, reportPath) {
  setOutput("mode", report.mode);
  setOutput("modules", JSON.stringify(report.modules.map((module) => module.name).sort(compareNames)));
  setOutput(
    "failed-modules",
    JSON.stringify(
      report.modules.filter((module) => isBadStatus(module.status)).map((module) => module.name).sort(compareNames)
    )
  );
  if (report.plan) {
    setOutput("reason", report.plan.reason);
    setOutput("changed-files", String(report.plan.changedFiles));
  }
  if (reportPath) setOutput("report-path", reportPath);
  setOutput("lock-wait-seconds", report.lock ? (report.lock.waitMs / 1e3).toFixed(1) : "");
  setOutput("lock-hold-seconds", report.lock ? (report.lock.holdMs / 1e3).toFixed(1) : "");
  setOutput("regressions", JSON.stringify(moduleChanges(report.modules, "regression")));
  setOutput("improvements", JSON.stringify(moduleChanges(report.modules, "improvement")));
}
async function writeJobSummary(report, env, reportPath) {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) {
    const say = readCiEnvironment(env).forge === "gitea" ? info : warning;
    say("Job summary not written: GITHUB_STEP_SUMMARY is not set.");
    return;
  }
  try {
    await summary.addRaw(renderSummary(report, { reportPath }), true).write();
    setOutput("summary-path", file);
  } catch (error2) {
    summary.emptyBuffer();
    warning(`Job summary not written to ${file}: ${error2 instanceof Error ? error2.message : String(error2)}`);
  }
}
function annotationPrefix(workingDirectory, env) {
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const rel = relative(resolve(workspace), resolve(workspace, workingDirectory)).split(sep).join("/");
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? "" : `${rel}/`;
}
function emitAnnotations(report, reportPath, prefix) {
  const plan = planAnnotations(report);
  for (const annotation of plan.errors) {
    error(annotation.message, {
      title: annotation.title,
      ...annotation.file ? { file: prefix + annotation.file } : {},
      ...annotation.file && annotation.startLine !== void 0 ? { startLine: annotation.startLine } : {}
    });
  }
  if (plan.more > 0) {
    const more = `${plan.more} more ${plan.more === 1 ? "failure is" : "failures are"}`;
    const where = `the job summary${reportPath ? ` and ${reportPath}` : ""}`;
    notice(`${more} not annotated (at most ${plan.errors.length} per step) \u2014 see ${where}.`, {
      title: "quality-gates: more failures"
    });
  }
}
async function publishToForge(report, settings, env) {
  if (settings.token) setSecret(settings.token);
  const kind = readCiEnvironment(env).forge;
  const wantComment = settings.prComment === "always" || settings.prComment === "auto" && kind === "gitea";
  if (!settings.commitStatus && !wantComment) return;
  const target = resolveForgeTarget(env, settings.token);
  if ("missing" in target) {
    warning(`Commit status and pull request comment skipped: ${target.missing}.`);
    return;
  }
  const context = settings.statusContext;
  const runUrl = target.runUrl ?? report.context.runUrl;
  if (settings.commitStatus) await setStatus(target, report, context, runUrl);
  if (wantComment) await comment(target, report, context, runUrl, settings.reportPath);
}
async function setStatus(target, report, context, runUrl) {
  const sha = target.sha ?? report.context.sha;
  if (!sha) {
    warning("Commit status skipped: no commit SHA (neither the event nor GITHUB_SHA names one).");
    return;
  }
  const status = commitStatusFor(report);
  try {
    await setCommitStatus(target, {
      sha,
      state: status.state,
      context,
      description: status.description,
      ...runUrl ? { targetUrl: runUrl } : {}
    });
    info(`Commit status '${context}' on ${sha.slice(0, 12)}: ${status.state} \u2014 ${status.description}`);
  } catch (error2) {
    warnApi("Commit status not set", error2);
  }
}
async function comment(target, report, context, runUrl, reportPath) {
  if (target.prNumber === void 0) {
    info("Pull request comment skipped: this event is not a pull request.");
    return;
  }
  try {
    const body = renderPrComment(report, {
      context,
      ...reportPath ? { reportPath } : {},
      ...runUrl ? { runUrl } : {}
    });
    const result = await upsertStickyComment(target, target.prNumber, commentMarker(context), body);
    info(`Pull request #${target.prNumber}: comment ${result.id} ${result.action}.`);
  } catch (error2) {
    warnApi("Pull request comment not written", error2);
  }
}
function warnApi(what, error2) {
  const message = error2 instanceof ForgeApiError ? error2.message : error2 instanceof Error ? error2.message : String(error2);
  warning(`${what}: ${message}`);
}

export {
  publishSettings,
  publishToActions
};
