import { describe, expect, test } from 'vitest';
import { ConsoleLineFilter } from '../../src/process/console-filter.js';

const HIDDEN =
  'Force exiting Jest: Have you considered using `--detectOpenHandles` to detect async operations that kept running after all tests finished?';

function through(chunks: string[]): string {
  const filter = new ConsoleLineFilter(HIDDEN);
  return chunks.map((chunk) => filter.push(Buffer.from(chunk))).join('') + filter.end();
}

describe('ConsoleLineFilter', () => {
  test('drops the exact line, coloured or not, and keeps everything else in order', () => {
    expect(
      through([
        `PASS a.test.js\n\u001b[1mForce exiting Jest: \u001b[22m${HIDDEN.slice('Force exiting Jest: '.length)}\nafter\n`,
      ]),
    ).toBe('PASS a.test.js\nafter\n');
  });

  test('finds the line across chunk boundaries, even cut inside a colour code or a UTF-8 character', () => {
    const text = `héllo\n\u001b[1m${HIDDEN}\u001b[22m\nbye`;
    const bytes = Buffer.from(text);
    for (let cut = 1; cut < bytes.length; cut += 7) {
      const filter = new ConsoleLineFilter(HIDDEN);
      const shown = filter.push(bytes.subarray(0, cut)) + filter.push(bytes.subarray(cut)) + filter.end();
      expect(shown).toBe('héllo\nbye');
    }
  });

  test('a line that only starts like it, or mentions it, is shown', () => {
    expect(through(['Force exiting', ' soon\n', `note: ${HIDDEN}\n`])).toBe(`Force exiting soon\nnote: ${HIDDEN}\n`);
  });
});
