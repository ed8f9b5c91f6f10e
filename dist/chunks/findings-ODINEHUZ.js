import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import "./chunk-OMX5YOFN.js";

// src/plan/imports/findings.ts
import { isAbsolute, join as join3 } from "node:path";

// src/plan/imports/cache.ts
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
var DEFAULT_CACHE_DIR = "node_modules/.cache/quality-gates";
var FORMAT = "imports-1";
var FILE = "imports.json";
var ParseCache = class _ParseCache {
  constructor(dir, entries) {
    this.dir = dir;
    this.old = entries;
  }
  // Read from the cache file: a key not in it has no entry.
  old;
  used = /* @__PURE__ */ new Map();
  misses = 0;
  /** Opens the cache in `dir` (absolute); a missing or unreadable cache starts empty. */
  static open(dir) {
    if (dir === void 0) return new _ParseCache(void 0, {});
    try {
      const parsed = JSON.parse(readFileSync(join(dir, FILE), "utf8"));
      if (parsed.format === FORMAT && typeof parsed.entries === "object") return new _ParseCache(dir, parsed.entries);
    } catch {
    }
    return new _ParseCache(dir, {});
  }
  /** The cached result for this content, or `parse()`'s, remembered. */
  get(path, content, parse) {
    const key = createHash("sha1").update(path.slice(path.lastIndexOf("."))).update("\0").update(content).digest("base64url");
    const known = this.used.get(key) ?? this.old[key];
    if (known) {
      this.used.set(key, known);
      return known;
    }
    this.misses++;
    const fresh = parse();
    this.used.set(key, fresh);
    return fresh;
  }
  /** How many files had to be parsed in this run. */
  get parsedCount() {
    return this.misses;
  }
  /**
   * Writes the entries used in this run (atomically: a temp file renamed over the old one).
   * Returns a warning when the cache cannot be written; planning goes on without it.
   */
  save() {
    if (this.dir === void 0 || this.misses === 0 && this.used.size === Object.keys(this.old).length)
      return void 0;
    const target = join(this.dir, FILE);
    try {
      mkdirSync(this.dir, { recursive: true });
      const temp = `${target}.${process.pid}.tmp`;
      writeFileSync(
        temp,
        JSON.stringify({ format: FORMAT, entries: Object.fromEntries(this.used) })
      );
      renameSync(temp, target);
      return void 0;
    } catch (error) {
      return `import graph: could not write the parse cache ${target} (${error.message}); the next plan parses every file again`;
    }
  }
};

