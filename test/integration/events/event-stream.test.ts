/**
 * GET /events/stream over real sockets: live from now, resume with Last-Event-ID or after
 * (backlog then live, no gap, no repeat), filters, reset, heartbeat, a slow client dropped,
 * and shutdown ending the streams. Accounts on a private Dovecot, the log in a private Redis
 * (and in process where retention or buffering is the point).
 */
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { PopgateEvent, RecordedEvent } from '../../../src/events/event';
import type { CreatedToken } from '../../../src/models/token';
import { startDovecot, type DovecotServer } from '../../support/dovecot';
import { openEventStream, type SseClient, type SseFrame } from '../../support/event-stream-client';
import { deleted, received, statusChange } from '../../support/events';
import { loadConfig } from '../../../src/config';
import { startGateway } from '../../../src/server';
import { capturingLogger, httpAppFor, listening, type HttpApp, type HttpAppOptions } from '../../support/http-app';
import { startRedis, type TestRedis } from '../../support/redis-server';
import { waitFor } from '../../support/waiting';

const SECRET = randomBytes(32);
const ADMIN = 'admin-token-for-stream-tests';
const AS_ADMIN = { Authorization: `Bearer ${ADMIN}` };

/** What a stream frame of `event` must be: its cursor as id, its type, the envelope as data. */
function frameOf({ cursor, ...event }: RecordedEvent): SseFrame {
  return { id: cursor, event: event.type, data: JSON.stringify({ id: event.id, type: event.type, timestamp: event.timestamp, account: event.account, data: event.data }) };
}

const uidOf = (frame: SseFrame): string => (JSON.parse(frame.data!) as { data: { id: string } }).data.id;

interface Served {
  gw: HttpApp;
  port: number;
  close(): Promise<void>;
}

async function serve(dovecot: DovecotServer, options: HttpAppOptions): Promise<Served> {
  const gw = httpAppFor(dovecot, { ...options, accounts: { secret: SECRET, adminTokens: [ADMIN] } });
  const server = await listening(gw.app);
  return {
    gw,
    port: server.port,
    close: async () => {
      gw.endStreams();
      await server.close();
      await gw.close();
    },
  };
}

