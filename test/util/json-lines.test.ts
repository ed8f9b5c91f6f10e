import { describe, expect, test } from 'vitest';
import { jsonLines } from '../../src/util/json-lines.js';

describe('jsonLines', () => {
  test('the objects in order; blank, torn and non-object lines are skipped', () => {
    const text = ['{"a":1}', '', '  ', '[1,2]', '"text"', 'null', '{"b":2}', '{"torn":'].join('\n');
    expect(jsonLines(text)).toEqual([{ a: 1 }, { b: 2 }]);
  });
});
