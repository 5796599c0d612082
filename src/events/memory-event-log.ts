import type { PopgateEvent, RecordedEvent } from './event';
import { compareCursors, parseCursor, type EventLog, type EventPage, type EventQuery } from './event-log';

/**
 * The event log of one process (no REDIS_URL): the newest `retention` events in memory, lost
 * at a restart (the start log says so). Cursors have the Redis Stream form, so clients cannot
 * tell the two apart.
 */
export class MemoryEventLog implements EventLog {
  private readonly events: RecordedEvent[] = [];
  private readonly ids = new Set<string>();
  private readonly listeners = new Set<(event: RecordedEvent) => void>();
  private last: [number, number] = [0, 0];
  /** The cursor of the newest event dropped by retention: a cursor before it has missed events. */
  private droppedThrough = '0-0';

  constructor(
    private readonly retention: number,
    private readonly now: () => number = Date.now,
  ) {}

  append(events: readonly PopgateEvent[]): Promise<RecordedEvent[]> {
    const recorded: RecordedEvent[] = [];
    for (const event of events) {
      if (this.ids.has(event.id)) continue;
      const entry = { ...event, cursor: this.nextCursor() };
      this.events.push(entry);
      this.ids.add(event.id);
      recorded.push(entry);
    }
    while (this.events.length > this.retention) {
      const dropped = this.events.shift()!;
      this.ids.delete(dropped.id);
      this.droppedThrough = dropped.cursor;
    }
    for (const entry of recorded) for (const listener of this.listeners) listener(entry);
    return Promise.resolve(recorded);
  }

  page(query: EventQuery): Promise<EventPage> {
    const after = query.after ?? '0-0';
    parseCursor(after);
    const expired = query.after !== undefined && compareCursors(after, this.droppedThrough) < 0;
    const items: RecordedEvent[] = [];
    for (const event of this.events) {
      if (items.length >= query.limit) break;
      if (compareCursors(event.cursor, after) <= 0) continue;
      if (query.account !== undefined && event.account !== query.account) continue;
      if (query.types && !query.types.includes(event.type)) continue;
      items.push(event);
    }
    return Promise.resolve({ items, next: items.at(-1)?.cursor ?? after, expired });
  }

  head(): Promise<string> {
    return Promise.resolve(this.events.at(-1)?.cursor ?? '0-0');
  }

  subscribe(listener: (event: RecordedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): Promise<void> {
    this.listeners.clear();
    return Promise.resolve();
  }

  /** `<ms>-<seq>`, strictly increasing even when the clock stands still or steps back. */
  private nextCursor(): string {
    const ms = this.now();
    this.last = ms > this.last[0] ? [ms, 0] : [this.last[0], this.last[1] + 1];
    return `${this.last[0]}-${this.last[1]}`;
  }
}
