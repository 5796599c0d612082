/**
 * Load against a real Dovecot with a private Redis: no errors under 500 concurrent
 * requests, the per-mailbox session cap held (also across three instances sharing Redis),
 * Redis dying mid-load costs nothing but speed, and a shutdown lets in-flight requests finish.
 */
import * as fs from 'node:fs/promises';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { loadConfig } from '../../src/config';
import { startGateway } from '../../src/server';
import { startDovecot, type DovecotServer } from '../support/dovecot';
import { basic } from '../support/basic-auth';
import { capturingLogger, httpAppFor, listening, type HttpApp } from '../support/http-app';
import { asRetrievedFromDovecot, largeMessage, simpleMessage } from '../support/messages';
import { startRedis, type TestRedis } from '../support/redis-server';
import { watchSessionPeaks } from '../support/session-peak';
import { waitFor } from '../support/waiting';

const USERS = ['u1', 'u2', 'u3', 'u4', 'u5'].map((name) => ({ name, password: `${name}-secret` }));
const DELETER = { name: 'deleter', password: 'deleter-secret' };
/** Mailboxes holding one message too large to sit in socket buffers: a client that pauses keeps its request in flight. */
const CLOSERS = ['closer1', 'closer2'].map((name) => ({ name, password: `${name}-secret` }));
const HUGE = largeMessage(4 * 1024 * 1024);
const MESSAGES_PER_USER = 4;
const BIG = largeMessage(256 * 1024);
const MAX_PER_MAILBOX = 2;

