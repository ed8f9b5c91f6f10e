import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { usesForRole, usesForTool, type UsesPolicy } from '../../src/generate/uses.js';

const policy = (overrides: Partial<UsesPolicy> = {}): UsesPolicy => ({
  platform: 'github',
  pinSha: false,
  pins: {},
  absoluteUses: false,
  usesBaseUrl: 'https://github.com',
  ...overrides,
});
const SHA = 'f'.repeat(40);

describe('uses: values', () => {
  it('tags per platform: artifact actions v4 on GitHub, v3 on Gitea', () => {
    expect(usesForRole('upload-artifact', policy())).toEqual({ uses: 'actions/upload-artifact@v4' });
    expect(usesForRole('download-artifact', policy({ platform: 'gitea' }))).toEqual({
      uses: 'actions/download-artifact@v3',
    });
    expect(usesForRole('checkout', policy({ platform: 'gitea' }))).toEqual({ uses: 'actions/checkout@v4' });
  });

  it('the tool: owner/repo/path@ref is pinned by its owner/repo/path', () => {
    const pinned = usesForTool(
      'acme/tools/quality-gates@v2',
      policy({ pinSha: true, pins: { 'acme/tools/quality-gates': SHA } }),
    );
    expect(pinned).toEqual({ uses: `acme/tools/quality-gates@${SHA}`, comment: 'v2' });
  });

  it('a local action path is used as written, even under --pin-sha', () => {
    expect(usesForTool('./', policy({ pinSha: true }))).toEqual({ uses: './' });
    expect(usesForTool('./.github/actions/qg', policy({ absoluteUses: true }))).toEqual({
      uses: './.github/actions/qg',
    });
  });

  it('an absolute actionRef is kept, but cannot be pinned', () => {
    expect(usesForTool('https://gitea.example.com/acme/qg@v1', policy({ platform: 'gitea' }))).toEqual({
      uses: 'https://gitea.example.com/acme/qg@v1',
    });
    expect(() => usesForTool('https://gitea.example.com/acme/qg@v1', policy({ pinSha: true }))).toThrow(
      /write it as owner\/repo@tag/,
    );
  });

  it('an actionRef that is no action reference is a usage error quoting it', () => {
    for (const bad of ['quality-gates', 'acme/qg', 'acme/qg@', 'acme qg@v1']) {
      expect(() => usesForTool(bad, policy())).toThrow(UsageError);
      expect(() => usesForTool(bad, policy())).toThrow(JSON.stringify(bad));
    }
  });

  it('absolute URLs join usesBaseUrl without a double slash', () => {
    expect(
      usesForRole(
        'checkout',
        policy({ platform: 'gitea', absoluteUses: true, usesBaseUrl: 'https://mirror.example.com/gh/' }),
      ),
    ).toEqual({
      uses: 'https://mirror.example.com/gh/actions/checkout@v4',
    });
  });
});
