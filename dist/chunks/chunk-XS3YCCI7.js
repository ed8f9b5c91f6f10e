import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);

// src/report/escape.ts
var CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
var INLINE_SPECIALS = /[&<>|`[\]\\]/g;
var DELIMITERS = { _: /(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu, "*": /\*+/g, "~": /~+/g };
var ANSI_SEQUENCES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;
function stripControlChars(text) {
  return text.replace(ANSI_SEQUENCES, "").replace(CONTROL_CHARS, "");
}
function escapeInline(text) {
  let out = stripControlChars(text).replace(/\r\n|\r|\n/g, " ").replace(INLINE_SPECIALS, (c) => `&#${c.charCodeAt(0)};`);
  for (const [char, runs] of Object.entries(DELIMITERS)) {
    if ((out.match(runs)?.length ?? 0) >= 2) out = out.split(char).join(`&#${char.charCodeAt(0)};`);
  }
  return out.replace(/@/g, "@&#8203;");
}
function escapePre(text) {
  return stripControlChars(text).replace(/\r\n?/g, "\n").replace(/[&<>]/g, (c) => c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;");
}
var XML_INVALID = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
function escapeXml(text) {
  return text.replace(ANSI_SEQUENCES, "").replace(XML_INVALID, "").replace(/[&<>"'\n\r\t]/g, (c) => XML_ENTITIES[c]);
}
function escapeXmlText(text) {
  return text.replace(ANSI_SEQUENCES, "").replace(XML_INVALID, "").replace(/\r\n?/g, "\n").replace(/[&<>]/g, (c) => XML_ENTITIES[c]);
}
var XML_ENTITIES = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  // Kept as references so attribute values keep their line breaks and tabs.
  "\n": "&#10;",
  "\r": "&#13;",
  "	": "&#9;"
};
function utf8Bytes(text) {
  return Buffer.byteLength(text, "utf8");
}
function truncateText(text, maxLines, maxChars) {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  let out = lines.slice(0, maxLines).join("\n");
  let truncated = lines.length > maxLines;
  if (out.length > maxChars) {
    out = out.slice(0, maxChars);
    if (/[\uD800-\uDBFF]$/.test(out)) out = out.slice(0, -1);
    truncated = true;
  }
  if (truncated) out = `${out.trimEnd()}
\u2026 (truncated)`;
  return { text: out, truncated };
}
function linkTarget(url) {
  if (!/^https?:\/\//i.test(url)) return void 0;
  return stripControlChars(url).replace(
    /[\s()<>"'`[\]\\]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`
  );
}

export {
  stripControlChars,
  escapeInline,
  escapePre,
  escapeXml,
  escapeXmlText,
  utf8Bytes,
  truncateText,
  linkTarget
};
