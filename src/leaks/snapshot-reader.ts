import { statSync } from 'node:fs';
import { ByteReader } from './byte-reader.js';
import { HeapSnapshotError } from './errors.js';

/**
 * One parsed heap snapshot: the flat `nodes` and `edges` arrays of the .heapsnapshot format
 * (https://developer.chrome.com/docs/devtools/memory-problems/heap-snapshots; layout from
 * `snapshot.meta`), with the offsets of the fields the analysis reads.
 */
export interface HeapGraph {
  nodeCount: number;
  edgeCount: number;
  nodeFieldCount: number;
  edgeFieldCount: number;
  /** `node_count × node_fields` values; a node's index is its offset / nodeFieldCount. */
  nodes: Uint32Array;
  /** `edge_count × edge_fields` values; a node's edges follow the previous nodes' edges. */
  edges: Uint32Array;
  strings: string[];
  nodeTypes: string[];
  edgeTypes: string[];
  offsets: { type: number; name: number; id: number; selfSize: number; edgeCount: number };
  edgeOffsets: { type: number; nameOrIndex: number; toNode: number };
}

interface SnapshotMeta {
  node_fields: string[];
  node_types: [string[], ...unknown[]];
  edge_fields: string[];
  edge_types: [string[], ...unknown[]];
}

interface SnapshotHeader {
  meta: SnapshotMeta;
  node_count: number;
  edge_count: number;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const BACKSLASH = 0x5c;
/** The `snapshot` header is a few kilobytes; more means this is some other JSON. */
const MAX_HEADER_BYTES = 1024 * 1024;

/**
 * Reads a .heapsnapshot file in one forward pass, in bounded memory besides the arrays kept.
 * Throws HeapSnapshotError naming the file: not found, not JSON, not a heap snapshot
 * (no `snapshot.meta`), or truncated (ends inside an array, or fewer values than announced).
 */
export function readHeapSnapshot(path: string): HeapGraph {
  let size: number;
  let pipe: boolean;
  try {
    const stat = statSync(path);
    // A named pipe is read like a file: a snapshot can be streamed in.
    pipe = stat.isFIFO();
    if (!stat.isFile() && !pipe) throw new HeapSnapshotError(path, 'not a file');
    size = stat.size;
  } catch (error) {
    if (error instanceof HeapSnapshotError) throw error;
    throw new HeapSnapshotError(path, 'not found (or not readable) — give the path of a .heapsnapshot file', {
      cause: error,
    });
  }
  if (size === 0 && !pipe) throw new HeapSnapshotError(path, 'empty file, not a heap snapshot');
  const reader = new ByteReader(path);
  try {
    return new SnapshotParser(path, reader).parse();
  } finally {
    reader.close();
  }
}

/** The top-level object of the file: `snapshot` first, then `nodes`, `edges`, …, `strings`. */
class SnapshotParser {
  #header: SnapshotHeader | undefined;
  #nodes: Uint32Array | undefined;
  #edges: Uint32Array | undefined;
  #strings: string[] | undefined;

  constructor(
    readonly path: string,
    readonly reader: ByteReader,
  ) {}

  parse(): HeapGraph {
    const first = this.reader.nextSignificant();
    if (first === 0x5b) this.#fail("JSON, but not a V8 heap snapshot (an array, where a snapshot is an object '{…}')");
    if (first !== 0x7b) this.#fail(`not JSON, not a heap snapshot (it starts with '${String.fromCharCode(first)}')`);
    for (;;) {
      const start = this.reader.nextSignificant();
      if (start === 0x7d) break;
      if (start !== QUOTE) this.#unexpected(start, 'a key');
      const key = this.#readKey();
      if (this.reader.nextSignificant() !== 0x3a)
        this.#fail(`expected ':' after "${key}" at byte ${this.reader.offset}`);
      this.#readMember(key);
      const after = this.reader.nextSignificant();
      if (after === 0x7d) break;
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
  #checkConsistent(graph: HeapGraph): void {
    const { nodes, edges, nodeFieldCount, edgeFieldCount, offsets, edgeOffsets } = graph;
    let edgeValues = 0;
    for (let base = 0; base < nodes.length; base += nodeFieldCount) {
      edgeValues += nodes[base + offsets.edgeCount] * edgeFieldCount;
      if (nodes[base + offsets.type] >= graph.nodeTypes.length || nodes[base + offsets.name] >= graph.strings.length)
        this.#fail(`inconsistent heap snapshot: node ${base / nodeFieldCount} has an unknown type or name`);
    }
    if (edgeValues !== edges.length)
      this.#fail(
        `inconsistent heap snapshot: the nodes list ${edgeValues / edgeFieldCount} edges, "edges" has ${edges.length / edgeFieldCount}`,
      );
    for (let base = 0; base < edges.length; base += edgeFieldCount) {
      const to = edges[base + edgeOffsets.toNode];
      if (to % nodeFieldCount !== 0 || to >= nodes.length || edges[base + edgeOffsets.type] >= graph.edgeTypes.length)
        this.#fail(`inconsistent heap snapshot: edge ${base / edgeFieldCount} leads nowhere or has an unknown type`);
    }
    if (graph.nodeCount === 0) this.#fail('a heap snapshot with no nodes');
  }

