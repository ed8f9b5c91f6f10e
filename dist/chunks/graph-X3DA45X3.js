import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  escapeRegExp
} from "./chunk-6LBAFHHF.js";
import {
  require_dist
} from "./chunk-J7EPJJHD.js";
import {
  Minimatch
} from "./chunk-OXXGRHMT.js";
import {
  __toESM
} from "./chunk-OMX5YOFN.js";

// src/plan/imports/graph.ts
import { readFileSync as readFileSync5 } from "node:fs";
import { join as join7 } from "node:path";

// src/plan/imports/oxc-wasm.ts
import * as nodeFs from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, parse as parsePath } from "node:path";
import { fileURLToPath } from "node:url";
var VENDOR_DIR = "vendor";
var PARSER_WASM = "oxc-parser/parser.wasm32-wasip1.wasm";
var RESOLVER_PACKAGE = "@oxc-resolver/binding-wasm32-wasi";
function findVendorDir(moduleDir = dirname(fileURLToPath(import.meta.url))) {
  for (const dir of [join(moduleDir, "..", VENDOR_DIR), join(moduleDir, VENDOR_DIR)]) {
    if (nodeFs.existsSync(join(dir, PARSER_WASM)) && nodeFs.existsSync(join(dir, "node_modules", RESOLVER_PACKAGE)))
      return dir;
  }
  throw new Error(`no WebAssembly build of oxc beside ${moduleDir} (scripts/bundle.mjs puts it in dist/${VENDOR_DIR})`);
}
function loadVendoredOxc(vendorDir = findVendorDir()) {
  const require2 = createRequire(join(vendorDir, "node_modules", "loader.cjs"));
  const runtime = require2("@napi-rs/wasm-runtime");
  const { createContext } = require2("@emnapi/runtime");
  const root = parsePath(process.cwd()).root;
  const resolver = instantiate(
    runtime,
    createContext(),
    nodeFs.readFileSync(join(vendorDir, "node_modules", RESOLVER_PACKAGE, "resolver.wasm32-wasi.wasm")),
    {
      wasi: new runtime.WASI({ version: "preview1", env: process.env, preopens: { [root]: root }, fs: nodeFs }),
      shared: true
    }
  );
  const parser = instantiate(runtime, createContext(), nodeFs.readFileSync(join(vendorDir, PARSER_WASM)), {
    wasi: new runtime.WASI({ version: "preview1", env: process.env }),
    shared: false
  });
  const parseSync = parser.parseSync;
  return {
    parseSync: (filename, source, options) => wrapResult(parseSync(filename, source, options)),
    ResolverFactory: resolver.ResolverFactory
  };
}
function instantiate(runtime, context, wasm, options) {
  const memory = new WebAssembly.Memory({ initial: 4e3, maximum: 65536, shared: options.shared });
  const { napiModule } = runtime.instantiateNapiModuleSync(wasm, {
    context,
    asyncWorkPoolSize: 0,
    wasi: options.wasi,
    overwriteImports(imports) {
      imports.env = { ...imports.env, ...imports.napi, ...imports.emnapi, memory };
      return imports;
    },
    beforeInit({ instance }) {
      for (const [name, register] of Object.entries(instance.exports)) {
        if (name.startsWith("__napi_register__")) register();
      }
    }
  });
  return napiModule.exports;
}
function wrapResult(raw) {
  let program, module, comments, errors;
  return {
    get program() {
      program ??= parseProgram(raw.program);
      return program;
    },
    get module() {
      module ??= raw.module;
      return module;
    },
    get comments() {
      comments ??= raw.comments;
      return comments;
    },
    get errors() {
      errors ??= raw.errors;
      return errors;
    }
  };
}
function parseProgram(json) {
  const { node, fixes } = JSON.parse(json);
  for (const path of fixes) {
    let literal = node;
    for (const key of path) literal = literal[key];
    if (literal.bigint) literal.value = BigInt(literal.bigint);
    else {
      const regex = literal.regex;
      try {
        literal.value = new RegExp(regex.pattern, regex.flags);
      } catch {
      }
    }
  }
  return node;
}

// src/plan/imports/oxc.ts
var OXC_BINDING_ENV = "QUALITY_GATES_OXC";
async function loadOxc(env = process.env) {
  let nativeError;
  if (env[OXC_BINDING_ENV] === "wasm") nativeError = `${OXC_BINDING_ENV}=wasm`;
  else {
    try {
      const [parser, resolver] = await Promise.all([import("oxc-parser"), import("oxc-resolver")]);
      return { parseSync: parser.parseSync, ResolverFactory: resolver.ResolverFactory, binding: "native" };
    } catch (error) {
      nativeError = firstLine(error);
    }
  }
  try {
    const vendored = loadVendoredOxc();
    return {
      parseSync: vendored.parseSync,
      ResolverFactory: vendored.ResolverFactory,
      binding: "wasm",
      whyNotNative: nativeError
    };
  } catch (error) {
    throw new Error(`${nativeError}; and ${firstLine(error)}`);
  }
}
function firstLine(error) {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0];
}
var oxc = await loadOxc();
if (oxc.binding === "wasm")
  process.stderr.write(
    `quality-gates: import graph parses with oxc's WebAssembly build (native bindings not loaded: ${oxc.whyNotNative})
`
  );

