import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { renderJUnit } from '../../src/report/junit.js';
import { failure, fixtures, module, report, SNAPSHOT_CASES, suite } from '../fixtures/report/builder.js';
import { checkWellFormedXml } from './xml.js';

describe('renderJUnit', () => {
  it.each(SNAPSHOT_CASES)('renders %s as well-formed XML', async (name, build) => {
    const xml = renderJUnit(build());
    checkWellFormedXml(xml);
    await expect(xml).toMatchFileSnapshot(`__snapshots__/junit-${name}.xml`);
  });

  // A second opinion from a real XML parser (expat through Python) where one is installed.
  const python = spawnSync('python3', ['--version']).status === 0;
  it.skipIf(!python)('passes a real XML parser (expat) for every fixture', () => {
    for (const build of Object.values(fixtures)) {
      const parsed = spawnSync(
        'python3',
        [
          '-c',
          'import sys, xml.dom.minidom as m; d = m.parseString(sys.stdin.buffer.read()); print(len(d.getElementsByTagName("testsuite")))',
        ],
        {
          input: renderJUnit(build()),
          encoding: 'utf8',
        },
      );
      expect(parsed.stderr).toBe('');
      expect(Number(parsed.stdout)).toBe(build().modules.length);
    }
  });

  it('has one testsuite per module with its counts; crash and timeout are errors', () => {
    const parsed = checkWellFormedXml(
      renderJUnit(
        report([
          ...fixtures.mixed().modules,
          ...fixtures.oom().modules.slice(1),
          ...fixtures.timeout().modules.slice(0, 1),
        ]),
      ),
    );
    const suites = parsed.attributes.filter((_, i) => parsed.elements[i] === 'testsuite');
    expect(suites.map((s) => s.name)).toEqual([
      'billing',
      'orders',
      'customers',
      'reporting',
      'reporting',
      'notifications',
    ]);
    expect(suites[1]).toMatchObject({ tests: '8', failures: '2', errors: '1', skipped: '0' });
    expect(suites[2]).toMatchObject({ tests: '5', failures: '0', skipped: '2' });
    expect(suites[3]).toMatchObject({ tests: '1', skipped: '1' });
    expect(suites[4]).toMatchObject({ failures: '0', errors: '1' });
    expect(suites[5]).toMatchObject({ errors: '1', time: '600.000' });
    const errors = parsed.attributes.filter((_, i) => parsed.elements[i] === 'error');
    expect(errors.map((e) => e.type)).toEqual(['SuiteError', 'Crash', 'Timeout']);
    expect(errors[1].message).toBe('out of memory (V8 heap limit reached)');
    const cases = parsed.attributes.filter((_, i) => parsed.elements[i] === 'testcase');
    expect(cases.find((c) => c.name === 'orders › create › rejects an empty cart')).toMatchObject({
      classname: 'orders/testing/backend/integration/orders/create.test.ts',
    });
    expect(cases.find((c) => c.name === '(module crashed)')!.classname).toBe(
      'reporting/testing/backend/integration/reporting/s09.test.ts',
    );
  });

  it('keeps hostile names intact as data and drops characters XML 1.0 forbids', () => {
    const xml = renderJUnit(fixtures.hostile());
    const parsed = checkWellFormedXml(xml);
    expect(xml).not.toContain('\u0000');
    expect(xml).not.toContain('\u001b');
    const testcase = parsed.attributes[parsed.elements.indexOf('failure') - 1];
    expect(testcase.name).toBe(
      '<img src=x onerror=alert(1)> | pipes | `ticks` *bold* _em_ [link](javascript:alert(1)) @everyone\nsecond line',
    );
    expect(parsed.attributes[parsed.elements.indexOf('failure')].message).toBe('</pre><script>alert("x")</script>');
  });

  it('never lets a failed module without failures look green', () => {
    const parsed = checkWellFormedXml(
      renderJUnit(report([module('config', { status: 'failed', exitCode: 1, suites: [] })])),
    );
    expect(parsed.attributes[parsed.elements.indexOf('testsuite')]).toMatchObject({ errors: '1' });
    expect(parsed.attributes[parsed.elements.indexOf('error')]).toMatchObject({
      type: 'ModuleFailed',
      message: 'the test runner exited with code 1; see its log',
    });
  });

  it('lists every test as a testcase: passed ones bare, skipped and todo ones <skipped/>; tests= counts testcase elements', () => {
    const parsed = checkWellFormedXml(
      renderJUnit(
        report([
          module('billing', {
            suites: [
              suite('testing/backend/integration/billing/a.test.ts', {
                tests: { passed: 2, failed: 0, skipped: 1, todo: 1 },
              }),
            ],
          }),
          module('orders', {
            suites: [
              suite('testing/backend/integration/orders/b.test.ts', {
                failures: [failure('b › breaks', 'Expected: 1')],
              }),
            ],
          }),
        ]),
      ),
    );
    const attrs = (element: string) => parsed.attributes.filter((_, i) => parsed.elements[i] === element);
    const [billing, orders] = attrs('testsuite');
    expect(billing).toMatchObject({ tests: '4', failures: '0', errors: '0', skipped: '2' });
    expect(orders).toMatchObject({ tests: '6', failures: '1', errors: '0', skipped: '0' });
    expect(attrs('testsuites')[0]).toMatchObject({ tests: '10', failures: '1', skipped: '2' });
    expect(attrs('testcase').map((c) => c.name)).toEqual([
      'a › passes 1',
      'a › passes 2',
      'a › skipped 1',
      'a › todo 1',
      'b › passes 1',
      'b › passes 2',
      'b › passes 3',
      'b › passes 4',
      'b › passes 5',
      'b › breaks',
    ]);
    expect(attrs('testcase')[0]).toMatchObject({
      classname: 'billing/testing/backend/integration/billing/a.test.ts',
      time: '0.120',
    });
    expect(attrs('skipped')).toEqual([{}, { message: 'todo' }]);
    expect(parsed.elements.filter((e) => e === 'testcase')).toHaveLength(Number(attrs('testsuites')[0].tests));
  });

  it('a crash is one <error> testcase, counted in errors, never as a passed test', () => {
    const crashed = module('reporting', {
      status: 'crashed',
      reason: 'killed by SIGKILL',
      signal: 'SIGKILL',
      exitCode: null,
      suites: [
        suite('testing/backend/integration/reporting/a.test.ts', {
          tests: { passed: 2, failed: 0, skipped: 0, todo: 0 },
        }),
      ],
    });
    const parsed = checkWellFormedXml(renderJUnit(report([crashed])));
    const testsuite = parsed.attributes[parsed.elements.indexOf('testsuite')];
    expect(testsuite).toMatchObject({ tests: '3', failures: '0', errors: '1', skipped: '0' });
    // What a consumer counts as passed: tests - failures - errors - skipped = the 2 real passes.
    expect(
      Number(testsuite.tests) - Number(testsuite.failures) - Number(testsuite.errors) - Number(testsuite.skipped),
    ).toBe(2);
    expect(parsed.attributes[parsed.elements.indexOf('error')]).toMatchObject({
      type: 'Crash',
      message: 'killed by SIGKILL',
    });
  });

  it('a report recorded without test names still counts its tests (older reports, merged)', () => {
    const old = suite('testing/backend/integration/billing/a.test.ts', {
      tests: { passed: 3, failed: 0, skipped: 1, todo: 0 },
    });
    delete old.cases;
    const parsed = checkWellFormedXml(renderJUnit(report([module('billing', { suites: [old] })])));
    expect(parsed.attributes[parsed.elements.indexOf('testsuite')]).toMatchObject({
      tests: '4',
      skipped: '1',
      failures: '0',
    });
  });

  it('renders an empty run', () => {
    const xml = renderJUnit(report([module('only', { status: 'skipped', suites: [] })], { status: 'skipped' }));
    expect(checkWellFormedXml(xml).elements).toEqual(['testsuites', 'testsuite', 'testcase', 'skipped']);
  });
});
