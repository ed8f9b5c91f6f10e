import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);

// src/ci/environment.ts
function readCiEnvironment(env) {
  const gitea = env.GITEA_ACTIONS === "true";
  const eventName = nonEmpty(env.GITHUB_EVENT_NAME);
  const facts = {
    forge: gitea ? "gitea" : "github",
    platform: gitea ? "gitea" : eventName ? "github" : "local",
    actions: gitea || env.GITHUB_ACTIONS === "true"
  };
  const fields = {
    eventName,
    eventPath: nonEmpty(env.GITHUB_EVENT_PATH),
    serverUrl: nonEmpty(env.GITHUB_SERVER_URL)?.replace(/\/+$/, ""),
    repository: nonEmpty(env.GITHUB_REPOSITORY),
    sha: nonEmpty(env.GITHUB_SHA),
    ref: nonEmpty(env.GITHUB_REF),
    runUrl: runUrl(env)
  };
  for (const [key, value] of Object.entries(fields)) {
    if (value !== void 0) facts[key] = value;
  }
  return facts;
}
function runContext(env) {
  const { runUrl: url, repository, sha, ref } = readCiEnvironment(env);
  return {
    ...url ? { runUrl: url } : {},
    ...repository ? { repository } : {},
    ...sha ? { sha } : {},
    ...ref ? { ref } : {}
  };
}
function runUrl(env) {
  const server = nonEmpty(env.GITHUB_SERVER_URL)?.replace(/\/+$/, "");
  const repository = nonEmpty(env.GITHUB_REPOSITORY);
  const runId = nonEmpty(env.GITHUB_RUN_ID);
  if (!server || !repository || !runId) return void 0;
  const attempt = nonEmpty(env.GITHUB_RUN_ATTEMPT);
  const attemptPath = env.GITEA_ACTIONS !== "true" && attempt && attempt !== "1" ? `/attempts/${attempt}` : "";
  return `${server}/${repository}/actions/runs/${runId}${attemptPath}`;
}
function nonEmpty(value) {
  const trimmed = value?.trim();
  return trimmed ? trimmed : void 0;
}

export {
  readCiEnvironment,
  runContext,
  runUrl
};
