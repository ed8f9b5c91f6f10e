import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  parseCommandArgs
} from "./chunk-QWNBACTB.js";
import {
  DEFAULT_HISTORY_FILE
} from "./chunk-SARGJA6J.js";
import {
  writeOutputFile
} from "./chunk-SKC5PD7T.js";
import "./chunk-64T4F7XV.js";
import {
  listModules
} from "./chunk-DXIKE7HS.js";
import {
  loadConfig
} from "./chunk-LZFESEJ6.js";
import "./chunk-BURGMGPG.js";
import {
  require_dist
} from "./chunk-J7EPJJHD.js";
import "./chunk-NYGUVZYR.js";
import "./chunk-6WDK2BYD.js";
import "./chunk-ACAW7SLU.js";
import "./chunk-ZC2IFY74.js";
import "./chunk-OXXGRHMT.js";
import "./chunk-USA5LE2H.js";
import {
  ConfigError,
  ExitCode,
  UsageError
} from "./chunk-LPOMALK6.js";
import {
  __toESM
} from "./chunk-OMX5YOFN.js";

// src/cli/commands/generate.ts
import { readFileSync } from "node:fs";
import { join as join3 } from "node:path";

// node_modules/diff/libesm/diff/base.js
var Diff = class {
  diff(oldStr, newStr, options = {}) {
    let callback;
    if (typeof options === "function") {
      callback = options;
      options = {};
    } else if ("callback" in options) {
      callback = options.callback;
    }
    const oldString = this.castInput(oldStr, options);
    const newString = this.castInput(newStr, options);
    const oldTokens = this.removeEmpty(this.tokenize(oldString, options));
    const newTokens = this.removeEmpty(this.tokenize(newString, options));
    return this.diffWithOptionsObj(oldTokens, newTokens, options, callback);
  }
  diffWithOptionsObj(oldTokens, newTokens, options, callback) {
    var _a;
    const done = (value) => {
      value = this.postProcess(value, options);
      if (callback) {
        setTimeout(function() {
          callback(value);
        }, 0);
        return void 0;
      } else {
        return value;
      }
    };
    const newLen = newTokens.length, oldLen = oldTokens.length;
    let editLength = 1;
    let maxEditLength = newLen + oldLen;
    if (options.maxEditLength != null) {
      maxEditLength = Math.min(maxEditLength, options.maxEditLength);
    }
    const maxExecutionTime = (_a = options.timeout) !== null && _a !== void 0 ? _a : Infinity;
    const abortAfterTimestamp = Date.now() + maxExecutionTime;
    const bestPath = [{ oldPos: -1, lastComponent: void 0 }];
    let newPos = this.extractCommon(bestPath[0], newTokens, oldTokens, 0, options);
    if (bestPath[0].oldPos + 1 >= oldLen && newPos + 1 >= newLen) {
      return done(this.buildValues(bestPath[0].lastComponent, newTokens, oldTokens));
    }
    let minDiagonalToConsider = -Infinity, maxDiagonalToConsider = Infinity;
    const execEditLength = () => {
      for (let diagonalPath = Math.max(minDiagonalToConsider, -editLength); diagonalPath <= Math.min(maxDiagonalToConsider, editLength); diagonalPath += 2) {
        let basePath;
        const removePath = bestPath[diagonalPath - 1], addPath = bestPath[diagonalPath + 1];
        if (removePath) {
          bestPath[diagonalPath - 1] = void 0;
        }
        let canAdd = false;
        if (addPath) {
          const addPathNewPos = addPath.oldPos - diagonalPath;
          canAdd = addPath && 0 <= addPathNewPos && addPathNewPos < newLen;
        }
        const canRemove = removePath && removePath.oldPos + 1 < oldLen;
        if (!canAdd && !canRemove) {
          bestPath[diagonalPath] = void 0;
          continue;
        }
        if (!canRemove || canAdd && removePath.oldPos < addPath.oldPos) {
          basePath = this.addToPath(addPath, true, false, 0, options);
        } else {
          basePath = this.addToPath(removePath, false, true, 1, options);
        }
        newPos = this.extractCommon(basePath, newTokens, oldTokens, diagonalPath, options);
        if (basePath.oldPos + 1 >= oldLen && newPos + 1 >= newLen) {
          return done(this.buildValues(basePath.lastComponent, newTokens, oldTokens)) || true;
        } else {
          bestPath[diagonalPath] = basePath;
          if (basePath.oldPos + 1 >= oldLen) {
            maxDiagonalToConsider = Math.min(maxDiagonalToConsider, diagonalPath - 1);
          }
          if (newPos + 1 >= newLen) {
            minDiagonalToConsider = Math.max(minDiagonalToConsider, diagonalPath + 1);
          }
        }
      }
      editLength++;
    };
    if (callback) {
      (function exec() {
        setTimeout(function() {
          if (editLength > maxEditLength || Date.now() > abortAfterTimestamp) {
            return callback(void 0);
          }
          if (!execEditLength()) {
            exec();
          }
        }, 0);
      })();
    } else {
      while (editLength <= maxEditLength && Date.now() <= abortAfterTimestamp) {
        const ret = execEditLength();
        if (ret) {
          return ret;
        }
      }
    }
  }
  addToPath(path, added, removed, oldPosInc, options) {
    const last = path.lastComponent;
    if (last && !options.oneChangePerToken && last.added === added && last.removed === removed) {
      return {
        oldPos: path.oldPos + oldPosInc,
        lastComponent: { count: last.count + 1, added, removed, previousComponent: last.previousComponent }
      };
    } else {
      return {
        oldPos: path.oldPos + oldPosInc,
        lastComponent: { count: 1, added, removed, previousComponent: last }
      };
    }
  }
  extractCommon(basePath, newTokens, oldTokens, diagonalPath, options) {
    const newLen = newTokens.length, oldLen = oldTokens.length;
    let oldPos = basePath.oldPos, newPos = oldPos - diagonalPath, commonCount = 0;
    while (newPos + 1 < newLen && oldPos + 1 < oldLen && this.equals(oldTokens[oldPos + 1], newTokens[newPos + 1], options)) {
      newPos++;
      oldPos++;
      commonCount++;
      if (options.oneChangePerToken) {
        basePath.lastComponent = { count: 1, previousComponent: basePath.lastComponent, added: false, removed: false };
      }
    }
    if (commonCount && !options.oneChangePerToken) {
      basePath.lastComponent = { count: commonCount, previousComponent: basePath.lastComponent, added: false, removed: false };
    }
    basePath.oldPos = oldPos;
    return newPos;
  }
  equals(left, right, options) {
    if (options.comparator) {
      return options.comparator(left, right);
    } else {
      return left === right || !!options.ignoreCase && left.toLowerCase() === right.toLowerCase();
    }
  }
  removeEmpty(array) {
    const ret = [];
    for (let i = 0; i < array.length; i++) {
      if (array[i]) {
        ret.push(array[i]);
      }
    }
    return ret;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  castInput(value, options) {
    return value;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  tokenize(value, options) {
    return Array.from(value);
  }
  join(chars) {
    return chars.join("");
  }
  postProcess(changeObjects, options) {
    return changeObjects;
  }
  get useLongestToken() {
    return false;
  }
  buildValues(lastComponent, newTokens, oldTokens) {
    const components = [];
    let nextComponent;
    while (lastComponent) {
      components.push(lastComponent);
      nextComponent = lastComponent.previousComponent;
      delete lastComponent.previousComponent;
      lastComponent = nextComponent;
    }
    components.reverse();
    const componentLen = components.length;
    let componentPos = 0, newPos = 0, oldPos = 0;
    for (; componentPos < componentLen; componentPos++) {
      const component = components[componentPos];
      if (!component.removed) {
        if (!component.added && this.useLongestToken) {
          let value = newTokens.slice(newPos, newPos + component.count);
          value = value.map(function(value2, i) {
            const oldValue = oldTokens[oldPos + i];
            return oldValue.length > value2.length ? oldValue : value2;
          });
          component.value = this.join(value);
        } else {
          component.value = this.join(newTokens.slice(newPos, newPos + component.count));
        }
        newPos += component.count;
        if (!component.added) {
          oldPos += component.count;
        }
      } else {
        component.value = this.join(oldTokens.slice(oldPos, oldPos + component.count));
        oldPos += component.count;
      }
    }
    return components;
  }
};

// node_modules/diff/libesm/diff/line.js
var LineDiff = class extends Diff {
  constructor() {
    super(...arguments);
    this.tokenize = tokenize;
  }
  equals(left, right, options) {
    if (options.ignoreWhitespace) {
      if (!options.newlineIsToken || !left.includes("\n")) {
        left = left.trim();
      }
      if (!options.newlineIsToken || !right.includes("\n")) {
        right = right.trim();
      }
    } else if (options.ignoreNewlineAtEof && !options.newlineIsToken) {
      if (left.endsWith("\n")) {
        left = left.slice(0, -1);
      }
      if (right.endsWith("\n")) {
        right = right.slice(0, -1);
      }
    }
    return super.equals(left, right, options);
  }
};
var lineDiff = new LineDiff();
function diffLines(oldStr, newStr, options) {
  return lineDiff.diff(oldStr, newStr, options);
}
function tokenize(value, options) {
  if (options.stripTrailingCr) {
    value = value.replace(/\r\n/g, "\n");
  }
  const retLines = [], linesAndNewlines = value.split(/(\n|\r\n)/);
  if (!linesAndNewlines[linesAndNewlines.length - 1]) {
    linesAndNewlines.pop();
  }
  for (let i = 0; i < linesAndNewlines.length; i++) {
    const line = linesAndNewlines[i];
    if (i % 2 && !options.newlineIsToken) {
      retLines[retLines.length - 1] += line;
    } else {
      retLines.push(line);
    }
  }
  return retLines;
}

// node_modules/diff/libesm/patch/create.js
var INCLUDE_HEADERS = {
  includeIndex: true,
  includeUnderline: true,
  includeFileHeaders: true
};
function structuredPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, options) {
  let optionsObj;
  if (!options) {
    optionsObj = {};
  } else if (typeof options === "function") {
    optionsObj = { callback: options };
  } else {
    optionsObj = options;
  }
  if (typeof optionsObj.context === "undefined") {
    optionsObj.context = 4;
  }
  const context = optionsObj.context;
  if (optionsObj.newlineIsToken) {
    throw new Error("newlineIsToken may not be used with patch-generation functions, only with diffing functions");
  }
  if (!optionsObj.callback) {
    return diffLinesResultToPatch(diffLines(oldStr, newStr, optionsObj));
  } else {
    const { callback } = optionsObj;
    diffLines(oldStr, newStr, Object.assign(Object.assign({}, optionsObj), { callback: (diff) => {
      const patch = diffLinesResultToPatch(diff);
      callback(patch);
    } }));
  }
  function diffLinesResultToPatch(diff) {
    if (!diff) {
      return;
    }
    diff.push({ value: "", lines: [] });
    function contextLines(lines) {
      return lines.map(function(entry) {
        return " " + entry;
      });
    }
    const hunks = [];
    let oldRangeStart = 0, newRangeStart = 0, curRange = [], oldLine = 1, newLine = 1;
    for (let i = 0; i < diff.length; i++) {
      const current = diff[i], lines = current.lines || splitLines(current.value);
      current.lines = lines;
      if (current.added || current.removed) {
        if (!oldRangeStart) {
          const prev = diff[i - 1];
          oldRangeStart = oldLine;
          newRangeStart = newLine;
          if (prev) {
            curRange = context > 0 ? contextLines(prev.lines.slice(-context)) : [];
            oldRangeStart -= curRange.length;
            newRangeStart -= curRange.length;
          }
        }
        for (const line of lines) {
          curRange.push((current.added ? "+" : "-") + line);
        }
        if (current.added) {
          newLine += lines.length;
        } else {
          oldLine += lines.length;
        }
      } else {
        if (oldRangeStart) {
          if (lines.length <= context * 2 && i < diff.length - 2) {
            for (const line of contextLines(lines)) {
              curRange.push(line);
            }
          } else {
            const contextSize = Math.min(lines.length, context);
            for (const line of contextLines(lines.slice(0, contextSize))) {
              curRange.push(line);
            }
            const hunk = {
              oldStart: oldRangeStart,
              oldLines: oldLine - oldRangeStart + contextSize,
              newStart: newRangeStart,
              newLines: newLine - newRangeStart + contextSize,
              lines: curRange
            };
            hunks.push(hunk);
            oldRangeStart = 0;
            newRangeStart = 0;
            curRange = [];
          }
        }
        oldLine += lines.length;
        newLine += lines.length;
      }
    }
    for (const hunk of hunks) {
      for (let i = 0; i < hunk.lines.length; i++) {
        if (hunk.lines[i].endsWith("\n")) {
          hunk.lines[i] = hunk.lines[i].slice(0, -1);
        } else {
          hunk.lines.splice(i + 1, 0, "\\ No newline at end of file");
          i++;
        }
      }
    }
    return {
      oldFileName,
      newFileName,
      oldHeader,
      newHeader,
      hunks
    };
  }
}
function formatPatch(patch, headerOptions) {
  if (!headerOptions) {
    headerOptions = INCLUDE_HEADERS;
  }
  if (Array.isArray(patch)) {
    if (patch.length > 1 && !headerOptions.includeFileHeaders) {
      throw new Error("Cannot omit file headers on a multi-file patch. (The result would be unparseable; how would a tool trying to apply the patch know which changes are to which file?)");
    }
    return patch.map((p) => formatPatch(p, headerOptions)).join("\n");
  }
  const ret = [];
  if (headerOptions.includeIndex && patch.oldFileName == patch.newFileName) {
    ret.push("Index: " + patch.oldFileName);
  }
  if (headerOptions.includeUnderline) {
    ret.push("===================================================================");
  }
  if (headerOptions.includeFileHeaders) {
    ret.push("--- " + patch.oldFileName + (typeof patch.oldHeader === "undefined" ? "" : "	" + patch.oldHeader));
    ret.push("+++ " + patch.newFileName + (typeof patch.newHeader === "undefined" ? "" : "	" + patch.newHeader));
  }
  for (let i = 0; i < patch.hunks.length; i++) {
    const hunk = patch.hunks[i];
    if (hunk.oldLines === 0) {
      hunk.oldStart -= 1;
    }
    if (hunk.newLines === 0) {
      hunk.newStart -= 1;
    }
    ret.push("@@ -" + hunk.oldStart + "," + hunk.oldLines + " +" + hunk.newStart + "," + hunk.newLines + " @@");
    for (const line of hunk.lines) {
      ret.push(line);
    }
  }
  return ret.join("\n") + "\n";
}
function createTwoFilesPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, options) {
  if (typeof options === "function") {
    options = { callback: options };
  }
  if (!(options === null || options === void 0 ? void 0 : options.callback)) {
    const patchObj = structuredPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, options);
    if (!patchObj) {
      return;
    }
    return formatPatch(patchObj, options === null || options === void 0 ? void 0 : options.headerOptions);
  } else {
    const { callback } = options;
    structuredPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, Object.assign(Object.assign({}, options), { callback: (patchObj) => {
      if (!patchObj) {
        callback(void 0);
      } else {
        callback(formatPatch(patchObj, options.headerOptions));
      }
    } }));
  }
}
function splitLines(text) {
  const hasTrailingNl = text.endsWith("\n");
  const result = text.split("\n").map((line) => line + "\n");
  if (hasTrailingNl) {
    result.pop();
  } else {
    result.push(result.pop().slice(0, -1));
  }
  return result;
}

