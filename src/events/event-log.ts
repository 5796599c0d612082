import type { EventType, PopgateEvent, RecordedEvent } from './event';

export interface EventQuery {
  /** Exclusive: events recorded after this cursor. Absent: from the oldest event kept. */
  after?: string;
  limit: number;
  account?: string;
  types?: readonly EventType[];
}

export interface EventPage {
  /** In recording order. */
  items: RecordedEvent[];
  /**
   * The cursor to pass as `after` next. Never null: the last item's when the page is full;
   * otherwise the last event examined (a filtered page examines at most SCAN_FACTOR × limit
   * events, so it may come back short, or empty, before the end), or `after` when nothing was
   * examined — which is how a reader knows it has caught up.
   */
  next: string;
  /** `after` is older than the oldest event kept: events between were dropped by retention. */
  expired: boolean;
}

/**
 * The durable, ordered record of events: a Redis Stream capped at EVENT_RETENTION with
 * REDIS_URL, else in process. Appending is idempotent by event id, so a poll repeated after a
 * crash records nothing twice. Pollers append; `/events`, SSE and webhook dispatch read.
 */
export interface EventLog {
  /** Records the events whose ids are not recorded yet, in order; returns what was recorded now. */
  append(events: readonly PopgateEvent[]): Promise<RecordedEvent[]>;
  /** @throws InvalidCursorError for a malformed `after` */
  page(query: EventQuery): Promise<EventPage>;
  /** The newest cursor (`0-0` when the log is empty): where a live reader starts. */
  head(): Promise<string>;
  /**
   * Calls `listener` with each event recorded from now on (by any instance, with Redis), in
   * order. One tail per log however many subscribers. Returns the unsubscribe function.
   * "Now" is exact only relative to a read made after subscribing: every event after the
   * cursor that a later head() or page() reached is delivered (a few older ones may be too),
   * so a reader that must lose nothing and repeat nothing subscribes, then reads, then skips
   * delivered events at or before its cursor (as /events/stream does).
   */
  subscribe(listener: (event: RecordedEvent) => void): () => void;
  close(): Promise<void>;
}

/**
 * A filtered page examines at most this many times `limit` events, so a filter that matches
 * little costs a bounded amount of work per page; the reader goes on from `next`.
 */
export const SCAN_FACTOR = 5;

/** Whether `event` passes the query's account and type filters. */
export function matchesQuery(event: RecordedEvent, query: Pick<EventQuery, 'account' | 'types'>): boolean {
  if (query.account !== undefined && event.account !== query.account) return false;
  return query.types === undefined || query.types.includes(event.type);
}

/** A cursor that is not `<ms>-<seq>`. */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor(readonly cursor: string) {
    super(`after must be an event cursor such as "1764496800000-0" (the cursor of an event, or a page's next); got ${JSON.stringify(cursor.slice(0, 40))}.`);
  }
}

const CURSOR = /^(\d{1,15})-(\d{1,15})$/;

/** [ms, seq] of a cursor. @throws InvalidCursorError */
export function parseCursor(cursor: string): [number, number] {
  const match = CURSOR.exec(cursor);
  if (!match) throw new InvalidCursorError(cursor);
  return [Number(match[1]), Number(match[2])];
}

/**
 * Whether cursor a comes after b (both as the log writes them: no leading zeros), without parsing: the check every live event
 * makes once per open stream, so it stays allocation-free.
 */
export function isAfter(a: string, b: string): boolean {
  const [ad, bd] = [a.indexOf('-'), b.indexOf('-')];
  if (ad !== bd) return ad > bd; // more digits of milliseconds
  for (let i = 0; i < ad; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d > 0;
  }
  return a.length !== b.length ? a.length > b.length : a > b; // the same millisecond: the sequence decides
}

/** Negative, zero or positive as cursor a is before, equal to or after b. */
export function compareCursors(a: string, b: string): number {
  const [am, as] = parseCursor(a);
  const [bm, bs] = parseCursor(b);
  return am === bm ? as - bs : am - bm;
}
