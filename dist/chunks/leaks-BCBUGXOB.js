import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  parseCommandArgs
} from "./chunk-QWNBACTB.js";
import {
  ExitCode,
  UsageError
} from "./chunk-LPOMALK6.js";
import "./chunk-OMX5YOFN.js";

// src/cli/commands/leaks.ts
import { resolve } from "node:path";

// src/leaks/class-stats.ts
function classifyNodes(graph) {
  const ids = /* @__PURE__ */ new Map();
  const names = [];
  const typeNames = graph.nodeTypes.map(
    (type) => type === "hidden" ? "(system)" : type === "code" ? "(compiled code)" : `(${type})`
  );
  const byName = /* @__PURE__ */ new Set(["object", "native"]);
  const classOf = new Uint32Array(graph.nodeCount);
  for (let ordinal = 0; ordinal < graph.nodeCount; ordinal++) {
    const base = ordinal * graph.nodeFieldCount;
    const type = graph.nodes[base + graph.offsets.type];
    const name = byName.has(graph.nodeTypes[type]) ? graph.strings[graph.nodes[base + graph.offsets.name]] : typeNames[type];
    let id = ids.get(name);
    if (id === void 0) {
      id = names.length;
      ids.set(name, id);
      names.push(name);
    }
    classOf[ordinal] = id;
  }
  return { classOf, names };
}
function walkDominatorTree(tree, classes, onEnter) {
  const active = new Uint32Array(classes.names.length);
  const stack = new Int32Array(2 * tree.dominator.length + 1);
  let top = 0;
  stack[0] = 0;
  while (top >= 0) {
    const entry = stack[top--];
    if (entry < 0) {
      active[classes.classOf[~entry]]--;
      continue;
    }
    const classId = classes.classOf[entry];
    onEnter(entry, active[classId] === 0, active);
    active[classId]++;
    stack[++top] = ~entry;
    for (let index = tree.childStart[entry]; index < tree.childStart[entry + 1]; index++)
      stack[++top] = tree.children[index];
  }
}
function classFigures(graph, tree, classes) {
  const figures = classes.names.map(() => ({ count: 0, selfSize: 0, retainedSize: 0, topLevelCount: 0 }));
  walkDominatorTree(tree, classes, (ordinal, topLevel) => {
    const entry = figures[classes.classOf[ordinal]];
    entry.count++;
    entry.selfSize += graph.nodes[ordinal * graph.nodeFieldCount + graph.offsets.selfSize];
    if (!topLevel) return;
    entry.retainedSize += tree.retained[ordinal];
    entry.topLevelCount++;
  });
  return new Map(classes.names.map((name, id) => [name, figures[id]]));
}
function highestNodeId(graph) {
  const skipped = new Set(["native", "synthetic"].map((type) => graph.nodeTypes.indexOf(type)));
  let highest = 0;
  for (let base = 0; base < graph.nodes.length; base += graph.nodeFieldCount) {
    if (skipped.has(graph.nodes[base + graph.offsets.type])) continue;
    highest = Math.max(highest, graph.nodes[base + graph.offsets.id]);
  }
  return highest;
}

// src/leaks/containment.ts
function measureContainment(graph, tree, classes, candidates, newerThanId) {
  const slot = new Int32Array(classes.names.length).fill(-1);
  const ids = [];
  for (const name of candidates) {
    const id = classes.names.indexOf(name);
    if (id < 0) continue;
    slot[id] = ids.length;
    ids.push(id);
  }
  const inside = ids.map(() => new Float64Array(ids.length));
  const groups = ids.map(() => /* @__PURE__ */ new Map());
  const biggest = ids.map(() => ({ ordinal: -1, retained: -1 }));
  walkDominatorTree(tree, classes, (ordinal, topLevel, active) => {
    const own = slot[classes.classOf[ordinal]];
    if (own < 0 || !topLevel) return;
    const retained = tree.retained[ordinal];
    if (retained > biggest[own].retained) biggest[own] = { ordinal, retained };
    if (graph.nodes[ordinal * graph.nodeFieldCount + graph.offsets.id] <= newerThanId) return;
    const holder = tree.dominator[ordinal];
    const holders = classes.classOf[holder] * classes.names.length + classes.classOf[tree.dominator[holder]];
    const group = groups[own].get(holders);
    if (!group) groups[own].set(holders, { bytes: retained, ordinal, retained });
    else {
      group.bytes += retained;
      if (retained > group.retained) Object.assign(group, { ordinal, retained });
    }
    for (let other = 0; other < ids.length; other++) {
      if (other !== own && active[ids[other]] > 0) inside[own][other] += retained;
    }
  });
  const insideOf = /* @__PURE__ */ new Map();
  const representative = /* @__PURE__ */ new Map();
  const largest = /* @__PURE__ */ new Map();
  ids.forEach((id, index) => {
    const name = classes.names[id];
    insideOf.set(
      name,
      new Map(
        ids.map((otherId, other) => [classes.names[otherId], inside[index][other]]).filter(([, bytes]) => bytes > 0)
      )
    );
    const heaviest = [...groups[index].values()].sort((a, b) => b.bytes - a.bytes).at(0);
    if (heaviest) representative.set(name, heaviest.ordinal);
    if (biggest[index].ordinal >= 0) largest.set(name, biggest[index].ordinal);
  });
  return { insideOf, representative, largest };
}