describe('GET /events/stream', () => {
  let dovecot: DovecotServer;
  let redisServer: TestRedis;
  let served: Served;
  let log: Served['gw']['resources']['eventLog'];
  const open: SseClient[] = [];

  async function stream(path: string, headers: Record<string, string> = {}, target: Served = served): Promise<SseClient> {
    const client = await openEventStream(target.port, path, { ...AS_ADMIN, ...headers });
    open.push(client);
    return client;
  }

  beforeAll(async () => {
    [dovecot, redisServer] = await Promise.all([startDovecot(), startRedis()]);
    // Small backlog pages, so catching up takes several and the switch to live is exercised.
    served = await serve(dovecot, { redisUrl: redisServer.url, eventStream: { backlogPageSize: 7 } });
    log = served.gw.resources.eventLog;
  });

  afterEach(() => {
    for (const client of open.splice(0)) client.close();
  });

  afterAll(async () => {
    await served?.close();
    await Promise.all([redisServer?.close(), dovecot?.close()]);
  });

  test('starts live: events recorded from then on, as id (cursor), event (type) and data (the event); never compressed', async () => {
    await log.append([received('alice', 'before')]);
    const client = await stream('/events/stream', { 'Accept-Encoding': 'br, gzip' });
    expect(client.status).toBe(200);
    expect(client.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(client.headers['cache-control']).toBe('no-cache');
    expect(client.headers['x-accel-buffering']).toBe('no');
    expect(client.headers['content-encoding']).toBeUndefined();
    const recorded = await log.append([received('alice', 'live1'), deleted('bob', 'gone'), statusChange('bob')]);
    await waitFor(() => client.events().length === 3, { what: 'three live events' });
    expect(client.events()).toEqual(recorded.map(frameOf));
  });

  test('HEAD answers the stream\'s headers and ends', async () => {
    const res = await request(served.gw.app).head('/events/stream').set(AS_ADMIN).expect(200);
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
  });

  test('resumes right after Last-Event-ID (or after): the backlog, then live; a reconnect loses and repeats nothing', async () => {
    const [e1, ...backlog] = await log.append([received('carol', 'r1'), received('carol', 'r2'), received('carol', 'r3')]);
    const first = await stream('/events/stream?account=carol', { 'Last-Event-ID': e1!.cursor });
    await waitFor(() => first.events().length === 2, { what: 'the backlog' });
    const [e4] = await log.append([received('carol', 'r4')]);
    await waitFor(() => first.events().length === 3, { what: 'a live event after the backlog' });
    expect(first.events()).toEqual([...backlog, e4!].map(frameOf));
    first.close();
    const missed = await log.append([received('carol', 'r5'), deleted('carol', 'r1')]);
    // EventSource resends Last-Event-ID, and keeps the URL it started with: the header wins over ?after=.
    const again = await stream(`/events/stream?account=carol&after=${e1!.cursor}`, { 'Last-Event-ID': e4!.cursor });
    await waitFor(() => again.events().length === 2, { what: 'what was missed while away' });
    const [e7] = await log.append([received('carol', 'r6')]);
    await waitFor(() => again.events().length === 3, { what: 'live again' });
    expect(again.events()).toEqual([...missed, e7!].map(frameOf));
    const byQuery = await stream(`/events/stream?account=carol&after=${missed[1]!.cursor}`);
    await waitFor(() => byQuery.events().length === 1, { what: 'the event after ?after=' });
    expect(byQuery.events()).toEqual([frameOf(e7!)]);
  });

  test('switching from backlog to live while events keep coming: every event once, in order', async () => {
    const [start] = await log.append([received('dave', 'd0')]);
    let appending = true;
    const all: RecordedEvent[] = [];
    const appender = (async () => {
      for (let i = 1; appending && i < 20_000; i += 2) all.push(...(await log.append([received('dave', `d${i}`), received('dave', `d${i + 1}`)])));
    })();
    await waitFor(() => all.length >= 40, { what: 'a backlog to build up' });
    const client = await stream(`/events/stream?account=dave&after=${start!.cursor}`);
    // Appends go on while the stream pages through the backlog (7 events a page) and goes live.
    await waitFor(() => client.events().length >= all.length / 2 && all.length >= 200, { timeoutMs: 20_000, what: 'the stream to catch up with a moving log' });
    appending = false;
    await appender;
    await waitFor(() => client.events().length >= all.length, { timeoutMs: 20_000, what: `all ${all.length} events` });
    expect(client.events().map(uidOf)).toEqual(all.map((event) => (event.data as { id: string }).id));
  });

  test('filters by account and type; a bound token sees its account only', async () => {
    await request(served.gw.app)
      .post('/accounts?verify=false')
      .set(AS_ADMIN)
      .send({ id: 'erin', pop3: { host: dovecot.host, port: dovecot.pop3sPort, user: 'erin', password: 'erin-secret' } })
      .expect(201);
    const { token } = (await request(served.gw.app).post('/tokens').set(AS_ADMIN).send({ account: 'erin', scopes: ['events:read'] }).expect(201)).body as CreatedToken;
    const deletions = await stream('/events/stream?account=frank&type=message.deleted');
    const bound = await stream('/events/stream', { Authorization: `Bearer ${token}` });
    const recorded = await log.append([received('frank', 'f1'), deleted('frank', 'f0'), deleted('erin', 'x0'), received('erin', 'x1'), deleted('frank', 'f2')]);
    await waitFor(() => deletions.events().length === 2 && bound.events().length === 2, { what: 'the filtered events' });
    expect(deletions.events()).toEqual([recorded[1]!, recorded[4]!].map(frameOf));
    expect(bound.events()).toEqual([recorded[2]!, recorded[3]!].map(frameOf));
  });

  test('a shutdown ends every open stream, so the server closes at once', async () => {
    const gateway = await startGateway(
      loadConfig({ PORT: '0', HOST: '127.0.0.1', POPGATE_SECRET: SECRET.toString('hex'), ADMIN_TOKENS: ADMIN, REDIS_URL: redisServer.url }),
      capturingLogger('warn').logger,
    );
    const client = await openEventStream(gateway.port, '/events/stream', AS_ADMIN);
    expect(client.status).toBe(200);
    let closed = false;
    const closing = gateway.close().then(() => (closed = true));
    // Without ending the streams, close() would wait out its 60 s grace period.
    await waitFor(() => client.isEnded() && closed, { timeoutMs: 15_000, what: 'the stream to end and the gateway to close' });
    await closing;
  });
});

describe('GET /events/stream in process', () => {
  let dovecot: DovecotServer;

  beforeAll(async () => {
    dovecot = await startDovecot();
  });

  afterAll(async () => {
    await dovecot?.close();
  });

  test('a cursor older than the log gets one event: reset first, then the oldest events kept', async () => {
    const served = await serve(dovecot, { eventRetention: 100 });
    try {
      const recorded = await served.gw.resources.eventLog.append(Array.from({ length: 150 }, (_, i) => received('alice', `u${i + 1}`)));
      const client = await openEventStream(served.port, '/events/stream', { ...AS_ADMIN, 'Last-Event-ID': recorded[9]!.cursor });
      await waitFor(() => client.events().length === 101, { what: 'the reset and the 100 events kept' });
      const [reset, ...events] = client.events();
      expect(reset!.event).toBe('reset');
      expect(reset!.id).toBeUndefined();
      expect(JSON.parse(reset!.data!)).toMatchObject({ after: recorded[9]!.cursor, detail: expect.stringContaining('EVENT_RETENTION') });
      expect(events).toEqual(recorded.slice(50).map(frameOf));
      client.close();
    } finally {
      await served.close();
    }
  });

  test('sends a keep-alive comment after the heartbeat interval without a write', async () => {
    const served = await serve(dovecot, { eventStream: { heartbeatMs: 100 } });
    try {
      const client = await openEventStream(served.port, '/events/stream', AS_ADMIN);
      await waitFor(() => client.frames.filter((frame) => frame.comment === 'keep-alive').length >= 2, { what: 'two keep-alive comments' });
      const [event] = await served.gw.resources.eventLog.append([received('alice', 'after-heartbeats')]);
      await waitFor(() => client.events().length === 1, { what: 'the event' });
      expect(client.events()).toEqual([frameOf(event!)]);
      client.close();
    } finally {
      await served.close();
    }
  });

  test('a client that stops reading is dropped once too much is unread; others get everything, and it resumes with Last-Event-ID', async () => {
    const served = await serve(dovecot, { eventStream: { maxBufferedBytes: 64 * 1024 } });
    try {
      const log = served.gw.resources.eventLog;
      const slow = await openEventStream(served.port, '/events/stream', AS_ADMIN);
      const steady = await openEventStream(served.port, '/events/stream', AS_ADMIN);
      slow.pause();
      // 3000 events of ~6 KB: far more than the socket buffers between the two can hold.
      const all: RecordedEvent[] = [];
      for (let i = 0; i < 3000; i += 10) {
        const batch: PopgateEvent[] = Array.from({ length: 10 }, (_, j) => received('alice', `s${i + j}`, 6000));
        all.push(...(await log.append(batch)));
        await new Promise((resolve) => setImmediate(resolve));
      }
      await waitFor(() => steady.events().length === all.length, { timeoutMs: 60_000, what: 'the reading client to get every event' });
      expect(steady.isEnded()).toBe(false);
      slow.resume();
      await slow.ended;
      const got = slow.events();
      expect(got.length).toBeLessThan(all.length);
      const resumed = await openEventStream(served.port, '/events/stream', { ...AS_ADMIN, 'Last-Event-ID': got.at(-1)!.id! });
      await waitFor(() => got.length + resumed.events().length === all.length, { timeoutMs: 60_000, what: 'the rest after resuming' });
      expect([...got, ...resumed.events()].map((frame) => frame.id)).toEqual(all.map((event) => event.cursor));
      steady.close();
      resumed.close();
    } finally {
      await served.close();
    }
  });
});
