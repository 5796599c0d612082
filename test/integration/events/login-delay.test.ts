/**
 * RFC 2449 LOGIN-DELAY: a server that allows a login only every N seconds stretches the
 * account's poll interval to N (effective interval = max(intervalS, LOGIN-DELAY)).
 */
import { LocalPollScheduler } from '../../../src/events/local-poll-scheduler';
import { Polling } from '../../../src/events/polling';
import { FakePop3Server } from '../../support/fake-pop3-server';
import { pollRig, type PollRig } from '../../support/polling';
import { waitFor } from '../../support/waiting';

/** The in-process scheduler, remembering every interval it was given. */
class RecordingScheduler extends LocalPollScheduler {
  readonly intervals: Array<[string, number]> = [];
  override schedule(accountId: string, everyMs: number): Promise<void> {
    this.intervals.push([accountId, everyMs]);
    return super.schedule(accountId, everyMs);
  }
}

describe('CAPA LOGIN-DELAY', () => {
  let fake: FakePop3Server;
  let rig: PollRig;

  beforeAll(async () => {
    fake = await FakePop3Server.start({ users: [{ name: 'slow', password: 'p', messages: [] }] });
    // The server announces a 900-second login delay in CAPA (RFC 2449 §6.8).
    fake.on('CAPA', (ctx) => ctx.reply(Buffer.from(ctx.defaultReply().toString('latin1').replace(/\r\n\.\r\n$/, '\r\nLOGIN-DELAY 900\r\n.\r\n'), 'latin1')));
    rig = pollRig(fake);
  });

  afterAll(async () => {
    await rig?.close();
    await fake?.close();
  });

  test('the first poll learns the delay and reschedules the account at max(interval, LOGIN-DELAY)', async () => {
    const scheduler = new RecordingScheduler();
    const polling = new Polling(rig.registry, rig.poller, scheduler, rig.gw.resources.pollStates, rig.gw.resources.consumeQueue, { intervalMs: () => 60_000 });
    try {
      await rig.registry.create({ id: 'slow', pop3: { host: fake.host, port: fake.port, user: 'slow', password: 'p' } }, false);
      rig.registry.watch({ created: (a) => polling.accountChanged(a), updated: (a) => polling.accountChanged(a, true), deleted: (id) => polling.accountDeleted(id) });
      await polling.start();
      await waitFor(() => scheduler.intervals.length === 2, { what: 'the reschedule after the first poll' });
      expect(scheduler.intervals).toEqual([
        ['slow', 60_000],
        ['slow', 900_000],
      ]);
      // A change of the account keeps the longer interval it learned.
      await rig.registry.update('slow', { name: 'renamed' }, false);
      expect(scheduler.intervals.at(-1)).toEqual(['slow', 900_000]);
    } finally {
      await polling.close();
    }
  });
});