// src/leaks/dominators.ts
var ROOT = 0;
function isEssentialEdge(graph, fromOrdinal, edgeOffset) {
  const type = graph.edgeTypes[graph.edges[edgeOffset + graph.edgeOffsets.type]];
  return type !== "weak" && (type !== "shortcut" || fromOrdinal === ROOT);
}
function firstEdgeOffsets(graph) {
  const first = new Uint32Array(graph.nodeCount + 1);
  let offset = 0;
  for (let ordinal = 0; ordinal < graph.nodeCount; ordinal++) {
    first[ordinal] = offset;
    offset += graph.nodes[ordinal * graph.nodeFieldCount + graph.offsets.edgeCount] * graph.edgeFieldCount;
  }
  first[graph.nodeCount] = offset;
  return first;
}
function buildDominatorTree(graph) {
  const firstEdge = firstEdgeOffsets(graph);
  const { order, postIndex } = postOrder(graph, firstEdge);
  const { retainerStart, retainers } = essentialRetainers(graph, firstEdge);
  const dominatorPost = iterateDominators(graph, firstEdge, order, postIndex, retainerStart, retainers);
  const count = graph.nodeCount;
  const dominator = new Uint32Array(count);
  const retained = new Float64Array(count);
  for (let ordinal = 0; ordinal < count; ordinal++) {
    dominator[ordinal] = order[dominatorPost[postIndex[ordinal]]];
    retained[ordinal] = graph.nodes[ordinal * graph.nodeFieldCount + graph.offsets.selfSize];
  }
  for (let post = 0; post < count - 1; post++) {
    const ordinal = order[post];
    retained[dominator[ordinal]] += retained[ordinal];
  }
  const { childStart, children } = childrenOf(dominator);
  return { firstEdge, dominator, retained, childStart, children };
}
function postOrder(graph, firstEdge) {
  const count = graph.nodeCount;
  const order = new Uint32Array(count);
  const postIndex = new Uint32Array(count);
  const visited = new Uint8Array(count);
  const stackNode = new Uint32Array(count);
  const stackEdge = new Uint32Array(count);
  const toNode = graph.edgeOffsets.toNode;
  let next = 0;
  let top = 0;
  stackNode[0] = ROOT;
  stackEdge[0] = firstEdge[ROOT];
  visited[ROOT] = 1;
  while (top >= 0) {
    const ordinal = stackNode[top];
    const edge = stackEdge[top];
    if (edge < firstEdge[ordinal + 1]) {
      stackEdge[top] = edge + graph.edgeFieldCount;
      const target = graph.edges[edge + toNode] / graph.nodeFieldCount;
      if (visited[target] || !isEssentialEdge(graph, ordinal, edge)) continue;
      visited[target] = 1;
      top++;
      stackNode[top] = target;
      stackEdge[top] = firstEdge[target];
    } else {
      if (ordinal !== ROOT) {
        postIndex[ordinal] = next;
        order[next++] = ordinal;
      }
      top--;
    }
  }
  for (let ordinal = 0; ordinal < count; ordinal++) {
    if (visited[ordinal]) continue;
    postIndex[ordinal] = next;
    order[next++] = ordinal;
  }
  postIndex[ROOT] = next;
  order[next] = ROOT;
  return { order, postIndex };
}
function essentialRetainers(graph, firstEdge) {
  const count = graph.nodeCount;
  const retainerStart = new Uint32Array(count + 1);
  const toNode = graph.edgeOffsets.toNode;
  const forEachEssential = (visit) => {
    for (let from = 0; from < count; from++) {
      for (let edge = firstEdge[from]; edge < firstEdge[from + 1]; edge += graph.edgeFieldCount) {
        if (isEssentialEdge(graph, from, edge)) visit(from, graph.edges[edge + toNode] / graph.nodeFieldCount);
      }
    }
  };
  forEachEssential((_from, to) => retainerStart[to + 1]++);
  for (let ordinal = 0; ordinal < count; ordinal++) retainerStart[ordinal + 1] += retainerStart[ordinal];
  const retainers = new Uint32Array(retainerStart[count]);
  const fill = retainerStart.slice(0, count);
  forEachEssential((from, to) => retainers[fill[to]++] = from);
  return { retainerStart, retainers };
}
function iterateDominators(graph, firstEdge, order, postIndex, retainerStart, retainers) {
  const count = graph.nodeCount;
  const rootPost = count - 1;
  const none = count;
  const dominators = new Uint32Array(count).fill(none);
  dominators[rootPost] = rootPost;
  const affected = new Uint8Array(count);
  const markSuccessors = (ordinal) => {
    for (let edge = firstEdge[ordinal]; edge < firstEdge[ordinal + 1]; edge += graph.edgeFieldCount) {
      if (isEssentialEdge(graph, ordinal, edge))
        affected[postIndex[graph.edges[edge + graph.edgeOffsets.toNode] / graph.nodeFieldCount]] = 1;
    }
  };
  markSuccessors(ROOT);
  for (let changed = true; changed; ) {
    changed = false;
    for (let post = rootPost - 1; post >= 0; post--) {
      if (!affected[post]) continue;
      affected[post] = 0;
      if (dominators[post] === rootPost) continue;
      const ordinal = order[post];
      let candidate = none;
      for (let index = retainerStart[ordinal]; index < retainerStart[ordinal + 1]; index++) {
        let retainer = postIndex[retainers[index]];
        if (dominators[retainer] === none) continue;
        if (candidate === none) candidate = retainer;
        else {
          while (retainer !== candidate) {
            while (retainer < candidate) retainer = dominators[retainer];
            while (candidate < retainer) candidate = dominators[candidate];
          }
        }
        if (candidate === rootPost) break;
      }
      if (candidate !== none && dominators[post] !== candidate) {
        dominators[post] = candidate;
        changed = true;
        markSuccessors(ordinal);
      }
    }
  }
  for (let post = 0; post < rootPost; post++) if (dominators[post] === none) dominators[post] = rootPost;
  return dominators;
}
function childrenOf(dominator) {
  const count = dominator.length;
  const childStart = new Uint32Array(count + 1);
  for (let ordinal = 1; ordinal < count; ordinal++) childStart[dominator[ordinal] + 1]++;
  for (let ordinal = 0; ordinal < count; ordinal++) childStart[ordinal + 1] += childStart[ordinal];
  const children = new Uint32Array(Math.max(0, count - 1));
  const fill = childStart.slice(0, count);
  for (let ordinal = 1; ordinal < count; ordinal++) children[fill[dominator[ordinal]]++] = ordinal;
  return { childStart, children };
}

