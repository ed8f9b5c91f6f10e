import { describe, expect, it } from 'vitest';
import { ConfigSchema, IsolationSchema } from '../../../src/config/schema.js';
import { ConfigError, ExitCode, UsageError } from '../../../src/errors.js';
import { checkEnvTemplates, expandTemplate, SLOT_VARIABLE, slotEnv } from '../../../src/run/isolation/env.js';
import { checkSlotIsolation, isIsolated } from '../../../src/run/isolation/validate.js';

const isolation = (value: unknown) => IsolationSchema.parse(value);

describe('per-slot environment', () => {
  it('expands ${slot} (1..N) and ${slotIndex} (0..N-1), and sets QUALITY_GATES_SLOT', () => {
    const config = isolation({
      env: {
        REDIS_URL: 'redis://127.0.0.1:6379/${slot}',
        SCHEMA: 'app_${slotIndex}',
        QUEUE: 'q-${ slot }-${slotIndex}',
      },
    });
    expect(slotEnv(3, config)).toEqual({
      REDIS_URL: 'redis://127.0.0.1:6379/3',
      SCHEMA: 'app_2',
      QUEUE: 'q-3-2',
      [SLOT_VARIABLE]: '3',
    });
    expect(slotEnv(1, undefined)).toEqual({ QUALITY_GATES_SLOT: '1' });
  });

  it('points the urlEnv variables at the slot copy', () => {
    const config = isolation({ postgres: { urlEnv: 'DATABASE_URL' } });
    expect(slotEnv(2, config, { DATABASE_URL: 'postgres://u:p@h/app_qg_x_1_2' })).toEqual({
      DATABASE_URL: 'postgres://u:p@h/app_qg_x_1_2',
      QUALITY_GATES_SLOT: '2',
    });
  });

  it('$${ is a literal ${; a lone $ stays', () => {
    expect(expandTemplate('K', 'cost $5, $${slot} is slot ${slot}', 4)).toBe('cost $5, ${slot} is slot 4');
  });

  it('an unknown placeholder is a config error naming the key', () => {
    const error = (() => {
      try {
        checkEnvTemplates({ REDIS_URL: 'redis://h/${slot}', PREFIX: 'q_${worker}' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(ExitCode.Usage);
    expect((error as Error).message).toMatch(
      /^isolation\.env\.PREFIX: unknown placeholder "\$\{worker\}" in "q_\$\{worker\}" — use \$\{slot\}/,
    );
  });
});

describe('slots without isolation', () => {
  it('is a usage error that explains the shared-database race', () => {
    let error: unknown;
    try {
      checkSlotIsolation(2, undefined, '--slots 2');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(ExitCode.Usage);
    const message = (error as Error).message;
    expect(message).toMatch(/^--slots 2 runs 2 test processes at once, but no isolation is configured/);
    expect(message).toContain("DELETE FROM items WHERE id LIKE 't_%'");
    expect(message).toContain('isolation.postgres.urlEnv: DATABASE_URL');
    expect(message).toContain('isolation.sharesNothing: true');
    expect(() => checkSlotIsolation('auto', isolation({}), 'slots: auto in quality-gates.config.yml')).toThrow(
      /^slots: auto in quality-gates.config.yml may run several/,
    );
    expect(() => checkSlotIsolation(2, isolation({ sharesNothing: false }), '--slots 2')).toThrow(UsageError);
  });

  it('passes with one slot, a database copy per slot, per-slot variables, or sharesNothing', () => {
    expect(() => checkSlotIsolation(1, undefined, '--slots 1')).not.toThrow();
    for (const value of [
      { postgres: { urlEnv: 'DATABASE_URL' } },
      { env: { REDIS_URL: 'redis://h/${slot}' } },
      { sharesNothing: true },
    ]) {
      expect(isIsolated(isolation(value))).toBe(true);
      expect(() => checkSlotIsolation(4, isolation(value), '--slots 4')).not.toThrow();
    }
  });

  it('checks the isolation section even with one slot', () => {
    expect(() => checkSlotIsolation(1, isolation({ env: { X: '${nope}' } }), '--slots 1')).toThrow(
      /isolation\.env\.X: unknown placeholder/,
    );
    expect(() =>
      checkSlotIsolation(
        2,
        isolation({ postgres: { urlEnv: ['DATABASE_URL'] }, env: { DATABASE_URL: 'x' } }),
        '--slots 2',
      ),
    ).toThrow(/isolation\.env\.DATABASE_URL: DATABASE_URL is also in isolation\.postgres\.urlEnv/);
    expect(() => checkSlotIsolation(2, isolation({ env: { QUALITY_GATES_SLOT: '${slot}' } }), '--slots 2')).toThrow(
      /sets QUALITY_GATES_SLOT itself/,
    );
  });
});

describe('config keys of the scheduler', () => {
  it('default to one slot, packing on, the default history path and a share of memory', () => {
    const config = ConfigSchema.parse({});
    expect(config).toMatchObject({
      slots: 1,
      pack: true,
      isolate: [],
      history: '.quality-gates/history.json',
      memoryBudget: '70%',
    });
    expect(config.isolation).toBeUndefined();
  });

  it('take slots: auto, history: false, a size budget, and the isolation section', () => {
    const config = ConfigSchema.parse({
      slots: 'auto',
      history: false,
      memoryBudget: '8GB',
      isolate: ['reporting'],
      isolation: {
        postgres: { urlEnv: ['DATABASE_URL', 'READONLY_URL'], strategy: 'FILE_COPY' },
        env: { REDIS_URL: 'redis://h/${slot}' },
      },
    });
    expect(config).toMatchObject({ slots: 'auto', history: false, memoryBudget: '8GB', isolate: ['reporting'] });
    expect(config.isolation).toEqual({
      postgres: { urlEnv: ['DATABASE_URL', 'READONLY_URL'], strategy: 'FILE_COPY' },
      env: { REDIS_URL: 'redis://h/${slot}' },
      sharesNothing: false,
    });
    expect(
      ConfigSchema.parse({ isolation: { postgres: { urlEnv: 'DATABASE_URL' } } }).isolation?.postgres?.strategy,
    ).toBe('WAL_LOG');
  });

  it('refuse bad values', () => {
    for (const bad of [
      { slots: 0 },
      { slots: 1.5 },
      { slots: 'many' },
      { memoryBudget: 'lots' },
      { history: true },
      { isolation: { postgres: {} } },
      { isolation: { postgres: { urlEnv: 'not a name' } } },
      { isolation: { postgres: { urlEnv: 'U', strategy: 'COPY' } } },
      { isolation: { extra: 1 } },
    ]) {
      expect(ConfigSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