  #readMember(key: string): void {
    if (key === 'snapshot') {
      this.#header = this.#parseHeader(this.#readRawValue(MAX_HEADER_BYTES));
      return;
    }
    if ((key === 'nodes' || key === 'edges' || key === 'strings') && !this.#header)
      this.#fail(`"${key}" comes before "snapshot": not a V8 heap snapshot`);
    const header = this.#header!;
    if (key === 'nodes') this.#nodes = this.#readNumbers(key, header.node_count * header.meta.node_fields.length);
    else if (key === 'edges') this.#edges = this.#readNumbers(key, header.edge_count * header.meta.edge_fields.length);
    else if (key === 'strings') this.#strings = this.#readStrings();
    else this.#readRawValue(Number.POSITIVE_INFINITY, false);
  }

  #graph(): HeapGraph {
    if (!this.#header) this.#fail('no "snapshot" header: JSON, but not a V8 heap snapshot');
    const missing = (['nodes', 'edges', 'strings'] as const).filter(
      (key) => !{ nodes: this.#nodes, edges: this.#edges, strings: this.#strings }[key],
    );
    if (missing.length > 0)
      this.#fail(`no ${missing.map((key) => `"${key}"`).join(', ')}: not a complete heap snapshot`);
    const { meta, node_count, edge_count } = this.#header;
    const field = (fields: string[], name: string) => {
      const index = fields.indexOf(name);
      if (index < 0) this.#fail(`snapshot.meta has no "${name}" field`);
      return index;
    };
    return {
      nodeCount: node_count,
      edgeCount: edge_count,
      nodeFieldCount: meta.node_fields.length,
      edgeFieldCount: meta.edge_fields.length,
      nodes: this.#nodes!,
      edges: this.#edges!,
      strings: this.#strings!,
      nodeTypes: meta.node_types[0],
      edgeTypes: meta.edge_types[0],
      offsets: {
        type: field(meta.node_fields, 'type'),
        name: field(meta.node_fields, 'name'),
        id: field(meta.node_fields, 'id'),
        selfSize: field(meta.node_fields, 'self_size'),
        edgeCount: field(meta.node_fields, 'edge_count'),
      },
      edgeOffsets: {
        type: field(meta.edge_fields, 'type'),
        nameOrIndex: field(meta.edge_fields, 'name_or_index'),
        toNode: field(meta.edge_fields, 'to_node'),
      },
    };
  }

  #parseHeader(raw: string): SnapshotHeader {
    let header: unknown;
    try {
      header = JSON.parse(raw);
    } catch {
      this.#fail('the "snapshot" header is not valid JSON');
    }
    // Checked as plain JSON: any field may be missing in a file that is not a snapshot.
    const candidate = header as {
      meta?: Record<string, unknown[] | undefined>;
      node_count?: unknown;
      edge_count?: unknown;
    } | null;
    const meta = candidate?.meta;
    const valid =
      typeof candidate?.node_count === 'number' &&
      typeof candidate.edge_count === 'number' &&
      Array.isArray(meta?.node_fields) &&
      Array.isArray(meta.edge_fields) &&
      Array.isArray(meta.node_types?.[0]) &&
      Array.isArray(meta.edge_types?.[0]);
    if (!valid) this.#fail('"snapshot" has no meta/node_count/edge_count: not a V8 heap snapshot');
    return candidate as unknown as SnapshotHeader;
  }

