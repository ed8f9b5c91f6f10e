import { describe, expect, it } from 'vitest';
import { changedPaths, parseNameStatusZ } from '../../src/changes/diff-parse.js';

describe('parseNameStatusZ', () => {
  it('parses added, modified, deleted, type-changed, renamed and copied entries', () => {
    const output = [
      'A',
      'new.ts',
      'M',
      'changed.ts',
      'D',
      'gone.ts',
      'T',
      'link',
      'R087',
      'old name.ts',
      'new name.ts',
      'C100',
      'src.ts',
      'copy.ts',
      '',
    ].join('\0');
    expect(parseNameStatusZ(output)).toEqual([
      { status: 'A', path: 'new.ts' },
      { status: 'M', path: 'changed.ts' },
      { status: 'D', path: 'gone.ts' },
      { status: 'T', path: 'link' },
      { status: 'R', score: 87, oldPath: 'old name.ts', path: 'new name.ts' },
      { status: 'C', score: 100, oldPath: 'src.ts', path: 'copy.ts' },
    ]);
  });

  it('keeps newlines, tabs, quotes and shell syntax inside names untouched', () => {
    const names = ['line\nbreak.ts', 'tab\there.ts', '"quoted".ts', '$(touch pwned).ts', 'R100'];
    const output = names.flatMap((name) => ['M', name]).join('\0') + '\0';
    expect(parseNameStatusZ(output).map((e) => e.path)).toEqual(names);
  });

  it('returns nothing for an empty diff', () => {
    expect(parseNameStatusZ('')).toEqual([]);
  });

  it('rejects output that is not -z name-status (so a format change cannot silently drop files)', () => {
    expect(() => parseNameStatusZ('M\tfile.ts\n')).toThrow(/unexpected status "M\\tfile.ts\\n"/);
    expect(() => parseNameStatusZ('R100\0only-old.ts\0')).toThrow(/truncated R100 entry/);
  });
});

describe('changedPaths', () => {
  it('lists both sides of a rename or copy, each path once', () => {
    const entries = parseNameStatusZ(['R100', 'a/x.ts', 'b/x.ts', 'M', 'b/x.ts', 'D', 'c.ts', ''].join('\0'));
    expect(changedPaths(entries)).toEqual(['a/x.ts', 'b/x.ts', 'c.ts']);
  });
});
