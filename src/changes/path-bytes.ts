/**
 * File names are bytes; JavaScript strings are UTF-16. git prints names as raw bytes, which
 * need not be UTF-8 (`nonutf\xff.js`). Decoding them as UTF-8 would turn every such byte
 * into U+FFFD and make different names equal. Instead, like Python's "surrogateescape"
 * (PEP 383), each byte that is not part of valid UTF-8 becomes the lone surrogate
 * U+DC80..U+DCFF: valid UTF-8 never decodes to a lone surrogate, so the mapping is
 * lossless, reversible (encodePath) and leaves every UTF-8 name exactly as it was.
 */

const strict = new TextDecoder('utf-8', { fatal: true });

/** Bytes of a path (from git -z output) → a string that keeps every byte. */
export function decodePath(bytes: Uint8Array): string {
  try {
    return strict.decode(bytes);
  } catch {
    return decodeEscaping(bytes);
  }
}

/** The inverse of decodePath: the exact bytes of the name. */
export function encodePath(path: string): Buffer {
  const chunks: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < path.length; i++) {
    const code = path.charCodeAt(i);
    if (code >= 0xdc80 && code <= 0xdcff && !isLowHalfOfPair(path, i)) {
      chunks.push(Buffer.from(path.slice(start, i), 'utf8'), Buffer.of(code - 0xdc00));
      start = i + 1;
    }
  }
  chunks.push(Buffer.from(path.slice(start), 'utf8'));
  return Buffer.concat(chunks);
}

function isLowHalfOfPair(text: string, index: number): boolean {
  const previous = index > 0 ? text.charCodeAt(index - 1) : 0;
  return previous >= 0xd800 && previous <= 0xdbff;
}

/** Decodes valid UTF-8 sequences normally and escapes every other byte. */
function decodeEscaping(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length === 0) {
      out += String.fromCharCode(0xdc00 + bytes[i]);
      i += 1;
    } else {
      out += strict.decode(bytes.subarray(i, i + length));
      i += length;
    }
  }
  return out;
}

/** Length of the valid UTF-8 sequence starting at `i` (RFC 3629: no overlongs, no surrogates), or 0. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const first = bytes[i];
  if (first < 0x80) return 1;
  const continuation = (k: number, low = 0x80, high = 0xbf) =>
    i + k < bytes.length && bytes[i + k] >= low && bytes[i + k] <= high;
  if (first >= 0xc2 && first <= 0xdf) return continuation(1) ? 2 : 0;
  if (first >= 0xe0 && first <= 0xef) {
    const [low, high] = first === 0xe0 ? [0xa0, 0xbf] : first === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return continuation(1, low, high) && continuation(2) ? 3 : 0;
  }
  if (first >= 0xf0 && first <= 0xf4) {
    const [low, high] = first === 0xf0 ? [0x90, 0xbf] : first === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return continuation(1, low, high) && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;
}
