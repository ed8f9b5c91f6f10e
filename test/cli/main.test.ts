import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors.js';
import { runCli } from '../helpers/cli.js';

describe('quality-gates (the CLI entry)', () => {
  it("treats the names of Object's own properties as unknown commands (exit 2), not as commands", async () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const result = await runCli([name], { cwd: tmpdir() });
      expect(result.code).toBe(ExitCode.Usage);
      expect(result.stderr).toContain(`quality-gates: unknown command '${name}'`);
    }
  });
});
