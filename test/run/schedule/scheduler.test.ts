import { describe, expect, test } from 'vitest';
import { Scheduler, type SchedulerOptions } from '../../../src/run/schedule/scheduler.js';
import { ITEM_TRANSITIONS, transition } from '../../../src/run/schedule/states.js';
import { FakeLauncher, ManualTicker, item, settled, type FakeResult } from './fake-launcher.js';

function scheduler(
  launcher: FakeLauncher,
  options: Partial<SchedulerOptions<FakeResult>> & Pick<SchedulerOptions<FakeResult>, 'items'>,
) {
  const events: string[] = [];
  const ticker = new ManualTicker();
  const instance = new Scheduler<FakeResult>({
    launcher,
    slots: 1,
    memoryBudgetMB: Number.POSITIVE_INFINITY,
    unknownRssMB: 1000,
    earlyStart: false,
    ticker,
    events: {
      itemStarted: ({ item, slot, early }) => events.push(`start ${item.id}@${slot}${early ? ' early' : ''}`),
      itemHeld: ({ item, slot }) => events.push(`hold ${item.id}@${slot}`),
      itemDiscarded: ({ item, slot }) => events.push(`discard ${item.id}@${slot}`),
      moduleEnded: ({ module, result }) => events.push(`module ${module} ${result.status}`),
      itemEnded: ({ item, slot }) => events.push(`end ${item.id}@${slot}`),
    },
    ...options,
  });
  return { instance, events, ticker };
}

describe('Scheduler: order and slots', () => {
  test('runs items longest first on the lowest free slot, reusing slots 1..N', async () => {
    const launcher = new FakeLauncher();
    const items = [
      item('short', { ms: 100 }),
      item('long', { ms: 900 }),
      item('mid', { ms: 500 }),
      item('tiny', { ms: 10 }),
      item('mid2', { ms: 400 }),
    ];
    const { instance } = scheduler(launcher, { items, slots: 3 });
    const done = instance.run();
    expect(launcher.running()).toEqual(['long@1', 'mid@2', 'mid2@3']);
    launcher.of('mid').finish();
    await settled();
    expect(launcher.running()).toEqual(['long@1', 'mid2@3', 'short@2']);
    launcher.of('long').finish();
    await settled();
    expect(launcher.running()).toEqual(['mid2@3', 'short@2', 'tiny@1']);
    launcher.of('mid2').finish();
    launcher.of('short').finish();
    launcher.of('tiny').finish();
    const result = await done;
    expect(
      [...result.modules.values()]
        .map((outcome) => [outcome.module, outcome.kind, outcome.kind === 'ran' ? outcome.slot : 0])
        .sort(),
    ).toEqual([
      ['long', 'ran', 1],
      ['mid', 'ran', 2],
      ['mid2', 'ran', 3],
      ['short', 'ran', 2],
      ['tiny', 'ran', 1],
    ]);
    expect(instance.slotStates().every((slot) => slot.state === 'closed')).toBe(true);
  });

  test('when several slots are free at once, the lowest ones are taken', async () => {
    const launcher = new FakeLauncher();
    const items = [
      item('big', { rss: 900, ms: 900 }),
      item('x', { rss: 200, ms: 200 }),
      item('y', { rss: 200, ms: 100 }),
    ];
    const { instance } = scheduler(launcher, { items, slots: 3, memoryBudgetMB: 1000 });
    const done = instance.run();
    expect(launcher.running()).toEqual(['big@1']);
    launcher.of('big').finish();
    await settled();
    expect(launcher.running()).toEqual(['x@1', 'y@2']);
    launcher.of('x').finish();
    launcher.of('y').finish();
    await done;
  });

  test('is deterministic: the items in any order start in the same order', async () => {
    const items = [
      item('b', { ms: 500 }),
      item('a', { ms: 500 }),
      item('c', { ms: 700 }),
      item('n', { ms: null, suites: 3 }),
    ];
    const starts = async (list: typeof items) => {
      const launcher = new FakeLauncher();
      const { instance, events } = scheduler(launcher, { items: list });
      const done = instance.run();
      for (let i = 0; i < list.length; i++) {
        launcher.processes.at(-1)!.finish();
        await settled();
      }
      await done;
      return events.filter((event) => event.startsWith('start'));
    };
    const forward = await starts(items);
    // n has no prediction: 3 suites at the median 500 ms a suite rank it first.
    expect(forward).toEqual(['start n@1', 'start c@1', 'start a@1', 'start b@1']);
    expect(await starts([...items].reverse())).toEqual(forward);
  });
});

