/**
 * The POP3 framing state machine: raw bytes in, replies out. No socket here — the connection
 * feeds chunks and is told when to pause and resume reading; tests feed bytes directly.
 *
 * Every command written adds one expected reply to a queue. A reply is a status line
 * (at most MAX_STATUS_LINE_OCTETS) and, for a multi-line command answered `+OK`, a body that
 * ends at CRLF.CRLF, with dot-stuffing removed (RFC 1939 §3). Bodies are pushed to a Readable
 * as slices of the incoming chunks; only a held `.` or `.\r` (at most two octets) and an
 * unfinished status line (at most 511 octets) are carried from one chunk to the next.
 */
import { Readable } from 'node:stream';
import { MessageTooLargeError, Pop3ProtocolError } from './errors';
import { BODY_STREAM_HIGH_WATER_MARK, MAX_STATUS_LINE_OCTETS } from './limits';
import { parseStatusLine, type StatusLine } from './response-code';

/** `single`: a status line only. `multi`: a status line, then a body when it is `+OK`. */
export type ReplyKind = 'single' | 'multi';

/** Who waits for one reply. Exactly one of `onStatus` / `onError` is called, then `onSettled`. */
export interface ReplyHandler {
  /** The status line arrived. For a multi-line reply answered `+OK`, `body` streams its unstuffed body. */
  onStatus(status: StatusLine, body: Readable | null): void;
  /** The conversation broke before this reply's status line arrived. */
  onError(error: Error): void;
  /**
   * The reply is over on the wire: status line read and, for a body, its terminator seen —
   * or it failed (`error`). The body stream may still hold unread data.
   */
  onSettled?(error: Error | null): void;
}

/** How the reader asks its byte source to stop and restart (the connection pauses the socket). */
export interface FlowControl {
  pause(): void;
  resume(): void;
}

export interface ReplyReaderOptions {
  /** Cap on one multi-line body after unstuffing; over it the body fails with MessageTooLargeError. */
  maxMessageBytes: number;
  /** Called when a body's consumer is behind (pause) and when it wants more (resume). */
  flow?: FlowControl;
  /** The conversation broke (protocol error, size cap, body abandoned): the owner must drop the socket. */
  onFatal?(error: Error): void;
}

const CR = 0x0d;
const LF = 0x0a;
const DOT = 0x2e;
const CRLF_DOT = Buffer.from('\r\n.', 'latin1');
const HELD_CR = Buffer.from('\r', 'latin1');

/** Where the body scanner stands relative to line starts, which is all dot-unstuffing needs. */
const enum BodyState {
  /** Inside a line; the previous octet (if any) is not a CR awaiting its LF. */
  MidLine,
  /** The previous octet was a CR (already passed on as content). */
  AfterCr,
  /** At the start of a line (after CRLF): a `.` here is special. */
  LineStart,
  /** A line-start `.` was seen and held back. */
  Dot,
  /** A line-start `.` then CR were seen and held back: LF next means the terminator. */
  DotCr,
}

/** The body of a multi-line reply. Reading from it is what lets the reader pull more bytes. */
class BodyStream extends Readable {
  /** Set once the terminator was seen, so a later destroy() is not an abandonment. */
  complete = false;

  constructor(
    private readonly wantMore: () => void,
    private readonly abandoned: (stream: BodyStream) => void,
  ) {
    super({ highWaterMark: BODY_STREAM_HIGH_WATER_MARK });
    // A failure can land before the consumer attached its listeners (the status line and a
    // too-large body in one chunk): keep such an error from crashing the process. Consumers
    // still see it through their own 'error' listeners, pipeline() or async iteration.
    this.on('error', () => undefined);
  }

  override _read(): void {
    this.wantMore();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (!this.complete) this.abandoned(this);
    callback(error);
  }
}

interface Expected {
  kind: ReplyKind;
  handler: ReplyHandler;
}

interface Current extends Expected {
  body: BodyStream | null;
}

