import type { ServerResponse } from 'node:http';
import type { EventLog } from '../../events/event-log';
import type { EventFilter } from './event-filter';
import { EventStream, type EventStreamOptions } from './event-stream';

/**
 * The open `/events/stream` responses of one app, so a shutdown can end them: an open stream
 * never finishes on its own, and the server's close would otherwise wait for every one.
 */
export class EventStreams {
  private readonly open = new Set<EventStream>();
  private closed = false;

  constructor(private readonly options: EventStreamOptions) {}

  /**
   * Starts a stream on `res`: resolves once its headers are sent; rejects, with nothing sent,
   * when the log cannot be read.
   */
  async start(res: ServerResponse, log: EventLog, filter: EventFilter, after: string | null): Promise<void> {
    const stream = new EventStream(res, log, filter, after, this.options, () => this.open.delete(stream));
    this.open.add(stream);
    try {
      await stream.begin();
    } catch (err) {
      this.open.delete(stream);
      throw err;
    }
    // Shutting down already: the client is told to come back (to another instance, or later).
    if (this.closed) stream.end();
  }

  /** How many streams are open. */
  get size(): number {
    return this.open.size;
  }

  /** Ends every open stream, and each one started from now on. */
  closeAll(): void {
    this.closed = true;
    for (const stream of [...this.open]) stream.end();
  }
}