describe('Scheduler: the memory budget', () => {
  test('a second item does not start beside one when their predicted peaks pass the budget; a smaller one does', async () => {
    const launcher = new FakeLauncher();
    const items = [
      item('a', { rss: 600, ms: 900 }),
      item('b', { rss: 600, ms: 800 }),
      item('c', { rss: 300, ms: 100 }),
    ];
    const { instance } = scheduler(launcher, { items, slots: 3, memoryBudgetMB: 1000 });
    const done = instance.run();
    expect(launcher.running()).toEqual(['a@1', 'c@2']);
    launcher.of('c').finish();
    await settled();
    expect(launcher.running()).toEqual(['a@1']);
    launcher.of('a').finish();
    await settled();
    expect(launcher.running()).toEqual(['b@1']);
    launcher.of('b').finish();
    await done;
  });

  test('an item measured above its prediction counts at what it measures', async () => {
    const launcher = new FakeLauncher();
    const items = [
      item('a', { rss: 400, ms: 900 }),
      item('b', { rss: 400, ms: 800 }),
      item('c', { rss: 400, ms: 700 }),
    ];
    const { instance } = scheduler(launcher, { items, slots: 2, memoryBudgetMB: 1000 });
    const done = instance.run();
    expect(launcher.running()).toEqual(['a@1', 'b@2']);
    launcher.of('a').rss = 700;
    launcher.of('b').finish();
    await settled();
    expect(launcher.running()).toEqual(['a@1']); // 700 + 400 > 1000
    launcher.of('a').finish();
    await settled();
    expect(launcher.running()).toEqual(['c@1']);
    launcher.of('c').finish();
    await done;
  });

  test('an item bigger than the whole budget still runs, alone', async () => {
    const launcher = new FakeLauncher();
    const items = [
      item('huge', { rss: 1500, ms: 900 }),
      item('small', { rss: 100, ms: 100 }),
      item('small2', { rss: 100, ms: 90 }),
    ];
    const { instance } = scheduler(launcher, { items, slots: 3, memoryBudgetMB: 1000 });
    const done = instance.run();
    expect(launcher.running()).toEqual(['huge@1']);
    launcher.of('huge').finish();
    await settled();
    expect(launcher.running()).toEqual(['small@1', 'small2@2']);
    launcher.of('small').finish();
    launcher.of('small2').finish();
    const result = await done;
    expect(result.modules.get('huge')!.kind).toBe('ran');
  });

  test('an item without a prediction counts as the unknown-size assumption', async () => {
    const launcher = new FakeLauncher();
    const { instance } = scheduler(launcher, {
      items: [item('new', { rss: null, ms: null, suites: 5 }), item('known', { rss: 200 })],
      slots: 2,
      memoryBudgetMB: 1100,
      unknownRssMB: 1000,
    });
    const done = instance.run();
    expect(launcher.running()).toEqual(['new@1']);
    launcher.of('new').finish();
    await settled();
    launcher.of('known').finish();
    await done;
  });
});