// src/plan/imports/parse.ts
var CODE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];
function isCodePath(path) {
  return CODE_EXTENSIONS.some((ext) => path.endsWith(ext));
}
var MOCK_OBJECTS = /* @__PURE__ */ new Set(["jest", "vi"]);
var MOCK_METHODS = /* @__PURE__ */ new Set([
  "mock",
  "doMock",
  "unmock",
  "doUnmock",
  "dontMock",
  "setMock",
  "requireActual",
  "requireMock",
  "importActual",
  "importMock",
  "createMockFromModule"
]);
var NEEDS_WALK = /\brequire\b|\.(?:mock|doMock|unmock|doUnmock|dontMock|setMock|requireActual|requireMock|importActual|importMock|createMockFromModule)\s*\(/;
var MAY_IMPORT_CALL = /\bimport\s*[(/]/;
function langOf(path) {
  if (path.endsWith(".tsx")) return "tsx";
  if (path.endsWith(".ts") || path.endsWith(".mts") || path.endsWith(".cts"))
    return path.endsWith(".d.ts") ? "dts" : "ts";
  return "jsx";
}
function parseImports(path, source, from = oxc.binding === "wasm" ? "program" : "module") {
  const result = oxc.parseSync(path, source, { lang: langOf(path), sourceType: "unambiguous" });
  const specifiers = /* @__PURE__ */ new Set();
  const dynamic = [];
  const error = result.errors.find((e) => e.severity === "Error");
  if (from === "module" || error !== void 0) {
    addModuleRecord(result.module, source, specifiers, dynamic);
    if (NEEDS_WALK.test(source)) walk(result.program, source, { specifiers, dynamic, importCalls: false });
  } else {
    const program = result.program;
    if (NEEDS_WALK.test(source) || MAY_IMPORT_CALL.test(source))
      walk(program, source, { specifiers, dynamic, importCalls: true });
    else addTopLevel(program, specifiers);
  }
  const parsed = { specifiers: [...specifiers].sort(), dynamic: dynamic.sort() };
  if (error) parsed.error = error.message;
  return parsed;
}
function addModuleRecord(module, source, specifiers, dynamic) {
  for (const item of module.staticImports) specifiers.add(item.moduleRequest.value);
  for (const item of module.staticExports) {
    for (const entry of item.entries) if (entry.moduleRequest) specifiers.add(entry.moduleRequest.value);
  }
  for (const item of module.dynamicImports) {
    const text = source.slice(item.moduleRequest.start, item.moduleRequest.end);
    const literal = literalText(text);
    if (literal !== void 0) specifiers.add(literal);
    else dynamic.push(importCallText(text, source, item.start));
  }
}
function addTopLevel(program, specifiers) {
  for (const statement of program.body) {
    const from = declarationSource(statement);
    if (from !== void 0) specifiers.add(from);
  }
}
function declarationSource(node) {
  if (node.type !== "ImportDeclaration" && node.type !== "ExportAllDeclaration" && node.type !== "ExportNamedDeclaration")
    return void 0;
  const from = node.source;
  return typeof from?.value === "string" ? from.value : void 0;
}
function importCallText(argument, source, start) {
  return `import(${argument.slice(0, 40)}) at line ${lineAt(source, start)}`;
}
function literalText(text) {
  const trimmed = text.trim();
  const quote = trimmed[0];
  if ((quote === '"' || quote === "'") && trimmed.endsWith(quote) && trimmed.length >= 2) {
    const body = trimmed.slice(1, -1);
    if (!body.includes("\\")) return body;
    try {
      return JSON.parse(`"${body.replace(/\\'/g, "'").replace(/(?<!\\)"/g, '\\"')}"`);
    } catch {
      return void 0;
    }
  }
  if (quote === "`" && trimmed.endsWith("`") && !trimmed.includes("${") && trimmed.length >= 2)
    return trimmed.slice(1, -1);
  return void 0;
}
function lineAt(source, offset) {
  let line = 1;
  for (let i = source.indexOf("\n"); i >= 0 && i < offset; i = source.indexOf("\n", i + 1)) line++;
  return line;
}
function walk(program, source, found) {
  const stack = [program];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (const item of value) if (item !== null && typeof item === "object") stack.push(item);
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    const node = value;
    if (node.type === "CallExpression") visitCall(node, source, found.specifiers, found.dynamic);
    else if (node.type === "TSExternalModuleReference") {
      const expression = node.expression;
      if (expression?.type === "Literal" && typeof expression.value === "string")
        found.specifiers.add(expression.value);
    } else if (found.importCalls) visitImport(node, source, found);
    for (const key in node) {
      const child = node[key];
      if (child !== null && typeof child === "object") stack.push(child);
    }
  }
}
function visitImport(node, source, found) {
  if (node.type === "ImportExpression") {
    const argument = node.source;
    const literal = literalNode(argument, source);
    if (literal !== void 0) found.specifiers.add(literal);
    else found.dynamic.push(importCallText(source.slice(argument.start, argument.end), source, node.start ?? 0));
    return;
  }
  const from = declarationSource(node);
  if (from !== void 0) found.specifiers.add(from);
}
function literalNode(node, source) {
  if (node.type === "Literal") return typeof node.value === "string" ? node.value : void 0;
  if (node.type === "TemplateLiteral" && node.expressions.length === 0)
    return literalText(source.slice(node.start, node.end));
  return void 0;
}
function visitCall(node, source, specifiers, dynamic) {
  const callee = node.callee;
  const kind = callKind(callee);
  if (kind === void 0) return;
  const first = node.arguments[0];
  if (first === void 0 || first.type === "ImportExpression") return;
  const literal = literalNode(first, source);
  if (literal !== void 0) specifiers.add(literal);
  else if (kind === "require")
    dynamic.push(`${source.slice(node.start, node.end).slice(0, 60)} at line ${lineAt(source, node.start ?? 0)}`);
}
function callKind(callee) {
  if (callee.type === "Identifier" && callee.name === "require") return "require";
  if (callee.type !== "MemberExpression" || callee.computed) return void 0;
  const object = callee.object;
  const property = callee.property.name;
  if (object.type !== "Identifier" || property === void 0) return void 0;
  if (object.name === "require" && property === "resolve") return "require";
  if (MOCK_OBJECTS.has(object.name) && MOCK_METHODS.has(property)) return "mock";
  return void 0;
}

// src/plan/imports/resolve.ts
import { existsSync as existsSync2, mkdirSync, mkdtempSync, rmSync, statSync as statSync2, symlinkSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { dirname as dirname3, isAbsolute as isAbsolute2, join as join3, relative, sep } from "node:path";

// src/plan/imports/tsconfig.ts
import { readFileSync as readFileSync2, statSync, writeFileSync } from "node:fs";
import { dirname as dirname2, isAbsolute, join as join2, resolve } from "node:path";
function flattenTsconfig(path, packageDir, depth = 0) {
  const flat = { compilerOptions: {}, missing: [] };
  if (depth > 20) return flat;
  const config = readJsonc(path);
  if (config === void 0) return flat;
  const parents = typeof config.extends === "string" ? [config.extends] : Array.isArray(config.extends) ? config.extends.filter((e) => typeof e === "string") : [];
  for (const parent of parents) {
    const target = locateExtends(dirname2(path), parent, packageDir);
    if (target === void 0) {
      flat.missing.push(parent);
      continue;
    }
    const inherited = flattenTsconfig(target, packageDir, depth + 1);
    Object.assign(flat.compilerOptions, inherited.compilerOptions);
    flat.missing.push(...inherited.missing);
  }
  const options = config.compilerOptions ?? {};
  if (typeof options.baseUrl === "string") flat.compilerOptions.baseUrl = resolve(dirname2(path), options.baseUrl);
  if (options.paths !== null && typeof options.paths === "object") {
    const base = typeof options.baseUrl === "string" ? resolve(dirname2(path), options.baseUrl) : flat.compilerOptions.baseUrl ?? dirname2(path);
    const paths = {};
    for (const [pattern, targets] of Object.entries(options.paths)) {
      if (Array.isArray(targets))
        paths[pattern] = targets.filter((t) => typeof t === "string").map((t) => isAbsolute(t) ? t : resolve(base, t));
    }
    flat.compilerOptions.paths = paths;
  }
  return flat;
}
function writeFlatTsconfig(flat, file) {
  writeFileSync(file, JSON.stringify({ compilerOptions: flat.compilerOptions }));
}
function locateExtends(dir, specifier, packageDir) {
  const withJson = (p) => [p, `${p}.json`, join2(p, "tsconfig.json")].find(isFile);
  if (specifier.startsWith(".") || isAbsolute(specifier)) return withJson(resolve(dir, specifier));
  const name = /^(@[^/]+\/)?[^/]+/.exec(specifier)?.[0];
  const pkg = name === void 0 ? void 0 : packageDir(name);
  if (pkg !== void 0) return withJson(join2(pkg, specifier.slice(name.length)));
  for (let current = dir; ; current = dirname2(current)) {
    const found = withJson(join2(current, "node_modules", specifier));
    if (found !== void 0 || dirname2(current) === current) return found;
  }
}
function isFile(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
function readJsonc(path) {
  let text;
  try {
    text = readFileSync2(path, "utf8");
  } catch {
    return void 0;
  }
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end - 1;
    } else if (char === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      out += "\n";
    } else if (char === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 1;
    } else out += char;
  }
  try {
    return JSON.parse(out.replace(/,(\s*[}\]])/g, "$1"));
  } catch {
    return void 0;
  }
}
function stringEnd(text, start) {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}