// src/leaks/retainer-path.ts
var NAMED_EDGE_COST = 1;
var INTERNAL_EDGE_COST = 4;
var TRANSIENT_ROOT_COST = 64;
var TRANSIENT_ROOTS = /* @__PURE__ */ new Set(["(Stack roots)", "(Handle scope)"]);
var MAX_TOKENS = 4;
var NAMED_EDGES = /* @__PURE__ */ new Set(["property", "context", "shortcut"]);
function retainerTree(graph, firstEdge) {
  const count = graph.nodeCount;
  const parentNode = new Int32Array(count).fill(-1);
  const parentEdge = new Int32Array(count).fill(-1);
  const distance = new Uint32Array(count).fill(4294967295);
  const done = new Uint8Array(count);
  const buckets = [[0]];
  distance[0] = 0;
  const transient = new Uint8Array(count);
  for (let ordinal = 0; ordinal < count; ordinal++) {
    const base = ordinal * graph.nodeFieldCount;
    if (graph.nodeTypes[graph.nodes[base + graph.offsets.type]] !== "synthetic") continue;
    if (TRANSIENT_ROOTS.has(graph.strings[graph.nodes[base + graph.offsets.name]])) transient[ordinal] = 1;
  }
  for (let cost = 0; cost < buckets.length; cost++) {
    const bucket = buckets.at(cost) ?? [];
    for (let index = 0; index < bucket.length; index++) {
      const ordinal = bucket[index];
      if (done[ordinal] || distance[ordinal] !== cost) continue;
      done[ordinal] = 1;
      for (let edge = firstEdge[ordinal]; edge < firstEdge[ordinal + 1]; edge += graph.edgeFieldCount) {
        if (!isEssentialEdge(graph, ordinal, edge)) continue;
        const target = graph.edges[edge + graph.edgeOffsets.toNode] / graph.nodeFieldCount;
        const type = graph.edgeTypes[graph.edges[edge + graph.edgeOffsets.type]];
        const step = transient[ordinal] ? TRANSIENT_ROOT_COST : NAMED_EDGES.has(type) || type === "element" ? NAMED_EDGE_COST : INTERNAL_EDGE_COST;
        const next = cost + step;
        if (next >= distance[target]) continue;
        distance[target] = next;
        parentNode[target] = ordinal;
        parentEdge[target] = edge;
        (buckets[next] ??= []).push(target);
      }
    }
    buckets[cost] = [];
  }
  return { parentNode, parentEdge };
}
function formatRetainerPath(graph, tree, ordinal) {
  const hops = [];
  for (let at = ordinal; at > 0 && tree.parentNode[at] >= 0; at = tree.parentNode[at])
    hops.push({ ordinal: at, edge: tree.parentEdge[at] });
  if (hops.length === 0) return "";
  hops.reverse();
  const tokens = [];
  let root = "";
  hops.forEach(({ ordinal: node, edge }, index) => {
    if (nodeType(graph, node) === "synthetic") {
      root = graph.strings[graph.nodes[node * graph.nodeFieldCount + graph.offsets.name]];
      return;
    }
    const name = namedEdge(graph, edge);
    if (name === void 0) {
      tokens.push(displayName(graph, node));
      return;
    }
    if (tokens.length > 0) tokens[tokens.length - 1] += `.${name}`;
    else tokens.push(name);
    const nextEdge = index + 1 < hops.length ? hops[index + 1].edge : void 0;
    if (nextEdge === void 0 || namedEdge(graph, nextEdge) === void 0) tokens.push(displayName(graph, node));
  });
  if (tokens.length === 1 && root) tokens.unshift(root);
  const compact = tokens.filter((token, index) => token !== tokens[index - 1]);
  const kept = compact.slice(-MAX_TOKENS);
  while (kept.length > 2 && kept.length < compact.length && kept[0].startsWith("(")) kept.shift();
  return (kept.length < compact.length ? ["\u2026", ...kept] : kept).join(" \u2192 ");
}
function nodeType(graph, ordinal) {
  return graph.nodeTypes[graph.nodes[ordinal * graph.nodeFieldCount + graph.offsets.type]];
}
function namedEdge(graph, edge) {
  const type = graph.edgeTypes[graph.edges[edge + graph.edgeOffsets.type]];
  if (!NAMED_EDGES.has(type)) return void 0;
  const name = graph.strings[graph.edges[edge + graph.edgeOffsets.nameOrIndex]];
  return name && /^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(name) ? name : void 0;
}
function displayName(graph, ordinal) {
  const type = nodeType(graph, ordinal);
  const name = graph.strings[graph.nodes[ordinal * graph.nodeFieldCount + graph.offsets.name]] ?? "";
  if (type === "object" || type === "native") return name || "(object)";
  if (type === "closure") return name ? `${name}()` : "(closure)";
  if (type === "hidden") return "(system)";
  if (type === "code") return "(compiled code)";
  return `(${type})`;
}

