/** The in-process scheduler: bounded concurrency, one poll of an account at a time, FIFO of due polls. */
import { LocalPollScheduler } from '../../../src/events/local-poll-scheduler';
import { waitFor } from '../../support/waiting';

const HOUR = 3_600_000;

/** A runner whose polls end when the test says so. */
function controlledRunner() {
  const running = new Map<string, () => void>();
  const started: string[] = [];
  let peak = 0;
  const run = (accountId: string) =>
    new Promise<void>((resolve) => {
      started.push(accountId);
      running.set(accountId, () => {
        running.delete(accountId);
        resolve();
      });
      peak = Math.max(peak, running.size);
    });
  return { run, running, started, peak: () => peak, finish: (accountId: string) => running.get(accountId)!() };
}

describe('LocalPollScheduler', () => {
  let scheduler: LocalPollScheduler;
  afterEach(() => scheduler.close());

  test('scheduling polls at once; no more than `concurrency` polls run together, the rest wait in order', async () => {
    let now = 1_000_000;
    scheduler = new LocalPollScheduler(2, () => now);
    const runner = controlledRunner();
    await scheduler.start(runner.run);
    for (const id of ['a', 'b', 'c', 'd']) await scheduler.schedule(id, HOUR);
    expect(runner.started).toEqual(['a', 'b']);
    now += 5000;
    expect(await scheduler.stats()).toEqual({ depth: 2, oldestWaitingS: 5 });
    runner.finish('a');
    await waitFor(() => runner.started.length === 3, { what: 'c to start' });
    expect(runner.started).toEqual(['a', 'b', 'c']);
    runner.finish('b');
    runner.finish('c');
    await waitFor(() => runner.started.length === 4, { what: 'd to start' });
    runner.finish('d');
    expect(runner.peak()).toBe(2);
    expect(await scheduler.stats()).toEqual({ depth: 0, oldestWaitingS: 0 });
  });

  test('an account is never polled twice at once: a poll asked for while one runs follows it, once', async () => {
    scheduler = new LocalPollScheduler(4);
    const runner = controlledRunner();
    await scheduler.start(runner.run);
    await scheduler.schedule('a', HOUR);
    await scheduler.pollSoon('a');
    await scheduler.pollSoon('a');
    expect(runner.started).toEqual(['a']);
    runner.finish('a');
    await waitFor(() => runner.started.length === 2, { what: 'the second poll' });
    runner.finish('a');
    await new Promise((resolve) => setImmediate(resolve));
    expect(runner.started).toEqual(['a', 'a']);
  });

  test('rescheduling with the same interval changes nothing; unscheduling drops a waiting poll', async () => {
    scheduler = new LocalPollScheduler(1);
    const runner = controlledRunner();
    await scheduler.start(runner.run);
    await scheduler.schedule('a', HOUR);
    await scheduler.schedule('a', HOUR);
    await scheduler.schedule('b', HOUR);
    expect((await scheduler.stats()).depth).toBe(1);
    await scheduler.unschedule('b');
    expect((await scheduler.stats()).depth).toBe(0);
    runner.finish('a');
    await new Promise((resolve) => setImmediate(resolve));
    expect(runner.started).toEqual(['a']);
  });

  test('polls come back at the interval', async () => {
    scheduler = new LocalPollScheduler(1);
    const polled: string[] = [];
    await scheduler.start((id) => {
      polled.push(id);
      return Promise.resolve();
    });
    await scheduler.schedule('a', 20);
    await waitFor(() => polled.length >= 3, { what: 'three polls' });
  });

  test('close waits for the running poll and starts no other', async () => {
    scheduler = new LocalPollScheduler(1);
    const runner = controlledRunner();
    await scheduler.start(runner.run);
    await scheduler.schedule('a', HOUR);
    await scheduler.schedule('b', HOUR);
    let closed = false;
    const closing = scheduler.close().then(() => (closed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    runner.finish('a');
    await closing;
    expect(runner.started).toEqual(['a']);
  });
});
