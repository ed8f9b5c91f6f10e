import { stripControlChars, truncateText } from './escape.js';
import { crashCause, isBadStatus, moduleFailures, type FailureItem } from './failures.js';
import type { Report } from './schema.js';

/** GitHub shows at most 10 error annotations per step. */
export const MAX_ERROR_ANNOTATIONS = 10;

/** One error annotation, as `core.error(message, { title, file, startLine })` takes it. */
export interface Annotation {
  title: string;
  message: string;
  file?: string;
  startLine?: number;
}

/** The annotations to emit and how many failures did not get one. */
export interface AnnotationPlan {
  errors: Annotation[];
  /** Failures (and crashes) left without an annotation because of the limit. */
  more: number;
}

/**
 * Chooses the error annotations, most useful first: every crash or timeout, then the
 * first failure of each failed module, then the remaining failures in run order, at most
 * `limit`. Pure. Messages are shortened and stripped of control characters (core encodes
 * newlines and `%` in the workflow command itself).
 */
export function planAnnotations(report: Report, limit = MAX_ERROR_ANNOTATIONS): AnnotationPlan {
  const crashes: Annotation[] = [];
  const firsts: Annotation[] = [];
  const rest: Annotation[] = [];
  for (const module of report.modules) {
    if (module.status === 'crashed' || module.status === 'timeout') {
      const running = module.runningSuite ? ` while running ${module.runningSuite}` : '';
      crashes.push({
        title: oneLine(`quality-gates: module ${module.name} ${module.status === 'timeout' ? 'timed out' : 'crashed'}`),
        message: clean(`${crashCause(module)}${running}`),
        ...(module.runningSuite ? { file: module.runningSuite } : {}),
      });
    }
    if (!isBadStatus(module.status)) continue;
    const failures = moduleFailures(module);
    if (module.status === 'failed' && failures.length === 0) {
      crashes.push({
        title: oneLine(`quality-gates: module ${module.name} failed`),
        message: clean(crashCause(module)),
      });
    }
    failures.forEach((failure, index) => (index === 0 ? firsts : rest).push(toAnnotation(failure)));
  }
  const all = [...crashes, ...firsts, ...rest];
  return { errors: all.slice(0, limit), more: Math.max(0, all.length - limit) };
}

function toAnnotation(failure: FailureItem): Annotation {
  return {
    title: oneLine(`${failure.module} › ${failure.name}`),
    message: clean(failure.message.trim() === '' ? failure.name : failure.message),
    file: failure.file,
    ...(failure.line !== undefined ? { startLine: failure.line } : {}),
  };
}

function clean(text: string): string {
  return truncateText(stripControlChars(text), 30, 3000).text;
}

function oneLine(text: string): string {
  const line = stripControlChars(text).replace(/\s*[\r\n]+\s*/g, ' ');
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