// src/leaks/snapshot-reader.ts
import { statSync } from "node:fs";

// src/leaks/byte-reader.ts
import { closeSync, openSync, readSync } from "node:fs";
var CHUNK_BYTES = 4 * 1024 * 1024;
var ByteReader = class {
  #fd;
  #buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  #length = 0;
  #position = 0;
  #consumed = 0;
  #eof = false;
  constructor(path) {
    this.#fd = openSync(path, "r");
  }
  /** Bytes read before the current position (for error messages). */
  get offset() {
    return this.#consumed + this.#position;
  }
  /** The current chunk and the position in it, refilled when used up; `length` 0 at end of file. */
  window() {
    if (this.#position >= this.#length) this.#refill();
    return { buffer: this.#buffer, position: this.#position, length: this.#length };
  }
  /** Moves the position inside the current window (after a scan over `window().buffer`). */
  advanceTo(position) {
    this.#position = position;
  }
  /** The next byte without consuming it, or -1 at end of file. */
  peek() {
    if (this.#position >= this.#length) this.#refill();
    return this.#position < this.#length ? this.#buffer[this.#position] : -1;
  }
  /** The next byte, or -1 at end of file. */
  next() {
    const byte = this.peek();
    if (byte >= 0) this.#position++;
    return byte;
  }
  /** The next byte that is not JSON whitespace (consumed), or -1 at end of file. */
  nextSignificant() {
    for (; ; ) {
      const byte = this.next();
      if (byte !== 32 && byte !== 10 && byte !== 13 && byte !== 9) return byte;
    }
  }
  close() {
    closeSync(this.#fd);
  }
  #refill() {
    if (this.#eof) return;
    this.#consumed += this.#length;
    this.#position = 0;
    this.#length = readSync(this.#fd, this.#buffer, 0, CHUNK_BYTES, null);
    if (this.#length === 0) this.#eof = true;
  }
};

// src/leaks/errors.ts
var HeapSnapshotError = class extends UsageError {
  path;
  constructor(path, problem, options) {
    super(`${path}: ${problem}`, options);
    this.path = path;
  }
};

// src/leaks/snapshot-reader.ts
var QUOTE = 34;
var COMMA = 44;
var BACKSLASH = 92;
var MAX_HEADER_BYTES = 1024 * 1024;
function readHeapSnapshot(path) {
  let size;
  let pipe;
  try {
    const stat = statSync(path);
    pipe = stat.isFIFO();
    if (!stat.isFile() && !pipe) throw new HeapSnapshotError(path, "not a file");
    size = stat.size;
  } catch (error) {
    if (error instanceof HeapSnapshotError) throw error;
    throw new HeapSnapshotError(path, "not found (or not readable) \u2014 give the path of a .heapsnapshot file", {
      cause: error
    });
  }
  if (size === 0 && !pipe) throw new HeapSnapshotError(path, "empty file, not a heap snapshot");
  const reader = new ByteReader(path);
  try {
    return new SnapshotParser(path, reader).parse();
  } finally {
    reader.close();
  }
}
var SnapshotParser = class {
  constructor(path, reader) {
    this.path = path;
    this.reader = reader;
  }
  #header;
  #nodes;
  #edges;
  #strings;
  parse() {
    const first = this.reader.nextSignificant();
    if (first === 91) this.#fail("JSON, but not a V8 heap snapshot (an array, where a snapshot is an object '{\u2026}')");
    if (first !== 123) this.#fail(`not JSON, not a heap snapshot (it starts with '${String.fromCharCode(first)}')`);
    for (; ; ) {
      const start = this.reader.nextSignificant();
      if (start === 125) break;
      if (start !== QUOTE) this.#unexpected(start, "a key");
      const key = this.#readKey();
      if (this.reader.nextSignificant() !== 58)
        this.#fail(`expected ':' after "${key}" at byte ${this.reader.offset}`);
      this.#readMember(key);
      const after = this.reader.nextSignificant();
      if (after === 125) break;
      if (after !== COMMA) this.#unexpected(after, "',' or '}'");
    }
    const graph = this.#graph();
    this.#checkConsistent(graph);
    return graph;
  }
  /**
   * Whether every edge leads to a node, the nodes' edge counts add up to the edges, and the
   * types and names are in range: the graph walks index with these numbers unchecked.
   */
  #checkConsistent(graph) {
    const { nodes, edges, nodeFieldCount, edgeFieldCount, offsets, edgeOffsets } = graph;
    let edgeValues = 0;
    for (let base = 0; base < nodes.length; base += nodeFieldCount) {
      edgeValues += nodes[base + offsets.edgeCount] * edgeFieldCount;
      if (nodes[base + offsets.type] >= graph.nodeTypes.length || nodes[base + offsets.name] >= graph.strings.length)
        this.#fail(`inconsistent heap snapshot: node ${base / nodeFieldCount} has an unknown type or name`);
    }
    if (edgeValues !== edges.length)
      this.#fail(
        `inconsistent heap snapshot: the nodes list ${edgeValues / edgeFieldCount} edges, "edges" has ${edges.length / edgeFieldCount}`
      );
    for (let base = 0; base < edges.length; base += edgeFieldCount) {
      const to = edges[base + edgeOffsets.toNode];
      if (to % nodeFieldCount !== 0 || to >= nodes.length || edges[base + edgeOffsets.type] >= graph.edgeTypes.length)
        this.#fail(`inconsistent heap snapshot: edge ${base / edgeFieldCount} leads nowhere or has an unknown type`);
    }
    if (graph.nodeCount === 0) this.#fail("a heap snapshot with no nodes");
  }
  #readMember(key) {
    if (key === "snapshot") {
      this.#header = this.#parseHeader(this.#readRawValue(MAX_HEADER_BYTES));
      return;
    }
    if ((key === "nodes" || key === "edges" || key === "strings") && !this.#header)
      this.#fail(`"${key}" comes before "snapshot": not a V8 heap snapshot`);
    const header = this.#header;
    if (key === "nodes") this.#nodes = this.#readNumbers(key, header.node_count * header.meta.node_fields.length);
    else if (key === "edges") this.#edges = this.#readNumbers(key, header.edge_count * header.meta.edge_fields.length);
    else if (key === "strings") this.#strings = this.#readStrings();
    else this.#readRawValue(Number.POSITIVE_INFINITY, false);
  }
  #graph() {
    if (!this.#header) this.#fail('no "snapshot" header: JSON, but not a V8 heap snapshot');
    const missing = ["nodes", "edges", "strings"].filter(
      (key) => !{ nodes: this.#nodes, edges: this.#edges, strings: this.#strings }[key]
    );
    if (missing.length > 0)
      this.#fail(`no ${missing.map((key) => `"${key}"`).join(", ")}: not a complete heap snapshot`);
    const { meta, node_count, edge_count } = this.#header;
    const field = (fields, name) => {
      const index = fields.indexOf(name);
      if (index < 0) this.#fail(`snapshot.meta has no "${name}" field`);
      return index;
    };
    return {
      nodeCount: node_count,
      edgeCount: edge_count,
      nodeFieldCount: meta.node_fields.length,
      edgeFieldCount: meta.edge_fields.length,
      nodes: this.#nodes,
      edges: this.#edges,
      strings: this.#strings,
      nodeTypes: meta.node_types[0],
      edgeTypes: meta.edge_types[0],
      offsets: {
        type: field(meta.node_fields, "type"),
        name: field(meta.node_fields, "name"),
        id: field(meta.node_fields, "id"),
        selfSize: field(meta.node_fields, "self_size"),
        edgeCount: field(meta.node_fields, "edge_count")
      },
      edgeOffsets: {
        type: field(meta.edge_fields, "type"),
        nameOrIndex: field(meta.edge_fields, "name_or_index"),
        toNode: field(meta.edge_fields, "to_node")
      }
    };
  }
  #parseHeader(raw) {
    let header;
    try {
      header = JSON.parse(raw);
    } catch {
      this.#fail('the "snapshot" header is not valid JSON');
    }
    const candidate = header;
    const meta = candidate?.meta;
    const valid = typeof candidate?.node_count === "number" && typeof candidate.edge_count === "number" && Array.isArray(meta?.node_fields) && Array.isArray(meta.edge_fields) && Array.isArray(meta.node_types?.[0]) && Array.isArray(meta.edge_types?.[0]);
    if (!valid) this.#fail('"snapshot" has no meta/node_count/edge_count: not a V8 heap snapshot');
    return candidate;
  }
  /** A key string (keys of the top-level object carry no escapes). */
  #readKey() {
    const bytes = [];
    for (; ; ) {
      const byte = this.reader.next();
      if (byte < 0) this.#truncated("inside a key");
      if (byte === QUOTE) return String.fromCharCode(...bytes);
      if (bytes.length > 64) this.#fail("a top-level key longer than 64 bytes: not a V8 heap snapshot");
      bytes.push(byte);
    }
  }
  /** A JSON array of non-negative integers, straight from the bytes into a typed array. */
  #readNumbers(key, expected) {
    if (this.reader.nextSignificant() !== 91) this.#fail(`"${key}" is not an array`);
    const values = new Uint32Array(expected);
    let count = 0;
    let value = 0;
    let digits = 0;
    for (; ; ) {
      const { buffer, position, length } = this.reader.window();
      if (length === 0) this.#truncated(`inside "${key}" after ${count} of ${expected} values`);
      let index = position;
      for (; index < length; index++) {
        const byte = buffer[index];
        if (byte >= 48 && byte <= 57) {
          value = value * 10 + (byte - 48);
          digits++;
        } else if (byte === COMMA || byte === 93) {
          if (digits > 0) {
            if (count >= expected) this.#fail(`"${key}" has more values than the header announces (${expected})`);
            if (value > 4294967295) this.#fail(`"${key}" value ${value} at byte ${this.reader.offset} is out of range`);
            values[count++] = value;
          } else if (byte === COMMA) this.#fail(`empty value in "${key}" at byte ${this.reader.offset}`);
          value = 0;
          digits = 0;
          if (byte === 93) {
            this.reader.advanceTo(index + 1);
            if (count !== expected)
              this.#truncated(`"${key}" has ${count} values where the header announces ${expected}`);
            return values;
          }
        } else if (byte !== 10 && byte !== 32 && byte !== 13 && byte !== 9) {
          this.reader.advanceTo(index);
          this.#unexpected(byte, `a number in "${key}"`);
        }
      }
      this.reader.advanceTo(index);
    }
  }
  /** The `strings` array: JSON strings, decoded without escapes on the fast path. */
  #readStrings() {
    if (this.reader.nextSignificant() !== 91) this.#fail('"strings" is not an array');
    const strings = [];
    for (; ; ) {
      const start = this.reader.nextSignificant();
      if (start === 93) return strings;
      if (start === COMMA && strings.length > 0) continue;
      if (start !== QUOTE) this.#unexpected(start, 'a string in "strings"');
      strings.push(this.#readString(strings.length));
    }
  }
  #readString(index) {
    const pieces = [];
    let escaped = false;
    let sawEscape = false;
    for (; ; ) {
      const { buffer, position, length } = this.reader.window();
      if (length === 0) this.#truncated(`inside "strings"[${index}]`);
      let end = position;
      for (; end < length; end++) {
        const byte = buffer[end];
        if (escaped) escaped = false;
        else if (byte === BACKSLASH) escaped = sawEscape = true;
        else if (byte === QUOTE) break;
      }
      pieces.push(Buffer.from(buffer.subarray(position, end)));
      if (end < length) {
        this.reader.advanceTo(end + 1);
        const raw = pieces.length === 1 ? pieces[0] : Buffer.concat(pieces);
        return sawEscape ? JSON.parse(`"${raw.toString("utf8")}"`) : raw.toString("utf8");
      }
      this.reader.advanceTo(end);
    }
  }
  /** Any JSON value as text (kept only when `keep`), tracking brackets and strings. */
  #readRawValue(maxBytes, keep = true) {
    const bytes = [];
    let depth = 0;
    let inString = false;
    let escaped = false;
    let first = true;
    for (; ; ) {
      const byte = first ? this.reader.nextSignificant() : this.reader.next();
      first = false;
      if (byte < 0) this.#truncated('inside the "snapshot" header or another member');
      if (keep) {
        if (bytes.length >= maxBytes) this.#fail('the "snapshot" header is over 1 MB: not a V8 heap snapshot');
        bytes.push(byte);
      }
      if (inString) {
        if (escaped) escaped = false;
        else if (byte === BACKSLASH) escaped = true;
        else if (byte === QUOTE) inString = false;
      } else if (byte === QUOTE) inString = true;
      else if (byte === 123 || byte === 91) depth++;
      else if (byte === 125 || byte === 93) depth--;
      const next = this.reader.peek();
      const scalarEnds = depth === 0 && !inString && (next === COMMA || next === 125 || next < 0);
      if (depth === 0 && !inString && (byte === 125 || byte === 93 || scalarEnds))
        return keep ? Buffer.from(bytes).toString("utf8") : "";
    }
  }
  #unexpected(byte, what) {
    if (byte < 0) this.#truncated(`where ${what} was expected`);
    this.#fail(`expected ${what} at byte ${this.reader.offset}, found '${String.fromCharCode(byte)}'`);
  }
  #truncated(where) {
    this.#fail(
      `truncated heap snapshot: the file (${this.reader.offset} bytes) ends ${where} \u2014 was it still being written, or cut short by a full disk?`
    );
  }
  #fail(problem) {
    throw new HeapSnapshotError(this.path, problem);
  }
};

