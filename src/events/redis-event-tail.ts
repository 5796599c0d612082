import type { Redis } from 'ioredis';
import type { PopgateEvent, RecordedEvent } from './event';

export type EventListener = (event: RecordedEvent) => void;

export interface TailOptions {
  /** How long one XREAD blocks before it is asked again (a dead connection shows within this plus a margin). */
  blockMs: number;
  /** Pause before trying again after a failed read (Redis away). */
  retryMs: number;
}

/** Entries handed over per XREAD: a burst (a backfill) arrives in a few reads, not one huge one. */
const READ_BATCH = 500;

type StreamEntry = [id: string, fields: string[]];

/**
 * The one reader of the event stream in this process: a connection of its own doing blocking
 * XREADs from the last id it saw, handing every entry to the local listeners. It starts with
 * the first listener and stops with the last. After an outage or a Redis restart it goes on
 * from that last id, so a listener misses nothing and sees nothing twice.
 */
export class RedisEventTail {
  private readonly listeners = new Set<EventListener>();
  /** Bumped at every start and stop: a reading loop ends once its generation is over. */
  private generation = 0;
  private reader: Redis | null = null;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    /** The log's newest cursor, asked on the shared connection (waiting briefly while it connects). */
    private readonly head: () => Promise<string>,
    private readonly options: TailOptions,
  ) {}

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.start();
    return () => {
      if (this.listeners.delete(listener) && this.listeners.size === 0) this.stop();
    };
  }

  /** Whether a reader is running (tests watch it start and stop). */
  get running(): boolean {
    return this.reader !== null;
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.stop();
    await this.loop;
  }

  private start(): void {
    const generation = ++this.generation;
    // Asked on the shared connection at once, so a reader that pages the log right after
    // subscribing is answered after this: whatever that page does not see, the tail will.
    const startAt = this.head().catch(() => null);
    const reader = this.redis.duplicate({ commandTimeout: this.options.blockMs + 5000, enableOfflineQueue: false, lazyConnect: false });
    reader.on('error', () => undefined); // the loop below sees every failure; the shared client logs outages
    this.reader = reader;
    const previous = this.loop;
    this.loop = previous.then(() => this.read(generation, reader, startAt));
  }

  private stop(): void {
    this.generation++;
    this.reader?.disconnect();
    this.reader = null;
  }

  private async read(generation: number, reader: Redis, startAt: Promise<string | null>): Promise<void> {
    let lastId = await startAt;
    while (generation === this.generation) {
      try {
        if (reader.status !== 'ready') {
          await sleep(this.options.retryMs);
          continue;
        }
        // Redis was away at start: begin at the newest entry there is now.
        lastId ??= await this.newestId(reader);
        const reply = (await reader.xread('COUNT', READ_BATCH, 'BLOCK', this.options.blockMs, 'STREAMS', this.key, lastId));
        if (generation !== this.generation) break;
        for (const [id, fields] of reply?.[0]?.[1] ?? []) {
          lastId = id;
          this.dispatch(decodeEntry(id, fields));
        }
      } catch {
        if (generation !== this.generation) break;
        await sleep(this.options.retryMs);
      }
    }
    // stop() disconnected the reader already (a second disconnect would arm a stray timer).
  }

  private dispatch(event: RecordedEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // One failing listener must not starve the others.
      }
    }
  }

  private async newestId(redis: Redis): Promise<string> {
    const newest = (await redis.xrevrange(this.key, '+', '-', 'COUNT', 1)) as StreamEntry[];
    return newest[0]?.[0] ?? '0-0';
  }
}

/** A stream entry as the log wrote it: one field, `event`, holding the event's JSON. */
export function decodeEntry(id: string, fields: string[]): RecordedEvent {
  const json = fields[fields.indexOf('event') + 1] ?? '{}';
  return { ...(JSON.parse(json) as PopgateEvent), cursor: id };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