// src/plan/imports/query.ts
var ImportQuery = class {
  constructor(graph) {
    this.graph = graph;
    this.testSet = new Set(graph.tests);
    for (const [file, targets] of graph.edges) {
      for (const target of targets) {
        const list = this.importers.get(target);
        if (list) list.push(file);
        else this.importers.set(target, [file]);
      }
    }
  }
  importers = /* @__PURE__ */ new Map();
  testSet;
  uncertainCache;
  unresolvedCache;
  entryCache;
  /** The finding for one changed path of this tree. */
  explain(file) {
    const entry = this.entryClosure().get(file);
    if (entry !== void 0)
      return { kind: "unknown", why: `${file} is loaded by ${entry} around every test, without an import` };
    if (/(^|\/)__mocks__\//.test(file))
      return {
        kind: "unknown",
        why: `${file} is in a __mocks__ folder, which jest uses in place of a module without an import`
      };
    const reached = this.reverseSearch(file);
    const plausible = this.unresolvedReached().find((u) => mayReferTo(u.specifier, file));
    if (plausible) {
      return {
        kind: "unknown",
        why: `${file} may be what '${plausible.specifier}' in ${plausible.file} (imported by ${plausible.test}) refers to, which did not resolve (${plausible.detail})`
      };
    }
    if (!this.graph.edges.has(file) && !this.importers.has(file)) {
      return { kind: "unknown", why: `${file} is not a JavaScript/TypeScript file and no file imports it` };
    }
    const tests = [];
    for (const [test, parent] of reached) {
      if (!this.testSet.has(test)) continue;
      const via = [];
      for (let step = parent; step !== void 0 && step !== file; step = reached.get(step)) via.push(step);
      tests.push({ test, via: via.reverse() });
    }
    tests.sort((a, b) => a.test < b.test ? -1 : a.test > b.test ? 1 : 0);
    const uncertain = this.uncertainTests().filter((u) => !reached.has(u.test));
    if (tests.length > 0) return { kind: "imported", tests, uncertain };
    if (this.graph.unknownEntries !== void 0)
      return {
        kind: "unknown",
        why: `no test imports ${file}, but ${this.graph.unknownEntries} is not a literal path and may load it`
      };
    return { kind: "unimported", uncertain };
  }
  /** Every file the runners' own entries (setupFiles, …) load, with the option that loads it. */
  entryClosure() {
    if (this.entryCache) return this.entryCache;
    this.entryCache = /* @__PURE__ */ new Map();
    const queue = [];
    for (const { file, source } of this.graph.entries) {
      if (!this.entryCache.has(file)) {
        this.entryCache.set(file, source);
        queue.push(file);
      }
    }
    for (let i = 0; i < queue.length; i++) {
      const source = this.entryCache.get(queue[i]);
      for (const target of this.graph.edges.get(queue[i]) ?? []) {
        if (!this.entryCache.has(target)) {
          this.entryCache.set(target, source);
          queue.push(target);
        }
      }
    }
    return this.entryCache;
  }
  /** file → the file it was reached from (the start maps to undefined): breadth-first, so chains are shortest. */
  reverseSearch(start) {
    const parent = /* @__PURE__ */ new Map([[start, void 0]]);
    const queue = [start];
    for (let i = 0; i < queue.length; i++) {
      const current = queue[i];
      for (const importer of this.importers.get(current) ?? []) {
        if (parent.has(importer)) continue;
        parent.set(importer, current);
        queue.push(importer);
      }
    }
    return parent;
  }
  /** Tests whose imports reach a file with a non-literal load or a syntax error. */
  uncertainTests() {
    if (this.uncertainCache) return this.uncertainCache;
    const found = /* @__PURE__ */ new Map();
    for (const [file, reasons] of this.graph.dynamic) {
      for (const test of this.reverseSearch(file).keys()) {
        if (this.testSet.has(test) && !found.has(test))
          found.set(test, `${file} has ${reasons[0]}${reasons.length > 1 ? ` (and ${reasons.length - 1} more)` : ""}`);
      }
    }
    this.uncertainCache = [...found].map(([test, why]) => ({ test, why })).sort((a, b) => a.test < b.test ? -1 : 1);
    return this.uncertainCache;
  }
  /** Unresolved specifiers in files some test imports (the others cannot hide a test's dependency). */
  unresolvedReached() {
    if (this.unresolvedCache) return this.unresolvedCache;
    this.unresolvedCache = [];
    for (const [file, list] of this.graph.unresolved) {
      const test = [...this.reverseSearch(file).keys()].find((f) => this.testSet.has(f));
      if (test !== void 0)
        for (const { specifier, detail } of list) this.unresolvedCache.push({ file, specifier, detail, test });
    }
    return this.unresolvedCache;
  }
};
function mayReferTo(specifier, file) {
  const segments = specifier.split("/").filter((s) => s !== "" && s !== "." && s !== "..");
  const last = segments.at(-1);
  if (last === void 0) return true;
  const isBare = !specifier.startsWith(".") && !specifier.startsWith("/");
  if (isBare && segments.length <= (specifier.startsWith("@") ? 2 : 1)) return true;
  const stem = (name) => name.replace(/\.[^.]*$/, "");
  const parts = file.split("/");
  const base = parts.at(-1);
  if (base === last || stem(base) === stem(last)) return true;
  return stem(base) === "index" && parts.at(-2) === last;
}

// src/plan/imports/tree.ts
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join as join2 } from "node:path";
var GIT_OPTIONS = { maxBuffer: 1024 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] };
function listWorkTreeFiles(root) {
  let output;
  try {
    output = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
      ...GIT_OPTIONS,
      cwd: root,
      encoding: "utf8"
    });
  } catch (error) {
    const stderr = String(error.stderr ?? "").trim().split("\n")[0];
    throw new Error(`git ls-files cannot list the files of ${root}: ${stderr || error.message}`);
  }
  return [...new Set(output.split("\0").filter((f) => f !== ""))];
}
function listCommitFiles(root, commit) {
  const output = execFileSync("git", ["ls-tree", "-r", "-z", "--name-only", "--end-of-options", commit], {
    ...GIT_OPTIONS,
    cwd: root,
    encoding: "utf8"
  });
  return output.split("\0").filter((f) => f !== "");
}
async function extractCommit(root, commit) {
  const files = listCommitFiles(root, commit);
  const dir = mkdtempSync(join2(tmpdir(), "qg-base-tree-"));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    await new Promise((resolve, reject) => {
      const archive = spawn("git", ["archive", "--format=tar", "--end-of-options", commit], {
        cwd: root,
        stdio: ["ignore", "pipe", "pipe"]
      });
      const tar = spawn("tar", ["-x", "-f", "-", "-C", dir], { stdio: ["pipe", "ignore", "pipe"] });
      archive.stdout.pipe(tar.stdin);
      let errors = "";
      archive.stderr.on("data", (chunk) => errors += chunk.toString());
      tar.stderr.on("data", (chunk) => errors += chunk.toString());
      let pending = 2;
      const done = (code) => {
        if (code !== 0) reject(new Error(errors.trim() || `exit code ${code}`));
        else if (--pending === 0) resolve();
      };
      archive.on("error", reject).on("close", done);
      tar.on("error", reject).on("close", done);
    });
  } catch (error) {
    remove();
    throw error;
  }
  return { dir, files, remove };
}

