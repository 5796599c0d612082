/** A Redis that is away delays polls; it neither blocks the gateway's start nor holds an account write for long. */
import { BullPollScheduler } from '../../../src/events/bull-poll-scheduler';
import { freePort } from '../../support/waiting';

test('with nothing listening at REDIS_URL, the BullMQ scheduler starts, a schedule change fails within seconds, and it closes', async () => {
  const scheduler = new BullPollScheduler(`redis://127.0.0.1:${await freePort()}`);
  await scheduler.start(() => Promise.resolve());
  const started = Date.now();
  await expect(scheduler.schedule('a', 60_000)).rejects.toThrow(/did not answer schedule/);
  expect(Date.now() - started).toBeLessThan(10_000);
  await expect(scheduler.stats()).rejects.toThrow();
  await scheduler.close();
}, 30_000);
