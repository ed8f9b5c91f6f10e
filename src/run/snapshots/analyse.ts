import type { StopSignal } from '../../process/stop-signal.js';
import { stripControlChars } from '../../report/escape.js';
import type { LeakSuspect, ModuleLeak, ModuleResult } from '../../report/schema.js';
import { describeStop } from '../report-build.js';

/** The analysis of one module's snapshots (src/leaks/run-analysis.ts: in a process of its own). */
export type LeakAnalyser = (
  paths: string[],
  options: { timeoutMs?: number; signal?: AbortSignal },
) => Promise<{ comparison: 'growth' | 'single'; suspects: LeakSuspect[]; analysisMs: number } | { error: string }>;

/** What analysing a run's snapshots needs. */
export interface AnalyseOptions {
  analyse: LeakAnalyser;
  /** Progress lines (`leaks: billing: …`). */
  say: (line: string) => void;
  /**
   * A stop (signal, lost lock) ends the wait at once: the module being analysed and those
   * after it get `error` ("not analysed: interrupted by SIGINT"), their snapshots stay listed.
   */
  stopSignal: StopSignal;
  timeoutMs?: number;
}

/**
 * Analyses, one module at a time after every test process ended, the snapshots of each
 * module that has any (oldest first), and puts the verdict into its `leak`. Never throws
 * for a failed analysis: `leak.error` says why and nothing captured is lost. Modules
 * without snapshots are not analysed.
 */
export async function analyseModuleLeaks(modules: ModuleResult[], options: AnalyseOptions): Promise<ModuleResult[]> {
  const analysed: ModuleResult[] = [];
  for (const module of modules) {
    const leak = module.leak;
    if (!leak || leak.snapshots.length === 0) {
      analysed.push(module);
      continue;
    }
    analysed.push({ ...module, leak: await analyseOne(module.name, leak, options) });
  }
  return analysed;
}

async function analyseOne(name: string, leak: ModuleLeak, options: AnalyseOptions): Promise<ModuleLeak> {
  const notAnalysed = () => ({ error: `not analysed: ${describeStop(options.stopSignal)}` });
  if (options.stopSignal.reason) return { ...leak, ...notAnalysed() };
  const count = leak.snapshots.length;
  options.say(`leaks: ${name}: analysing ${count} heap ${count === 1 ? 'snapshot' : 'snapshots'}…`);
  let unsubscribe = () => {};
  // The stop ends the wait at once, and kills the analysis process too.
  const abort = new AbortController();
  const stopped = new Promise<{ error: string }>((resolve) => {
    unsubscribe = options.stopSignal.subscribe(() => {
      abort.abort();
      resolve(notAnalysed());
    });
  });
  let result: Awaited<ReturnType<LeakAnalyser>>;
  try {
    const analysis = options.analyse(leak.snapshots, {
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      signal: abort.signal,
    });
    result = await Promise.race([analysis, stopped]);
  } catch (error) {
    result = { error: error instanceof Error ? error.message : String(error) };
  } finally {
    unsubscribe();
  }
  if ('error' in result) {
    options.say(`leaks: ${name}: the analysis failed: ${result.error}`);
    return { ...leak, error: result.error };
  }
  const top = result.suspects.at(0);
  // Class names come from user code: no control characters reach the terminal.
  const grew = top
    ? `${stripControlChars(top.name)} +${top.countDelta} instances, +${top.sizeDeltaMB} MB`
    : 'nothing grew in every snapshot';
  options.say(`leaks: ${name}: ${grew} (${Math.round(result.analysisMs)} ms)`);
  return {
    ...leak,
    comparison: result.comparison,
    suspects: result.suspects.map(suspectOf),
    analysisMs: result.analysisMs,
  };
}

/** The report's fields of a suspect (the analysis may carry more). */
function suspectOf(suspect: LeakSuspect): LeakSuspect {
  return {
    name: suspect.name,
    countDelta: suspect.countDelta,
    sizeDeltaMB: suspect.sizeDeltaMB,
    ...(suspect.count !== undefined ? { count: suspect.count } : {}),
    ...(suspect.sizeMB !== undefined ? { sizeMB: suspect.sizeMB } : {}),
    retainers: suspect.retainers,
    ...(suspect.inside !== undefined ? { inside: suspect.inside } : {}),
    ...(suspect.holds !== undefined ? { holds: suspect.holds } : {}),
  };
}
