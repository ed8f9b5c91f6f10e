import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';
import { ConfigError, ExitCode } from '../../src/errors.js';

function errorOf(text: string): string {
  try {
    parseConfigText(text, 'quality-gates.config.yml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(ExitCode.Usage);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('config leaks:', () => {
  it('is off by default, three snapshots at most', () => {
    expect(parseConfigText('runner: jest\n', 'quality-gates.config.yml').leaks).toEqual({
      snapshots: false,
      maxSnapshots: 3,
    });
    expect(parseConfigText('leaks:\n  snapshots: true\n  maxSnapshots: 2\n', 'quality-gates.config.yml').leaks).toEqual(
      { snapshots: true, maxSnapshots: 2 },
    );
  });

  it.each([
    [
      'leaks:\n  maxSnapshots: 0\n',
      'quality-gates.config.yml:2:17 leaks.maxSnapshots: a whole number of snapshots from 1 to 10, e.g. 3 (to take none, set snapshots: false) (got number 0)',
    ],
    [
      'leaks:\n  maxSnapshots: 11\n',
      'quality-gates.config.yml:2:17 leaks.maxSnapshots: a whole number of snapshots from 1 to 10, e.g. 3 (each one stops the test process while it is written) (got number 11)',
    ],
    [
      'leaks:\n  maxSnapshots: 2.5\n',
      'quality-gates.config.yml:2:17 leaks.maxSnapshots: a whole number of snapshots from 1 to 10, e.g. 3 (got number 2.5)',
    ],
    [
      'leaks:\n  snapshots: "yes"\n',
      'quality-gates.config.yml:2:14 leaks.snapshots: expected a boolean, got the string "yes"',
    ],
  ])('%j is refused, naming the key and the value', (text, message) => {
    expect(errorOf(text)).toBe(message);
  });
});