// src/plan/imports/resolve.ts
var BUILTINS = new Set(builtinModules);
var PACKAGE_NAME = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?=\/|$)/i;
var BASE_OPTIONS = {
  tsconfig: "auto",
  // jest-environment-node and vitest both resolve with node conditions, ESM and CJS alike.
  conditionNames: ["node", "import", "require", "default"],
  extensions: [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".json", ".node"],
  // TypeScript's NodeNext style: `./a.js` in source means `./a.ts` on disk.
  extensionAlias: {
    ".js": [".ts", ".tsx", ".js", ".jsx"],
    ".mjs": [".mts", ".mjs"],
    ".cjs": [".cts", ".cjs"],
    ".jsx": [".tsx", ".jsx"]
  },
  mainFields: ["main", "module"],
  builtinModules: true,
  nodePath: false
};
var SOURCE_OPTIONS = {
  conditionNames: ["source", "development", "types", "node", "import", "require", "default"],
  mainFields: ["source", "types", "typings", "main", "module"]
};
var REQUIRE_OPTIONS = { conditionNames: ["node", "require", "default"] };
var SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];
var ImportResolver = class {
  /**
   * `isTracked` says which repository files git knows: a workspace package's entry that is
   * not one of them is a build output (gitignored `dist/`), which stands for its sources.
   */
  constructor(root, packages, scopes, isTracked = () => true) {
    this.root = root;
    this.scopes = scopes;
    this.isTracked = isTracked;
    this.linkDir = mkdtempSync(join3(tmpdir(), "qg-workspaces-"));
    for (const pkg of packages) {
      const link = join3(this.linkDir, "node_modules", pkg.name);
      mkdirSync(dirname3(link), { recursive: true });
      try {
        symlinkSync(join3(root, pkg.dir), link, "dir");
      } catch {
      }
    }
    this.packageDirs = new Map(packages.map((p) => [p.name, join3(root, p.dir)]).reverse());
    this.base = new oxc.ResolverFactory({ ...BASE_OPTIONS, modules: this.modules(void 0) });
  }
  linkDir;
  byScope = /* @__PURE__ */ new Map();
  base;
  packageDirs;
  /** tsconfig path and scope → resolvers over its flattened copy (see flattenTsconfig). */
  flat = /* @__PURE__ */ new Map();
  /**
   * Relative specifiers' resolutions by `directory\0specifier`: a relative path resolves the
   * same from every file of a folder (tsconfig paths and baseUrl map bare names only, and the
   * runner scope is a folder's). Bare names are not cached: with tsconfig references, two
   * files of one folder can belong to projects with different paths.
   */
  relative = /* @__PURE__ */ new Map();
  /** What the resolver had to work around, for the plan's warnings. */
  warnings = [];
  modules(scope) {
    return ["node_modules", ...scope?.modules ?? [], join3(this.linkDir, "node_modules")];
  }
  resolvers(scope) {
    let found = this.byScope.get(scope);
    if (!found) {
      const modules = this.modules(scope);
      const normal = scope === void 0 ? this.base : this.base.cloneWithOptions({ ...BASE_OPTIONS, modules });
      found = {
        normal,
        source: this.base.cloneWithOptions({ ...BASE_OPTIONS, ...SOURCE_OPTIONS, modules }),
        require: this.base.cloneWithOptions({ ...BASE_OPTIONS, ...REQUIRE_OPTIONS, modules })
      };
      this.byScope.set(scope, found);
    }
    return found;
  }
  /** The deepest jest/vitest config folder containing `file`. */
  scopeOf(file) {
    let best;
    for (const scope of this.scopes) {
      if ((scope.dir === "" || file.startsWith(scope.dir + "/")) && (best === void 0 || scope.dir.length > best.dir.length))
        best = scope;
    }
    return best;
  }
  /** Resolves `specifier` as imported by `from` (repo-relative). */
  resolve(from, specifier) {
    if (specifier.startsWith("node:") || BUILTINS.has(specifier) || BUILTINS.has(specifier.split("/")[0]))
      return { kind: "external" };
    if (!specifier.startsWith("./") && !specifier.startsWith("../")) return this.resolveUncached(from, specifier);
    const key = `${dirname3(from)}\0${specifier}`;
    let found = this.relative.get(key);
    if (found === void 0) {
      found = this.resolveUncached(from, specifier);
      this.relative.set(key, found);
    }
    return found;
  }
  resolveUncached(from, specifier) {
    const scope = this.scopeOf(from);
    const file = join3(this.root, from);
    for (const rule of scope?.rules ?? []) {
      const match = rule.regex.exec(specifier);
      if (match) return this.resolveMapped(file, specifier, match, rule, scope);
    }
    return this.resolvePlain(file, specifier, scope);
  }
  resolveMapped(file, specifier, match, rule, scope) {
    for (const replacement of rule.replacements) {
      const mapped = rule.kind === "jest" ? replacement.replace(/\$(\d+)/g, (_, index) => match[Number(index)] ?? "") : specifier.replace(rule.regex, replacement);
      const result = this.resolvePlain(file, mapped, scope);
      if (result.kind !== "unresolved") return result;
    }
    return {
      kind: "unresolved",
      detail: `mapped by ${rule.source} to ${rule.replacements.join(" or ")}, which does not resolve`
    };
  }
  resolvePlain(file, specifier, scope) {
    let resolvers = this.resolvers(scope);
    let run = (resolver) => resolver.resolveFileSync(file, specifier);
    let result = run(resolvers.normal);
    if (result.error?.startsWith("Tsconfig not found")) {
      resolvers = this.flatResolvers(file, scope);
      run = (resolver) => resolver.sync(dirname3(file), specifier);
      result = run(resolvers.normal);
    }
    const packageName = PACKAGE_NAME.exec(specifier)?.[0];
    const workspaceDir = packageName === void 0 ? void 0 : this.packageDirs.get(packageName);
    if (result.path === void 0 && workspaceDir !== void 0) result = run(resolvers.source);
    if (result.builtin) return { kind: "external" };
    if (result.path !== void 0) {
      const path = this.inRepository(result.path);
      if (path === void 0) return { kind: "external" };
      if (workspaceDir === void 0) return { kind: "file", paths: [path] };
      const paths = /* @__PURE__ */ new Set([path, this.inRepository(run(resolvers.require).path) ?? path]);
      if ([...paths].some((p) => !this.isTracked(p)))
        for (const p of this.sourceEntry(workspaceDir, specifier.slice(packageName.length))) paths.add(p);
      return { kind: "file", paths: [...paths] };
    }
    if (workspaceDir !== void 0) {
      const sources = this.sourceEntry(workspaceDir, specifier.slice(packageName.length));
      if (sources.length > 0) return { kind: "file", paths: sources };
    }
    if (packageName !== void 0 && workspaceDir === void 0 && !specifier.startsWith("."))
      return { kind: "external" };
    return { kind: "unresolved", detail: result.error ?? "not found" };
  }
  /** `absolute` as a repo-relative POSIX path, or undefined when outside it or in node_modules. */
  inRepository(absolute) {
    if (absolute === void 0) return void 0;
    const path = relative(this.root, absolute);
    if (path.startsWith("..") || isAbsolute2(path) || path.split(sep).includes("node_modules")) return void 0;
    return path.split(sep).join("/");
  }
  /**
   * The conventional source entry of a workspace package for `subpath` ('' or '/x'):
   * `src/index.*` or `src/x.*` / `src/x/index.*`, as preconstruct, tsup and tsc layouts have.
   */
  sourceEntry(packageDir, subpath) {
    const base = join3(packageDir, "src", subpath === "" ? "index" : subpath.slice(1));
    const candidates = [
      ...SOURCE_EXTENSIONS.map((ext) => base + ext),
      ...SOURCE_EXTENSIONS.map((ext) => join3(base, "index" + ext))
    ];
    const found = this.inRepository(candidates.find(isFile2));
    return found === void 0 ? [] : [found];
  }
  /**
   * Resolvers for a file whose tsconfig `extends` a package that is not installed: over a
   * flattened copy of the nearest tsconfig (its own and its repository parents' paths).
   */
  flatResolvers(file, scope) {
    let dir = dirname3(file);
    while (!existsSync2(join3(dir, "tsconfig.json")) && dir.length > this.root.length) dir = dirname3(dir);
    const tsconfig = join3(dir, "tsconfig.json");
    const key = `${tsconfig}\0${scope?.file ?? ""}`;
    let found = this.flat.get(key);
    if (!found) {
      const flat = flattenTsconfig(tsconfig, (name) => this.packageDirs.get(name));
      const copy = join3(this.linkDir, `tsconfig-${this.flat.size}.json`);
      writeFlatTsconfig(flat, copy);
      if (flat.missing.length > 0)
        this.warnings.push(
          `import graph: ${relative(this.root, tsconfig)} extends ${flat.missing.map((m) => `'${m}'`).join(", ")}, which is not installed; the repository's own paths are used`
        );
      const modules = this.modules(scope);
      found = {
        normal: this.base.cloneWithOptions({ ...BASE_OPTIONS, modules, tsconfig: { configFile: copy } }),
        source: this.base.cloneWithOptions({
          ...BASE_OPTIONS,
          ...SOURCE_OPTIONS,
          modules,
          tsconfig: { configFile: copy }
        }),
        require: this.base.cloneWithOptions({
          ...BASE_OPTIONS,
          ...REQUIRE_OPTIONS,
          modules,
          tsconfig: { configFile: copy }
        })
      };
      this.flat.set(key, found);
    }
    return found;
  }
  /** Removes the temporary folder of workspace links. */
  dispose() {
    rmSync(this.linkDir, { recursive: true, force: true });
  }
};
function isFile2(path) {
  try {
    return statSync2(path).isFile();
  } catch {
    return false;
  }
}