describe('under load, against Dovecot and Redis', () => {
  let dovecot: DovecotServer;
  let redis: TestRedis;
  const gateways: HttpApp[] = [];
  const servers: { close(): Promise<void> }[] = [];
  const watches: { stop(): Promise<unknown> }[] = [];

  beforeAll(async () => {
    [dovecot, redis] = await Promise.all([startDovecot({ users: [...USERS, DELETER, ...CLOSERS] }), startRedis()]);
    for (const user of [...USERS, DELETER]) {
      for (let i = 1; i <= MESSAGES_PER_USER; i++) await dovecot.deliver(user.name, simpleMessage({ subject: `${user.name} message ${i}` }));
      await dovecot.deliver(user.name, BIG);
    }
    for (const user of CLOSERS) await dovecot.deliver(user.name, HUGE);
  });
  afterEach(async () => {
    await Promise.all(watches.splice(0).map((watch) => watch.stop()));
    await Promise.all(servers.splice(0).map((server) => server.close()));
    await Promise.all(gateways.splice(0).map((gw) => gw.close()));
    // Each test starts with no session left at the server.
    await waitFor(async () => (await dovecot.sessionCount()) === 0, { everyMs: 50, what: 'no POP3 session at the server' });
  });
  afterAll(async () => {
    await redis?.close();
    await dovecot?.close();
  });

  function gateway(options: Parameters<typeof httpAppFor>[1] = {}): HttpApp {
    const gw = httpAppFor(dovecot, { redisUrl: redis.url, logLevel: 'warn', ...options, pool: { maxPerMailbox: MAX_PER_MAILBOX, ...options.pool } });
    gateways.push(gw);
    return gw;
  }

  async function serve(gw: HttpApp): Promise<string> {
    const server = await listening(gw.app);
    servers.push(server);
    return `http://127.0.0.1:${server.port}`;
  }

  /** Watches Dovecot's sessions per user; stopped after each test, so a failed test leaves none polling. */
  function sampleSessions(users: string[]): { stop(): Promise<Record<string, number>> } {
    const watch = watchSessionPeaks(dovecot, users);
    watches.push(watch);
    return watch;
  }

  /** One mixed request for `user`: upstream (stat, headers, raw) and cached (listing) work. */
  function mixedRequest(base: string, user: { name: string; password: string }, ids: string[], i: number): Promise<request.Response> {
    const auth = basic(user.name, user.password);
    const id = encodeURIComponent(ids[i % ids.length]!);
    const paths = ['/mailbox/stat', '/messages?limit=10', `/messages/${id}/headers`, `/messages/${id}/raw`, `/messages/${id}`];
    return request(base).get(paths[i % paths.length]!).set('Authorization', auth).buffer(true);
  }

  async function idsOf(base: string, user: { name: string; password: string }): Promise<string[]> {
    const res = await request(base).get('/messages?order=asc').set('Authorization', basic(user.name, user.password));
    expect({ status: res.status, body: res.status === 200 ? '' : res.text }).toEqual({ status: 200, body: '' });
    return (res.body as { items: { id: string }[] }).items.map((item) => item.id);
  }

  function failures(responses: request.Response[]): { status: number; body: string }[] {
    return responses.filter((res) => res.status !== 200).map((res) => ({ status: res.status, body: res.text.slice(0, 300) }));
  }

  it('answers 500 concurrent requests across 5 mailboxes with 0 errors, never more than POOL_MAX_PER_MAILBOX sessions each', async () => {
    const base = await serve(gateway());
    const ids = await Promise.all(USERS.map((user) => idsOf(base, user)));
    const sampler = sampleSessions(USERS.map((user) => user.name));
    const responses = await Promise.all(Array.from({ length: 500 }, (_, i) => mixedRequest(base, USERS[i % 5]!, ids[i % 5]!, Math.floor(i / 5))));
    const peaks = await sampler.stop();

    expect(failures(responses)).toEqual([]);
    for (const user of USERS) expect(peaks[user.name]).toBeLessThanOrEqual(MAX_PER_MAILBOX);
    expect(Math.max(...Object.values(peaks))).toBeGreaterThan(0);
    // Under load no answer is mixed up between mailboxes: every raw body is one of the requester's own messages.
    const raws = responses.map((res, i) => ({ res, user: USERS[i % 5]! })).filter(({ res }) => res.type === 'message/rfc822');
    expect(raws.length).toBeGreaterThanOrEqual(100);
    for (const { res, user } of raws) {
      const text = res.text;
      expect(text === BIG.toString('latin1') || text.includes(`Subject: ${user.name} message `)).toBe(true);
    }
  });

  it('serves every request while Redis is killed and restarted in the middle of the load', async () => {
    const gw = gateway({ cacheTtlS: 1 });
    const base = await serve(gw);
    const ids = await Promise.all(USERS.map((user) => idsOf(base, user)));
    const responses: request.Response[] = [];
    let stop = false;
    const workers = Array.from({ length: 10 }, async (_, worker) => {
      for (let i = 0; !stop; i++) responses.push(await mixedRequest(base, USERS[worker % 5]!, ids[worker % 5]!, i + worker));
    });

    await new Promise((resolve) => setTimeout(resolve, 400));
    await redis.stop();
    const readyWhileDown = await request(base).get('/readyz');
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const duringOutage = responses.length;
    await redis.start();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    stop = true;
    await Promise.all(workers);

    expect(failures(responses)).toEqual([]);
    expect(responses.length).toBeGreaterThan(duringOutage);
    expect(readyWhileDown.body.checks.redis).toBe('degraded');
    expect(gw.logText()).toMatch(/redis unavailable/);
    // Back to caching once Redis returns.
    await waitFor(async () => (await request(base).get('/readyz')).body.checks.redis === 'ok', { everyMs: 50, what: 'readiness to see Redis again' });
  });

  it('holds the per-mailbox cap across three instances sharing Redis and Dovecot', async () => {
    // Sessions pass between instances only when the holder's are idle at its 1 s sweep, so a
    // request on a starved instance can wait a few seconds: the wait limit (POP3_TIMEOUT_MS) is generous here.
    const bases = await Promise.all([0, 1, 2].map(() => serve(gateway({ timeoutMs: 8000 }))));
    const user = USERS[0]!;
    const ids = await idsOf(bases[0]!, user);
    const sampler = sampleSessions([user.name]);
    const responses = await Promise.all(Array.from({ length: 90 }, (_, i) => mixedRequest(bases[i % 3]!, user, ids, i)));
    const peaks = await sampler.stop();

    expect(failures(responses)).toEqual([]);
    expect(peaks[user.name]).toBeGreaterThan(0);
    expect(peaks[user.name]).toBeLessThanOrEqual(MAX_PER_MAILBOX);
  });

  it('serves three instances in turn when each keeps asking for new sessions of one mailbox (no instance starved)', async () => {
    // Every request asks for a newly logged-in session (no-cache), so a slot freed on one instance
    // would be taken back at once by that instance's next request, were the line not kept in Redis.
    const bases = await Promise.all([0, 1, 2].map(() => serve(gateway({ timeoutMs: 20_000 }))));
    const user = USERS[1]!;
    const auth = basic(user.name, user.password);
    const sampler = sampleSessions([user.name]);
    const byInstance: request.Response[][] = [[], [], []];
    const until = Date.now() + 8000;
    await Promise.all(
      Array.from({ length: 9 }, async (_, reader) => {
        const instance = reader % 3;
        while (Date.now() < until) {
          byInstance[instance]!.push(await request(bases[instance]!).get('/messages?limit=5').set('Authorization', auth).set('Cache-Control', 'no-cache'));
        }
      }),
    );
    const peaks = await sampler.stop();

    expect(failures(byInstance.flat())).toEqual([]);
    expect(peaks[user.name]).toBeLessThanOrEqual(MAX_PER_MAILBOX);
    // Taking turns, each instance's three readers get about a third of the sessions; a starved one
    // would get next to none. A sixth leaves room for a busy machine's unevenness.
    const total = byInstance.flat().length;
    expect(total).toBeGreaterThanOrEqual(9);
    for (const served of byInstance) expect(served.length).toBeGreaterThanOrEqual(total / 6);
  });

  it('shows a DELETE made through one instance on the others within SESSION_MAX_AGE_MS', async () => {
    const maxAgeMs = 2000;
    /** The polls themselves take time, more so on a busy machine. */
    const SLACK_MS = 3000;
    const bases = await Promise.all([0, 1, 2].map(() => serve(gateway({ pool: { maxAgeMs } }))));
    const auth = basic(DELETER.name, DELETER.password);
    const before = await Promise.all(bases.map((base) => idsOf(base, DELETER)));
    expect(before[1]).toEqual(before[0]);
    const victim = before[0]![1]!;
    const stored = await dovecot.storedMessages(DELETER.name);

    await request(bases[0]!).delete(`/messages/${encodeURIComponent(victim)}`).set('Authorization', auth).expect(204);
    const deletedAt = Date.now();
    expect(await idsOf(bases[0]!, DELETER)).not.toContain(victim);

    for (const base of bases.slice(1)) {
      for (;;) {
        const listed = (await idsOf(base, DELETER)).includes(victim);
        const raw = await request(base).get(`/messages/${encodeURIComponent(victim)}/raw`).set('Authorization', auth).buffer(true);
        if (raw.status === 200) {
          // Still in an older snapshot: then it is the right message, never another one.
          expect(Buffer.from(raw.text, 'latin1').equals(asRetrievedFromDovecot(stored[1]!))).toBe(true);
        } else {
          expect(raw.status).toBe(404);
        }
        if (!listed && raw.status === 404) break;
        expect(Date.now() - deletedAt).toBeLessThan(maxAgeMs + SLACK_MS);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    expect(Date.now() - deletedAt).toBeLessThan(maxAgeMs + SLACK_MS);
    // Exactly the one message went.
    expect((await dovecot.storedMessages(DELETER.name)).length).toBe(MESSAGES_PER_USER);
  });

  it('lets in-flight requests finish when the gateway closes under load, then QUITs every session', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'popgate-hostile-'));
    const caFile = path.join(dir, 'ca.pem');
    await fs.writeFile(caFile, dovecot.caPem);
    const config = loadConfig({
      POP3_HOST: dovecot.host,
      POP3_PORT: String(dovecot.pop3sPort),
      POP3_TLS: 'implicit',
      POP3_CA_FILE: caFile,
      POP3_TLS_SERVERNAME: 'localhost',
      POP3_TIMEOUT_MS: '5000',
      POOL_MAX_PER_MAILBOX: String(MAX_PER_MAILBOX),
      REDIS_URL: redis.url,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
    });
    const { logger } = capturingLogger('info');
    const running = await startGateway(config, logger);
    const base = `http://127.0.0.1:${running.port}`;
    try {
      const hugeIds = await Promise.all(CLOSERS.map(async (user) => (await idsOf(base, user))[0]!));
      const REQUESTS = 12;
      let received = 0;
      let finished = 0;
      const allReceived = new Promise<void>((resolve) =>
        running.server.on('request', (_req, res: http.ServerResponse) => {
          res.on('finish', () => finished++);
          if (++received === REQUESTS) resolve();
        }),
      );
      let openGate!: () => void;
      const gate = new Promise<void>((resolve) => (openGate = resolve));
      const inFlight = Array.from({ length: REQUESTS }, (_, i) =>
        gatedGet(running.port, `/messages/${encodeURIComponent(hugeIds[i % 2]!)}/raw`, basic(CLOSERS[i % 2]!.name, CLOSERS[i % 2]!.password), gate),
      );
      await allReceived;
      const unfinishedAtClose = received - finished;
      const closeStarted = Date.now();
      const closed = running.close();
      openGate();
      const responses = await Promise.all(inFlight);
      await closed;

      // The clients read no byte before the gateway was told to stop: most responses were still
      // going (a few may have fit whole into loopback socket buffers, or not started: 4 sessions for 12).
      expect(unfinishedAtClose).toBeGreaterThanOrEqual(REQUESTS / 2);
      expect(responses.map((res) => res.status)).toEqual(Array.from({ length: REQUESTS }, () => 200));
      const expected = asRetrievedFromDovecot(HUGE);
      for (const res of responses) expect(res.body.equals(expected)).toBe(true);
      // Closing waited for the requests, not for the 60 s grace period of idle keep-alive sockets.
      expect(Date.now() - closeStarted).toBeLessThan(10_000);
      await expect(request(base).get('/healthz')).rejects.toThrow(/ECONNREFUSED/);
      await waitFor(async () => (await dovecot.sessionCount()) === 0, { everyMs: 50, what: 'every POP3 session to quit' });
    } finally {
      await running.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

/** A GET whose body is read only once `gate` opens (until then the client reads nothing). */
function gatedGet(port: number, path: string, authorization: string, gate: Promise<void>): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers: { Authorization: authorization }, agent: false }, (res) => {
      res.pause();
      void gate.then(() => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        res.on('error', reject);
        res.resume();
      });
    });
    req.on('error', reject);
  });
}