// src/leaks/suspects.ts
var GROWTH_THRESHOLDS = {
  /** Below this growth (last − first) a class is noise, whatever else it does. */
  minSizeDeltaBytes: 512 * 1024,
  /** …and below this share of the last snapshot's heap (so big heaps need bigger growth). */
  minHeapShare: 5e-3,
  /** A class holding (or sitting inside) at least this share of another's size is ranked after it. */
  containmentShare: 0.5,
  /** Most suspects listed. */
  limit: 5,
  /** Most classes whose containment is measured (the largest growers). */
  candidateLimit: 30
};
var NEVER_SUSPECTS = /* @__PURE__ */ new Set(["(synthetic)"]);
var NONE = { count: 0, selfSize: 0, retainedSize: 0, topLevelCount: 0 };
function isInternalClass(name) {
  return name.startsWith("(") || name.startsWith("system / ");
}
var GENERIC_BUILTINS = /* @__PURE__ */ new Set([
  "Object",
  "Array",
  "Map",
  "Set",
  "WeakMap",
  "WeakSet",
  "WeakRef",
  "Function",
  "Promise",
  "ArrayBuffer",
  "SharedArrayBuffer",
  "DataView",
  "String",
  "Number",
  "Boolean",
  "Symbol",
  "Error"
]);
function isGenericClass(name) {
  return isInternalClass(name) || GENERIC_BUILTINS.has(name);
}
function growthCandidates(series, lastHeapBytes) {
  const first = series[0];
  const last = series.at(-1);
  const minDelta = minimumGrowth(lastHeapBytes);
  const candidates = [];
  for (const [name, end] of last) {
    if (NEVER_SUSPECTS.has(name)) continue;
    const figures = series.map((snapshot) => snapshot.get(name) ?? NONE);
    const growsEveryStep = figures.slice(1).every((now, step) => now.count > figures[step].count && now.retainedSize > figures[step].retainedSize);
    const start = first.get(name) ?? NONE;
    const sizeDelta = end.retainedSize - start.retainedSize;
    if (!growsEveryStep || sizeDelta < minDelta) continue;
    candidates.push({
      name,
      countDelta: end.count - start.count,
      sizeDelta,
      count: end.count,
      size: end.retainedSize,
      topLevelCountDelta: end.topLevelCount - start.topLevelCount
    });
  }
  return byGrowth(candidates).slice(0, GROWTH_THRESHOLDS.candidateLimit);
}
function largestClasses(figures, heapBytes) {
  const candidates = [...figures].filter(([name, entry]) => !NEVER_SUSPECTS.has(name) && entry.retainedSize >= minimumGrowth(heapBytes)).map(([name, entry]) => ({
    name,
    countDelta: entry.count,
    sizeDelta: entry.retainedSize,
    count: entry.count,
    size: entry.retainedSize,
    topLevelCountDelta: entry.topLevelCount
  }));
  return byGrowth(candidates).slice(0, GROWTH_THRESHOLDS.candidateLimit);
}
function rankSuspects(candidates, insideOf) {
  const share = GROWTH_THRESHOLDS.containmentShare;
  const holds = /* @__PURE__ */ new Map();
  for (const container of candidates) {
    let best;
    for (const held of candidates) {
      if (held === container || isInternalClass(held.name) || !holdsShape(container, held)) continue;
      const bytes = insideOf.get(held.name)?.get(container.name) ?? 0;
      if (bytes >= share * container.sizeDelta && (!best || bytes > best.bytes)) best = { name: held.name, bytes };
    }
    if (best) holds.set(container.name, best.name);
  }
  const ranked = candidates.map((candidate) => {
    const held = holds.get(candidate.name);
    if (held) return { ...candidate, holds: held };
    let best;
    for (const [outer, bytes] of insideOf.get(candidate.name) ?? []) {
      if (holds.has(outer) || outer === candidate.name) continue;
      if (!isGenericClass(candidate.name) && isGenericClass(outer)) continue;
      if (bytes >= share * candidate.sizeDelta && (!best || bytes > best.bytes)) best = { name: outer, bytes };
    }
    return best ? { ...candidate, inside: best.name } : candidate;
  });
  const independent = byGrowth(ranked.filter((candidate) => !candidate.holds && !candidate.inside));
  const dependent = byGrowth(ranked.filter((candidate) => candidate.holds || candidate.inside));
  return [...codeFirst(independent), ...dependent].slice(0, GROWTH_THRESHOLDS.limit);
}
function codeFirst(independent) {
  const named = independent.filter((candidate) => !isGenericClass(candidate.name));
  const largestNamed = named[0]?.sizeDelta ?? 0;
  const dominant = independent.filter(
    (candidate) => isGenericClass(candidate.name) && candidate.sizeDelta >= 2 * largestNamed
  );
  const rest = independent.filter((candidate) => isGenericClass(candidate.name) && !dominant.includes(candidate));
  return [...dominant, ...named, ...rest];
}
function holdsShape(container, held) {
  return container.topLevelCountDelta <= 0 || container.topLevelCountDelta * 100 <= held.topLevelCountDelta;
}
function minimumGrowth(heapBytes) {
  return Math.max(GROWTH_THRESHOLDS.minSizeDeltaBytes, GROWTH_THRESHOLDS.minHeapShare * heapBytes);
}
function byGrowth(candidates) {
  return [...candidates].sort((a, b) => b.sizeDelta - a.sizeDelta || a.name.localeCompare(b.name));
}

