import { LocalLeases } from '../../../src/pool/leases';
import { IdentityHasher } from '../../../src/pool/mailbox-identity';
import { SessionPool } from '../../../src/pool/session-pool';
import { Pop3AuthError, Pop3ProtocolError, Pop3ServerError } from '../../../src/pop3/errors';
import { SessionWaitTimeoutError } from '../../../src/pool/errors';
import { stubFactory, stubSession, type StubSession } from './stub-session';

const alice = { user: 'alice', password: 'right' };
/** A generous wait limit, for a busy machine; the tests of the limit set a short one. */
const settings = { maxPerMailbox: 2, maxTotal: 10, maxAgeMs: 30_000, idleMs: 60_000, waitTimeoutMs: 5000 };

function makePool(overrides: Partial<typeof settings> = {}) {
  const factory = stubFactory();
  const options = { ...settings, ...overrides };
  const pool = new SessionPool(new IdentityHasher('pop.example:995'), factory, options, new LocalLeases(options.maxPerMailbox));
  return { pool, factory };
}

async function hold(pool: SessionPool, ms: number, creds = alice): Promise<StubSession> {
  return pool.withSession(creds, async (s) => {
    await new Promise((r) => setTimeout(r, ms));
    return s as StubSession;
  });
}

describe('SessionPool', () => {
  it('never opens more than POOL_MAX_PER_MAILBOX sessions for 50 concurrent requests, and reuses them', async () => {
    const { pool, factory } = makePool();
    const sessions = await Promise.all(Array.from({ length: 50 }, () => hold(pool, 2)));
    expect(factory.opened).toBe(2);
    expect(new Set(sessions).size).toBe(2);
    await pool.close();
  });

  it('hands a session to one request at a time', async () => {
    const { pool } = makePool({ maxPerMailbox: 1 });
    let inUse = 0;
    let maxInUse = 0;
    await Promise.all(
      Array.from({ length: 10 }, () =>
        pool.withSession(alice, async () => {
          maxInUse = Math.max(maxInUse, ++inUse);
          await new Promise((r) => setTimeout(r, 2));
          inUse--;
        }),
      ),
    );
    expect(maxInUse).toBe(1);
    await pool.close();
  });

  it('gives a wrong password its own pool, so it never gets a session the right one opened', async () => {
    const { pool, factory } = makePool();
    await hold(pool, 1);
    factory.failWith.push(new Pop3AuthError('PASS', 'AUTH', 'Authentication failed.'));
    await expect(hold(pool, 1, { user: 'alice', password: 'wrong' })).rejects.toBeInstanceOf(Pop3AuthError);
    expect(pool.isAccepted(pool.identify({ user: 'alice', password: 'wrong' }))).toBe(false);
    expect(pool.isAccepted(pool.identify(alice))).toBe(true);
    await pool.close();
  });

  it('fails every queued request of a refused credential with the one login error', async () => {
    const { pool, factory } = makePool({ maxPerMailbox: 1 });
    factory.failWith.push(new Pop3AuthError('PASS', undefined, 'no'));
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => hold(pool, 1)));
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof Pop3AuthError)).toBe(true);
    expect(factory.failWith).toHaveLength(0);
    await pool.close();
  });

  it('destroys a session after a protocol error and retries an idempotent read once on a new one', async () => {
    const { pool, factory } = makePool({ maxPerMailbox: 1 });
    const first = await hold(pool, 1);
    let calls = 0;
    const second = await pool.withSession(
      alice,
      async (s) => {
        if (++calls === 1) {
          (s.client as unknown as { usable: boolean }).usable = false;
          throw new Pop3ProtocolError('connection closed');
        }
        return s;
      },
      { idempotent: true },
    );
    expect(calls).toBe(2);
    expect(second).not.toBe(first);
    expect(factory.opened).toBe(2);
    await pool.close();
  });

  it('does not hand out a session older than SESSION_MAX_AGE_MS', async () => {
    const { pool, factory } = makePool({ maxAgeMs: 30 });
    const first = await hold(pool, 1);
    await new Promise((r) => setTimeout(r, 40));
    const second = await hold(pool, 1);
    expect(second).not.toBe(first);
    expect(factory.opened).toBe(2);
    await pool.close();
  });

  it('answers `fresh` with a newly logged-in session even when one is idle', async () => {
    const { pool, factory } = makePool({ maxPerMailbox: 1 });
    const first = await hold(pool, 1);
    const fresh = await pool.withSession(alice, async (s) => s, { fresh: true });
    expect(fresh).not.toBe(first);
    expect(factory.opened).toBe(2);
    await pool.close();
  });

  it('on [IN-USE] keeps the sessions it has and queues the rest instead of failing', async () => {
    const { pool, factory } = makePool({ maxPerMailbox: 3 });
    factory.failWith.push(undefined, new Pop3ServerError('PASS', 'IN-USE', 'locked'), new Pop3ServerError('PASS', 'IN-USE', 'locked'));
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => hold(pool, 5)));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    expect(factory.opened).toBe(1);
    await pool.close();
  });

  it('gives up with SessionWaitTimeoutError when the maildrop stays locked past the timeout', async () => {
    const { pool, factory } = makePool({ waitTimeoutMs: 300 });
    for (let i = 0; i < 20; i++) factory.failWith.push(new Pop3ServerError('PASS', 'IN-USE', 'locked'));
    const failure = await hold(pool, 1).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SessionWaitTimeoutError);
    expect((failure as SessionWaitTimeoutError).inUseRefusal).toMatchObject({ respCode: 'IN-USE', text: 'locked' });
    await pool.close();
  });

  it('passes other login errors ([SYS/TEMP]) straight to the caller', async () => {
    const { pool, factory } = makePool();
    factory.failWith.push(new Pop3ServerError('PASS', 'SYS/TEMP', 'try later'));
    await expect(hold(pool, 1)).rejects.toMatchObject({ respCode: 'SYS/TEMP' });
    await expect(hold(pool, 1)).resolves.toBeDefined();
    await pool.close();
  });

  it('evicts an idle session of another mailbox when POOL_MAX_TOTAL is reached', async () => {
    const { pool, factory } = makePool({ maxTotal: 1 });
    await hold(pool, 1, alice);
    await hold(pool, 1, { user: 'bob', password: 'b' });
    expect(factory.opened).toBe(2);
    expect(pool.stats().idle).toBe(1);
    await pool.close();
  });

  it('never has more than POOL_MAX_TOTAL sessions logged in at the server: a slot is free only once QUIT completed', async () => {
    // Sessions whose QUIT takes a while: logged in at the server until it completes.
    let loggedIn = 0;
    let peak = 0;
    const factory = async (): Promise<StubSession> => {
      await new Promise((r) => setTimeout(r, 2));
      peak = Math.max(peak, ++loggedIn);
      const session = stubSession();
      const quit = session.client.quit as jest.Mock;
      quit.mockImplementation(async () => {
        await new Promise((r) => setTimeout(r, 20));
        loggedIn--;
      });
      return session;
    };
    const options = { ...settings, maxPerMailbox: 1, maxTotal: 3 };
    const pool = new SessionPool(new IdentityHasher('pop.example:995'), factory, options, new LocalLeases(1));
    // 12 mailboxes cycling through 3 slots: each new one evicts another's idle session.
    for (let round = 0; round < 3; round++) {
      await Promise.all(Array.from({ length: 12 }, (_, i) => hold(pool, 1, { user: `user${i}`, password: 'pw' })));
    }
    await pool.close();
    expect(loggedIn).toBe(0);
    expect(peak).toBeLessThanOrEqual(3);
  });

  it('retires every session of a mailbox after a committed delete', async () => {
    const { pool, factory } = makePool();
    const first = await hold(pool, 1);
    pool.retireMailbox(pool.identify(alice));
    const next = await hold(pool, 1);
    expect(next).not.toBe(first);
    expect(first.quits).toBe(1);
    expect(factory.opened).toBe(2);
    await pool.close();
  });

  it('quits every session on close', async () => {
    const { pool } = makePool();
    const [a, b] = await Promise.all([hold(pool, 5), hold(pool, 5)]);
    await pool.close();
    expect(a.quits + b.quits).toBe(2);
  });

  it('times out a request waiting behind busy sessions', async () => {
    const { pool } = makePool({ maxPerMailbox: 1, waitTimeoutMs: 50 });
    const slow = hold(pool, 200);
    await expect(hold(pool, 1)).rejects.toBeInstanceOf(SessionWaitTimeoutError);
    await slow;
    await pool.close();
  });
});