describe('Scheduler: early start', () => {
  test('holds the next item only while the running one plus the held process fit what the run is known to need', async () => {
    const launcher = new FakeLauncher();
    const items = [item('first', { rss: 400, ms: 900 }), item('second', { rss: 300, ms: 500 })];
    const { instance, events, ticker } = scheduler(launcher, {
      items,
      earlyStart: true,
      memoryBudgetMB: 2000,
      heldBootRssMB: 150,
    });
    const done = instance.run();
    const first = launcher.of('first');
    // No sample yet: the running item counts at its predicted 400 MB; 400 + 150 > 400.
    expect(launcher.held()).toEqual([]);
    first.rss = 300;
    ticker.tick();
    expect(launcher.held()).toEqual([]); // 300 + 150 > 400
    first.rss = 250;
    ticker.tick();
    expect(launcher.held()).toEqual(['second@1']); // 250 + 150 ≤ 400
    launcher.of('second').rss = 120;
    first.rss = 300;
    ticker.tick();
    expect(launcher.held()).toEqual([]); // 300 + 120 > 400: discarded
    await settled();
    first.rss = 200;
    ticker.tick();
    expect(launcher.held()).toEqual(['second@1']);
    first.finish();
    await settled();
    expect(launcher.running()).toEqual(['second@1']);
    launcher.of('second').finish();
    await done;
    expect(events.filter((event) => !event.startsWith('module'))).toEqual([
      'start first@1',
      'hold second@1',
      'discard second@1',
      'hold second@1',
      'end first@1',
      'start second@1 early',
      'end second@1',
    ]);
    expect(ticker.stopped).toBe(true);
  });

  test('without history the first item overlaps nothing; its measured peak then allows early starts', async () => {
    const launcher = new FakeLauncher();
    const items = [
      item('a', { rss: null, ms: null, suites: 3 }),
      item('b', { rss: null, ms: null, suites: 2 }),
      item('c', { rss: null, ms: null, suites: 1 }),
    ];
    const { instance, ticker } = scheduler(launcher, {
      items,
      earlyStart: true,
      memoryBudgetMB: 4000,
      unknownRssMB: 1000,
    });
    const done = instance.run();
    launcher.of('a').rss = 10;
    ticker.tick();
    expect(launcher.held()).toEqual([]);
    launcher.of('a').finish(500);
    await settled();
    expect(launcher.running()).toEqual(['b@1']);
    launcher.of('b').rss = 300;
    ticker.tick();
    expect(launcher.held()).toEqual(['c@1']); // 300 + 150 ≤ 500 (a's measured peak)
    launcher.of('b').finish();
    await settled();
    launcher.of('c').finish();
    await done;
  });

  test('knows from the start that the run needs the largest item: a small item first may hold the next', async () => {
    const launcher = new FakeLauncher();
    // One slot, as given: the small pack first, the big module (the run's peak) last.
    const items = [item('small', { rss: 300, ms: 500 }), item('big', { rss: 700, ms: 900 })];
    const { instance, events } = scheduler(launcher, {
      items,
      earlyStart: true,
      memoryBudgetMB: 4000,
      heldBootRssMB: 150,
      order: 'as-given',
    });
    const done = instance.run();
    // 300 predicted + 150 held ≤ 700: big boots behind small (before, the ceiling was small's 300).
    expect(launcher.held()).toEqual(['big@1']);
    launcher.of('small').finish();
    await settled();
    launcher.of('big').finish();
    await done;
    expect(events.filter((event) => !event.startsWith('module'))).toEqual([
      'start small@1',
      'hold big@1',
      'end small@1',
      'start big@1 early',
      'end big@1',
    ]);
  });

  test("'as-given' keeps the caller's order; the default runs the longest first", async () => {
    const items = [item('short', { ms: 100 }), item('long', { ms: 900 })];
    for (const [order, expected] of [
      ['as-given', 'short@1'],
      ['longest-first', 'long@1'],
    ] as const) {
      const launcher = new FakeLauncher();
      const { instance } = scheduler(launcher, { items, order });
      const done = instance.run();
      expect(launcher.running()).toEqual([expected]);
      launcher.of(expected.split('@')[0]).finish();
      await settled();
      launcher.running().forEach((running) => launcher.of(running.split('@')[0]).finish());
      await done;
    }
  });

  test('counts the held processes of other slots', async () => {
    const launcher = new FakeLauncher();
    const items = [
      item('a', { rss: 500, ms: 900 }),
      item('b', { rss: 500, ms: 800 }),
      item('c', { rss: 100, ms: 300 }),
      item('d', { rss: 100, ms: 200 }),
    ];
    const { instance, ticker } = scheduler(launcher, {
      items,
      slots: 2,
      earlyStart: true,
      memoryBudgetMB: 1300,
      heldBootRssMB: 150,
    });
    const done = instance.run();
    expect(launcher.running()).toEqual(['a@1', 'b@2']);
    launcher.of('a').rss = 400;
    launcher.of('b').rss = 400;
    ticker.tick();
    // 800 + 150 ≤ 1000 (known peak: a and b together) for one; 800 + 150 + 150 > 1000 for a second.
    expect(launcher.held()).toEqual(['c@1']);
    launcher.of('a').finish();
    await settled();
    expect(launcher.running()).toEqual(['b@2', 'c@1']);
    launcher.of('b').finish();
    launcher.of('c').finish();
    await settled();
    launcher.of('d').finish();
    await done;
  });

  test('never holds beyond the machine budget', async () => {
    const launcher = new FakeLauncher();
    const { instance, ticker } = scheduler(launcher, {
      items: [item('huge', { rss: 1200 }), item('next', { rss: 100, ms: 10 })],
      earlyStart: true,
      memoryBudgetMB: 1000,
    });
    const done = instance.run();
    launcher.of('huge').rss = 900;
    ticker.tick();
    expect(launcher.held()).toEqual([]); // 900 + 150 > 1000, though huge was predicted at 1200
    launcher.of('huge').rss = 800;
    ticker.tick();
    expect(launcher.held()).toEqual(['next@1']);
    launcher.of('huge').finish();
    await settled();
    launcher.of('next').finish();
    await done;
  });

  test('a held item whose slot frees waits there until the memory budget lets it run', async () => {
    const launcher = new FakeLauncher();
    const items = [
      item('a', { rss: 500, ms: 900 }),
      item('b', { rss: 400, ms: 800 }),
      item('c', { rss: 500, ms: 700 }),
    ];
    const { instance, ticker } = scheduler(launcher, { items, slots: 2, earlyStart: true, memoryBudgetMB: 1000 });
    const done = instance.run();
    expect(launcher.running()).toEqual(['a@1', 'b@2']);
    launcher.of('a').rss = 300;
    launcher.of('b').rss = 300;
    ticker.tick();
    expect(launcher.held()).toEqual(['c@1']); // fits beside b once a has ended: 400 + 500 ≤ 1000
    launcher.of('b').rss = 600; // b grows past its prediction
    launcher.of('a').finish();
    await settled();
    expect(instance.slotStates()).toEqual([
      { slot: 1, state: 'waiting', held: 'c' },
      { slot: 2, state: 'running', running: 'b' },
    ]);
    expect(launcher.held()).toEqual(['c@1']); // 600 + 500 > 1000: c waits, booted
    launcher.of('b').finish();
    await settled();
    expect(launcher.running()).toEqual(['c@1']);
    launcher.of('c').finish();
    await done;
  });

  test('a held start that cannot be prepared turns early start off; the item runs in its turn', async () => {
    const launcher = new FakeLauncher();
    launcher.failHeldPrepare = true;
    const { instance, ticker } = scheduler(launcher, {
      items: [item('a', { rss: 500 }), item('b', { rss: 100, ms: 10 })],
      earlyStart: true,
    });
    const done = instance.run();
    launcher.of('a').rss = 10;
    ticker.tick();
    launcher.of('a').finish();
    await settled();
    expect(launcher.running()).toEqual(['b@1']);
    launcher.of('b').finish();
    expect((await done).modules.size).toBe(2);
  });
});