// src/leaks/analyze.ts
var MB = 1024 * 1024;
function analyzeSnapshots(paths) {
  if (paths.length === 0) throw new RangeError("analyzeSnapshots: give at least one snapshot");
  const started = performance.now();
  const snapshots = [];
  const series = [];
  let suspects = [];
  let firstHighestId = 0;
  paths.forEach((path, index) => {
    const graph = readHeapSnapshot(path);
    if (index === 0 && paths.length > 1) firstHighestId = highestNodeId(graph);
    const tree = buildDominatorTree(graph);
    const classes = classifyNodes(graph);
    series.push(classFigures(graph, tree, classes));
    snapshots.push({ path, heapMB: round(tree.retained[0] / MB), nodes: graph.nodeCount });
    if (index === paths.length - 1) suspects = suspectsOf({ graph, tree, classes }, series, firstHighestId);
  });
  return {
    comparison: paths.length === 1 ? "single" : "growth",
    snapshots,
    suspects,
    analysisMs: Math.round(performance.now() - started),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024)
  };
}
function suspectsOf(last, series, firstHighestId) {
  const { graph, tree, classes } = last;
  const heapBytes = tree.retained[0];
  const candidates = series.length === 1 ? largestClasses(series[0], heapBytes) : growthCandidates(series, heapBytes);
  const names = candidates.map((candidate) => candidate.name);
  const { insideOf, representative, largest } = measureContainment(graph, tree, classes, names, firstHighestId);
  const ranked = rankSuspects(candidates, insideOf);
  const retainers = ranked.length > 0 ? retainerTree(graph, tree.firstEdge) : void 0;
  return ranked.map((candidate) => {
    const instance = (candidate.holds ? largest : representative).get(candidate.name);
    return {
      name: candidate.name,
      countDelta: candidate.countDelta,
      sizeDeltaMB: round(candidate.sizeDelta / MB),
      count: candidate.count,
      sizeMB: round(candidate.size / MB),
      retainers: retainers && instance !== void 0 ? formatRetainerPath(graph, retainers, instance) : "",
      ...candidate.inside ? { inside: candidate.inside } : {},
      ...candidate.holds ? { holds: candidate.holds } : {}
    };
  });
}
function round(value) {
  return Math.round(value * 100) / 100;
}