  /** A key string (keys of the top-level object carry no escapes). */
  #readKey(): string {
    const bytes: number[] = [];
    for (;;) {
      const byte = this.reader.next();
      if (byte < 0) this.#truncated('inside a key');
      if (byte === QUOTE) return String.fromCharCode(...bytes);
      if (bytes.length > 64) this.#fail('a top-level key longer than 64 bytes: not a V8 heap snapshot');
      bytes.push(byte);
    }
  }

  /** A JSON array of non-negative integers, straight from the bytes into a typed array. */
  #readNumbers(key: string, expected: number): Uint32Array {
    if (this.reader.nextSignificant() !== 0x5b) this.#fail(`"${key}" is not an array`);
    const values = new Uint32Array(expected);
    let count = 0;
    let value = 0;
    let digits = 0;
    for (;;) {
      const { buffer, position, length } = this.reader.window();
      if (length === 0) this.#truncated(`inside "${key}" after ${count} of ${expected} values`);
      let index = position;
      for (; index < length; index++) {
        const byte = buffer[index];
        if (byte >= 0x30 && byte <= 0x39) {
          value = value * 10 + (byte - 0x30);
          digits++;
        } else if (byte === COMMA || byte === 0x5d) {
          if (digits > 0) {
            if (count >= expected) this.#fail(`"${key}" has more values than the header announces (${expected})`);
            if (value > 0xffffffff) this.#fail(`"${key}" value ${value} at byte ${this.reader.offset} is out of range`);
            values[count++] = value;
          } else if (byte === COMMA) this.#fail(`empty value in "${key}" at byte ${this.reader.offset}`);
          value = 0;
          digits = 0;
          if (byte === 0x5d) {
            this.reader.advanceTo(index + 1);
            if (count !== expected)
              this.#truncated(`"${key}" has ${count} values where the header announces ${expected}`);
            return values;
          }
        } else if (byte !== 0x0a && byte !== 0x20 && byte !== 0x0d && byte !== 0x09) {
          this.reader.advanceTo(index);
          this.#unexpected(byte, `a number in "${key}"`);
        }
      }
      this.reader.advanceTo(index);
    }
  }

  /** The `strings` array: JSON strings, decoded without escapes on the fast path. */
  #readStrings(): string[] {
    if (this.reader.nextSignificant() !== 0x5b) this.#fail('"strings" is not an array');
    const strings: string[] = [];
    for (;;) {
      const start = this.reader.nextSignificant();
      if (start === 0x5d) return strings;
      if (start === COMMA && strings.length > 0) continue;
      if (start !== QUOTE) this.#unexpected(start, 'a string in "strings"');
      strings.push(this.#readString(strings.length));
    }
  }

  #readString(index: number): string {
    const pieces: Buffer[] = [];
    let escaped = false;
    let sawEscape = false;
    for (;;) {
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
        return sawEscape ? (JSON.parse(`"${raw.toString('utf8')}"`) as string) : raw.toString('utf8');
      }
      this.reader.advanceTo(end);
    }
  }

  /** Any JSON value as text (kept only when `keep`), tracking brackets and strings. */
  #readRawValue(maxBytes: number, keep = true): string {
    const bytes: number[] = [];
    let depth = 0;
    let inString = false;
    let escaped = false;
    let first = true;
    for (;;) {
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
      else if (byte === 0x7b || byte === 0x5b) depth++;
      else if (byte === 0x7d || byte === 0x5d) depth--;
      const next = this.reader.peek();
      const scalarEnds = depth === 0 && !inString && (next === COMMA || next === 0x7d || next < 0);
      if (depth === 0 && !inString && (byte === 0x7d || byte === 0x5d || scalarEnds))
        return keep ? Buffer.from(bytes).toString('utf8') : '';
    }
  }

  #unexpected(byte: number, what: string): never {
    if (byte < 0) this.#truncated(`where ${what} was expected`);
    this.#fail(`expected ${what} at byte ${this.reader.offset}, found '${String.fromCharCode(byte)}'`);
  }

  #truncated(where: string): never {
    this.#fail(
      `truncated heap snapshot: the file (${this.reader.offset} bytes) ends ${where} — was it still being written, or cut short by a full disk?`,
    );
  }

  #fail(problem: string): never {
    throw new HeapSnapshotError(this.path, problem);
  }
}
