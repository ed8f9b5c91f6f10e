import { escapeXml, escapeXmlText } from './escape.js';
import { crashCause, moduleFailures } from './failures.js';
import type { ModuleResult, Report } from './schema.js';

/**
 * Renders the report as JUnit XML: one `<testsuite>` per module with its counts, one
 * `<testcase>` per failed test (`<failure>`), per suite that could not run (`<error>`)
 * and per crash, timeout or unexplained module failure (`<error>`), and a `<skipped/>` case per skipped module.
 * Passed tests are counted in the attributes but not listed: the report keeps no names
 * of passed tests. Everything is XML-escaped and characters XML 1.0 forbids are dropped.
 */
export function renderJUnit(report: Report): string {
  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const suites = report.modules.map((module) => {
    const rendered = renderModule(module);
    totals.tests += rendered.tests;
    totals.failures += rendered.failures;
    totals.errors += rendered.errors;
    totals.skipped += rendered.skipped;
    return rendered.xml;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="quality-gates" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="${totals.skipped}" time="${seconds(report.durationMs)}" timestamp="${escapeXml(report.startedAt)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function renderModule(module: ModuleResult): { xml: string; tests: number; failures: number; errors: number; skipped: number } {
  const cases: string[] = [];
  let errors = 0;
  const items = moduleFailures(module);
  for (const item of items) {
    const classname = `${module.name}/${item.suite}`;
    const where = item.line !== undefined ? `${item.file}:${item.line}` : item.file;
    if (item.kind === 'suite-error') {
      errors++;
      cases.push(testcase(classname, item.name, 0, `<error message="${attr(firstLine(item.message))}" type="SuiteError">${escapeXmlText(`${item.message}\n\nat ${where}`)}</error>`));
    } else {
      cases.push(
        testcase(classname, item.name, 0, `<failure message="${attr(firstLine(item.message))}" type="AssertionError">${escapeXmlText(`${item.message}\n\nat ${where}`)}</failure>`),
      );
    }
  }
  // A failed module with no failure to list (runner config error) must not look green.
  const unexplained = module.status === 'failed' && items.length === 0;
  if (module.status === 'crashed' || module.status === 'timeout' || unexplained) {
    errors++;
    const cause = crashCause(module);
    const type = module.status === 'timeout' ? 'Timeout' : unexplained ? 'ModuleFailed' : 'Crash';
    const body = [
      `${module.status === 'timeout' ? 'Timed out' : unexplained ? 'Failed' : 'Crashed'}: ${cause}`,
      module.runningSuite ? `running suite: ${module.runningSuite}` : undefined,
      module.exitCode !== null ? `exit code: ${module.exitCode}` : undefined,
      module.signal ? `signal: ${module.signal}` : undefined,
      module.logPath ? `log: ${module.logPath}` : undefined,
    ]
      .filter((line) => line !== undefined)
      .join('\n');
    const classname = module.runningSuite ? `${module.name}/${module.runningSuite}` : module.name;
    cases.push(
      testcase(classname, `(module ${module.status})`, module.durationMs, `<error message="${attr(cause)}" type="${type}">${escapeXmlText(body)}</error>`),
    );
  }
  if (module.status === 'skipped') {
    const reason = module.reason ?? 'skipped';
    cases.push(testcase(module.name, '(module skipped)', 0, `<skipped message="${attr(reason)}"/>`));
  }
  const tests = module.tests.total + errors + (module.status === 'skipped' ? 1 : 0);
  const skipped = module.tests.skipped + module.tests.todo + (module.status === 'skipped' ? 1 : 0);
  const failures = module.tests.failed;
  const open = `  <testsuite name="${attr(module.name)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(module.durationMs)}" timestamp="${attr(module.startedAt)}">`;
  if (cases.length === 0) return { xml: open.replace(/>$/, '/>'), tests, failures, errors, skipped };
  return { xml: [open, ...cases, '  </testsuite>'].join('\n'), tests, failures, errors, skipped };
}

function testcase(classname: string, name: string, durationMs: number, child: string): string {
  return `    <testcase classname="${attr(classname)}" name="${attr(name)}" time="${seconds(durationMs)}">\n      ${child}\n    </testcase>`;
}

function attr(value: string): string {
  return escapeXml(value);
}

function firstLine(text: string): string {
  const line = text.trim().split(/\r?\n/, 1)[0] ?? '';
  return line.length > 500 ? `${line.slice(0, 500)}…` : line;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