// src/plan/imports/findings.ts
async function findImportFindings(options) {
  const files = listWorkTreeFiles(options.root);
  const present = new Set(files);
  const inTree = options.changedFiles.filter((file) => present.has(file));
  const deleted = options.changedFiles.filter((file) => !present.has(file));
  const findings = /* @__PURE__ */ new Map();
  const warnings = [];
  const cacheDir = options.cacheDir === null ? void 0 : resolveDir(options.root, options.cacheDir ?? DEFAULT_CACHE_DIR);
  if (inTree.length === 0) {
    if (deleted.length > 0) await explainDeleted(options, deleted, ParseCache.open(cacheDir), findings);
    return { findings, warnings, stats: { files: 0, parsed: 0, tests: 0 } };
  }
  const cache = ParseCache.open(cacheDir);
  const { buildImportGraph } = await import("./graph-X3DA45X3.js");
  const head = buildImportGraph({ root: options.root, files, cache, isTestFile: options.isTestFile });
  warnings.push(...head.warnings);
  const headQuery = new ImportQuery(head);
  for (const file of inTree) findings.set(file, headQuery.explain(file));
  warnings.push(...unresolvedWarnings(headQuery));
  if (deleted.length > 0) await explainDeleted(options, deleted, cache, findings);
  const saveWarning = cache.save();
  if (saveWarning) warnings.push(saveWarning);
  return { findings, warnings, stats: { files: head.edges.size, parsed: cache.parsedCount, tests: head.tests.length } };
}
function resolveDir(root, dir) {
  return isAbsolute(dir) ? dir : join3(root, dir);
}
async function explainDeleted(options, deleted, cache, findings) {
  if (options.base === void 0) {
    for (const file of deleted)
      findings.set(file, {
        kind: "unknown",
        why: `${file} was deleted, and with no base commit its importers cannot be read`
      });
    return;
  }
  let tree;
  try {
    tree = await extractCommit(options.root, options.base);
  } catch (error) {
    for (const file of deleted)
      findings.set(file, {
        kind: "unknown",
        why: `${file} was deleted, and the base tree could not be read (${error.message.split("\n")[0]})`
      });
    return;
  }
  try {
    const { buildImportGraph } = await import("./graph-X3DA45X3.js");
    const graph = buildImportGraph({
      root: tree.dir,
      files: tree.files,
      cache,
      isTestFile: options.isTestFile
    });
    const query = new ImportQuery(graph);
    const inBase = new Set(tree.files);
    for (const file of deleted) {
      if (inBase.has(file)) findings.set(file, query.explain(file));
      else findings.set(file, { kind: "unknown", why: `${file} is in neither the work tree nor the base commit` });
    }
  } finally {
    tree.remove();
  }
}
function unresolvedWarnings(query) {
  const list = query.unresolvedReached();
  if (list.length === 0) return [];
  const shown = list.slice(0, 10).map((u) => `'${u.specifier}' in ${u.file}`).join(", ");
  const more = list.length > 10 ? ` and ${list.length - 10} more` : "";
  return [
    `import graph: ${list.length} specifier${list.length === 1 ? "" : "s"} imported on the way to tests did not resolve: ${shown}${more} \u2014 a changed file they may refer to is planned by the other rules (unmatched)`
  ];
}
export {
  findImportFindings
};
