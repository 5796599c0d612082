import type { PopgateEvent, RecordedEvent } from './event';
import { compareCursors, matchesQuery, parseCursor, SCAN_FACTOR, type EventLog, type EventPage, type EventQuery } from './event-log';

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
    if (this.events.length > this.retention) {
      // One splice per append, not a shift per event: a full log of 100,000 moves once.
      const dropped = this.events.splice(0, this.events.length - this.retention);
      for (const event of dropped) this.ids.delete(event.id);
      this.droppedThrough = dropped.at(-1)!.cursor;
    }
    for (const entry of recorded) for (const listener of this.listeners) listener(entry);
    return Promise.resolve(recorded);
  }

  /** @throws InvalidCursorError (a rejection) for a malformed `after` */
  page(query: EventQuery): Promise<EventPage> {
    try {
      return Promise.resolve(this.pageOf(query));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  private pageOf(query: EventQuery): EventPage {
    const after = query.after ?? '0-0';
    parseCursor(after);
    const expired = query.after !== undefined && compareCursors(after, this.droppedThrough) < 0;
    const items: RecordedEvent[] = [];
    let next = after;
    const start = this.firstAfter(after);
    const end = Math.min(this.events.length, start + query.limit * SCAN_FACTOR);
    for (let i = start; i < end && items.length < query.limit; i++) {
      const event = this.events[i]!;
      next = event.cursor;
      if (matchesQuery(event, query)) items.push(event);
    }
    return { items, next, expired };
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

  /** The index of the first event recorded after `cursor` (binary search: cursors ascend). */
  private firstAfter(cursor: string): number {
    let [low, high] = [0, this.events.length];
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compareCursors(this.events[mid]!.cursor, cursor) <= 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** `<ms>-<seq>`, strictly increasing even when the clock stands still or steps back. */
  private nextCursor(): string {
    const ms = this.now();
    this.last = ms > this.last[0] ? [ms, 0] : [this.last[0], this.last[1] + 1];
    return `${this.last[0]}-${this.last[1]}`;
  }
}