// src/leaks/format.ts
function formatSuspectLine(suspect, comparison) {
  const sign = comparison === "growth" ? "+" : "";
  const instances = suspect.countDelta === 1 && comparison === "single" ? "instance" : "instances";
  const figures = `${sign}${suspect.countDelta} ${instances}, ${sign}${suspect.sizeDeltaMB.toFixed(2)} MB`;
  const relation = suspect.holds ? ` (holds ${suspect.holds})` : suspect.inside ? ` (inside ${suspect.inside})` : "";
  const path = suspect.retainers ? ` \u2190 ${suspect.retainers}` : "";
  return `${suspect.name} ${figures}${relation}${path}`;
}
function formatAnalysis(analysis) {
  const heaps = analysis.snapshots.map((snapshot) => `${snapshot.heapMB.toFixed(1)} MB`).join(" \u2192 ");
  const lines = [
    analysis.comparison === "growth" ? `${analysis.snapshots.length} heap snapshots compared (heap ${heaps})` : `1 heap snapshot, nothing to compare it with (heap ${heaps}): the largest constructors`
  ];
  if (analysis.suspects.length === 0) {
    lines.push(
      analysis.comparison === "growth" ? "no suspects: no constructor grew in count and size in every snapshot by more than the noise threshold" : "no constructor retains more than the noise threshold"
    );
  } else {
    if (analysis.comparison === "growth") lines.push("suspects (grew in every snapshot; most telling first):");
    for (const suspect of analysis.suspects) lines.push(`  ${formatSuspectLine(suspect, analysis.comparison)}`);
  }
  lines.push(`analysed in ${(analysis.analysisMs / 1e3).toFixed(1)} s, peak RSS ${analysis.peakRssMB} MB`);
  return lines.join("\n") + "\n";
}

