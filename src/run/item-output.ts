import { Writable } from 'node:stream';

/**
 * Collects a test process's console output (stdout and stderr, in the order written) so it
 * can be printed as one block when its work item ends: with parallel slots, two processes'
 * lines must never interleave. The log file gets everything as it happens anyway.
 */
export class OutputBlock extends Writable {
  private readonly chunks: Buffer[] = [];

  override _write(chunk: Buffer | string, encoding: BufferEncoding, callback: () => void): void {
    this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk);
    callback();
  }

  /** Everything written so far. */
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/**
 * Prints an item's block in one write: `::group::TITLE` (on Actions, so the block folds),
 * the head lines, the process's output, `::endgroup::`. One write, so nothing the tool
 * prints meanwhile (another item's progress line) can land inside it.
 */
export function printBlock(
  say: (text: string) => void,
  block: { title: string; head: readonly string[]; output: string; group: boolean },
): void {
  const output = block.output === '' || block.output.endsWith('\n') ? block.output : `${block.output}\n`;
  const lines = [...(block.group ? [`::group::${block.title}`] : []), ...block.head]
    .map((line) => `${line}\n`)
    .join('');
  say(`${lines}${output}${block.group ? '::endgroup::\n' : ''}`);
}
