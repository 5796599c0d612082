/**
 * The poller as the gateway runs it (in-process scheduler, no Redis): accounts registered
 * through the API are polled at their interval while mail drops into Dovecot; their state
 * shows in GET /accounts; disabling, re-enabling and deleting take effect; the per-mailbox
 * session cap holds while polls and API requests run together.
 */
import request from 'supertest';
import { startDovecot, type DovecotServer } from '../../support/dovecot';
import { simpleMessage } from '../../support/messages';
import { ADMIN, pollingGateway } from '../../support/polling';
import { watchSessionPeak } from '../../support/session-peak';
import { waitFor } from '../../support/waiting';
import type { RecordedEvent } from '../../../src/events/event';
import type { Account } from '../../../src/models/account';

const USERS = ['watched', 'capped', 'dropped'].map((name) => ({ name, password: `${name}-secret` }));
const asAdmin = (req: request.Test) => req.set('Authorization', `Bearer ${ADMIN}`);

describe('polling registered accounts (in-process scheduler)', () => {
  let dovecot: DovecotServer;
  let gw: Awaited<ReturnType<typeof pollingGateway>>;

  beforeAll(async () => {
    dovecot = await startDovecot({ users: USERS });
    gw = await pollingGateway(dovecot, { polling: { intervalMs: () => 200 } });
  });

  afterAll(async () => {
    await gw?.close();
    await dovecot?.close();
  });

  const register = (user: string, poll: Record<string, unknown> = {}) =>
    asAdmin(request(gw.app).post('/accounts'))
      .send({ id: user, pop3: { host: dovecot.host, port: dovecot.pop3sPort, user, password: `${user}-secret` }, poll })
      .expect(201);
  const account = async (id: string) => (await asAdmin(request(gw.app).get(`/accounts/${id}`)).expect(200)).body as Account;
  const events = async (id: string): Promise<RecordedEvent[]> => (await gw.resources.eventLog.page({ account: id, limit: 1000 })).items;

  test('a registered account is polled: baseline, then mail dropped into the Maildir is reported, once', async () => {
    await dovecot.deliver('watched', simpleMessage({ subject: 'before registration' }));
    await register('watched');
    await waitFor(async () => (await account('watched')).state.status === 'connected', { what: 'the first poll' });
    expect((await account('watched')).state.lastPollAt).not.toBeNull();

    await dovecot.deliver('watched', simpleMessage({ subject: 'while watched' }));
    await waitFor(async () => (await events('watched')).length > 0, { what: 'the new mail event' });
    // Several more polls run; the message stays reported once.
    const polls = async () => Number(/popgate_polls_total\{outcome="ok"\} (\d+)/.exec(await gw.resources.metrics.registry.metrics())?.[1] ?? 0);
    const after = await polls();
    await waitFor(async () => (await polls()) >= after + 3, { what: 'three more polls' });
    const reported = await events('watched');
    expect(reported.map((e) => [e.type, (e.data as { headers?: { subject: string } }).headers?.subject])).toEqual([['message.received', 'while watched']]);

    const list = (await asAdmin(request(gw.app).get('/accounts')).expect(200)).body as { items: Account[] };
    expect(list.items.find((a) => a.id === 'watched')?.state.status).toBe('connected');
  });

  test('disabling an account says so once and stops its polls; re-enabling reports what arrived meanwhile', async () => {
    await waitFor(async () => (await account('watched')).state.status === 'connected', { what: 'the account to be polled' });
    await asAdmin(request(gw.app).patch('/accounts/watched')).send({ poll: { enabled: false } }).expect(200);
    await waitFor(async () => (await events('watched')).some((e) => e.type === 'account.status'), { what: 'the status event' });
    expect((await account('watched')).state.status).toBe('disabled');
    expect((await events('watched')).filter((e) => e.type === 'account.status').map((e) => e.data)).toEqual([{ status: 'disabled', previous: 'connected', error: null }]);

    await dovecot.deliver('watched', simpleMessage({ subject: 'while disabled' }));
    await asAdmin(request(gw.app).patch('/accounts/watched')).send({ poll: { enabled: true } }).expect(200);
    await waitFor(async () => (await events('watched')).some((e) => (e.data as { headers?: { subject: string } }).headers?.subject === 'while disabled'), { what: 'the mail that arrived while disabled' });
    expect((await account('watched')).state.status).toBe('connected');
    expect((await events('watched')).filter((e) => e.type === 'account.status').map((e) => e.data)).toEqual([
      { status: 'disabled', previous: 'connected', error: null },
      { status: 'connected', previous: 'disabled', error: null },
    ]);
  });

  test('POOL_MAX_PER_MAILBOX holds at the server while polls and API requests share the mailbox, and the requests all succeed', async () => {
    for (let i = 0; i < 20; i++) await dovecot.deliver('capped', simpleMessage({ subject: `capped ${i}` }));
    await register('capped');
    await waitFor(async () => (await account('capped')).state.status === 'connected', { what: 'the first poll' });
    const peak = watchSessionPeak(dovecot, 'capped');
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => asAdmin(request(gw.app).get('/accounts/capped/messages?headers=true')).set('Cache-Control', 'no-cache')),
    );
    const highest = await peak.stop();
    expect(answers.map((res) => res.status)).toEqual(answers.map(() => 200));
    expect(highest).toBeGreaterThan(0);
    expect(highest).toBeLessThanOrEqual(2);
  });

  test('deleting an account stops its polls and drops its poll state and consume queue', async () => {
    await register('dropped', { deleteAfterDelivery: true });
    await waitFor(async () => (await account('dropped')).state.status === 'connected', { what: 'the first poll' });
    await gw.resources.consumeQueue.add('dropped', 'some-uid');
    await asAdmin(request(gw.app).delete('/accounts/dropped')).expect(204);
    expect(await gw.resources.pollStates.state('dropped')).toBeNull();
    expect(await gw.resources.consumeQueue.pending('dropped', 10)).toEqual([]);
    // Registered again under the same id, it starts over with a baseline.
    await dovecot.deliver('dropped', simpleMessage({ subject: 'there before the second registration' }));
    await register('dropped');
    await waitFor(async () => (await account('dropped')).state.status === 'connected', { what: 'the new account’s first poll' });
    expect((await events('dropped')).filter((e) => e.type === 'message.received')).toEqual([]);
  });

  test('/metrics and /readyz report the poll queue; a busy queue does not fail readiness', async () => {
    const metrics = (await request(gw.app).get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/popgate_queue_depth\{queue="polls"\} \d+/);
    expect(metrics).toMatch(/popgate_queue_oldest_waiting_seconds\{queue="polls"\} [\d.]+/);
    expect(metrics).toMatch(/popgate_poll_duration_seconds_count \d+/);
    const ready = await request(gw.app).get('/readyz');
    expect(ready.body.checks.queues.polls).toEqual({ status: 'ok', depth: expect.any(Number), oldestWaitingS: expect.any(Number) });
  });
});
