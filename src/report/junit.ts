import { escapeXml, escapeXmlText } from './escape.js';
import { crashCause } from './failures.js';
import type { Failure, ModuleResult, Report, Suite } from './schema.js';

/** Counts of one `<testsuite>`, as its attributes say them. */
interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

/**
 * Renders the report as JUnit XML in the common (Ant/Jenkins/Surefire) form: one
 * `<testsuite>` per module and one `<testcase>` per test, passed ones included, so every
 * consumer counts the tests that ran; failed tests carry `<failure>`, skipped and todo ones
 * `<skipped/>`. A suite that could not run, a crash, a timeout or an unexplained module
 * failure is an `<error>` testcase: counted in `tests` and in `errors`, never as a pass.
 * `tests` is the number of `<testcase>` elements (for reports recorded without test names,
 * the module's test counts). Everything is XML-escaped; characters XML 1.0 forbids are dropped.
 */
export function renderJUnit(report: Report): string {
  const totals: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const suites = report.modules.map((module) => {
    const rendered = renderModule(module);
    for (const key of ['tests', 'failures', 'errors', 'skipped'] as const) totals[key] += rendered.counts[key];
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

function renderModule(module: ModuleResult): { xml: string; counts: Counts } {
  const cases: string[] = [];
  const counts: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const suite of module.suites) renderSuite(module, suite, cases, counts);
  const crash = moduleError(module);
  if (crash) {
    cases.push(crash);
    counts.tests++;
    counts.errors++;
  }
  if (module.status === 'skipped') {
    cases.push(
      testcase(module.name, '(module skipped)', 0, `<skipped message="${attr(module.reason ?? 'skipped')}"/>`),
    );
    counts.tests++;
    counts.skipped++;
  }
  const open = `  <testsuite name="${attr(module.name)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}" time="${seconds(module.durationMs)}" timestamp="${attr(module.startedAt)}">`;
  if (cases.length === 0) return { xml: open.replace(/>$/, '/>'), counts };
  return { xml: [open, ...cases, '  </testsuite>'].join('\n'), counts };
}

/** The testcases of one suite: its recorded tests, failures matched to them by name. */
function renderSuite(module: ModuleResult, suite: Suite, cases: string[], counts: Counts): void {
  const classname = `${module.name}/${suite.file}`;
  if (suite.error !== undefined && suite.error.trim() !== '') {
    cases.push(
      testcase(
        classname,
        '(suite failed to run)',
        0,
        `<error message="${attr(firstLine(suite.error))}" type="SuiteError">${escapeXmlText(`${suite.error}\n\nat ${suite.file}`)}</error>`,
      ),
    );
    counts.tests++;
    counts.errors++;
  }
  const unmatched = [...suite.failures];
  const takeFailures = (name: string, last: boolean): Failure[] => {
    const mine = unmatched.filter((failure) => failure.name === name);
    const taken = last ? mine : mine.slice(0, 1);
    for (const failure of taken) unmatched.splice(unmatched.indexOf(failure), 1);
    return taken;
  };
  const recorded = suite.cases ?? [];
  for (const [index, test] of recorded.entries()) {
    counts.tests++;
    if (test.status === 'passed') {
      cases.push(testcase(classname, test.name, test.durationMs));
    } else if (test.status === 'failed') {
      counts.failures++;
      // Several errors of one test (vitest) all belong to it; two tests of the same name share them in order.
      const last = !recorded.slice(index + 1).some((later) => later.status === 'failed' && later.name === test.name);
      cases.push(testcase(classname, test.name, test.durationMs, failureElement(suite, takeFailures(test.name, last))));
    } else {
      counts.skipped++;
      cases.push(
        testcase(
          classname,
          test.name,
          test.durationMs,
          test.status === 'todo' ? '<skipped message="todo"/>' : '<skipped/>',
        ),
      );
    }
  }
  if (suite.cases === undefined) {
    // A report recorded without test names: the counts are all there is for passed and skipped tests.
    counts.tests += suite.tests.passed + suite.tests.skipped + suite.tests.todo;
    counts.skipped += suite.tests.skipped + suite.tests.todo;
  }
  for (const failure of unmatched) {
    counts.tests++;
    counts.failures++;
    cases.push(testcase(classname, failure.name, 0, failureElement(suite, [failure])));
  }
}

function failureElement(suite: Suite, failures: Failure[]): string {
  const first = failures.at(0);
  if (!first) return '<failure message="failed" type="AssertionError"/>';
  const body = failures
    .map((failure) => {
      const file = failure.file ?? suite.file;
      return `${failure.message}\n\nat ${failure.line !== undefined ? `${file}:${failure.line}` : file}`;
    })
    .join('\n\n');
  return `<failure message="${attr(firstLine(first.message))}" type="AssertionError">${escapeXmlText(body)}</failure>`;
}

/** A crash, timeout or unexplained failure of the whole module, as one `<error>` testcase. */
function moduleError(module: ModuleResult): string | undefined {
  const explained = module.suites.some(
    (suite) => suite.failures.length > 0 || (suite.error !== undefined && suite.error.trim() !== ''),
  );
  // A failed module with no failure to list (runner config error) must not look green.
  const unexplained = module.status === 'failed' && !explained;
  if (module.status !== 'crashed' && module.status !== 'timeout' && !unexplained) return undefined;
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
  return testcase(
    classname,
    `(module ${module.status})`,
    module.durationMs,
    `<error message="${attr(cause)}" type="${type}">${escapeXmlText(body)}</error>`,
  );
}

function testcase(classname: string, name: string, durationMs: number, child?: string): string {
  const open = `    <testcase classname="${attr(classname)}" name="${attr(name)}" time="${seconds(durationMs)}"`;
  return child === undefined ? `${open}/>` : `${open}>\n      ${child}\n    </testcase>`;
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
