/**
 * Escaping for text that comes from tests and file names (untrusted: a pull request
 * chooses them) on its way into Markdown, HTML and XML. GitHub's job summary renders
 * raw HTML and `core.summary` escapes nothing, so every such string goes through here.
 */

/** C0 controls except tab/newline/CR, DEL and C1 controls: never useful in a report. */
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
/**
 * Markdown and HTML specials. Numeric entities keep them literal in tables and inline HTML.
 * Quotes are left alone: they matter only in attribute values, and escapeInline never fills one.
 */
const INLINE_SPECIALS = /[&<>|`[\]\\]/g;
/**
 * Emphasis and strikethrough delimiters. Alone they are plain text (`_lib`, `a*b`): only a
 * second run of the same character can pair up with one, so they are escaped only then.
 * An underscore between two letters or digits (`user_id`) never delimits and does not count.
 */
const DELIMITERS = { _: /(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu, '*': /\*+/g, '~': /~+/g } as const;

/** ANSI CSI/OSC sequences (colours, cursor moves) that test runners print. */
const ANSI_SEQUENCES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

/** Removes ANSI sequences and control characters (NULs, escapes) that break rendering or XML. */
export function stripControlChars(text: string): string {
  return text.replace(ANSI_SEQUENCES, '').replace(CONTROL_CHARS, '');
}

/**
 * For a table cell or one line of Markdown/inline HTML: every Markdown/HTML special
 * becomes a numeric entity (emphasis delimiters only when they could pair up, so `_lib`
 * stays readable in plain text), newlines become spaces (a newline would end a table row),
 * and `@` gets a zero-width space after it so a test name cannot mention people in a
 * pull request comment.
 */
export function escapeInline(text: string): string {
  let out = stripControlChars(text)
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(INLINE_SPECIALS, (c) => `&#${c.charCodeAt(0)};`);
  for (const [char, runs] of Object.entries(DELIMITERS)) {
    if ((out.match(runs)?.length ?? 0) >= 2) out = out.split(char).join(`&#${char.charCodeAt(0)};`);
  }
  return out.replace(/@/g, '@&#8203;');
}

/**
 * For the body of a `<pre>` block: HTML-escaped, newlines kept. Markdown is not parsed
 * inside `<pre>` (a CommonMark type-1 HTML block), so only `&`, `<` and `>` matter.
 */
export function escapePre(text: string): string {
  return stripControlChars(text)
    .replace(/\r\n?/g, '\n')
    .replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** Characters XML 1.0 does not allow at all (not even as references). */
const XML_INVALID = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** For XML attribute values: ANSI and invalid characters dropped, specials and line breaks escaped. */
export function escapeXml(text: string): string {
  return text
    .replace(ANSI_SEQUENCES, '')
    .replace(XML_INVALID, '')
    .replace(/[&<>"'\n\r\t]/g, (c) => XML_ENTITIES[c]);
}

/** For XML element text: like {@link escapeXml}, but line breaks and tabs stay readable. */
export function escapeXmlText(text: string): string {
  return text
    .replace(ANSI_SEQUENCES, '')
    .replace(XML_INVALID, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[&<>]/g, (c) => XML_ENTITIES[c]);
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // Kept as references so attribute values keep their line breaks and tabs.
  '\n': '&#10;',
  '\r': '&#13;',
  '\t': '&#9;',
};

/** Size of a string in UTF-8 bytes (what GitHub's 1 MiB summary limit counts). */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * Shortens text to at most `maxLines` lines and `maxChars` characters, saying so.
 * Never cuts a surrogate pair in half.
 */
export function truncateText(text: string, maxLines: number, maxChars: number): { text: string; truncated: boolean } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let out = lines.slice(0, maxLines).join('\n');
  let truncated = lines.length > maxLines;
  if (out.length > maxChars) {
    out = out.slice(0, maxChars);
    if (/[\uD800-\uDBFF]$/.test(out)) out = out.slice(0, -1);
    truncated = true;
  }
  if (truncated) out = `${out.trimEnd()}\n… (truncated)`;
  return { text: out, truncated };
}

/**
 * A URL made safe as a Markdown link target: only http(s), and the characters that end
 * or break a link (`(`, `)`, `<`, `>`, spaces, quotes) percent-encoded. Undefined otherwise.
 */
export function linkTarget(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url)) return undefined;
  return stripControlChars(url).replace(
    /[\s()<>"'`[\]\\]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}