describe('Scheduler: stop', () => {
  test('a stop discards held processes, launches nothing more and marks the rest not run', async () => {
    const launcher = new FakeLauncher();
    const items = [
      item('a', { rss: 400, ms: 900 }),
      item('b', { rss: 100, ms: 500 }),
      item('c', { rss: 100, ms: 100 }),
    ];
    const { instance, ticker } = scheduler(launcher, { items, earlyStart: true });
    const done = instance.run();
    launcher.of('a').rss = 100;
    ticker.tick();
    expect(launcher.held()).toEqual(['b@1']);
    instance.stop('not run: interrupted by SIGINT');
    await settled();
    expect(launcher.processes.map((process) => `${process.item.id}:${process.state}`)).toEqual([
      'a:running',
      'b:discarded',
    ]);
    // The launcher kills the running process on the stop signal; it ends as crashed.
    launcher.of('a').crashIn('a');
    const result = await done;
    expect(launcher.processes).toHaveLength(2);
    expect(result.stopReason).toBe('not run: interrupted by SIGINT');
    expect(result.modules.get('a')).toMatchObject({ kind: 'ran', result: { status: 'crashed' } });
    expect(result.modules.get('b')).toMatchObject({ kind: 'not-run', reason: 'not run: interrupted by SIGINT' });
    expect(result.modules.get('c')).toMatchObject({ kind: 'not-run', reason: 'not run: interrupted by SIGINT' });
    expect(instance.itemStates().map((entry) => entry.state)).toEqual(['done', 'not-run', 'not-run']);
  });

  test('a stop before the run starts runs nothing; no items is an empty result', async () => {
    const launcher = new FakeLauncher();
    const { instance } = scheduler(launcher, { items: [item('a'), item('b')] });
    instance.stop('not run: interrupted by SIGTERM');
    const result = await instance.run();
    expect(launcher.processes).toEqual([]);
    expect([...result.modules.values()].map((outcome) => outcome.kind)).toEqual(['not-run', 'not-run']);
    const empty = await scheduler(new FakeLauncher(), { items: [] }).instance.run();
    expect(empty.modules.size).toBe(0);
  });

  test('modules a stopped pack never reached are not run, not re-run', async () => {
    const launcher = new FakeLauncher();
    const { instance } = scheduler(launcher, { items: [item('w1', { modules: ['a', 'b', 'c'] })] });
    const done = instance.run();
    instance.stop('not run: the lock was lost');
    launcher.of('w1').crashIn('a');
    const result = await done;
    expect(launcher.processes).toHaveLength(1);
    expect(result.modules.get('b')).toMatchObject({ kind: 'not-run', reason: 'not run: the lock was lost' });
    expect(result.modules.get('c')).toMatchObject({ kind: 'not-run' });
  });
});

