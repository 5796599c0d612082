import type { MessageList } from '../../../src/models/message';
import { Pop3AuthError } from '../../../src/pop3/errors';
import { MessageNotFoundError } from '../../../src/services/errors';
import { freezeDate } from '../../support/clock';
import { startDovecot, type DovecotServer } from '../../support/dovecot';
import { loggedInClient } from '../../support/dovecot-client';
import { gatewayFor } from '../../support/gateway';
import { watchSessionPeak } from '../../support/session-peak';
import { simpleMessage } from '../../support/messages';
import { readAll } from '../../support/streams';
import type { GatewayResources } from '../../../src/gateway-resources';

const alice = { user: 'alice', password: 'alice-secret' };
const page = { offset: 0, limit: 100, order: 'asc' as const, headers: false };

describe('MailboxService against Dovecot', () => {
  let dovecot: DovecotServer;
  let gw: GatewayResources;

  beforeEach(async () => {
    dovecot = await startDovecot();
    for (let i = 1; i <= 5; i++) await dovecot.deliver('alice', simpleMessage({ subject: `message ${i}` }));
  });
  afterEach(async () => {
    jest.useRealTimers();
    await gw?.close();
    await dovecot.close();
  });

  it('shows mail delivered while sessions are pooled within SESSION_MAX_AGE_MS, and at once with `fresh`', async () => {
    // Sessions age by Date.now(): frozen, the pooled one cannot outlive SESSION_MAX_AGE_MS between
    // two requests on a busy machine.
    freezeDate();
    gw = gatewayFor(dovecot, { pool: { maxAgeMs: 1500 }, cacheTtlS: 30 });
    const before = JSON.parse((await gw.service.list({ credentials: alice }, page)).json) as MessageList;
    expect(before.total).toBe(5);
    await dovecot.deliver('alice', simpleMessage({ subject: 'late arrival' }));

    const pooled = JSON.parse((await gw.service.list({ credentials: alice }, page)).json) as MessageList;
    expect(pooled.total).toBe(5); // the pooled snapshot predates the delivery
    const fresh = JSON.parse((await gw.service.list({ credentials: alice, fresh: true }, page)).json) as MessageList;
    expect(fresh.total).toBe(6);

    // Real time again: the listing's cache TTL (cut to the snapshot's remaining age) runs on the
    // cache's own clock, so the session and the cached listing must both really age.
    jest.useRealTimers();
    const gw2 = gatewayFor(dovecot, { pool: { maxAgeMs: 1500 } });
    await gw2.service.list({ credentials: alice }, page);
    await dovecot.deliver('alice', simpleMessage({ subject: 'later still' }));
    await new Promise((r) => setTimeout(r, 1700));
    const aged = JSON.parse((await gw2.service.list({ credentials: alice }, page)).json) as MessageList;
    expect(aged.total).toBe(7);
    await gw2.close();
  });

  it('fetches and deletes by id correctly after another client deleted message 1 (numbers shifted)', async () => {
    gw = gatewayFor(dovecot);
    const listing = JSON.parse((await gw.service.list({ credentials: alice }, page)).json) as MessageList;
    const ids = listing.items.map((i) => i.id);
    const stored = await dovecot.storedMessages('alice');

    const other = await loggedInClient(dovecot, alice);
    await other.dele(1);
    await other.quit();

    // Message 3 is now number 2 on the server; fetched by id it must still be message 3.
    const raw = await readAll((await gw.service.raw({ credentials: alice, fresh: true }, ids[2]!)).stream);
    expect(raw.equals(stored[2]!)).toBe(true);

    await gw.service.delete({ credentials: alice }, ids[3]!);

    const check = await loggedInClient(dovecot, alice);
    const remaining = (await check.uidl()).map((u) => u.uid);
    await check.quit();
    expect(remaining).toEqual([ids[1], ids[2], ids[4]]);
    await expect(gw.service.raw({ credentials: alice }, ids[3]!)).rejects.toBeInstanceOf(MessageNotFoundError);
    await expect(gw.service.raw({ credentials: alice }, ids[0]!)).rejects.toBeInstanceOf(MessageNotFoundError);
  });

  it('serves 200 concurrent reads with never more than POOL_MAX_PER_MAILBOX sessions at the server', async () => {
    gw = gatewayFor(dovecot, { pool: { maxPerMailbox: 2 } });
    const listing = JSON.parse((await gw.service.list({ credentials: alice }, page)).json) as MessageList;
    const watch = watchSessionPeak(dovecot, 'alice');
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        i % 2 ? gw.service.stat({ credentials: alice }) : gw.service.headers({ credentials: alice }, listing.items[i % 5]!.id),
      ),
    );
    const peak = await watch.stop();
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(2);
  });

  it('never shows a cached listing to a wrong password', async () => {
    gw = gatewayFor(dovecot);
    await gw.service.list({ credentials: alice }, page);
    await expect(gw.service.list({ credentials: { user: 'alice', password: 'wrong' } }, page)).rejects.toBeInstanceOf(Pop3AuthError);
  });

  it('parses a message and reads its headers by id', async () => {
    gw = gatewayFor(dovecot);
    const listing = JSON.parse((await gw.service.list({ credentials: alice }, { ...page, headers: true })).json) as MessageList;
    expect(listing.items[0]!.headers?.subject).toBe('message 1');
    const parsed = await gw.service.message({ credentials: alice }, listing.items[1]!.id);
    expect(parsed.subject).toBe('message 2');
    expect(parsed.from[0]).toEqual({ name: 'Alice Example', address: 'alice@example.com' });
    const headers = await gw.service.headers({ credentials: alice }, listing.items[1]!.id);
    expect(headers.headers.subject).toEqual(['message 2']);
  });
});

describe('MailboxService against a Dovecot that locks the maildrop', () => {
  let dovecot: DovecotServer;
  let gw: GatewayResources;

  beforeAll(async () => {
    dovecot = await startDovecot({ extraConfig: 'pop3_lock_session = yes' });
    for (let i = 1; i <= 3; i++) await dovecot.deliver('alice', simpleMessage({ subject: `m${i}` }));
  });
  afterAll(async () => {
    await gw?.close();
    await dovecot.close();
  });

  // Dovecot makes a second login wait ~10 s for the lock before it answers [IN-USE]; the
  // timeout must outlast that once, after which the pool stays at one session.
  it('serves concurrent requests one session at a time, none failing with a lock error', async () => {
    gw = gatewayFor(dovecot, { pool: { maxPerMailbox: 3 }, upstream: { timeoutMs: 20_000 } });
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => gw.service.stat({ credentials: alice })));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await dovecot.sessionCount('alice')).toBeLessThanOrEqual(1);
    const more = await Promise.allSettled(Array.from({ length: 20 }, () => gw.service.stat({ credentials: alice })));
    expect(more.filter((r) => r.status === 'rejected')).toEqual([]);
  }, 60_000);
});
