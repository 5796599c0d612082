import type { Redis } from 'ioredis';
import { RedisStoreConnection } from '../accounts/redis-store';
import { cacheKeys, EVENT_ID_TTL_S } from '../cache/keys';
import type { PopgateEvent, RecordedEvent } from './event';
import { compareCursors, matchesQuery, parseCursor, SCAN_FACTOR, type EventLog, type EventPage, type EventQuery } from './event-log';
import { decodeEntry, RedisEventTail } from './redis-event-tail';

/**
 * Records each event whose id is new: SET NX its marker, then XADD it, trimming the stream to
 * exactly ARGV[1] entries — first noting the newest id the trim drops, which tells `page` when
 * a cursor has missed events. One script per append, so a batch lands in order and whole.
 * KEYS: the stream, its dropped-through key, then each event's id marker. ARGV: the retention,
 * the markers' TTL, then each event's JSON (ARGV[i] goes with KEYS[i]). Returns each event's
 * stream id, or '' for one recorded before.
 */
const APPEND = `
local retention = tonumber(ARGV[1])
local recorded = {}
for i = 3, #KEYS do
  if redis.call('SET', KEYS[i], '1', 'NX', 'EX', ARGV[2]) then
    local over = redis.call('XLEN', KEYS[1]) + 1 - retention
    if over > 0 then
      local dropped = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', over)
      redis.call('SET', KEYS[2], dropped[#dropped][1])
    end
    recorded[i - 2] = redis.call('XADD', KEYS[1], 'MAXLEN', retention, '*', 'event', ARGV[i])
  else
    recorded[i - 2] = ''
  end
end
return recorded`;

export interface RedisEventLogOptions {
  /** EVENT_RETENTION: the stream keeps the newest this many events. */
  retention: number;
  /** How long the tail's XREAD blocks (default 5 s). */
  blockMs?: number;
  /** The tail's pause before reading again after a failure (default 250 ms). */
  retryMs?: number;
}

type StreamEntry = [id: string, fields: string[]];

/**
 * The event log in a Redis Stream shared by every instance (docs/events.md): capped at
 * EVENT_RETENTION, appends idempotent by event id, cursors the stream's own ids. Redis away
 * is a 503 (AccountStoreUnavailableError), never an empty page.
 */
export class RedisEventLog implements EventLog {
  private readonly connection: RedisStoreConnection;
  private readonly tail: RedisEventTail;
  private readonly key = cacheKeys.eventLog();

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisEventLogOptions,
  ) {
    this.connection = new RedisStoreConnection(redis);
    this.tail = new RedisEventTail(redis, this.key, () => this.head(), { blockMs: options.blockMs ?? 5000, retryMs: options.retryMs ?? 250 });
  }

  async append(events: readonly PopgateEvent[]): Promise<RecordedEvent[]> {
    if (events.length === 0) return [];
    const markers = events.map((event) => cacheKeys.eventRecorded(event.id));
    const bodies = events.map(({ id, type, timestamp, account, data }) => JSON.stringify({ id, type, timestamp, account, data }));
    const cursors = await this.connection.run(
      (redis) =>
        redis.eval(APPEND, 2 + events.length, this.key, cacheKeys.eventLogDroppedThrough(), ...markers, this.options.retention, EVENT_ID_TTL_S, ...bodies) as Promise<string[]>,
    );
    return events.flatMap((event, i) => (cursors[i] ? [{ ...event, cursor: cursors[i] }] : []));
  }

  async page(query: EventQuery): Promise<EventPage> {
    const after = query.after ?? '0-0';
    parseCursor(after);
    return await this.connection.run(async (redis) => {
      const items: RecordedEvent[] = [];
      let next = after;
      let budget = query.limit * SCAN_FACTOR;
      while (items.length < query.limit && budget > 0) {
        // Unfiltered, `limit` entries fill the page; filtered, read ahead in larger batches.
        const count = Math.min(budget, query.account === undefined && query.types === undefined ? query.limit - items.length : query.limit * 2);
        const entries = (await redis.xrange(this.key, `(${next}`, '+', 'COUNT', count)) as StreamEntry[];
        budget -= entries.length;
        for (const [id, fields] of entries) {
          next = id;
          const event = decodeEntry(id, fields);
          if (matchesQuery(event, query)) items.push(event);
          if (items.length === query.limit) break;
        }
        if (entries.length < count) break; // the end of the log
      }
      const expired = query.after !== undefined && compareCursors(after, await this.droppedThrough(redis)) < 0;
      return { items, next, expired };
    });
  }

  head(): Promise<string> {
    return this.connection.run(async (redis) => {
      const newest = (await redis.xrevrange(this.key, '+', '-', 'COUNT', 1)) as StreamEntry[];
      return newest[0]?.[0] ?? '0-0';
    });
  }

  subscribe(listener: (event: RecordedEvent) => void): () => void {
    return this.tail.subscribe(listener);
  }

  /** Stops the tail; the Redis client belongs to whoever handed it in. */
  close(): Promise<void> {
    return this.tail.close();
  }

  /** The cursor of the newest event retention dropped, `0-0` while it dropped none. */
  private async droppedThrough(redis: Redis): Promise<string> {
    return (await redis.get(cacheKeys.eventLogDroppedThrough())) ?? '0-0';
  }
}