describe('Scheduler: a crash inside a pack', () => {
  test('the modules after the one that crashed run again, each alone, before the queued items', async () => {
    const launcher = new FakeLauncher();
    const items = [item('w1', { modules: ['a', 'b', 'c', 'd'], rss: 500, ms: 900 }), item('w2', { ms: 100 })];
    const { instance, events } = scheduler(launcher, { items });
    const done = instance.run();
    launcher.of('w1').crashIn('b');
    await settled();
    expect(launcher.running()).toEqual(['w1/c@1']);
    const rerun = launcher.of('w1/c').item;
    expect(rerun).toMatchObject({
      modules: ['c'],
      predictedPeakRssMB: 500,
      reason: 're-run alone: the process of w1 died in b before it started',
    });
    launcher.of('w1/c').finish();
    await settled();
    expect(launcher.running()).toEqual(['w1/d@1']);
    launcher.of('w1/d').finish();
    await settled();
    launcher.of('w2').finish();
    const result = await done;
    expect(
      [...result.modules.entries()]
        .map(
          ([name, outcome]) =>
            `${name}:${outcome.kind === 'ran' ? `${outcome.result.status} in ${outcome.item.id}` : outcome.kind}`,
        )
        .sort(),
    ).toEqual(['a:passed in w1', 'b:crashed in w1', 'c:passed in w1/c', 'd:passed in w1/d', 'w2:passed in w2']);
    expect(result.items.map((run) => run.item.id)).toEqual(['w1', 'w1/c', 'w1/d', 'w2']);
    expect(events.filter((event) => event.startsWith('module'))).toEqual([
      'module a passed',
      'module b crashed',
      'module c passed',
      'module d passed',
      'module w2 passed',
    ]);
  });

  test('the caller makes the re-run items (e.g. from history)', async () => {
    const launcher = new FakeLauncher();
    const { instance } = scheduler(launcher, {
      items: [item('w1', { modules: ['a', 'b'] })],
      rerunItem: (module, parent, diedIn) => ({
        ...item(`${parent.id}:${module}`, { modules: [module], rss: 42 }),
        reason: `after ${diedIn}`,
      }),
    });
    const done = instance.run();
    launcher.of('w1').crashIn('a');
    await settled();
    expect(launcher.of('w1:b').item).toMatchObject({ predictedPeakRssMB: 42, reason: 'after a' });
    launcher.of('w1:b').finish();
    await done;
  });

  test('a module the outcome forgets counts as never started', async () => {
    const launcher = new FakeLauncher();
    const { instance } = scheduler(launcher, { items: [item('w1', { modules: ['a', 'b'] })] });
    const done = instance.run();
    launcher.of('w1').end({ modules: [{ name: 'a', result: { module: 'a', status: 'passed' } }], notStarted: [] });
    await settled();
    launcher.of('w1/b').finish();
    expect((await done).modules.get('b')).toMatchObject({ kind: 'ran', item: { id: 'w1/b' } });
  });

  test('a single module whose process ended before it started is not run, with the reason, and not retried forever', async () => {
    const launcher = new FakeLauncher();
    const { instance } = scheduler(launcher, { items: [item('solo')] });
    const done = instance.run();
    launcher.of('solo').end({ modules: [], notStarted: ['solo'] });
    const result = await done;
    expect(launcher.processes).toHaveLength(1);
    expect(result.modules.get('solo')).toMatchObject({
      kind: 'not-run',
      reason: 'not run: its process (solo) ended before it started',
    });
  });
});

