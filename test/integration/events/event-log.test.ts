/** The EventLog contract, held by both logs: in process, and a Redis Stream (a private redis-server). */
import { Redis } from 'ioredis';
import { AccountStoreUnavailableError } from '../../../src/accounts/errors';
import { createRedisClient } from '../../../src/cache/redis-client';
import { messageEventId, type PopgateEvent, type RecordedEvent } from '../../../src/events/event';
import { compareCursors, InvalidCursorError, SCAN_FACTOR, type EventLog } from '../../../src/events/event-log';
import { MemoryEventLog } from '../../../src/events/memory-event-log';
import { RedisEventLog } from '../../../src/events/redis-event-log';
import { startRedis, type TestRedis } from '../../support/redis-server';
import { waitFor } from '../../support/waiting';

/** When the test's accounts were registered: part of every message event id. */
const CREATED_AT = '2026-11-30T09:00:00.000Z';

function received(account: string, uid: string): PopgateEvent {
  return {
    id: messageEventId({ id: account, createdAt: CREATED_AT }, 'message.received', uid),
    type: 'message.received',
    timestamp: '2026-11-30T10:00:00.000Z',
    account,
    data: { id: uid, size: 100, headers: { subject: `about ${uid}`, from: null, to: null, date: null, messageId: null } },
  };
}

function deleted(account: string, uid: string): PopgateEvent {
  return { id: messageEventId({ id: account, createdAt: CREATED_AT }, 'message.deleted', uid), type: 'message.deleted', timestamp: '2026-11-30T10:00:01.000Z', account, data: { id: uid } };
}

/** A listener collecting into `list`, deaf to the markers settled() appends. */
const into = (list: RecordedEvent[]) => (event: RecordedEvent): void => {
  if (event.account !== 'settle') list.push(event);
};
const uids = (events: readonly RecordedEvent[]): string[] => events.map((event) => (event.data as { id: string }).id);
const range = (n: number, from = 1): string[] => Array.from({ length: n }, (_, i) => `u${from + i}`);

let redisServer: TestRedis;
let redis: Redis;
const opened: { log: EventLog; client?: Redis }[] = [];

beforeAll(async () => {
  redisServer = await startRedis();
  redis = new Redis(redisServer.url);
});

afterEach(async () => {
  for (const { log, client } of opened.splice(0)) {
    await log.close();
    client?.disconnect();
  }
});

afterAll(async () => {
  redis?.disconnect();
  await redisServer?.close();
});

/** A log over its own client of the private Redis, as each gateway instance has. */
function redisLog(retention: number, url = redisServer.url): RedisEventLog {
  const client = createRedisClient(url);
  const log = new RedisEventLog(client, { retention, blockMs: 1000, retryMs: 50 });
  opened.push({ log, client });
  return log;
}

function memoryLog(retention: number): MemoryEventLog {
  const log = new MemoryEventLog(retention);
  opened.push({ log });
  return log;
}