/**
 * Turns the server's byte stream into replies, in the order their commands were written.
 * `feed()` never throws: failures reach the handlers, the body stream and `onFatal`.
 */
export class ReplyReader {
  private readonly queue: Expected[] = [];
  private current: Current | null = null;
  private statusParts: Buffer[] = [];
  private statusLength = 0;
  private bodyState = BodyState.LineStart;
  private bodyBytes = 0;
  private flowPaused = false;
  private failure: Error | null = null;

  constructor(private readonly options: ReplyReaderOptions) {}

  /** Registers the reply to the command just written. After a failure, the handler fails at once. */
  expect(kind: ReplyKind, handler: ReplyHandler): void {
    if (this.failure) {
      handler.onError(this.failure);
      handler.onSettled?.(this.failure);
      return;
    }
    this.queue.push({ kind, handler });
  }

  /** Replies expected and not yet settled (the one being read included). */
  get pendingCount(): number {
    return this.queue.length + (this.current ? 1 : 0);
  }

  /** True while a body's consumer is behind and the byte source should not be read. */
  get paused(): boolean {
    return this.flowPaused;
  }

  /** Consumes one chunk from the server. Never throws. */
  feed(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length && !this.failure) {
      if (!this.current) {
        const next = this.queue.shift();
        if (!next) {
          this.fail(new Pop3ProtocolError(`unsolicited data from the server (${chunk.length - offset} octets while no reply was expected)`));
          return;
        }
        this.current = { ...next, body: null };
      }
      offset = this.current.body ? this.readBody(chunk, offset, this.current.body) : this.readStatus(chunk, offset, this.current);
    }
  }

  /**
   * Fails the reply in progress and every queued one (connection closed, timed out, or a
   * protocol error of our own). Idempotent: the first error wins.
   */
  fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    const current = this.current;
    const queued = this.queue.splice(0);
    this.current = null;
    this.statusParts = [];
    this.statusLength = 0;
    if (current?.body) {
      current.body.destroy(error);
      current.handler.onSettled?.(error);
    } else if (current) {
      current.handler.onError(error);
      current.handler.onSettled?.(error);
    }
    for (const expected of queued) {
      expected.handler.onError(error);
      expected.handler.onSettled?.(error);
    }
    this.options.onFatal?.(error);
  }

  private readStatus(chunk: Buffer, offset: number, current: Current): number {
    const lf = chunk.indexOf(LF, offset);
    if (lf === -1) {
      this.statusLength += chunk.length - offset;
      // Without its LF the line is already at least statusLength + 1 octets long.
      if (this.statusLength >= MAX_STATUS_LINE_OCTETS) {
        this.fail(new Pop3ProtocolError(`status line longer than ${MAX_STATUS_LINE_OCTETS} octets`));
      } else {
        this.statusParts.push(Buffer.from(chunk.subarray(offset))); // a copy: never pin a large chunk for a few octets
      }
      return chunk.length;
    }
    const lineLength = this.statusLength + lf + 1 - offset;
    if (lineLength > MAX_STATUS_LINE_OCTETS) {
      this.fail(new Pop3ProtocolError(`status line longer than ${MAX_STATUS_LINE_OCTETS} octets`));
      return chunk.length;
    }
    const tail = chunk.subarray(offset, lf + 1);
    const line = this.statusParts.length ? Buffer.concat([...this.statusParts, tail]) : tail;
    this.statusParts = [];
    this.statusLength = 0;

    let status: StatusLine;
    try {
      status = parseStatusLine(line);
    } catch (error) {
      this.fail(error as Error);
      return chunk.length;
    }
    if (current.kind === 'multi' && status.ok) {
      current.body = new BodyStream(
        () => this.resumeFlow(),
        (stream) => this.bodyAbandoned(stream),
      );
      this.bodyState = BodyState.LineStart;
      this.bodyBytes = 0;
      current.handler.onStatus(status, current.body);
    } else {
      this.current = null;
      current.handler.onStatus(status, null);
      current.handler.onSettled?.(null);
    }
    return lf + 1;
  }

  /**
   * Scans body octets for line starts, passing slices of `chunk` on and dropping the first
   * `.` of each dot-stuffed line. Returns where the next reply starts, or chunk.length.
   */
  private readBody(chunk: Buffer, offset: number, body: BodyStream): number {
    const end = chunk.length;
    let position = offset;
    let sliceStart = offset;
    while (position < end) {
      switch (this.bodyState) {
        case BodyState.MidLine: {
          const found = chunk.indexOf(CRLF_DOT, position);
          if (found !== -1) {
            if (!this.emit(body, chunk, sliceStart, found + 2)) return end;
            position = found + 3;
            sliceStart = position;
            this.bodyState = BodyState.Dot;
            continue;
          }
          // No whole CRLF "." here; a CR or CRLF at the very end may continue in the next chunk.
          if (chunk[end - 1] === CR) this.bodyState = BodyState.AfterCr;
          else if (end - position >= 2 && chunk[end - 2] === CR && chunk[end - 1] === LF) this.bodyState = BodyState.LineStart;
          position = end;
          break;
        }
        case BodyState.AfterCr:
          if (chunk[position] === LF) {
            position += 1;
            this.bodyState = BodyState.LineStart;
          } else {
            this.bodyState = BodyState.MidLine;
          }
          break;
        case BodyState.LineStart:
          if (chunk[position] === DOT) {
            if (!this.emit(body, chunk, sliceStart, position)) return end;
            position += 1;
            sliceStart = position;
            this.bodyState = BodyState.Dot;
          } else {
            this.bodyState = BodyState.MidLine;
          }
          break;
        case BodyState.Dot:
          if (chunk[position] === CR) {
            position += 1;
            sliceStart = position; // hold the CR: with an LF next it is part of the terminator
            this.bodyState = BodyState.DotCr;
          } else {
            // RFC 1939 §3: a line-start "." not followed by CRLF is stuffing; it stays dropped.
            this.bodyState = BodyState.MidLine;
          }
          break;
        case BodyState.DotCr:
          if (chunk[position] === LF) {
            this.finishBody(body);
            return position + 1;
          }
          // ".\r" then something else: lenient, the dot was stuffing and the CR is content.
          if (!this.emit(body, HELD_CR, 0, 1)) return end;
          this.bodyState = BodyState.AfterCr;
          break;
      }
    }
    this.emit(body, chunk, sliceStart, end);
    return end;
  }

  /** Pushes source[start, end) to the body; false when the reader broke (size cap, body destroyed). */
  private emit(body: BodyStream, source: Buffer, start: number, end: number): boolean {
    if (end <= start) return true;
    this.bodyBytes += end - start;
    if (this.bodyBytes > this.options.maxMessageBytes) {
      this.fail(new MessageTooLargeError(this.options.maxMessageBytes));
      return false;
    }
    const wantsMore = body.push(source.subarray(start, end));
    if (this.failure) return false; // a consumer may destroy the body from inside push()
    if (!wantsMore && !this.flowPaused) {
      this.flowPaused = true;
      this.options.flow?.pause();
    }
    return true;
  }

  private finishBody(body: BodyStream): void {
    const current = this.current;
    this.current = null;
    body.complete = true;
    body.push(null);
    // The rest of the wire belongs to other replies: whatever this body still buffers is bounded.
    this.resumeFlow();
    current?.handler.onSettled?.(null);
  }

  private resumeFlow(): void {
    if (!this.flowPaused) return;
    this.flowPaused = false;
    this.options.flow?.resume();
  }

  /** A body destroyed before its terminator: the rest of it is still on the wire, so no resync. */
  private bodyAbandoned(stream: BodyStream): void {
    if (this.failure || this.current?.body !== stream) return;
    this.fail(new Pop3ProtocolError('the message body was abandoned before its end; the connection cannot be resynchronised'));
  }
}
