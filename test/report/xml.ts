/**
 * A small XML 1.0 well-formedness checker for the JUnit tests (no XML parser is a
 * dependency and xmllint is not installed): balanced, properly nested tags, quoted
 * attributes without `<`, only known or numeric entities, no forbidden characters.
 * Returns the element names in document order so tests can count them.
 */
export function checkWellFormedXml(xml: string): { elements: string[]; attributes: Array<Record<string, string>> } {
  if (/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(xml))
    throw new Error('character not allowed in XML 1.0');
  const stack: string[] = [];
  const elements: string[] = [];
  const attributes: Array<Record<string, string>> = [];
  let i = 0;
  let roots = 0;
  const checkText = (text: string) => {
    for (const match of text.matchAll(/&([^;]*);?/g)) {
      if (!match[0].endsWith(';') || !/^(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+)$/.test(match[1]))
        throw new Error(`bad entity near ${JSON.stringify(text.slice(0, 40))}`);
    }
  };
  if (xml.startsWith('<?xml')) i = xml.indexOf('?>') + 2;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (stack.length === 0 && text.trim() !== '')
      throw new Error(`text outside the root: ${JSON.stringify(text.slice(0, 40))}`);
    checkText(text);
    if (lt < 0) break;
    const gt = findTagEnd(xml, lt);
    const tag = xml.slice(lt + 1, gt);
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      if (stack.pop() !== name) throw new Error(`mismatched </${name}>`);
    } else {
      const selfClosing = tag.endsWith('/');
      const body = selfClosing ? tag.slice(0, -1) : tag;
      const nameMatch = /^([A-Za-z_][\w.-]*)/.exec(body);
      if (!nameMatch) throw new Error(`bad tag <${tag.slice(0, 40)}>`);
      const rest = body.slice(nameMatch[1].length);
      const attrs: Record<string, string> = {};
      const attrRe = /\s+([A-Za-z_][\w.-]*)="([^"<]*)"/y;
      let pos = 0;
      while (pos < rest.trimEnd().length) {
        attrRe.lastIndex = pos;
        const m = attrRe.exec(rest);
        if (!m) throw new Error(`bad attributes in <${nameMatch[1]}${rest.slice(0, 60)}>`);
        if (m[1] in attrs) throw new Error(`duplicate attribute ${m[1]}`);
        checkText(m[2]);
        attrs[m[1]] = decode(m[2]);
        pos = attrRe.lastIndex;
      }
      if (stack.length === 0 && ++roots > 1) throw new Error('more than one root element');
      elements.push(nameMatch[1]);
      attributes.push(attrs);
      if (!selfClosing) stack.push(nameMatch[1]);
    }
    i = gt + 1;
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.at(-1)}>`);
  return { elements, attributes };
}

function findTagEnd(xml: string, start: number): number {
  let quote = false;
  for (let j = start + 1; j < xml.length; j++) {
    if (xml[j] === '"') quote = !quote;
    else if (xml[j] === '<' && !quote) throw new Error(`'<' inside a tag at ${j}`);
    else if (xml[j] === '>' && !quote) return j;
  }
  throw new Error('unterminated tag');
}

function decode(value: string): string {
  return value
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