// src/generate/check.ts
function checkDrift(path, committed, generated) {
  if (committed === void 0) return { status: "missing" };
  const normalised = committed.replace(/\r\n/g, "\n");
  if (normalised === generated) return { status: "fresh" };
  return {
    status: "stale",
    diff: createTwoFilesPatch(
      `a/${path}`,
      `b/${path}`,
      normalised,
      generated,
      "committed",
      "generated by quality-gates generate"
    )
  };
}

// src/generate/settings.ts
import { existsSync as existsSync2, statSync } from "node:fs";
import { isAbsolute as isAbsolute2, join as join2, relative as relative2, resolve as resolve2 } from "node:path";

// src/generate/out-path.ts
import { existsSync, realpathSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
function repoRelativeOut(repoRoot, out) {
  const absolute = resolve(repoRoot, out.replace(/\\/g, "/"));
  const inside = insideRoot(repoRoot, absolute) ?? insideRoot(realpathOf(repoRoot), realpathOf(absolute));
  if (inside === "")
    throw new UsageError(
      `--out ${JSON.stringify(out)} names the repository root itself: name the workflow file, e.g. .github/workflows/quality-gates.yml`
    );
  if (inside === void 0) {
    throw new UsageError(
      `--out ${JSON.stringify(out)} is outside the repository ${repoRoot}: the workflow must live in it \u2014 give a path relative to the root (e.g. .github/workflows/quality-gates.yml) or an absolute one inside it`
    );
  }
  return inside.split(sep).join("/");
}
function insideRoot(root, path) {
  const rel = relative(root, path);
  if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return void 0;
  return rel;
}
function realpathOf(path) {
  if (existsSync(path)) return realpathSync(path);
  const parent = dirname(path);
  return parent === path ? path : join(realpathOf(parent), basename(path));
}

// src/generate/settings.ts
function defaultOut(platform) {
  return platform === "gitea" ? ".gitea/workflows/quality-gates.yml" : ".github/workflows/quality-gates.yml";
}
function detectPlatform(repoRoot, flag, configured) {
  if (flag !== void 0) {
    if (flag !== "github" && flag !== "gitea")
      throw new UsageError(`--platform ${JSON.stringify(flag)}: use github or gitea`);
    return flag;
  }
  if (configured) return configured;
  const gitea = join2(repoRoot, ".gitea");
  return existsSync2(gitea) && statSync(gitea).isDirectory() ? "gitea" : "github";
}
function resolveSettings(repoRoot, loaded, flags, modules) {
  const workflow = loaded.config.workflow;
  const platform = detectPlatform(repoRoot, flags.platform, workflow.platform);
  if (flags.strategy !== void 0 && flags.strategy !== "batch" && flags.strategy !== "matrix") {
    throw new UsageError(
      `--strategy ${JSON.stringify(flags.strategy)}: use batch (one job, every module in turn) or matrix (one job per module)`
    );
  }
  const strategy = flags.strategy ?? workflow.strategy;
  if (workflow.absoluteUses && platform === "github") {
    throw new ConfigError(
      "workflow.absoluteUses is set, but GitHub Actions does not accept URLs in uses: \u2014 remove it, or generate for Gitea with --platform gitea"
    );
  }
  if (workflow.install.includes("${{")) {
    throw new ConfigError(
      `workflow.install ${JSON.stringify(workflow.install)} contains an expression: the install step must be static text (event values in run: scripts are a script-injection risk) \u2014 pass values through env: in your own workflow instead`
    );
  }
  if (strategy === "matrix" && platform === "gitea" && modules.length === 0) {
    throw new UsageError(
      `no modules under ${loaded.moduleRoot}: the Gitea matrix lists the modules in the workflow (Gitea cannot build a matrix from a job output) \u2014 add module folders, or use --strategy batch`
    );
  }
  if (workflow.shards !== void 0 && strategy !== "matrix") {
    throw new ConfigError(
      `workflow.shards is ${workflow.shards}, but the strategy is ${strategy}: shards are test jobs of the matrix strategy \u2014 generate with --strategy matrix (or set workflow.strategy: matrix), or remove workflow.shards`
    );
  }
  const out = flags.out !== void 0 ? repoRelativeOut(repoRoot, flags.out) : defaultOut(platform);
  const configFile = loaded.path ? toPosix(relative2(repoRoot, loaded.path)) : void 0;
  const report = loaded.config.report;
  return {
    platform,
    strategy,
    out,
    configFile,
    configInput: flags.config,
    regenerate: regenerateArgs(flags, out),
    runsOn: workflow.runsOn,
    planRunsOn: workflow.planRunsOn ?? workflow.runsOn,
    nodeVersion: workflow.nodeVersion,
    install: workflow.install,
    defaultBranch: workflow.defaultBranch,
    actionRef: workflow.actionRef,
    pinSha: flags.pinSha ?? false,
    pins: workflow.pins,
    absoluteUses: workflow.absoluteUses,
    usesBaseUrl: workflow.usesBaseUrl,
    lock: workflow.lock ? loaded.config.lock?.name ?? "test-containers" : "none",
    forceReset: workflow.forceReset,
    reportPath: report.path,
    extraReportFiles: [report.junit, report.summary].filter((file) => file !== void 0),
    modules,
    ...workflow.shards !== void 0 ? { shards: workflow.shards } : {},
    ...historySetting(repoRoot, loaded.config.history)
  };
}
function historySetting(repoRoot, configured) {
  if (configured === false) return {};
  const absolute = resolve2(repoRoot, configured ?? DEFAULT_HISTORY_FILE);
  const path = toPosix(relative2(repoRoot, absolute));
  if (path === "" || path.startsWith("../") || isAbsolute2(path)) {
    throw new ConfigError(
      `history ${JSON.stringify(configured)} is outside the repository: the workflow caches it by a path inside the checkout \u2014 use a path such as .quality-gates/history.json, or history: false`
    );
  }
  return { historyPath: path };
}
function regenerateArgs(flags, out) {
  const args = [];
  if (flags.platform !== void 0) args.push("--platform", flags.platform);
  if (flags.strategy !== void 0) args.push("--strategy", flags.strategy);
  if (flags.config !== void 0) args.push("--config", flags.config);
  if (flags.out !== void 0) args.push("--out", out);
  if (flags.pinSha) args.push("--pin-sha");
  return args;
}
function toPosix(path) {
  return path.replace(/\\/g, "/").replace(/^\.\//, "");
}

// src/generate/workflow.ts
import { posix } from "node:path";

// src/generate/uses.ts
var ACTIONS = {
  checkout: { name: "actions/checkout", tag: { github: "v4", gitea: "v4" } },
  "setup-node": { name: "actions/setup-node", tag: { github: "v4", gitea: "v4" } },
  "upload-artifact": { name: "actions/upload-artifact", tag: { github: "v4", gitea: "v3" } },
  "download-artifact": { name: "actions/download-artifact", tag: { github: "v4", gitea: "v3" } },
  "cache-restore": { name: "actions/cache", path: "restore", tag: { github: "v4", gitea: "v4" } },
  "cache-save": { name: "actions/cache", path: "save", tag: { github: "v4", gitea: "v4" } }
};
var REMOTE_REFERENCE = /^([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+(?:\/[^@\s]+)?)@([^@\s]+)$/;
function usesForRole(role, policy) {
  const action = ACTIONS[role];
  return pinAndPlace(
    { name: action.name, ...action.path ? { path: action.path } : {}, ref: action.tag[policy.platform] },
    policy
  );
}
function usesForTool(actionRef, policy) {
  if (actionRef.startsWith("./") || actionRef === ".") return { uses: actionRef };
  if (/^https?:\/\//.test(actionRef)) {
    if (policy.pinSha) {
      throw new UsageError(
        `--pin-sha: workflow.actionRef ${JSON.stringify(actionRef)} is an absolute URL; write it as owner/repo@tag and set workflow.absoluteUses: true, so that it can be pinned from workflow.pins`
      );
    }
    return { uses: actionRef };
  }
  const match = REMOTE_REFERENCE.exec(actionRef);
  if (!match) {
    throw new UsageError(
      `workflow.actionRef ${JSON.stringify(actionRef)} is not an action reference \u2014 write owner/repo@tag (e.g. "quality-gates/quality-gates@v1") or a local path such as "./"`
    );
  }
  return pinAndPlace({ name: match[1], ref: match[2] }, policy);
}
function pinAndPlace(reference, policy) {
  let ref = reference.ref;
  let comment;
  if (policy.pinSha) {
    const pins = policy.pins;
    const sha = pins[`${reference.name}@${reference.ref}`] ?? pins[reference.name];
    if (sha === void 0) {
      throw new UsageError(
        `--pin-sha: no commit SHA for ${reference.name}@${reference.ref} \u2014 add it to workflow.pins in quality-gates.config.yml, e.g. pins: { "${reference.name}": "<40-hex commit of ${reference.ref}>" } (or key "${reference.name}@${reference.ref}" to pin this tag only)`
      );
    }
    ref = sha;
    comment = reference.ref;
  }
  const path = `${reference.name}${reference.path ? `/${reference.path}` : ""}@${ref}`;
  const uses = policy.absoluteUses ? `${policy.usesBaseUrl.replace(/\/+$/, "")}/${path}` : path;
  return comment === void 0 ? { uses } : { uses, comment };
}

// src/generate/yaml-tree.ts
var import_yaml = __toESM(require_dist(), 1);
var Commented = class {
  constructor(value, before, after) {
    this.value = value;
    this.before = before;
    this.after = after;
  }
};
function commented(before, value) {
  return new Commented(value, before);
}
function trailing(value, after) {
  return after === void 0 ? value : new Commented(value, void 0, after);
}
function renderYaml(tree, header2, spacedKeys = []) {
  const doc = new import_yaml.Document();
  doc.commentBefore = header2;
  const root = toNode(doc, tree, 0, spacedKeys, true);
  doc.contents = root;
  return doc.toString({ lineWidth: 0, nullStr: "", indentSeq: true, flowCollectionPadding: false });
}
function toNode(doc, value, depth, spacedKeys, spaced) {
  if (value instanceof Commented) {
    const node2 = toNode(doc, value.value, depth, spacedKeys, false);
    if (value.before !== void 0) node2.commentBefore = prefix(value.before);
    if (value.after !== void 0) node2.comment = ` ${value.after}`;
    return node2;
  }
  if (Array.isArray(value)) {
    const seq = new import_yaml.YAMLSeq();
    seq.flow = value.length > 0 && value.every((item) => item === null || typeof item !== "object");
    for (const item of value) seq.items.push(toNode(doc, item, depth + 1, spacedKeys, false));
    return seq;
  }
  if (value !== null && typeof value === "object") {
    const map = new import_yaml.YAMLMap();
    let index = 0;
    for (const [key, child] of Object.entries(value)) {
      if (child === void 0) continue;
      const keyNode = new import_yaml.Scalar(key);
      const childNode = toNode(
        doc,
        child instanceof Commented ? child.value : child,
        depth + 1,
        spacedKeys,
        spacedKeys.includes(key)
      );
      if (child instanceof Commented) {
        if (child.before !== void 0) keyNode.commentBefore = prefix(child.before);
        if (child.after !== void 0) childNode.comment = ` ${child.after}`;
      }
      if (spaced && index > 0) keyNode.spaceBefore = true;
      map.items.push(new import_yaml.Pair(keyNode, childNode));
      index++;
    }
    return map;
  }
  const node = doc.createNode(value);
  if (!(0, import_yaml.isNode)(node)) throw new Error(`cannot write ${String(value)} as YAML`);
  return node;
}
function prefix(comment) {
  return comment.split("\n").map((line) => line === "" ? "" : ` ${line}`).join("\n");
}

// src/generate/workflow.ts
var JOB_IDS = { plan: "plan", tests: "backend-integration", report: "report" };
var REPORT_ARTIFACT = "quality-gates-report";
var SNAPSHOT_ARTIFACT = "heap-snapshots";
var REPORTS_DIR = "reports";
var SELECTED_SHARD = "contains(fromJSON(needs.plan.outputs.shard-ids), matrix.shard)";
var SHARD_MODULES = "${{ toJSON(fromJSON(needs.plan.outputs.shard-modules)[matrix.shard]) }}";
var HISTORY_KEY_PREFIX = "quality-gates-history:";
var BRANCH = "${{ github.head_ref || github.ref_name }}";
var NOT_SKIPPED = "needs.plan.outputs.mode != 'skip' && needs.plan.outputs.modules != '[]'";
var SELECTED_MODULE = "contains(fromJSON(needs.plan.outputs.modules), matrix.module)";
var REPORTING_PERMISSIONS = { contents: "read", statuses: "write", "pull-requests": "write" };
function renderWorkflow(settings) {
  const policy = {
    platform: settings.platform,
    pinSha: settings.pinSha,
    pins: settings.pins,
    absoluteUses: settings.absoluteUses,
    usesBaseUrl: settings.usesBaseUrl
  };
  const github = settings.platform === "github";
  const jobs = { [JOB_IDS.plan]: planJob(settings, policy) };
  if (settings.strategy === "batch") {
    jobs[JOB_IDS.tests] = batchJob(settings, policy);
  } else {
    jobs[JOB_IDS.tests] = github ? githubMatrixJob(settings, policy) : giteaMatrixJob(settings, policy);
    jobs[JOB_IDS.report] = reportJob(settings, policy);
  }
  const tree = {
    name: "quality-gates",
    on: triggers(settings),
    concurrency: github ? commented(
      "One run per pull request or ref. A new push to a pull request cancels its superseded run;\nruns on the default branch and in the merge queue are never cancelled once started.",
      {
        group: "quality-gates-${{ github.workflow }}-${{ github.event.pull_request.number || github.ref }}",
        "cancel-in-progress": "${{ github.event_name == 'pull_request' }}"
      }
    ) : void 0,
    permissions: github ? commented("Least privilege: jobs that report ask for more themselves.", { contents: "read" }) : void 0,
    jobs: github ? jobs : commented(
      'No concurrency: or permissions: here: Gitea Actions ignores both (docs.gitea.com, "Compared to\nGitHub Actions"). Gitea cancels the superseded run of a pull request or branch by itself,\nand the job token gets its scopes from the repository settings.',
      jobs
    )
  };
  return renderYaml(tree, header(settings), ["jobs"]);
}
function regenerateCommand(settings) {
  return ["npx", "quality-gates", "generate", ...settings.regenerate.map(shellWord)].join(" ");
}
function header(settings) {
  const source = settings.configFile ?? "the defaults (no quality-gates.config.yml)";
  const command = regenerateCommand(settings);
  return [
    ` Generated by \`quality-gates generate\` (${settings.platform}, ${settings.strategy}) from ${source}.`,
    " Do not edit by hand: change the workflow: section of the config, then regenerate with",
    `   ${command}`,
    " CI can check that this file is up to date with",
    `   ${command} --check`
  ].join("\n");
}
function triggers(settings) {
  return {
    pull_request: null,
    push: { branches: [settings.defaultBranch] },
    merge_group: settings.platform === "github" ? null : void 0,
    workflow_dispatch: {
      inputs: {
        full: { description: "Run every integration module, whatever changed", type: "boolean", default: false }
      }
    }
  };
}
function planJob(settings, policy) {
  const sharded = settings.strategy === "matrix" && settings.shards !== void 0;
  const staticShards = sharded && settings.platform === "gitea";
  return commented(
    sharded ? `Decides which integration modules the change affects, and splits them over ${settings.shards} shards
by the durations in the history (modules it does not know by their test files).` : "Decides which integration modules the change affects: all of them, some, or none.",
    {
      name: "Plan",
      "runs-on": settings.planRunsOn,
      outputs: {
        mode: "${{ steps.plan.outputs.mode }}",
        modules: "${{ steps.plan.outputs.modules }}",
        matrix: "${{ steps.plan.outputs.matrix }}",
        "shard-ids": staticShards ? "${{ steps.plan.outputs.shard-ids }}" : void 0,
        "shard-modules": staticShards ? "${{ steps.plan.outputs.shard-modules }}" : void 0
      },
      steps: [
        commented(
          "A shallow clone (checkout's default) is enough: the planner deepens the history itself until\nthe merge base appears, with the credentials checkout leaves for this job.",
          step(policy, "checkout", "Check out")
        ),
        ...sharded ? restoreHistory(settings, policy) : [],
        toolStep(settings, policy, "Plan", "plan", {
          command: "plan",
          full: "${{ inputs.full == true }}",
          shards: sharded ? settings.shards : void 0
        })
      ]
    }
  );
}
function batchJob(settings, policy) {
  return commented(
    "Every planned module in turn, one test process each, on the runners that share the test\ncontainers; the lock keeps other jobs off those containers meanwhile.",
    {
      name: "Integration tests",
      needs: JOB_IDS.plan,
      if: NOT_SKIPPED,
      "runs-on": settings.runsOn,
      permissions: settings.platform === "github" ? REPORTING_PERMISSIONS : void 0,
      steps: [
        step(policy, "checkout", "Check out"),
        setupNode(settings, policy),
        install(settings),
        ...restoreHistory(settings, policy),
        toolStep(
          settings,
          policy,
          "Run integration tests",
          "run",
          runInputs(settings, "${{ needs.plan.outputs.modules }}", true)
        ),
        uploadReport(settings, policy, REPORT_ARTIFACT, "always()"),
        uploadSnapshots(settings, policy, SNAPSHOT_ARTIFACT, "always()"),
        ...saveHistory(settings, policy, "always()")
      ]
    }
  );
}
function githubMatrixJob(settings, policy) {
  if (settings.shards !== void 0) {
    return githubTestJob(settings, policy, {
      comment: `One job per shard, from the plan's matrix: the planned modules split over ${settings.shards} jobs by
predicted duration, so the jobs end together. fail-fast is off so that every shard reports.
Each job holds the lock of its own host while it uses that host's test containers.`,
      title: "shard ${{ matrix.shard }}",
      modules: "${{ toJSON(matrix.modules) }}",
      artifactSuffix: "shard-${{ matrix.shard }}"
    });
  }
  return githubTestJob(settings, policy, {
    comment: "One job per planned module, from the plan's matrix; fail-fast is off so that every module\nreports. Each job holds the lock of its own host while it uses that host's test containers.",
    title: "${{ matrix.module }}",
    modules: "${{ matrix.module }}",
    artifactSuffix: "${{ matrix.module }}"
  });
}
function githubTestJob(settings, policy, job) {
  return commented(job.comment, {
    name: `Integration tests (${job.title})`,
    needs: JOB_IDS.plan,
    if: NOT_SKIPPED,
    "runs-on": settings.runsOn,
    strategy: { "fail-fast": false, matrix: "${{ fromJSON(needs.plan.outputs.matrix) }}" },
    steps: [
      step(policy, "checkout", "Check out"),
      setupNode(settings, policy),
      install(settings),
      ...restoreHistory(settings, policy),
      toolStep(settings, policy, "Run integration tests", "run", runInputs(settings, job.modules, false)),
      uploadReport(settings, policy, `${REPORT_ARTIFACT}-${job.artifactSuffix}`, "always()"),
      uploadSnapshots(settings, policy, `${SNAPSHOT_ARTIFACT}-${job.artifactSuffix}`, "always()")
    ]
  });
}
function giteaMatrixJob(settings, policy) {
  if (settings.shards !== void 0) return giteaShardJob(settings, policy, settings.shards);
  const when = (extra) => extra ? `${extra} && ${SELECTED_MODULE}` : SELECTED_MODULE;
  return commented(
    "One job per module. Gitea cannot build a matrix from a job output (go-gitea/gitea#25179), so\nthe modules are listed here and each job works only when the plan selected its module.\nRegenerate after adding a module folder: `quality-gates generate --check` in CI catches it.\nEach job holds the lock of its own host while it uses that host's test containers.",
    {
      name: "Integration tests (${{ matrix.module }})",
      needs: JOB_IDS.plan,
      if: NOT_SKIPPED,
      "runs-on": settings.runsOn,
      strategy: { "fail-fast": false, matrix: { module: settings.modules } },
      steps: [
        withIf(step(policy, "checkout", "Check out"), when()),
        withIf(setupNode(settings, policy), when()),
        withIf(install(settings), when()),
        ...restoreHistory(settings, policy, when()),
        withIf(
          toolStep(
            settings,
            policy,
            "Run integration tests",
            "run",
            runInputs(settings, "${{ matrix.module }}", false)
          ),
          when()
        ),
        uploadReport(settings, policy, `${REPORT_ARTIFACT}-\${{ matrix.module }}`, when("always()")),
        uploadSnapshots(settings, policy, `${SNAPSHOT_ARTIFACT}-\${{ matrix.module }}`, when("always()"))
      ]
    }
  );
}
function giteaShardJob(settings, policy, shards) {
  const when = (extra) => extra ? `${extra} && ${SELECTED_SHARD}` : SELECTED_SHARD;
  return commented(
    `One job per shard. Gitea cannot build a matrix from a job output (go-gitea/gitea#25179), so the
${shards} shard numbers are listed here; the plan splits the modules over them by predicted duration,
and each job runs its shard's modules (a shard the plan did not fill, with fewer modules than
shards, does nothing). Each job holds the lock of its own host while it uses that host's test
containers.`,
    {
      name: "Integration tests (shard ${{ matrix.shard }})",
      needs: JOB_IDS.plan,
      if: NOT_SKIPPED,
      "runs-on": settings.runsOn,
      strategy: {
        "fail-fast": false,
        matrix: { shard: Array.from({ length: shards }, (_, index) => String(index + 1)) }
      },
      steps: [
        withIf(step(policy, "checkout", "Check out"), when()),
        withIf(setupNode(settings, policy), when()),
        withIf(install(settings), when()),
        ...restoreHistory(settings, policy, when()),
        withIf(
          toolStep(settings, policy, "Run integration tests", "run", runInputs(settings, SHARD_MODULES, false)),
          when()
        ),
        uploadReport(settings, policy, `${REPORT_ARTIFACT}-shard-\${{ matrix.shard }}`, when("always()")),
        uploadSnapshots(settings, policy, `${SNAPSHOT_ARTIFACT}-shard-\${{ matrix.shard }}`, when("always()"))
      ]
    }
  );
}
function reportJob(settings, policy) {
  const github = settings.platform === "github";
  const download = github ? commented(
    "Each artifact holds a report file of the same name, so they stay in one folder per\nartifact (merge-multiple: false) instead of overwriting each other.",
    {
      ...step(policy, "download-artifact", "Download the module reports"),
      with: { pattern: `${REPORT_ARTIFACT}-*`, path: REPORTS_DIR, "merge-multiple": false }
    }
  ) : commented("v3 without a name downloads every artifact of the run, one folder per artifact.", {
    ...step(policy, "download-artifact", "Download the module reports"),
    with: { path: REPORTS_DIR }
  });
  return commented(
    "Merges the per-module reports into one summary and one commit status, also when modules\nfailed (that is when the report matters most).",
    {
      name: "Report",
      needs: [JOB_IDS.plan, JOB_IDS.tests],
      if: `always() && needs.plan.result == 'success' && ${NOT_SKIPPED}`,
      "runs-on": settings.planRunsOn,
      permissions: github ? REPORTING_PERMISSIONS : void 0,
      steps: [
        commented("The config says how to report (status context, PR comment).", step(policy, "checkout", "Check out")),
        download,
        ...restoreHistory(settings, policy),
        toolStep(settings, policy, "Merge the reports", "merge", {
          command: "merge-reports",
          reports: `${REPORTS_DIR}/**/*.json`,
          history: settings.historyPath
        }),
        ...saveHistory(settings, policy, "always()")
      ]
    }
  );
}
function restoreHistory(settings, policy, condition) {
  if (settings.historyPath === void 0) return [];
  const uses = step(policy, "cache-restore", "Restore the test history");
  const restore = commented(
    "The history of recent runs (durations, memory): packing, slots, shards and baselines read it.\nThis branch's latest first, then the default branch's, so a pull request starts from its base.",
    {
      ...condition === void 0 ? uses : withIf(uses, condition),
      "continue-on-error": true,
      with: {
        path: settings.historyPath,
        key: historyKey(),
        "restore-keys": `${HISTORY_KEY_PREFIX}${BRANCH}:
${HISTORY_KEY_PREFIX}${settings.defaultBranch}:`
      }
    }
  );
  return [restore];
}
function saveHistory(settings, policy, condition) {
  if (settings.historyPath === void 0) return [];
  const save = commented("Saved even when tests fail; skipped when no history was written (nothing ran).", {
    ...withIf(
      step(policy, "cache-save", "Save the test history"),
      `${condition} && hashFiles('${settings.historyPath.replace(/'/g, "''")}') != ''`
    ),
    "continue-on-error": true,
    with: { path: settings.historyPath, key: historyKey() }
  });
  return [save];
}
function historyKey() {
  return `${HISTORY_KEY_PREFIX}${BRANCH}:\${{ github.run_id }}-\${{ github.run_attempt }}`;
}
function runInputs(settings, modules, reports) {
  return {
    command: "run",
    modules,
    lock: settings.lock,
    "force-reset": settings.forceReset,
    // In a matrix the report job sets the one commit status and PR comment for all modules.
    "commit-status": reports ? void 0 : false,
    "pr-comment": reports ? void 0 : "never"
  };
}
function step(policy, role, name) {
  const resolved = usesForRole(role, policy);
  return { name, uses: trailing(resolved.uses, resolved.comment) };
}
function toolStep(settings, policy, name, id, inputs) {
  const resolved = usesForTool(settings.actionRef, policy);
  return {
    name,
    id,
    uses: trailing(resolved.uses, resolved.comment),
    with: { ...inputs, config: settings.configInput }
  };
}
function withIf(stepValue, condition) {
  const { name, ...rest } = stepValue;
  return { name, if: condition, ...rest };
}
function setupNode(settings, policy) {
  return {
    ...step(policy, "setup-node", "Set up Node.js"),
    with: { "node-version": settings.nodeVersion, cache: packageManagerCache(settings.install) }
  };
}
function install(settings) {
  return { name: "Install dependencies", run: settings.install };
}
function uploadReport(settings, policy, name, condition) {
  const files = [settings.reportPath, ...settings.extraReportFiles];
  return commented("Uploaded even when tests fail: a red run is when the report is read.", {
    ...withIf(step(policy, "upload-artifact", "Upload the report"), condition),
    with: { name, path: files.join("\n"), "if-no-files-found": "warn" }
  });
}
function uploadSnapshots(settings, policy, name, condition) {
  const folder = posix.join(posix.dirname(settings.reportPath), "quality-gates-logs", "heap-snapshots");
  return commented(
    "Heap snapshots, when a module's heap kept climbing (leaks.snapshots): open them in Chrome DevTools.",
    {
      ...withIf(step(policy, "upload-artifact", "Upload the heap snapshots"), condition),
      with: { name, path: `${folder}/`, "if-no-files-found": "ignore" }
    }
  );
}
function packageManagerCache(install2) {
  const program = install2.trim().split(/\s+/)[0];
  return program === "npm" || program === "yarn" ? program : void 0;
}
function shellWord(word) {
  return /^[A-Za-z0-9_./@:=+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

// src/generate/generate.ts
function generateWorkflow(repoRoot, flags) {
  const loaded = loadConfig(repoRoot, flags.config);
  const settings = resolveSettings(repoRoot, loaded, flags, listModules(repoRoot, loaded));
  return { settings, text: renderWorkflow(settings) };
}

// src/cli/commands/generate.ts
var HELP = `Usage: quality-gates generate [options]

Writes the CI workflow that plans and runs the integration tests module by module.

Options:
  --platform github|gitea  target (default: workflow.platform in the config, else gitea
                           when the repository has a .gitea/ folder, else github)
  --strategy batch|matrix  batch: one job runs every planned module in turn (default);
                           matrix: one job per module, then a job merging their reports
  --out FILE               where to write: relative to the repository root, or absolute
                           inside it (default: .github/workflows/quality-gates.yml, or
                           .gitea/workflows/quality-gates.yml for gitea)
  --stdout                 print the workflow instead of writing it
  --check                  write nothing; exit 1 with a diff when FILE is missing or
                           differs from what would be generated (for CI drift checks)
  --pin-sha                pin every uses: to the commit SHA in workflow.pins (tag kept
                           as a comment)
  --config FILE            config file (default: quality-gates.config.yml)
  -h, --help               show this help

Exit codes: 0 written / up to date, 1 --check found drift, 2 usage or config error.`;
var generateCommand = async (argv, context) => {
  const { values } = parseCommandArgs("generate", argv, {
    platform: { type: "string" },
    strategy: { type: "string" },
    out: { type: "string" },
    stdout: { type: "boolean" },
    check: { type: "boolean" },
    "pin-sha": { type: "boolean" },
    config: { type: "string" },
    help: { type: "boolean", short: "h" }
  });
  if (values.help) {
    context.stdout.write(HELP + "\n");
    return ExitCode.Ok;
  }
  if (values.check && values.stdout) {
    throw new UsageError(
      "--check and --stdout are alternatives: --check compares with the file, --stdout prints the workflow"
    );
  }
  const { settings, text } = generateWorkflow(context.cwd, {
    platform: values.platform,
    strategy: values.strategy,
    out: values.out,
    config: values.config,
    pinSha: values["pin-sha"]
  });
  if (values.stdout) {
    context.stdout.write(text);
    return ExitCode.Ok;
  }
  const path = join3(context.cwd, settings.out);
  const committed = readIfExists(path);
  if (values.check) {
    const regenerate = regenerateCommand(settings);
    const drift = checkDrift(settings.out, committed, text);
    if (drift.status === "fresh") {
      context.stdout.write(`${settings.out} is up to date
`);
      return ExitCode.Ok;
    }
    if (drift.status === "missing") {
      context.stderr.write(`${settings.out} does not exist \u2014 run '${regenerate}' and commit it
`);
      return ExitCode.Failed;
    }
    context.stdout.write(drift.diff);
    context.stderr.write(
      `${settings.out} is out of date (the diff above shows what regenerating changes) \u2014 run '${regenerate}' and commit it
`
    );
    return ExitCode.Failed;
  }
  if (committed === text) {
    context.stdout.write(`${settings.out} is already up to date (${settings.platform}, ${settings.strategy})
`);
    return ExitCode.Ok;
  }
  writeOutputFile(path, text);
  context.stdout.write(`wrote ${settings.out} (${settings.platform}, ${settings.strategy})
`);
  return ExitCode.Ok;
};
function readIfExists(path) {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return void 0;
    throw new UsageError(`cannot read ${path}: ${error.message} \u2014 --out must name a file`, { cause: error });
  }
}
export {
  generateCommand
};
