import { closeSync, openSync, readSync } from 'node:fs';

const CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Reads a file forward in fixed chunks, one byte or one scan at a time. A heap snapshot is
 * larger than V8's longest string (a 500 MB heap writes a ~900 MB file), so it is never read
 * whole: the parser walks the bytes once and keeps only typed arrays.
 */
export class ByteReader {
  readonly #fd: number;
  #buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  #length = 0;
  #position = 0;
  #consumed = 0;
  #eof = false;

  constructor(path: string) {
    this.#fd = openSync(path, 'r');
  }

  /** Bytes read before the current position (for error messages). */
  get offset(): number {
    return this.#consumed + this.#position;
  }

  /** The current chunk and the position in it, refilled when used up; `length` 0 at end of file. */
  window(): { buffer: Buffer; position: number; length: number } {
    if (this.#position >= this.#length) this.#refill();
    return { buffer: this.#buffer, position: this.#position, length: this.#length };
  }

  /** Moves the position inside the current window (after a scan over `window().buffer`). */
  advanceTo(position: number): void {
    this.#position = position;
  }

  /** The next byte without consuming it, or -1 at end of file. */
  peek(): number {
    if (this.#position >= this.#length) this.#refill();
    return this.#position < this.#length ? this.#buffer[this.#position] : -1;
  }

  /** The next byte, or -1 at end of file. */
  next(): number {
    const byte = this.peek();
    if (byte >= 0) this.#position++;
    return byte;
  }

  /** The next byte that is not JSON whitespace (consumed), or -1 at end of file. */
  nextSignificant(): number {
    for (;;) {
      const byte = this.next();
      if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return byte;
    }
  }

  close(): void {
    closeSync(this.#fd);
  }

  #refill(): void {
    if (this.#eof) return;
    this.#consumed += this.#length;
    this.#position = 0;
    this.#length = readSync(this.#fd, this.#buffer, 0, CHUNK_BYTES, null);
    if (this.#length === 0) this.#eof = true;
  }
}
