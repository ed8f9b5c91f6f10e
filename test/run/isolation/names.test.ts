import { describe, expect, it } from 'vitest';
import {
  copyName,
  formatMarker,
  leftoverVerdict,
  parseMarker,
  parseTemplateUrl,
  quoteIdentifier,
  withDatabase,
} from '../../../src/run/isolation/names.js';
import { createCopySql, dropCopySql } from '../../../src/run/isolation/sql.js';

describe('names of the slot database copies', () => {
  it('fit PostgreSQL’s 63 bytes, shortening the template part by whole characters and keeping the owner', () => {
    expect(copyName('app', 'ab12', 4242, 3)).toBe('app_qg_ab12_4242_3');
    const long = copyName('é'.repeat(40), 'ab12cd34', 4194304, 12);
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(63);
    expect(long.endsWith('_qg_ab12cd34_4194304_12')).toBe(true);
    expect(long.startsWith('éé')).toBe(true);
    expect(() => copyName('app', 'AB"; DROP', 1, 1)).toThrow(/run id/);
  });

  it('quote identifiers', () => {
    expect(quoteIdentifier('we"ird db')).toBe('"we""ird db"');
    expect(() => quoteIdentifier('a\0b')).toThrow(/NUL/);
  });

  it('read back their marker, and ignore comments quality-gates did not write', () => {
    const marker = {
      host: 'h',
      pid: 7,
      startTime: '99',
      run: 'r1',
      template: 'app',
      created: '2026-01-01T00:00:00.000Z',
    };
    expect(parseMarker(formatMarker(marker))).toEqual(marker);
    expect(parseMarker('the production copy')).toBeUndefined();
    expect(parseMarker('quality-gates slot copy {broken')).toBeUndefined();
    expect(parseMarker(null)).toBeUndefined();
  });
});

describe('leftoverVerdict', () => {
  const marker = { host: 'h', pid: 7, startTime: '99', run: 'r', template: 'app', created: '' };
  const self = { host: 'h', pid: 1, startTime: '5' };
  it('drops only copies of this host whose owner no longer runs (or whose pid was reused)', () => {
    expect(leftoverVerdict(marker, self, () => undefined)).toBe('drop');
    expect(leftoverVerdict(marker, self, () => '100')).toBe('drop');
    expect(leftoverVerdict(marker, self, () => '99')).toBe('keep-alive');
    expect(leftoverVerdict(marker, self, () => '')).toBe('keep-alive');
    expect(leftoverVerdict({ ...marker, host: 'other' }, self, () => undefined)).toBe('keep-other-host');
    expect(leftoverVerdict({ ...marker, pid: 1, startTime: '5' }, self, () => undefined)).toBe('keep-own');
  });
});

describe('template URLs', () => {
  it('give the database and a shown form without user or password', () => {
    expect(parseTemplateUrl('postgres://u:p%40ss@db.local:5433/app?sslmode=require')).toEqual({
      database: 'app',
      shown: 'db.local:5433/app',
      secrets: ['p%40ss', 'p@ss'],
    });
    expect(parseTemplateUrl('postgresql://u@h/')).toMatchObject({
      problem: expect.stringContaining('names no database'),
    });
    const malformed = parseTemplateUrl('postgres://u:50%off@h/app');
    expect(malformed).toMatchObject({ problem: expect.stringContaining('malformed %-escape') });
    expect(JSON.stringify(malformed)).not.toContain('50%off');
  });

  it('point at a copy with everything else unchanged', () => {
    expect(withDatabase('postgres://u:p%40ss@h:5433/app?sslmode=require', 'app_qg_r_1_2')).toBe(
      'postgres://u:p%40ss@h:5433/app_qg_r_1_2?sslmode=require',
    );
    expect(withDatabase('postgres://u@h/app', 'we"ird db')).toBe('postgres://u@h/we%22ird%20db');
  });
});

describe('the clone and drop statements', () => {
  it('name STRATEGY from PostgreSQL 15 only, and drop WITH (FORCE) from 13 only', () => {
    expect(createCopySql('app_qg_r_1_1', 'app', 'FILE_COPY', 150000)).toBe(
      'CREATE DATABASE "app_qg_r_1_1" TEMPLATE "app" STRATEGY FILE_COPY',
    );
    expect(createCopySql('app_qg_r_1_1', 'we"ird', 'WAL_LOG', 140011)).toBe(
      'CREATE DATABASE "app_qg_r_1_1" TEMPLATE "we""ird"',
    );
    expect(() => createCopySql('c', 't', 'COPY; DROP' as never, 160000)).toThrow(/unknown clone strategy/);
    expect(dropCopySql('c', 130000)).toEqual({
      sql: 'DROP DATABASE IF EXISTS "c" WITH (FORCE)',
      endSessionsFirst: false,
    });
    expect(dropCopySql('c', 120017)).toEqual({ sql: 'DROP DATABASE IF EXISTS "c"', endSessionsFirst: true });
  });
});