describe.each([
  ['in process', memoryLog],
  ['in Redis', (retention: number) => redisLog(retention)],
])('EventLog %s', (_where, makeLog) => {
  beforeEach(async () => {
    await redis.flushall();
  });

  test('keeps events in the order they were appended, with ascending cursors; head is the newest', async () => {
    const log = makeLog(1000);
    expect(await log.head()).toBe('0-0');
    const first = await log.append([received('acme', 'u1'), received('acme', 'u2'), deleted('acme', 'u1')]);
    const second = await log.append([received('beta', 'u3')]);
    const { items } = await log.page({ limit: 10 });
    expect(items).toEqual([...first, ...second]);
    expect(items.map((e) => e.type)).toEqual(['message.received', 'message.received', 'message.deleted', 'message.received']);
    for (let i = 1; i < items.length; i++) expect(compareCursors(items[i - 1]!.cursor, items[i]!.cursor)).toBeLessThan(0);
    expect(await log.head()).toBe(second[0]!.cursor);
  });

  test('records an event id once: a repeated append (a poll repeated after a crash) records nothing twice', async () => {
    const log = makeLog(1000);
    expect(uids(await log.append([received('acme', 'u1'), received('acme', 'u1')]))).toEqual(['u1']);
    expect(await log.append([received('acme', 'u1')])).toEqual([]);
    expect(uids(await log.append([received('acme', 'u1'), received('acme', 'u2')]))).toEqual(['u2']);
    expect(uids((await log.page({ limit: 10 })).items)).toEqual(['u1', 'u2']);
  });

  test('pages with next: the last item\'s cursor, and the given after once nothing is left', async () => {
    const log = makeLog(1000);
    await log.append(range(5).map((uid) => received('acme', uid)));
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await log.page({ after, limit: 2 });
      if (page.items.length > 0) expect(page.next).toBe(page.items.at(-1)!.cursor);
      else expect(page.next).toBe(after);
      expect(page.expired).toBe(false);
      seen.push(...uids(page.items));
      if (page.next === after) break;
      after = page.next;
    }
    expect(seen).toEqual(range(5));
  });

  test('filters by account and type; following next through short pages finds every match once', async () => {
    const log = makeLog(10_000);
    const noise = range(40).map((uid) => received('noisy', uid));
    await log.append([...noise.slice(0, 5), received('acme', 'a1'), deleted('acme', 'a0'), ...noise.slice(5), received('acme', 'a2')]);
    const all = (await log.page({ limit: 100 })).items;
    expect(all).toHaveLength(43);
    const query = { account: 'acme', types: ['message.received' as const], limit: 2 };
    const first = await log.page(query);
    // The scan is bounded (SCAN_FACTOR × limit entries): a sparse filter comes back short, and next goes on from the last entry read.
    expect(uids(first.items)).toEqual(['a1']);
    expect(first.next).toBe(all[2 * SCAN_FACTOR - 1]!.cursor);
    const found: string[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const page = await log.page({ ...query, after });
      found.push(...uids(page.items));
      if (page.next === after) break;
      after = page.next;
    }
    expect(found).toEqual(['a1', 'a2']);
    expect(after).toBe(all.at(-1)!.cursor);
    expect(uids((await log.page({ types: ['message.deleted'], limit: 100 })).items)).toEqual(['a0']);
    expect((await log.page({ account: 'nobody', limit: 100 })).items).toEqual([]);
  });

  test('keeps the newest `retention` events; an after older than the oldest kept is expired', async () => {
    const log = makeLog(100);
    const recorded = await log.append(range(150).map((uid) => received('acme', uid)));
    const oldest = await log.page({ limit: 1 });
    expect(uids(oldest.items)).toEqual(['u51']);
    expect(oldest.expired).toBe(false);
    const stale = await log.page({ after: recorded[9]!.cursor, limit: 3 });
    expect(stale.expired).toBe(true);
    expect(uids(stale.items)).toEqual(['u51', 'u52', 'u53']);
    const current = await log.page({ after: recorded[59]!.cursor, limit: 1 });
    expect(current.expired).toBe(false);
    expect(uids(current.items)).toEqual(['u61']);
    expect((await log.page({ after: '0-0', limit: 1 })).expired).toBe(true);
  });

  test('a log that was never trimmed has expired nothing, even for the first cursor there is', async () => {
    const log = makeLog(100);
    await log.append(range(3).map((uid) => received('acme', uid)));
    expect((await log.page({ after: '0-0', limit: 10 })).expired).toBe(false);
  });

  test('refuses a malformed cursor, naming it', async () => {
    const log = makeLog(100);
    await expect(log.page({ after: 'yesterday', limit: 1 })).rejects.toThrow(InvalidCursorError);
    await expect(log.page({ after: '1-2-3', limit: 1 })).rejects.toThrow(/after must be an event cursor/);
  });

  test('tells subscribers of every event appended from then on, in order, until they unsubscribe', async () => {
    const log = makeLog(1000);
    await log.append([received('acme', 'before')]);
    const a: RecordedEvent[] = [];
    const b: RecordedEvent[] = [];
    const stopA = log.subscribe(into(a));
    const stopB = log.subscribe(into(b));
    await settled(log);
    const recorded = await log.append(range(3).map((uid) => received('acme', uid)));
    await waitFor(() => a.length === 3 && b.length === 3, { what: 'both subscribers to hear 3 events' });
    expect(a).toEqual(recorded);
    expect(b).toEqual(recorded);
    stopA();
    await log.append([received('acme', 'u4')]);
    await waitFor(() => b.length === 4, { what: 'the remaining subscriber to hear u4' });
    expect(a).toHaveLength(3);
    stopB();
  });
});