// src/plan/imports/runner-config.ts
import { readFileSync as readFileSync3 } from "node:fs";
import { join as join5, posix } from "node:path";

// src/plan/imports/static-value.ts
import { dirname as dirname4, join as join4, resolve as resolve2 } from "node:path";
import { fileURLToPath as fileURLToPath2, pathToFileURL } from "node:url";
var UNKNOWN = Symbol("unknown");
var IDENTITY_CALLS = /* @__PURE__ */ new Set(["defineConfig", "defineProject", "defineWorkspace"]);
function readStaticConfig(absolutePath, source) {
  const program = oxc.parseSync(absolutePath, source, { sourceType: "unambiguous" }).program;
  const consts = /* @__PURE__ */ new Map();
  let exported;
  for (const statement of program.body) {
    if (statement.type === "VariableDeclaration") {
      for (const declarator of statement.declarations) {
        const id = declarator.id;
        if (id.type === "Identifier" && declarator.init) consts.set(id.name, declarator.init);
      }
    } else if (statement.type === "ExportDefaultDeclaration") exported = statement.declaration;
    else if (statement.type === "ExpressionStatement") {
      const expression = statement.expression;
      if (expression.type === "AssignmentExpression" && isModuleExports(expression.left))
        exported = expression.right;
    }
  }
  if (exported === void 0) return UNKNOWN;
  const context = { dir: dirname4(absolutePath), file: absolutePath, consts, depth: 0 };
  return evaluate(exported, context);
}
function isModuleExports(node) {
  return node.type === "MemberExpression" && node.object.type === "Identifier" && node.object.name === "module" && node.property.name === "exports";
}
function evaluate(node, context) {
  switch (node.type) {
    case "Literal":
      if (node.regex)
        return {
          regex: node.regex.pattern,
          flags: node.regex.flags
        };
      return node.value;
    case "TemplateLiteral":
      return node.expressions.length === 0 ? node.quasis[0].value.cooked : UNKNOWN;
    case "ArrayExpression":
      return node.elements.map(
        (element) => element === null || element.type === "SpreadElement" ? UNKNOWN : evaluate(element, context)
      );
    case "ObjectExpression":
      return evaluateObject(node, context);
    case "Identifier":
      return evaluateIdentifier(node.name, context);
    case "TSAsExpression":
    case "TSSatisfiesExpression":
    case "ParenthesizedExpression":
      return evaluate(node.expression, context);
    case "CallExpression":
      return evaluateCall(node, context);
    case "MemberExpression":
      return evaluateMember(node, context);
    default:
      return UNKNOWN;
  }
}
function evaluateObject(node, context) {
  const result = {};
  for (const property of node.properties) {
    if (property.type !== "Property" || property.computed) return UNKNOWN;
    const key = property.key;
    const name = key.type === "Identifier" ? key.name : key.type === "Literal" ? String(key.value) : void 0;
    if (name === void 0) return UNKNOWN;
    result[name] = evaluate(property.value, context);
  }
  return result;
}
function evaluateIdentifier(name, context) {
  if (name === "__dirname") return context.dir;
  if (name === "__filename") return context.file;
  const init = context.consts.get(name);
  if (init === void 0 || context.depth > 20) return UNKNOWN;
  return evaluate(init, { ...context, depth: context.depth + 1 });
}
function evaluateMember(node, context) {
  const object = node.object;
  const property = node.property.name;
  if (object.type === "MetaProperty" && property === "dirname") return context.dir;
  if (object.type === "MetaProperty" && property === "filename") return context.file;
  if (object.type === "MetaProperty" && property === "url") return pathToFileURL(context.file).href;
  if (property === "pathname" && object.type === "NewExpression") return evaluateUrl(object, context);
  return UNKNOWN;
}
function evaluateCall(node, context) {
  const callee = node.callee;
  const name = callee.type === "Identifier" ? callee.name : callee.type === "MemberExpression" ? callee.property.name : void 0;
  const args = node.arguments.map((arg) => evaluate(arg, context));
  if (name !== void 0 && IDENTITY_CALLS.has(name) && args.length === 1) return args[0];
  if (name === "fileURLToPath" && node.arguments[0]?.type === "NewExpression")
    return evaluateUrl(node.arguments[0], context);
  if ((name === "resolve" || name === "join") && args.length > 0 && args.every((a) => typeof a === "string")) {
    return name === "resolve" ? resolve2(context.dir, ...args) : join4(...args);
  }
  return UNKNOWN;
}
function evaluateUrl(node, context) {
  const [relative2, base] = node.arguments.map((arg) => evaluate(arg, context));
  if (typeof relative2 !== "string" || typeof base !== "string" || !base.startsWith("file://")) return UNKNOWN;
  return fileURLToPath2(new URL(relative2, base));
}

