import type { Writable } from 'node:stream';
import type { ModuleResult } from '../report/schema.js';
import { OutputBlock, printBlock } from './item-output.js';
import { moduleEndLine, progressPrefix } from './progress.js';
import type { RunnerAdapter } from './runners/index.js';
import type { ItemOutcome } from './schedule/launcher.js';
import type { SchedulerEvents } from './schedule/scheduler.js';
import type { WorkItem } from './schedule/work-items.js';

/** Where the console output of a run goes and how the progress reads. */
export interface ScheduleOutputOptions {
  stdout: Writable;
  stderr: Writable;
  /** `::group::` around each item's output (GitHub/Gitea Actions). */
  group: boolean;
  /** Slots run in parallel: each item's output is held and printed as one block when it ends. */
  parallel: boolean;
  /** Modules in the run (the N of `[k/N]`). */
  total: number;
  adapter: Pick<RunnerAdapter, 'name'>;
  /** The paths of each module, for the `[k/N] name: jest PATHS` line; the module's name otherwise. */
  paths?: (module: string) => readonly string[];
}

/**
 * The console side of a schedule. One slot: today's live output — the item's title (in a
 * `::group::` on Actions), the process's output as it comes, the end line. Several slots:
 * a live line when an item starts and the end line of each module when it ends, with the
 * item's output held and printed as one block just before (never interleaved with another
 * item's). `[k/N]` numbers modules in the order they start.
 */
export class ScheduleOutput {
  private readonly options: ScheduleOutputOptions;
  private readonly blocks = new Map<string, OutputBlock>();
  private readonly numbers = new Map<string, number>();

  constructor(options: ScheduleOutputOptions) {
    this.options = options;
  }

  /** The streams an item's process writes to: the run's own, or a fresh block per start. */
  streamsFor(item: WorkItem): { stdout: Writable; stderr: Writable } {
    if (!this.options.parallel) return { stdout: this.options.stdout, stderr: this.options.stderr };
    const block = new OutputBlock();
    this.blocks.set(item.id, block);
    return { stdout: block, stderr: block };
  }

  /** The scheduler events this output listens to (itemEnded is called by the batch, see runSchedule). */
  events(): SchedulerEvents<ModuleResult> {
    return {
      itemStarted: ({ item, slot }) => this.itemStarted(item, slot),
      itemDiscarded: ({ item }) => this.blocks.delete(item.id),
    };
  }

  itemStarted(item: WorkItem, slot: number): void {
    for (const module of item.modules) if (!this.numbers.has(module)) this.numbers.set(module, this.numbers.size);
    const title = this.title(item);
    if (this.options.parallel) {
      this.say(`${title}: started on slot ${slot} (${this.command(item)})`);
      return;
    }
    if (this.options.group) this.say(`::group::${title}`);
    this.say(`${title}: ${this.command(item)}`);
  }

  itemEnded({ item, slot, outcome }: { item: WorkItem; slot: number; outcome: ItemOutcome<ModuleResult> }): void {
    const title = this.title(item);
    if (this.options.parallel) {
      const output = this.blocks.get(item.id)?.text() ?? '';
      this.blocks.delete(item.id);
      printBlock((text) => this.options.stdout.write(text), {
        title: `${title} (slot ${slot})`,
        head: [`${title}: ${this.command(item)}`],
        output,
        group: this.options.group,
      });
    } else if (this.options.group) {
      this.say('::endgroup::');
    }
    for (const { name, result } of outcome.modules)
      this.say(moduleEndLine(this.numbers.get(name) ?? 0, this.options.total, result));
  }

  /** The queue was packed again with what the ended processes measured. */
  replanned({
    after,
    replaced,
    items,
  }: {
    after: WorkItem;
    replaced: readonly WorkItem[];
    items: readonly WorkItem[];
  }): void {
    const modules = items.reduce((sum, item) => sum + item.modules.length, 0);
    const processes = (count: number) => `${String(count)} ${count === 1 ? 'process' : 'processes'}`;
    this.say(
      `Re-planned when ${after.id} ended: the ${String(modules)} queued modules go in ${processes(items.length)}, not ${String(replaced.length)} (${listed(
        items.map((item) => `${item.id}: ${String(item.modules.length)}`),
        ', ',
        'items',
      )})`,
    );
  }

  /** `[3/12] billing`, or `[3/12] w2: billing, orders` for a pack. */
  private title(item: WorkItem): string {
    const first = item.modules[0];
    const prefix = progressPrefix(this.numbers.get(first) ?? 0, this.options.total, first);
    const title =
      item.modules.length === 1
        ? prefix
        : `${prefix.replace(/ .*$/, '')} ${item.id} (${String(item.modules.length)} modules): ${listed(item.modules, ', ', 'modules')}`;
    return title.replace(/[\r\n]+/g, ' ');
  }

  private command(item: WorkItem): string {
    const paths = item.modules.flatMap((module) => this.options.paths?.(module) ?? [module]);
    return `${this.options.adapter.name} ${listed(paths, ' ', 'paths')}`.replace(/[\r\n]+/g, ' ');
  }

  private say(line: string): void {
    this.options.stdout.write(`${line}\n`);
  }
}

/** Names shown in one progress line; the report lists every module of a pack (modules[].process). */
const LISTED = 10;

/** The first LISTED names, and how many more: a pack of 248 modules made 10 KB lines. */
function listed(names: readonly string[], separator: string, what: string): string {
  if (names.length <= LISTED) return names.join(separator);
  return `${names.slice(0, LISTED).join(separator)}${separator}… and ${String(names.length - LISTED)} more ${what}`;
}
