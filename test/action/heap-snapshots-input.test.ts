import { describe, expect, test } from 'vitest';
import { parseInputs } from '../../src/action/inputs.js';

describe("the input 'heap-snapshots'", () => {
  const parse = (value: string) => parseInputs((name) => (name === 'heap-snapshots' ? value : ''));
  test("'' means the config's leaks.snapshots; true or false turn it on or off", () => {
    expect(parse('').heapSnapshots).toBeUndefined();
    expect(parse('true').heapSnapshots).toBe(true);
    expect(parse(' off ').heapSnapshots).toBe(false);
  });
  test('a bad value names the input and the value', () => {
    expect(() => parse('sometimes')).toThrow('input \'heap-snapshots\': expected true or false, got "sometimes"');
  });
});
