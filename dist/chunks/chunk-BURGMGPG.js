import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);

// src/changes/path-bytes.ts
var strict = new TextDecoder("utf-8", { fatal: true });
function decodePath(bytes) {
  try {
    return strict.decode(bytes);
  } catch {
    return decodeEscaping(bytes);
  }
}
function decodeEscaping(bytes) {
  let out = "";
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length === 0) {
      out += String.fromCharCode(56320 + bytes[i]);
      i += 1;
    } else {
      out += strict.decode(bytes.subarray(i, i + length));
      i += length;
    }
  }
  return out;
}
function sequenceLength(bytes, i) {
  const first = bytes[i];
  if (first < 128) return 1;
  const continuation = (k, low = 128, high = 191) => i + k < bytes.length && bytes[i + k] >= low && bytes[i + k] <= high;
  if (first >= 194 && first <= 223) return continuation(1) ? 2 : 0;
  if (first >= 224 && first <= 239) {
    const [low, high] = first === 224 ? [160, 191] : first === 237 ? [128, 159] : [128, 191];
    return continuation(1, low, high) && continuation(2) ? 3 : 0;
  }
  if (first >= 240 && first <= 244) {
    const [low, high] = first === 240 ? [144, 191] : first === 244 ? [128, 143] : [128, 191];
    return continuation(1, low, high) && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;
}

export {
  decodePath
};
