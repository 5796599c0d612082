/**
 * One poll at a time, against Dovecot: baseline, new and deleted mail, backfill, paging,
 * account status, and the promise that a crash repeats an event and never loses one.
 */
import { loggedInClient } from '../../support/dovecot-client';
import { startDovecot, type DovecotServer } from '../../support/dovecot';
import { simpleMessage } from '../../support/messages';
import { dovecotAccount, pollRig, type PollRig } from '../../support/polling';
import { freePort, waitFor } from '../../support/waiting';
import type { PollStateStore } from '../../../src/events/poll-state';

const USERS = ['base', 'fresh', 'gone', 'back', 'paged', 'auth', 'crash'].map((name) => ({ name, password: `${name}-secret` }));

describe('Poller.pollOnce against Dovecot', () => {
  let dovecot: DovecotServer;
  let rig: PollRig;

  beforeAll(async () => {
    dovecot = await startDovecot({ users: USERS });
    rig = pollRig(dovecot);
  });

  afterAll(async () => {
    await rig?.close();
    await dovecot?.close();
  });

  const register = (user: string, poll: Parameters<typeof dovecotAccount>[4] = {}, password = `${user}-secret`) =>
    rig.registry.create(dovecotAccount(dovecot, user, user, password, poll), false);
  const eventsOf = (account: string) => rig.log.all({ account });

  test('the first poll records a baseline: no message events, status connected, lastPollAt stamped', async () => {
    await dovecot.deliver('base', simpleMessage({ subject: 'old one' }));
    await dovecot.deliver('base', simpleMessage({ subject: 'old two' }));
    await register('base');
    expect(await rig.poller.pollOnce('base')).toMatchObject({ outcome: 'ok', more: false });
    expect(await eventsOf('base')).toEqual([]);
    const account = await rig.registry.get('base');
    expect(account.state.status).toBe('connected');
    expect(Date.parse(account.state.lastPollAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(account.state.lastError).toBeUndefined();
    // Nothing new: still nothing.
    await rig.poller.pollOnce('base');
    expect(await eventsOf('base')).toEqual([]);
    // A poll ends its session with QUIT: nothing of it stays logged in or pooled.
    await waitFor(async () => (await dovecot.sessionCount('base')) === 0, { what: 'the poll sessions to log out' });
    expect(rig.gw.resources.pool.stats().idle).toBe(0);
  });

  test('new mail is reported once, in arrival order, with its TOP n 0 header summary', async () => {
    await register('fresh');
    await rig.poller.pollOnce('fresh');
    await dovecot.deliver('fresh', simpleMessage({ subject: 'first', from: 'Ann <ann@example.com>', to: 'Fresh <fresh@example.com>', messageId: '<first@example.com>', date: new Date(Date.UTC(2026, 10, 30, 10, 0, 0)) }));
    await dovecot.deliver('fresh', simpleMessage({ subject: 'second' }));
    await rig.poller.pollOnce('fresh');
    await rig.poller.pollOnce('fresh');

    const events = await eventsOf('fresh');
    expect(events.map((e) => e.type)).toEqual(['message.received', 'message.received']);
    const [first, second] = events;
    expect(first).toMatchObject({
      type: 'message.received',
      account: 'fresh',
      data: { size: expect.any(Number), headers: { subject: 'first', from: 'Ann <ann@example.com>', to: 'Fresh <fresh@example.com>', date: '2026-11-30T10:00:00.000Z', messageId: '<first@example.com>' } },
    });
    expect(second!.data).toMatchObject({ headers: { subject: 'second' } });
    expect(first!.id).toMatch(/^evt_/);
    expect(first!.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // The ids are the mailbox's UIDLs, as /accounts/fresh/messages shows them.
    const witness = await loggedInClient(dovecot, { user: 'fresh', password: 'fresh-secret' });
    const uidls = (await witness.uidl()).map((u) => u.uid);
    await witness.quit();
    expect(events.map((e) => (e.data as { id: string }).id)).toEqual(uidls);
    // Appended once each: the second poll found nothing new.
    expect(rig.log.attempts.filter((e) => e.account === 'fresh')).toHaveLength(2);
  });

  test('a message deleted by another client is reported as message.deleted', async () => {
    await dovecot.deliver('gone', simpleMessage({ subject: 'doomed' }));
    await register('gone');
    await rig.poller.pollOnce('gone');
    const other = await loggedInClient(dovecot, { user: 'gone', password: 'gone-secret' });
    const [uidl] = await other.uidl();
    await other.dele(1);
    await other.quit();
    await rig.poller.pollOnce('gone');
    await rig.poller.pollOnce('gone');
    const events = await eventsOf('gone');
    expect(events).toEqual([expect.objectContaining({ type: 'message.deleted', data: { id: uidl!.uid } })]);
  });

  test('poll.backfill reports the mail already there at the first poll', async () => {
    await dovecot.deliver('back', simpleMessage({ subject: 'was here' }));
    await register('back', { backfill: true });
    await rig.poller.pollOnce('back');
    const events = await eventsOf('back');
    expect(events).toEqual([expect.objectContaining({ type: 'message.received', data: expect.objectContaining({ headers: expect.objectContaining({ subject: 'was here' }) }) })]);
  });

  test('an account deleted and registered again under the same id reports its backfill again, under new ids', async () => {
    // 'back' from the test above: its message is recorded once already.
    const [first] = await eventsOf('back');
    const { createdAt } = await rig.registry.get('back');
    await rig.registry.delete('back');
    await rig.gw.resources.pollStates.delete('back'); // what Polling.accountDeleted does
    // createdAt has millisecond resolution; a new registration must not share the old one's.
    await waitFor(() => new Date().toISOString() > createdAt, { what: 'the clock to pass the first registration' });
    await register('back', { backfill: true });
    await rig.poller.pollOnce('back');
    const events = await eventsOf('back');
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ type: 'message.received', data: { id: (first!.data as { id: string }).id } });
    expect(events[1]!.id).not.toBe(first!.id);
  });

  test('thousands of new messages are paged across polls: 450 with a page of 200 are reported once each, in order', async () => {
    const paged = pollRig(dovecot, { poller: { pageSize: 200 }, log: rig.log });
    try {
      await paged.registry.create(dovecotAccount(dovecot, 'paged', 'paged', 'paged-secret'), false);
      await paged.poller.pollOnce('paged');
      for (let i = 0; i < 450; i++) await dovecot.deliver('paged', simpleMessage({ subject: `bulk ${i}` }));
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await paged.poller.pollOnce('paged'));
      expect(results.map((r) => r.more)).toEqual([true, true, false, false]);
      const events = await rig.log.all({ account: 'paged' });
      expect(events.map((e) => (e.data as { headers: { subject: string } }).headers.subject)).toEqual(Array.from({ length: 450 }, (_, i) => `bulk ${i}`));
      expect(new Set(events.map((e) => e.id)).size).toBe(450);
      expect(rig.log.attempts.filter((e) => e.account === 'paged')).toHaveLength(450);
    } finally {
      await paged.close();
    }
  });

  test('a refused login moves the account to authentication_failed once, not once per poll; a fixed password back to connected', async () => {
    await register('auth', {}, 'wrong-password');
    await rig.poller.pollOnce('auth');
    await rig.poller.pollOnce('auth');
    let account = await rig.registry.get('auth');
    expect(account.state).toMatchObject({ status: 'authentication_failed', lastError: expect.stringContaining('refused the login') });
    expect(account.state.lastError).not.toContain('wrong-password');
    await rig.registry.update('auth', { pop3: { password: 'auth-secret' } }, false);
    await rig.poller.pollOnce('auth');
    await rig.poller.pollOnce('auth');
    account = await rig.registry.get('auth');
    expect(account.state.status).toBe('connected');
    expect(account.state.lastError).toBeUndefined();
    const statuses = (await eventsOf('auth')).map((e) => e.data);
    expect(statuses).toEqual([
      { status: 'authentication_failed', previous: 'new', error: expect.stringContaining('refused the login') },
      { status: 'connected', previous: 'authentication_failed', error: null },
    ]);
    expect(rig.gw.logText()).not.toContain('wrong-password');
  });

  test('a server nobody answers at makes the account unreachable', async () => {
    const closedPort = await freePort();
    await rig.registry.create({ id: 'nowhere', pop3: { host: '127.0.0.1', port: closedPort, user: 'x', password: 'y' } }, false);
    expect(await rig.poller.pollOnce('nowhere')).toMatchObject({ outcome: 'failed' });
    expect((await rig.registry.get('nowhere')).state).toMatchObject({ status: 'unreachable', lastError: expect.any(String) });
    expect((await eventsOf('nowhere')).map((e) => e.data)).toEqual([{ status: 'unreachable', previous: 'new', error: expect.any(String) }]);
    const metrics = await rig.gw.resources.metrics.registry.metrics();
    expect(metrics).toMatch(/popgate_poll_errors_total\{code="upstream_unavailable"\} [1-9]/);
    expect(metrics).toMatch(/popgate_polls_total\{outcome="failed"\} [1-9]/);
  });

  test('events recorded but the seen-set never written (a crash between the two): the next poll repeats the same event ids', async () => {
    const states = rig.gw.resources.pollStates;
    let failNextAdvance = false;
    const flaky: PollStateStore = {
      state: (id) => states.state(id),
      states: (ids) => states.states(ids),
      seen: (id) => states.seen(id),
      setState: (id, state) => states.setState(id, state),
      delete: (id) => states.delete(id),
      advance: (id, change, state) => {
        if (failNextAdvance) {
          failNextAdvance = false;
          return Promise.reject(new Error('the instance died here'));
        }
        return states.advance(id, change, state);
      },
    };
    const crashing = pollRig(dovecot, { poller: { states: flaky }, log: rig.log });
    try {
      await crashing.registry.create(dovecotAccount(dovecot, 'crash', 'crash', 'crash-secret'), false);
      await crashing.poller.pollOnce('crash');
      await dovecot.deliver('crash', simpleMessage({ subject: 'survives a crash' }));
      failNextAdvance = true;
      expect(await crashing.poller.pollOnce('crash')).toMatchObject({ outcome: 'failed' });
      const before = rig.log.attempts.filter((e) => e.account === 'crash').map((e) => e.id);
      expect(before).toHaveLength(1);
      await crashing.poller.pollOnce('crash');
      const attempts = rig.log.attempts.filter((e) => e.account === 'crash').map((e) => e.id);
      expect(attempts).toEqual([before[0], before[0]]);
      // The log holds it once; a third poll reports nothing more.
      await crashing.poller.pollOnce('crash');
      expect((await rig.log.all({ account: 'crash' })).map((e) => e.id)).toEqual([before[0]]);
    } finally {
      await crashing.close();
    }
  });
});