/** A subscriber hears events recorded once its tail reads: append a marker and wait for it. */
async function settled(log: EventLog): Promise<void> {
  const heard: string[] = [];
  const stop = log.subscribe((event) => heard.push(event.id));
  const [marker] = await log.append([received('settle', `m${Date.now()}-${Math.random()}`)]);
  await waitFor(() => heard.includes(marker!.id), { what: 'the tail to read a marker' });
  stop();
}

describe('RedisEventLog across instances', () => {
  beforeEach(async () => {
    await redis.flushall();
  });

  const connections = async (): Promise<string[]> => ((await redis.client('LIST')) as string).trim().split('\n');

  test('one tail per instance however many subscribers, started by the first and stopped with the last; it hears other instances', async () => {
    const [reader, writer] = [redisLog(1000), redisLog(1000)];
    await writer.head(); // both clients connected
    await reader.head();
    const before = (await connections()).length;
    const heard: RecordedEvent[][] = [[], [], []];
    const stops = heard.map((list) => reader.subscribe(into(list)));
    await waitFor(async () => (await connections()).length === before + 1, { what: 'the tail to connect' });
    await settled(reader);
    const recorded = await writer.append([received('acme', 'u1'), deleted('acme', 'u0')]);
    await waitFor(() => heard.every((list) => list.length === 2), { what: 'every subscriber to hear the other instance' });
    for (const list of heard) expect(list).toEqual(recorded);
    expect((await connections()).length).toBe(before + 1);
    for (const stop of stops) stop();
    await waitFor(async () => (await connections()).length === before, { what: 'the tail to disconnect' });
  });

  test('a tail whose connection drops goes on from its last id: what was appended meanwhile arrives once', async () => {
    const [reader, writer] = [redisLog(1000), redisLog(1000)];
    const heard: RecordedEvent[] = [];
    const stop = reader.subscribe(into(heard));
    await settled(reader);
    const first = await writer.append([received('acme', 'u1')]);
    await waitFor(() => heard.length === 1, { what: 'u1' });
    const tails = (await connections()).filter((line) => /cmd=xread/.test(line)).map((line) => /id=(\d+)/.exec(line)![1]!);
    expect(tails).toHaveLength(1);
    await redis.client('KILL', 'ID', tails[0]!);
    const gap = await writer.append([received('acme', 'u2'), received('acme', 'u3')]);
    await waitFor(() => heard.length === 3, { what: 'the events appended while the tail was away' });
    expect(heard).toEqual([...first, ...gap]);
    stop();
  });

  test('Redis away: append and page fail as the store being unavailable (503), never as an empty log', async () => {
    const away = await startRedis();
    const log = redisLog(1000, away.url);
    await log.append([received('acme', 'u1')]);
    await away.stop();
    await expect(log.append([received('acme', 'u2')])).rejects.toThrow(AccountStoreUnavailableError);
    await expect(log.page({ limit: 10 })).rejects.toThrow(AccountStoreUnavailableError);
    await expect(log.head()).rejects.toThrow(AccountStoreUnavailableError);
    await away.close();
  });

  test('a subscriber sees every event exactly once across a Redis restart, and the log keeps them', async () => {
    const durable = await startRedis({ persist: true });
    try {
      const [reader, writer] = [redisLog(1000, durable.url), redisLog(1000, durable.url)];
      const heard: RecordedEvent[] = [];
      const stop = reader.subscribe(into(heard));
      await settled(reader);
      const before = await writer.append([received('acme', 'u1')]);
      await waitFor(() => heard.length === 1, { what: 'u1' });
      await durable.stop();
      await expect(writer.append([received('acme', 'lost')])).rejects.toThrow(AccountStoreUnavailableError);
      await durable.start();
      let after: RecordedEvent[] = [];
      await waitFor(
        async () => {
          after = await writer.append([received('acme', 'u2'), received('acme', 'u3')]).catch(() => []);
          return after.length === 2;
        },
        { timeoutMs: 15_000, everyMs: 100, what: 'the writer to reach the restarted Redis' },
      );
      await waitFor(() => heard.length === 3, { timeoutMs: 15_000, what: 'the tail to resume after the restart' });
      expect(heard).toEqual([...before, ...after]);
      expect(uids((await writer.page({ account: 'acme', limit: 10 })).items)).toEqual(['u1', 'u2', 'u3']);
      stop();
    } finally {
      await durable.close();
    }
  });
});
