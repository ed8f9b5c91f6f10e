import type { ItemOutcome, Launcher, PreparedItem } from '../../../src/run/schedule/launcher.js';
import type { Ticker } from '../../../src/run/schedule/scheduler.js';
import type { WorkItem } from '../../../src/run/schedule/work-items.js';

/** The per-module result the fake processes report. */
export interface FakeResult {
  module: string;
  status: 'passed' | 'crashed';
}

/** One fake test process: the test decides when it ends and how, and what RSS it shows. */
export class FakeProcess implements PreparedItem<FakeResult> {
  state: 'held' | 'started' | 'running' | 'ended' | 'discarded';
  /** What currentRssMB() answers (the probe's last sample). */
  rss: number | null = null;
  private settle?: (outcome: ItemOutcome<FakeResult>) => void;
  private fail?: (error: Error) => void;
  private onModuleEnded?: (module: string, result: FakeResult) => void;

  constructor(
    readonly item: WorkItem,
    readonly slot: number,
    readonly hold: boolean,
  ) {
    this.state = hold ? 'held' : 'started';
  }

  run(onModuleEnded: (module: string, result: FakeResult) => void): Promise<ItemOutcome<FakeResult>> {
    if (this.state === 'discarded' || this.state === 'running' || this.state === 'ended')
      throw new Error(`run() on a ${this.state} process`);
    this.state = 'running';
    this.onModuleEnded = onModuleEnded;
    return new Promise((resolve, reject) => {
      this.settle = resolve;
      this.fail = reject;
    });
  }

  discard(): Promise<void> {
    if (this.state !== 'held') throw new Error(`discard() on a ${this.state} process`);
    this.state = 'discarded';
    return Promise.resolve();
  }

  currentRssMB(): number | null {
    return this.rss;
  }

  /** Reports a module as finished while the process still runs (live progress). */
  moduleDone(module: string): void {
    this.onModuleEnded!(module, { module, status: 'passed' });
  }

  /** Every module passed. */
  finish(peakRssMB?: number): void {
    this.end({
      modules: this.item.modules.map((module) => ({ name: module, result: { module, status: 'passed' } })),
      notStarted: [],
      ...(peakRssMB !== undefined ? { peakRssMB } : {}),
    });
  }

  /** The process died in `module`: the ones before passed, the ones after never started. */
  crashIn(module: string): void {
    const at = this.item.modules.indexOf(module);
    this.end({
      modules: this.item.modules
        .slice(0, at + 1)
        .map((name) => ({ name, result: { module: name, status: name === module ? 'crashed' : 'passed' } })),
      diedIn: module,
      notStarted: this.item.modules.slice(at + 1),
    });
  }

  end(outcome: ItemOutcome<FakeResult>): void {
    if (this.state !== 'running') throw new Error(`end() on a ${this.state} process`);
    this.state = 'ended';
    this.settle!(outcome);
  }

  /** The launcher itself broke. */
  reject(error: Error): void {
    this.state = 'ended';
    this.fail!(error);
  }
}

/** Records every prepare(); the test drives the processes. */
export class FakeLauncher implements Launcher<FakeResult> {
  readonly processes: FakeProcess[] = [];
  failHeldPrepare = false;

  prepare(item: WorkItem, options: { slot: number; hold: boolean }): FakeProcess {
    if (options.hold && this.failHeldPrepare) throw new Error('cannot pre-start');
    const process = new FakeProcess(item, options.slot, options.hold);
    this.processes.push(process);
    return process;
  }

  /** The live process of item `id` (not ended, not discarded). */
  of(id: string): FakeProcess {
    const found = this.processes.find(
      (process) =>
        process.item.id === id &&
        (process.state === 'held' || process.state === 'running' || process.state === 'started'),
    );
    if (!found) throw new Error(`no live process for ${id}: ${this.describe()}`);
    return found;
  }

  running(): string[] {
    return this.processes
      .filter((process) => process.state === 'running')
      .map((process) => `${process.item.id}@${process.slot}`);
  }

  held(): string[] {
    return this.processes
      .filter((process) => process.state === 'held')
      .map((process) => `${process.item.id}@${process.slot}`);
  }

  describe(): string {
    return this.processes.map((process) => `${process.item.id}@${process.slot}:${process.state}`).join(', ');
  }
}

/** A ticker the test fires by hand. */
export class ManualTicker implements Ticker {
  private ticks: (() => void)[] = [];
  stopped = false;

  every(_ms: number, tick: () => void): () => void {
    this.ticks.push(tick);
    return () => {
      this.stopped = true;
      this.ticks = [];
    };
  }

  tick(): void {
    for (const tick of this.ticks) tick();
  }
}

/** Lets promise callbacks run (the scheduler reacts to ended processes in microtasks). */
export function settled(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A work item with the given predictions. */
export function item(
  id: string,
  figures: { modules?: string[]; rss?: number | null; ms?: number | null; suites?: number | null } = {},
): WorkItem {
  return {
    id,
    modules: figures.modules ?? [id],
    predictedPeakHeapMB: null,
    predictedPeakRssMB: figures.rss === undefined ? 100 : figures.rss,
    predictedDurationMs: figures.ms === undefined ? 1000 : figures.ms,
    suiteCount: figures.suites === undefined ? 1 : figures.suites,
    reason: 'test',
  };
}
