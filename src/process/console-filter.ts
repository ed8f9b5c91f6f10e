import { StringDecoder } from 'node:string_decoder';
import { stripVTControlCharacters } from 'node:util';

/** An escape sequence cut off at the end of a chunk (the rest arrives with the next one). */
const PARTIAL_ESCAPE = /\u001b(?:\[[0-?]*[ -/]*)?$/;

/**
 * Drops one exact line (compared without colour codes and surrounding blanks) from a
 * child's console output, across chunk boundaries: a trailing partial line that could
 * still become that line is held until its end arrives. Everything else passes unchanged,
 * in order. The log file is written from the raw output, so it keeps the line.
 */
export class ConsoleLineFilter {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  constructor(private readonly hiddenLine: string) {}

  /** The part of `chunk` to show now. */
  push(chunk: Buffer): string {
    const text = this.pending + this.decoder.write(chunk);
    this.pending = '';
    let shown = '';
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      const line = text.slice(start, end + 1);
      if (!this.isHidden(line)) shown += line;
      start = end + 1;
    }
    const rest = text.slice(start);
    if (rest !== '' && this.couldBecomeHidden(rest)) this.pending = rest;
    else shown += rest;
    return shown;
  }

  /** What is still held when the stream ends (a last line without a newline). */
  end(): string {
    const rest = this.pending + this.decoder.end();
    this.pending = '';
    return this.isHidden(rest) ? '' : rest;
  }

  private isHidden(line: string): boolean {
    return stripVTControlCharacters(line).trim() === this.hiddenLine;
  }

  private couldBecomeHidden(partial: string): boolean {
    const visible = stripVTControlCharacters(partial.replace(PARTIAL_ESCAPE, '')).trimStart();
    return this.hiddenLine.startsWith(visible);
  }
}