// src/plan/imports/runner-config.ts
var JEST_ENTRY_KEYS = [
  "setupFiles",
  "setupFilesAfterEnv",
  "globalSetup",
  "globalTeardown",
  "testEnvironment",
  "snapshotResolver",
  "testSequencer",
  "resolver",
  "testRunner",
  "reporters"
];
var VITEST_ENTRY_KEYS = ["setupFiles", "globalSetup", "environment"];
var BUILTIN_NAMES = /* @__PURE__ */ new Set([
  "node",
  "jsdom",
  "happy-dom",
  "edge-runtime",
  "default",
  "github-actions",
  "summary",
  "verbose",
  "jest-circus",
  "jest-circus/runner"
]);
var JEST_CONFIG = /(?:^|\/)jest\.config\.(?:js|cjs|mjs|ts|cts|mts|json)$/;
var VITE_CONFIG = /(?:^|\/)(?:vitest|vite)\.config\.(?:js|cjs|mjs|ts|cts|mts)$/;
function readRunnerConfigs(root, files) {
  const scopes = [];
  const warnings = [];
  for (const file of files) {
    if (file.includes("node_modules/")) continue;
    const dir = posix.dirname(file) === "." ? "" : posix.dirname(file);
    if (JEST_CONFIG.test(file) || file.endsWith("package.json")) {
      const config = readConfig(root, file, warnings);
      if (config === void 0) continue;
      const projects = Array.isArray(config) ? [] : config.projects;
      for (const project of [config, ...Array.isArray(projects) ? projects : []]) {
        if (project !== null && typeof project === "object" && !Array.isArray(project) && !("regex" in project)) {
          scopes.push(jestScope(root, dir, file, project, warnings));
        }
      }
    } else if (VITE_CONFIG.test(file)) {
      const config = readConfig(root, file, warnings);
      if (config !== void 0) scopes.push(viteScope(root, dir, file, config, warnings));
    }
  }
  return { scopes: scopes.filter((s) => s.rules.length > 0 || s.modules.length > 0 || s.entries.length > 0), warnings };
}
function readConfig(root, file, warnings) {
  let text;
  try {
    text = readFileSync3(join5(root, file), "utf8");
  } catch {
    return void 0;
  }
  if (file.endsWith("package.json")) {
    try {
      const jest = JSON.parse(text).jest;
      return jest ?? void 0;
    } catch {
      return void 0;
    }
  }
  if (file.endsWith(".json")) {
    try {
      return JSON.parse(text);
    } catch (error) {
      warnings.push(
        `import graph: ${file} is not valid JSON (${error.message}); its module mappings are not applied`
      );
      return void 0;
    }
  }
  const value = readStaticConfig(join5(root, file), text);
  if (value === UNKNOWN || value === null || typeof value !== "object") {
    warnings.push(
      `import graph: ${file} does not export a literal config object, so its module mappings cannot be read without running it \u2014 export a literal object (or defineConfig({...})) for the import graph to apply them`
    );
    return void 0;
  }
  return value;
}
function jestScope(root, dir, file, config, warnings) {
  const rootDirValue = config.rootDir;
  const rootDir = typeof rootDirValue === "string" ? posix.resolve(join5(root, dir), rootDirValue) : join5(root, dir);
  const expand = (value) => value.replaceAll("<rootDir>", rootDir);
  const scope = { dir: posix.relative(root, rootDir), rules: [], modules: [], file, entries: [] };
  addEntries(
    scope,
    config,
    JEST_ENTRY_KEYS,
    (entry) => entry.startsWith(".") ? join5(rootDir, entry) : expand(entry),
    warnings
  );
  const mapper = config.moduleNameMapper;
  if (isObject(mapper)) {
    for (const [pattern, target] of Object.entries(mapper)) {
      const replacements = (Array.isArray(target) ? target : [target]).filter((t) => typeof t === "string").map(expand);
      const source = `${file} moduleNameMapper '${pattern}'`;
      if (replacements.length === 0)
        warnings.push(`import graph: ${source} does not map to a literal path; it is not applied`);
      else scope.rules.push({ source, kind: "jest", regex: new RegExp(pattern), replacements });
    }
  } else if (mapper !== void 0) {
    warnings.push(
      `import graph: ${file} moduleNameMapper is not a literal object; it is not applied \u2014 write it as { "regex": "path" }`
    );
  }
  for (const key of ["modulePaths", "moduleDirectories"]) {
    const value = config[key];
    if (!Array.isArray(value)) continue;
    for (const entry of value) {
      if (typeof entry !== "string" || entry === "node_modules") continue;
      scope.modules.push(
        key === "modulePaths" || entry.includes("<rootDir>") || entry.startsWith("/") ? expand(entry) : join5(rootDir, entry)
      );
    }
  }
  return scope;
}
function viteScope(root, dir, file, config, warnings) {
  const scope = { dir, rules: [], modules: [], file, entries: [] };
  if (!isObject(config)) return scope;
  if (isObject(config.test))
    addEntries(
      scope,
      config.test,
      VITEST_ENTRY_KEYS,
      (entry) => entry.startsWith(".") ? join5(root, dir, entry) : entry,
      warnings
    );
  const aliases = [
    isObject(config.resolve) ? config.resolve.alias : void 0,
    isObject(config.test) ? config.test.alias : void 0
  ];
  for (const alias of aliases) {
    if (alias === void 0) continue;
    const entries = Array.isArray(alias) ? alias.map(
      (entry) => isObject(entry) ? [entry.find ?? UNKNOWN, entry.replacement ?? UNKNOWN] : [UNKNOWN, UNKNOWN]
    ) : isObject(alias) ? Object.entries(alias) : [[UNKNOWN, UNKNOWN]];
    for (const [find, replacement] of entries) {
      if (typeof replacement !== "string" || typeof find !== "string" && !isRegex(find)) {
        warnings.push(`import graph: ${file} has a resolve.alias entry that is not literal; it is not applied`);
        continue;
      }
      const regex = typeof find === "string" ? new RegExp(`^${escapeRegExp(find)}(?=/|$)`) : new RegExp(find.regex, find.flags);
      const target = replacement.startsWith(".") ? join5(root, dir, replacement) : replacement;
      scope.rules.push({
        source: `${file} resolve.alias '${typeof find === "string" ? find : `/${find.regex}/`}'`,
        kind: "vite",
        regex,
        replacements: [target]
      });
    }
  }
  return scope;
}
function addEntries(scope, config, keys, expand, warnings) {
  for (const key of keys) {
    const value = config[key];
    if (value === void 0 || value === null) continue;
    const items = Array.isArray(value) ? value.map((item) => Array.isArray(item) ? item[0] : item) : [value];
    for (const item of items) {
      if (typeof item !== "string") {
        warnings.push(
          `import graph: ${scope.file} ${key} is not a literal path, so the files it loads are not known \u2014 a changed file no test imports is then planned by the other rules`
        );
        scope.entries.push({ specifier: "", source: `${scope.file} ${key}` });
        continue;
      }
      if (!BUILTIN_NAMES.has(item)) scope.entries.push({ specifier: expand(item), source: `${scope.file} ${key}` });
    }
  }
}
function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !isRegex(value);
}
function isRegex(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value) && "regex" in value && "flags" in value && Object.keys(value).length === 2;
}