describe('Scheduler: progress and failures', () => {
  test('a module reported live is announced once, not again when its item ends', async () => {
    const launcher = new FakeLauncher();
    const { instance, events } = scheduler(launcher, { items: [item('w1', { modules: ['a', 'b'] })] });
    const done = instance.run();
    launcher.of('w1').moduleDone('a');
    expect(events).toEqual(['start w1@1', 'module a passed']);
    launcher.of('w1').finish();
    await done;
    expect(events).toEqual(['start w1@1', 'module a passed', 'module b passed', 'end w1@1']);
  });

  test('a launcher that breaks stops the schedule; the rejection comes after every process ended', async () => {
    const launcher = new FakeLauncher();
    const { instance } = scheduler(launcher, {
      items: [item('a', { ms: 900 }), item('b', { ms: 800 }), item('c', { ms: 10 })],
      slots: 2,
    });
    let outcome: string | undefined;
    const done = instance.run().then(
      () => (outcome = 'resolved'),
      (error: unknown) => (outcome = (error as Error).message),
    );
    launcher.of('a').reject(new Error('reporter file unreadable'));
    await settled();
    expect(outcome).toBeUndefined();
    expect(launcher.running()).toEqual(['b@2']);
    launcher.of('b').finish();
    await done;
    expect(outcome).toBe('reporter file unreadable');
    expect(launcher.processes.map((process) => process.item.id)).toEqual(['a', 'b']);
  });

  test('a run() that throws at once is a failure too, not an item left running forever', async () => {
    const broken = {
      prepare: () => ({
        run: () => {
          throw new Error('spawn EACCES');
        },
        discard: () => Promise.resolve(),
        currentRssMB: () => null,
      }),
    };
    const instance = new Scheduler<FakeResult>({
      items: [item('a'), item('b')],
      launcher: broken,
      slots: 1,
      memoryBudgetMB: 1000,
      unknownRssMB: 100,
      earlyStart: false,
      ticker: new ManualTicker(),
    });
    await expect(instance.run()).rejects.toThrow('spawn EACCES');
    expect(instance.itemStates().map((entry) => entry.state)).toEqual(['done', 'not-run']);
  });

  test('an item lifecycle refuses a transition it does not allow', () => {
    const entry: { state: 'queued' | 'held' | 'running' | 'discarding' | 'done' | 'not-run' } = { state: 'done' };
    expect(() => transition(entry, 'running', ITEM_TRANSITIONS, 'item w1')).toThrow(
      'scheduler bug: item w1 cannot go from done to running',
    );
    const queued: typeof entry = { state: 'queued' };
    transition(queued, 'held', ITEM_TRANSITIONS, 'item w2');
    expect(queued.state).toBe('held');
  });
});