// src/cli/commands/leaks.ts
var HELP = `Usage: quality-gates leaks analyze [--json] [--] SNAPSHOT\u2026

Compares V8 heap snapshots (.heapsnapshot) of one process, given in time order, and names
the constructors whose instance count and retained size grew in every snapshot: how many
instances and megabytes they added (last \u2212 first) and one retainer path from a GC root,
such as "util.__parked \u2192 Array \u2192 LeakyStore". With a single snapshot (say the one
--heapsnapshot-near-heap-limit wrote at an OOM) there is nothing to compare: it lists the
largest constructors instead.

Run it in its own process: it needs about 0.5\u20131\xD7 the snapshot file's size in memory.

Options:
  --json      print { comparison, snapshots, suspects, analysisMs, peakRssMB } as JSON
  -h, --help  show this help

Exit codes: 0 analysed (with or without suspects), 2 bad usage or a file that is missing,
not a heap snapshot or truncated (the message names it).`;
var leaksCommand = async (argv, context) => {
  const { values, positionals, rest } = parseCommandArgs(
    "leaks",
    argv,
    { json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    true
  );
  if (values.help) {
    context.stdout.write(HELP + "\n");
    return ExitCode.Ok;
  }
  const [subcommand, ...named] = positionals;
  const snapshots = [...named, ...rest];
  if (subcommand !== "analyze") {
    const got = positionals.length === 0 ? "nothing" : `'${subcommand}'`;
    throw new UsageError(`expected 'analyze', got ${got} \u2014 usage: quality-gates leaks analyze [--json] SNAPSHOT\u2026`);
  }
  if (snapshots.length === 0)
    throw new UsageError(
      "give the heap snapshots to compare, in time order: quality-gates leaks analyze a.heapsnapshot b.heapsnapshot"
    );
  const analysis = analyzeSnapshots(snapshots.map((path) => resolve(context.cwd, path)));
  const shown = {
    ...analysis,
    // Paths as given on the command line: the output reads like the input.
    snapshots: analysis.snapshots.map((snapshot, index) => ({ ...snapshot, path: snapshots[index] }))
  };
  context.stdout.write(values.json ? JSON.stringify(shown, null, 2) + "\n" : formatAnalysis(shown));
  return ExitCode.Ok;
};
export {
  leaksCommand
};
