import type { ServerResponse } from 'node:http';
import type { RecordedEvent } from '../../events/event';
import { compareCursors, isAfter, matchesQuery, type EventLog, type EventPage } from '../../events/event-log';
import type { EventFilter } from './event-filter';

export interface EventStreamOptions {
  /** A `: keep-alive` comment goes out when nothing was written for this long (15 s), so proxies keep the connection. */
  heartbeatMs: number;
  /** A client that leaves more than this many bytes unread is dropped; it resumes with Last-Event-ID. */
  maxBufferedBytes: number;
  /** Events per page while catching up from a cursor. */
  backlogPageSize: number;
}

export const DEFAULT_EVENT_STREAM_OPTIONS: EventStreamOptions = { heartbeatMs: 15_000, maxBufferedBytes: 1024 * 1024, backlogPageSize: 500 };

/** Live events held while the backlog is written; more than this and the client is too far behind. */
const MAX_HELD_EVENTS = 10_000;

const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache',
  // nginx and friends: pass each event on at once instead of buffering the response.
  'X-Accel-Buffering': 'no',
};

/**
 * One `text/event-stream` client. From a cursor it writes the backlog from the log, then live
 * events: it subscribes first and holds live events while it pages, then skips whatever the
 * backlog already covered, so the switch loses nothing and repeats nothing. Without a cursor it
 * starts live.
 */
export class EventStream {
  /** The newest cursor this client has been brought past (written, or skipped by its filter). */
  private position: string | null;
  /** Live events that arrived while the backlog was written; null once live. */
  private held: RecordedEvent[] | null = [];
  private unsubscribe: () => void = () => undefined;
  private heartbeat: NodeJS.Timeout | null = null;
  /** When the last bytes were written (Date.now()): the heartbeat looks, rather than every write re-arming a timer. */
  private lastWrite = Date.now();
  private ended = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly log: EventLog,
    private readonly filter: EventFilter,
    private readonly after: string | null,
    private readonly options: EventStreamOptions,
    private readonly onEnd: () => void,
  ) {
    this.position = after;
  }

  /**
   * Reads the first backlog page, then sends the headers and starts writing. A failure before
   * the headers (Redis away) rejects, so the caller answers it as a problem.
   */
  async begin(): Promise<void> {
    this.unsubscribe = this.log.subscribe((event) => this.heard(event));
    const closed = (): void => this.end();
    this.res.once('close', closed);
    let first: EventPage | null = null;
    try {
      if (this.after !== null) first = await this.log.page({ ...this.filter, after: this.after, limit: this.options.backlogPageSize });
      // Live: "from now" is the newest event there is once subscribed; whatever the tail hands over up to it is old.
      else this.position = await this.log.head();
    } catch (err) {
      this.res.off('close', closed);
      this.detach();
      throw err;
    }
    if (this.ended) return; // the client went away meanwhile
    this.res.writeHead(200, SSE_HEADERS);
    this.res.flushHeaders();
    if (this.res.req.method === 'HEAD') return this.end(); // the headers are the whole answer
    this.heartbeat = setTimeout(() => this.keepAlive(), this.options.heartbeatMs);
    this.lastWrite = Date.now();
    if (first === null) {
      this.goLive();
      return;
    }
    if (first.expired) this.write(`event: reset\ndata: ${JSON.stringify({ after: this.after, detail: RESET_DETAIL })}\n\n`);
    void this.catchUp(first);
  }

  /** Ends the response (server shutdown): the client reconnects, with Last-Event-ID, elsewhere or later. */
  end(): void {
    if (this.ended) return;
    this.detach();
    if (!this.res.writableEnded && !this.res.destroyed) this.res.end();
  }

  /** Stops listening and writing, leaving the response as it is. */
  private detach(): void {
    this.ended = true;
    this.unsubscribe();
    if (this.heartbeat) clearTimeout(this.heartbeat);
    this.held = null;
    this.onEnd();
  }

  private async catchUp(first: EventPage): Promise<void> {
    let page = first;
    try {
      for (;;) {
        const from = this.position!;
        for (const event of page.items) this.send(event);
        this.position = page.next;
        if (this.ended) return;
        if (this.res.writableLength > this.options.maxBufferedBytes) await this.drained();
        const covered = this.held !== null && this.held.length > 0 && compareCursors(page.next, this.held[0]!.cursor) >= 0;
        if (page.next === from || covered) break;
        page = await this.log.page({ ...this.filter, after: page.next, limit: this.options.backlogPageSize });
      }
      this.goLive();
    } catch {
      // The log became unreadable mid-stream: end it, and the client resumes from its last id.
      this.end();
    }
  }

  private goLive(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const event of held) this.heard(event);
  }

  private heard(event: RecordedEvent): void {
    if (this.ended) return;
    if (this.held !== null) {
      this.held.push(event);
      if (this.held.length > MAX_HELD_EVENTS) this.drop();
      return;
    }
    if (this.position !== null && !isAfter(event.cursor, this.position)) return;
    this.position = event.cursor;
    if (!matchesQuery(event, this.filter)) return;
    this.send(event);
    // Too much unread: a live stream cannot wait for one client, so this one goes.
    if (this.res.writableLength > this.options.maxBufferedBytes) this.drop();
  }

  private send(event: RecordedEvent): void {
    this.write(frameOf(event));
  }

  private write(text: string | Buffer): void {
    if (this.ended) return;
    this.res.write(text);
    this.lastWrite = Date.now();
  }

  /** Due when heartbeatMs may have passed without a write: a comment if it did, else look again when it would. */
  private keepAlive(): void {
    if (this.ended) return;
    if (Date.now() - this.lastWrite >= this.options.heartbeatMs) this.write(': keep-alive\n\n');
    const dueInMs = this.lastWrite + this.options.heartbeatMs - Date.now();
    this.heartbeat = setTimeout(() => this.keepAlive(), Math.max(1, dueInMs));
  }

  /** A client that stopped reading: cut the connection (no clean end: its unread bytes are lost anyway). */
  private drop(): void {
    this.res.destroy();
    this.end();
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      this.res.once('drain', done);
      this.res.once('close', done);
    });
  }
}

/**
 * An event's frame, encoded once however many streams send it: the log hands the same event
 * object to every subscriber, so a fan-out to a thousand streams serializes it once.
 */
const frames = new WeakMap<RecordedEvent, Buffer>();

function frameOf(event: RecordedEvent): Buffer {
  let frame = frames.get(event);
  if (frame === undefined) {
    const { cursor, id, type, timestamp, account, data } = event;
    frame = Buffer.from(`id: ${cursor}\nevent: ${type}\ndata: ${JSON.stringify({ id, type, timestamp, account, data })}\n\n`);
    frames.set(event, frame);
  }
  return frame;
}

const RESET_DETAIL = 'Events after this cursor were dropped by retention (EVENT_RETENTION); the stream goes on from the oldest event kept.';