// src/plan/imports/workspaces.ts
import { readFileSync as readFileSync4 } from "node:fs";
import { join as join6 } from "node:path";
var import_yaml = __toESM(require_dist(), 1);
function readWorkspaces(root, files) {
  const warnings = [];
  const patterns = [];
  const rootManifest = readJson(root, "package.json", warnings);
  const workspaces = rootManifest?.workspaces;
  patterns.push(
    ...stringList(
      Array.isArray(workspaces) ? workspaces : workspaces?.packages
    )
  );
  if (files.includes("pnpm-workspace.yaml")) {
    try {
      patterns.push(
        ...stringList(
          (0, import_yaml.parse)(readFileSync4(join6(root, "pnpm-workspace.yaml"), "utf8"))?.packages
        )
      );
    } catch (error) {
      warnings.push(
        `import graph: pnpm-workspace.yaml is not valid YAML (${error.message}); its packages are not known by name`
      );
    }
  }
  if (files.includes("lerna.json"))
    patterns.push(
      ...stringList(readJson(root, "lerna.json", warnings)?.packages)
    );
  if (patterns.length === 0) return { packages: [], warnings };
  const positives = patterns.filter((p) => !p.startsWith("!")).map((p) => new Minimatch(normalize(p), { dot: true }));
  const negatives = patterns.filter((p) => p.startsWith("!")).map((p) => new Minimatch(normalize(p.slice(1)), { dot: true }));
  const packages = [];
  for (const file of files) {
    if (!file.endsWith("/package.json") || file.includes("node_modules/")) continue;
    const dir = file.slice(0, -"/package.json".length);
    if (!positives.some((m) => m.match(dir)) || negatives.some((m) => m.match(dir))) continue;
    const name = readJson(root, file, warnings)?.name;
    if (typeof name === "string" && name !== "") packages.push({ name, dir });
  }
  return { packages: packages.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0), warnings };
}
function normalize(pattern) {
  return pattern.replace(/^\.\//, "").replace(/\/+$/, "");
}
function stringList(value) {
  return Array.isArray(value) ? value.filter((v) => typeof v === "string") : [];
}
function readJson(root, file, warnings) {
  let text;
  try {
    text = readFileSync4(join6(root, file), "utf8");
  } catch {
    return void 0;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    warnings.push(`import graph: ${file} is not valid JSON (${error.message}); it is skipped`);
    return void 0;
  }
}

// src/plan/imports/graph.ts
function buildImportGraph(source) {
  const { root, files, cache, isTestFile } = source;
  const workspaces = readWorkspaces(root, files);
  const runner = readRunnerConfigs(root, files);
  const graph = {
    edges: /* @__PURE__ */ new Map(),
    dynamic: /* @__PURE__ */ new Map(),
    unresolved: /* @__PURE__ */ new Map(),
    tests: [],
    entries: [],
    warnings: [...workspaces.warnings, ...runner.warnings]
  };
  const tracked = new Set(files);
  const resolver = new ImportResolver(
    root,
    workspaces.packages,
    runner.scopes.filter((s) => s.rules.length > 0 || s.modules.length > 0),
    (path) => tracked.has(path)
  );
  try {
    const pending = files.filter((file) => isCodePath(file) && !file.includes("node_modules/"));
    for (const file of pending) if (isTestFile(file)) graph.tests.push(file);
    const seen = new Set(pending);
    for (let index = 0; index < pending.length; index++) {
      const file = pending[index];
      const targets = addFile(graph, root, file, cache, resolver, tracked.has(file));
      for (const target of targets) {
        if (!seen.has(target) && !tracked.has(target) && isCodePath(target)) {
          seen.add(target);
          pending.push(target);
        }
      }
    }
    addEntries2(graph, runner.scopes, resolver);
    graph.warnings.push(...resolver.warnings);
  } finally {
    resolver.dispose();
  }
  return graph;
}
function addFile(graph, root, file, cache, resolver, tracked) {
  let content;
  try {
    content = readFileSync5(join7(root, file), "utf8");
  } catch {
    return [];
  }
  const parsed = cache.get(file, content, () => parseImports(file, content));
  const targets = /* @__PURE__ */ new Set();
  for (const specifier of parsed.specifiers) {
    const resolution = resolver.resolve(file, specifier);
    if (resolution.kind === "file") {
      for (const path of resolution.paths) if (path !== file) targets.add(path);
    } else if (resolution.kind === "unresolved" && tracked) {
      const list = graph.unresolved.get(file) ?? [];
      list.push({ specifier, detail: resolution.detail });
      graph.unresolved.set(file, list);
    }
  }
  graph.edges.set(file, [...targets]);
  const uncertain = parsed.error === void 0 ? parsed.dynamic : [...parsed.dynamic, `a syntax error (${parsed.error})`];
  if (uncertain.length > 0) graph.dynamic.set(file, uncertain);
  return [...targets];
}
function addEntries2(graph, scopes, resolver) {
  for (const scope of scopes) {
    for (const { specifier, source } of scope.entries) {
      if (specifier === "") {
        graph.unknownEntries ??= source;
        continue;
      }
      const resolution = resolver.resolve(scope.file, specifier);
      if (resolution.kind === "file") for (const file of resolution.paths) graph.entries.push({ file, source });
      else if (resolution.kind === "unresolved")
        graph.warnings.push(
          `import graph: ${source} names '${specifier}', which does not resolve (${resolution.detail})`
        );
    }
  }
}
export {
  buildImportGraph
};