describe('Scheduler: re-planning the queue', () => {
  test('the queued planned items are replaced by what the re-plan makes of them, after an item ends', async () => {
    const launcher = new FakeLauncher();
    const items = [
      item('w1', { modules: ['a', 'b'], ms: 900 }),
      item('w2', { modules: ['c'], ms: 500 }),
      item('w3', { modules: ['d'], ms: 400 }),
      item('w4', { modules: ['e'], ms: 300 }),
    ];
    const requests: string[] = [];
    const replanned: string[] = [];
    const { instance, events } = scheduler(launcher, {
      items,
      replan: ({ ended, finished, queued }) => {
        requests.push(
          `${ended.item.id} after [${finished.map((run) => run.item.id).join(',')}]: [${queued.map((q) => q.id).join(',')}]`,
        );
        if (queued.length < 3) return undefined;
        return [item('w5', { modules: ['e', 'c', 'd'], ms: 800 })];
      },
      events: {
        itemStarted: ({ item: started }) => events.push(`start ${started.id}`),
        replanned: ({ after, replaced, items: made }) =>
          replanned.push(`${after.id}: ${replaced.map((r) => r.id).join(',')} → ${made.map((m) => m.id).join(',')}`),
      },
    });
    const done = instance.run();
    expect(launcher.running()).toEqual(['w1@1']);
    launcher.of('w1').finish();
    await settled();
    expect(requests).toEqual(['w1 after [w1]: [w2,w3,w4]']);
    expect(replanned).toEqual(['w1: w2,w3,w4 → w5']);
    expect(launcher.running()).toEqual(['w5@1']);
    expect(instance.itemStates().map((state) => `${state.id}:${state.state}`)).toEqual(['w1:done', 'w5:running']);
    launcher.of('w5').finish();
    const result = await done;
    // Nothing was queued any more when w5 ended: no request.
    expect(requests).toHaveLength(1);
    expect(events).toEqual(['start w1', 'start w5']);
    expect([...result.modules.values()].map((outcome) => `${outcome.module}:${outcome.item.id}`).sort()).toEqual([
      'a:w1',
      'b:w1',
      'c:w5',
      'd:w5',
      'e:w5',
    ]);
  });

  test('re-planned items run longest first with several slots, and an unchanged queue stays as it was', async () => {
    const launcher = new FakeLauncher();
    const items = [
      item('w1', { ms: 900 }),
      item('w2', { ms: 800 }),
      item('w3', { ms: 300 }),
      item('w4', { ms: 200 }),
      item('w5', { ms: 100 }),
    ];
    let calls = 0;
    const runningAtRequest: string[] = [];
    const { instance } = scheduler(launcher, {
      items,
      slots: 2,
      replan: ({ queued, running }) => {
        calls += 1;
        runningAtRequest.push(running.map((run) => `${run.item.id}@${String(run.slot)}`).join(','));
        expect(running.every((run) => run.startedAt <= Date.now())).toBe(true);
        if (calls !== 2) return undefined;
        return [
          item('w6', { modules: queued.flatMap((q) => q.modules).slice(0, 1), ms: 10 }),
          item('w7', {
            modules: queued.flatMap((q) => q.modules).slice(1),
            ms: 700,
          }),
        ];
      },
    });
    const done = instance.run();
    expect(launcher.running()).toEqual(['w1@1', 'w2@2']);
    launcher.of('w2').finish();
    await settled();
    expect(launcher.running()).toEqual(['w1@1', 'w3@2']);
    launcher.of('w1').finish();
    await settled();
    // The second request re-planned w4 and w5: the longer item first.
    expect(launcher.running()).toEqual(['w3@2', 'w7@1']);
    // Each request names what still runs: its slot is not free yet (the re-plan weighs that).
    expect(runningAtRequest).toEqual(['w1@1', 'w3@2']);
    expect(launcher.of('w7').item.modules).toEqual(['w5']);
    launcher.of('w3').finish();
    await settled();
    launcher.of('w7').finish();
    launcher.of('w6').finish();
    const result = await done;
    expect(result.modules.size).toBe(5);
  });

  test('re-runs after a crash and held processes are not offered to the re-plan', async () => {
    const launcher = new FakeLauncher();
    const items = [
      item('w1', { modules: ['a', 'b', 'c'], rss: 200, ms: 900 }),
      item('w2', { rss: 100, ms: 500 }),
      item('w3', { rss: 100, ms: 400 }),
    ];
    const offered: string[][] = [];
    const { instance, ticker } = scheduler(launcher, {
      items,
      earlyStart: true,
      memoryBudgetMB: 2000,
      heldBootRssMB: 50,
      replan: ({ queued }) => {
        offered.push(queued.map((q) => q.id));
        return undefined;
      },
    });
    const done = instance.run();
    launcher.of('w1').rss = 100;
    ticker.tick();
    expect(launcher.held()).toEqual(['w2@1']);
    launcher.of('w1').crashIn('a');
    await settled();
    // w2 was held (it runs now, in its slot): only w3 is offered; the re-runs of b and c are not.
    expect(offered).toEqual([['w3']]);
    expect(launcher.running()).toEqual(['w2@1']);
    const ran: string[] = [];
    while (launcher.running().length > 0) {
      const [next] = launcher.running();
      const id = next.replace(/@\d+$/, '');
      ran.push(id);
      launcher.of(id).finish();
      await settled();
    }
    await done;
    expect(ran).toEqual(['w2', 'w1/b', 'w1/c', 'w3']);
    // Asked again when w2 ended (w3 queued behind the re-runs), never with a re-run in the queue.
    expect(offered.every((ids) => ids.every((id) => !id.includes('/')))).toBe(true);
  });

  test('a re-plan that holds other modules than the queue is refused: the schedule stops loudly', async () => {
    const launcher = new FakeLauncher();
    const items = [item('w1', { ms: 900 }), item('w2', { ms: 500 }), item('w3', { ms: 400 })];
    const { instance } = scheduler(launcher, {
      items,
      replan: () => [item('w4', { modules: ['w2'] })],
    });
    const done = instance.run();
    launcher.of('w1').finish();
    await expect(done).rejects.toThrow(/a re-plan must hold exactly the queued modules \(2\), got 1: refused/);
    expect(launcher.processes.map((process) => process.item.id)).toEqual(['w1']);
  });

  test('a re-plan may not reuse an item id, and is not asked after a stop', async () => {
    const launcher = new FakeLauncher();
    const reused = scheduler(launcher, {
      items: [item('w1', { ms: 900 }), item('w2', { ms: 500 }), item('w3', { ms: 400 })],
      replan: ({ queued }) => [item('w1', { modules: queued.flatMap((q) => q.modules) })],
    });
    const done = reused.instance.run();
    launcher.of('w1').finish();
    await expect(done).rejects.toThrow(/reused the work item id w1/);

    const other = new FakeLauncher();
    let asked = 0;
    const stopped = scheduler(other, {
      items: [item('x1', { ms: 900 }), item('x2', { ms: 500 }), item('x3', { ms: 400 })],
      replan: () => {
        asked += 1;
        return undefined;
      },
    });
    const run = stopped.instance.run();
    stopped.instance.stop('stopped by the test');
    other.of('x1').finish();
    const result = await run;
    expect(asked).toBe(0);
    expect(result.modules.get('x2')).toMatchObject({ kind: 'not-run', reason: 'stopped by the test' });
  });
});
