import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { decodePath } from '../changes/path-bytes.js';
import { UsageError } from '../errors.js';

/**
 * Reads a list of file names from FILE or `-` (stdin). NUL-separated input (from
 * `git diff -z --name-only`) is used as is, so names with newlines survive; otherwise one
 * name per line. Blank entries are dropped; a leading "./" is removed. Names are decoded like
 * git's output (decodePath): a name that is not UTF-8 keeps every byte.
 */
export async function readFileList(source: string, cwd: string, stdin: Readable): Promise<string[]> {
  let text: string;
  if (source === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    text = decodePath(Buffer.concat(chunks));
  } else {
    try {
      text = decodePath(readFileSync(resolve(cwd, source)));
    } catch (error) {
      throw new UsageError(
        `--files ${source}: cannot read the file list (${(error as NodeJS.ErrnoException).code ?? String(error)}) — give a file with one path per line, or - for stdin`,
      );
    }
  }
  const entries = text.includes('\0') ? text.split('\0') : text.split(/\r?\n/);
  return entries.filter((entry) => entry.trim() !== '').map((entry) => entry.replace(/^\.\//, ''));
}
