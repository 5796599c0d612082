/**
 * The socket side of a POP3 session: opening it (implicit TLS, STLS, or plaintext when
 * allowed), the command queue with optional pipelining, and the inactivity timeout.
 * Framing lives in ReplyReader; the command vocabulary lives in Pop3Client.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { Readable } from 'node:stream';
import {
  Pop3ArgumentError,
  type Pop3ArgumentSubject,
  Pop3ConnectionError,
  Pop3ProtocolError,
  Pop3TimeoutError,
} from './errors';
import { ReplyReader, type ReplyKind } from './reply-reader';
import type { StatusLine } from './response-code';
import { sessionKey, TlsSessionCache } from './tls-sessions';
import type { Pop3ConnectOptions, TlsInfo } from './types';

/** A reply as the connection hands it on: the status line, and the body of a multi-line `+OK`. */
export interface Reply {
  status: StatusLine;
  body: Readable | null;
}

/** Per-command metrics hook: the verb only, never arguments. */
export type CommandObserver = (command: string, outcome: 'ok' | 'err' | 'failed', ms: number) => void;

interface QueuedCommand {
  line: Buffer;
  verb: string;
  kind: ReplyKind;
  startedAt: number;
  resolve(reply: Reply): void;
  reject(error: Error): void;
}

type Socket = net.Socket | tls.TLSSocket;

const FORBIDDEN_IN_COMMAND = /[\r\n\0]/;
/** The pseudo-verb of the greeting, which answers no command (kept out of metrics). */
const GREETING = 'GREETING';

/**
 * Refuses a command line that would smuggle a second command (CR, LF) or truncate one (NUL).
 * @throws {Pop3ArgumentError} naming the verb only, never the offending value.
 */
export function assertSafeCommandLine(line: string, verb: string, subject: Pop3ArgumentSubject = 'command'): void {
  if (FORBIDDEN_IN_COMMAND.test(line)) {
    throw new Pop3ArgumentError(`${verb}: an argument contains CR, LF or NUL; nothing was sent`, subject);
  }
}

/** The verb of a command line: its first word, upper-cased. */
export function verbOf(line: string): string {
  return (line.split(' ', 1)[0] ?? '').toUpperCase();
}

/**
 * `ca` is an *extra* trusted CA (POP3_CA_FILE): Node's `ca` option replaces the default roots,
 * so the context trusts both. Built once per CA value — parsing the roots costs milliseconds.
 * Each context is numbered, so TLS sessions are resumed only under the trust they were made with.
 */
const contextsByCa = new Map<string | Buffer, { context: tls.SecureContext; trust: string }>();
function secureContextWith(ca: string | Buffer): { context: tls.SecureContext; trust: string } {
  let entry = contextsByCa.get(ca);
  if (!entry) {
    entry = { context: tls.createSecureContext({ ca: [...tls.rootCertificates, ca] }), trust: `ca${contextsByCa.size}` };
    contextsByCa.set(ca, entry);
  }
  return entry;
}

const tlsSessions = new TlsSessionCache();

/**
 * Starts TLS to the upstream (on a new connection, or over `socket` after STLS), offering the
 * session kept from the last connection to the same server with the same trust.
 * `servername` is never an IP address (RFC 6066).
 */
function connectTls(options: Pop3ConnectOptions, over: { socket: net.Socket } | { host: string; port: number }): tls.TLSSocket {
  const servername = options.servername ?? options.host;
  const rejectUnauthorized = options.rejectUnauthorized ?? true;
  const withCa = options.ca !== undefined ? secureContextWith(options.ca) : undefined;
  const key = sessionKey(options.host, options.port, servername, `${withCa?.trust ?? 'roots'}:${rejectUnauthorized}`);
  const socket = tls.connect({
    ...over,
    ...(net.isIP(servername) ? {} : { servername }),
    ...(withCa ? { secureContext: withCa.context } : {}),
    rejectUnauthorized,
    session: tlsSessions.get(key),
  });
  tlsSessions.track(key, socket);
  return socket;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

/**
 * One POP3 session's socket. Commands are queued; with `pipelining` on they are written as
 * soon as they are queued (batched per tick), otherwise one at a time, each after the
 * previous reply ended. Any protocol error, timeout or close fails every pending command and
 * makes the connection unusable; a `-ERR` does not.
 */
export class Pop3Connection {
  /** Write queued commands without waiting for replies (the server advertised PIPELINING). */
  pipelining = false;

  private socket: Socket;
  private readonly reader: ReplyReader;
  private readonly unsent: QueuedCommand[] = [];
  private inFlight = 0;
  private flushScheduled = false;
  private timer: NodeJS.Timeout | null = null;
  private failure: Error | null = null;
  private closed = false;
  private closing = false;
  private greetingLine: StatusLine | null = null;
  private readonly closeListeners: Array<() => void> = [];
  private readonly onData = (chunk: Buffer): void => this.received(chunk);
  private readonly onSocketError = (error: Error): void => {
    this.lastSocketError = error;
  };
  private readonly onSocketClose = (): void => this.socketClosed();
  private lastSocketError: Error | null = null;

  private constructor(
    socket: Socket,
    private readonly options: Pop3ConnectOptions,
  ) {
    this.socket = socket;
    // Commands are batched by us already; Nagle would only delay each command's reply.
    socket.setNoDelay(true);
    this.reader = new ReplyReader({
      maxMessageBytes: options.maxMessageBytes,
      flow: {
        pause: () => {
          this.socket.pause();
          this.updateTimer(false);
        },
        resume: () => {
          this.socket.resume();
          this.updateTimer(true);
        },
      },
      onFatal: (error) => this.destroy(error),
    });
    this.attach(socket);
  }

  /**
   * Opens the socket (TLS from the first byte for `implicit`, plain for `starttls`/`none`) and
   * reads the greeting. STLS itself is {@link startTls}, sent once CAPA was read.
   * @throws {Pop3ConnectionError} on refusal, TLS failure (untrusted certificate…), a negative
   *   greeting (keeps respCode and serverText), or `tls: 'none'` without `allowPlaintext`.
   * @throws {Pop3TimeoutError} when connecting or the greeting takes longer than `timeoutMs`.
   * @throws {Pop3ProtocolError} on a malformed greeting or a close before it.
   */
  static async open(options: Pop3ConnectOptions): Promise<Pop3Connection> {
    if (options.tls === 'none' && options.allowPlaintext !== true) {
      throw new Pop3ConnectionError('plaintext POP3 (tls: none) is refused unless allowPlaintext is set');
    }
    const socket = await connectSocket(options);
    const connection = new Pop3Connection(socket, options);
    let greeting: StatusLine;
    try {
      greeting = await connection.readGreeting();
    } catch (error) {
      connection.destroy();
      throw error;
    }
    if (greeting.continuation) {
      const error = new Pop3ProtocolError('the server greeted with a SASL continuation instead of +OK');
      connection.destroy(error);
      throw error;
    }
    if (!greeting.ok) {
      connection.destroy();
      throw new Pop3ConnectionError(
        `the server refused the session: -ERR ${greeting.respCode ? `[${greeting.respCode}] ` : ''}${greeting.text}`,
        greeting.respCode,
        greeting.text,
      );
    }
    connection.greetingLine = greeting;
    return connection;
  }

  /** The host and port this connection was opened to (RFC 7628 OAUTHBEARER names them). */
  get endpoint(): { host: string; port: number } {
    return { host: this.options.host, port: this.options.port };
  }

  /** The greeting's status line (text after `+OK`, response code, APOP timestamp inside). */
  get greeting(): StatusLine {
    if (!this.greetingLine) throw new Pop3ProtocolError('no greeting read yet');
    return this.greetingLine;
  }

  /** False once the connection failed, closed, or QUIT was sent. */
  get usable(): boolean {
    return !this.failure && !this.closed && !this.closing;
  }

  /** Protocol version and cipher of the TLS session, or null on a plaintext socket. */
  get tlsInfo(): TlsInfo | null {
    if (!(this.socket instanceof tls.TLSSocket)) return null;
    const cipher = this.socket.getCipher() as tls.CipherNameAndProtocol | null;
    return { protocol: this.socket.getProtocol(), cipher: cipher ? cipher.standardName || cipher.name : null };
  }

  /** True when the TLS handshake resumed an earlier session (src/pop3/tls-sessions.ts). */
  get tlsResumed(): boolean {
    return this.socket instanceof tls.TLSSocket && this.socket.isSessionReused();
  }

  /**
   * Queues one command and resolves with its reply, `-ERR` included (turning that into an
   * error is the client's choice). `verb` names the command in errors and metrics; pass it for
   * lines that carry secrets (PASS, SASL responses) so they are never derived from the line.
   * @throws {Pop3ArgumentError} if the line contains CR, LF or NUL (nothing is written).
   * @throws {Pop3ProtocolError} / {Pop3TimeoutError} if the conversation broke before the reply.
   */
  command(line: string, kind: ReplyKind, verb: string = verbOf(line)): Promise<Reply> {
    try {
      assertSafeCommandLine(line, verb);
    } catch (error) {
      return Promise.reject(error);
    }
    if (!this.usable) {
      return Promise.reject(this.failure ?? new Pop3ProtocolError(`${verb}: the connection is closed`));
    }
    return new Promise<Reply>((resolve, reject) => {
      const queued: QueuedCommand = {
        line: Buffer.from(`${line}\r\n`, 'utf8'),
        verb,
        kind,
        startedAt: performance.now(),
        resolve,
        reject,
      };
      this.unsent.push(queued);
      this.scheduleFlush();
    });
  }

  /** The greeting is a reply to no command: expect it without writing anything. */
  private readGreeting(): Promise<StatusLine> {
    return new Promise<Reply>((resolve, reject) => {
      this.expectReply({ line: Buffer.alloc(0), verb: GREETING, kind: 'single', startedAt: performance.now(), resolve, reject });
    }).then((reply) => reply.status);
  }

  /**
   * Upgrades the plaintext socket with STLS (RFC 2595 §4). Bytes that arrive after the `+OK`
   * and before the handshake are an injection attempt: they are never read as POP3, and
   * their presence fails the session.
   * @throws {Pop3ConnectionError} on `-ERR`, injected bytes, or a failed handshake.
   * @throws {Pop3TimeoutError} when the handshake takes longer than `timeoutMs`.
   */
  async startTls(): Promise<void> {
    if (this.socket instanceof tls.TLSSocket) throw new Pop3ConnectionError('STLS: the session is already encrypted');
    const { status } = await this.command('STLS', 'single');
    if (status.continuation) {
      this.destroy();
      throw new Pop3ConnectionError('STLS: the server answered with a SASL continuation instead of +OK; refusing the session');
    }
    if (!status.ok) {
      this.destroy();
      throw new Pop3ConnectionError(`STLS refused: -ERR ${status.text}`, status.respCode, status.text);
    }
    // We run in the microtask right after the chunk that carried "+OK" was fed: if that chunk
    // held more bytes, the reader already failed them as unsolicited.
    const plain = this.socket;
    if (this.failure || this.closed || plain.readableLength > 0) {
      this.destroy();
      throw new Pop3ConnectionError('STLS: the server sent data before the TLS handshake (possible injection); refusing the session');
    }
    this.detach(plain);
    plain.pause();
    // From here the plaintext socket's bytes go to TLS only; a stray plaintext byte fails the handshake.
    plain.on('error', () => undefined);
    let secure: tls.TLSSocket;
    try {
      secure = await handshake(() => connectTls(this.options, { socket: plain }), this.options.timeoutMs);
    } catch (error) {
      plain.destroy();
      this.markFailed(error as Error);
      throw error;
    }
    this.socket = secure;
    this.attach(secure);
  }

  /** Registers a listener called once when the socket is gone (closed, destroyed, failed). */
  onClose(listener: () => void): void {
    if (this.closed) queueMicrotask(listener);
    else this.closeListeners.push(listener);
  }

  /** Marks the session as ending (QUIT sent): the server's close is then expected. */
  markClosing(): void {
    this.closing = true;
  }

  /**
   * Drops the socket at once. Pending commands fail with `error` (default: a protocol error
   * saying the connection was destroyed). Idempotent.
   */
  destroy(error?: Error): void {
    // A session ended normally (QUIT answered) is destroyed and closed a few times over: only the
    // first failure is kept, so no other error (and its stack trace) is built.
    this.markFailed(error ?? this.failure ?? new Pop3ProtocolError('the connection was destroyed'));
    this.socket.destroy();
  }

  private markFailed(error: Error): void {
    if (!this.failure) this.failure = error;
    this.clearTimer();
    this.failQueued(this.failure);
    this.reader.fail(this.failure);
  }

  private failQueued(error: Error): void {
    for (const queued of this.unsent.splice(0)) {
      this.observe(queued, 'failed');
      queued.reject(error);
    }
  }

  private attach(socket: Socket): void {
    socket.on('data', this.onData);
    socket.on('error', this.onSocketError);
    socket.on('close', this.onSocketClose);
  }

  private detach(socket: Socket): void {
    socket.off('data', this.onData);
    socket.off('error', this.onSocketError);
    socket.off('close', this.onSocketClose);
  }

  private received(chunk: Buffer): void {
    this.timer?.refresh();
    this.reader.feed(chunk);
  }

  private socketClosed(): void {
    if (this.closed) return;
    this.closed = true;
    const cause = this.lastSocketError ? ` (${describe(this.lastSocketError)})` : '';
    this.markFailed(this.failure ?? new Pop3ProtocolError(`the server closed the connection${cause}`));
    for (const listener of this.closeListeners.splice(0)) listener();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // One write per tick: commands queued together (a pipelined batch) leave in one segment.
    queueMicrotask(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    // Not `usable`: QUIT is queued after markClosing() and must still be written.
    if (this.failure || this.closed) return this.failQueued(this.failure ?? new Pop3ProtocolError('the connection is closed'));
    const batch: Buffer[] = [];
    while (this.unsent.length > 0 && (this.pipelining || this.inFlight === 0)) {
      const queued = this.unsent.shift() as QueuedCommand;
      batch.push(queued.line);
      this.expectReply(queued);
    }
    if (batch.length > 0) this.socket.write(batch.length === 1 ? (batch[0] as Buffer) : Buffer.concat(batch));
  }

  private expectReply(queued: QueuedCommand): void {
    this.inFlight += 1;
    let outcome: 'ok' | 'err' | 'failed' = 'failed';
    this.reader.expect(queued.kind, {
      onStatus: (status, body) => {
        outcome = status.ok || status.continuation ? 'ok' : 'err';
        queued.resolve({ status, body });
      },
      onError: (error) => queued.reject(error),
      onSettled: (error) => {
        this.inFlight -= 1;
        this.observe(queued, error ? 'failed' : outcome);
        this.updateTimer(false);
        if (!error && this.unsent.length > 0) this.flush();
      },
    });
    this.updateTimer(true);
  }

  private observe(queued: QueuedCommand, outcome: 'ok' | 'err' | 'failed'): void {
    if (!this.options.onCommand || queued.verb === GREETING) return;
    try {
      this.options.onCommand(queued.verb, outcome, performance.now() - queued.startedAt);
    } catch {
      // A metrics hook must never break the session.
    }
  }

  /** The inactivity timer runs while a reply is awaited and we are not holding the socket back. */
  private updateTimer(activity: boolean): void {
    const wanted = this.usable && this.reader.pendingCount > 0 && !this.reader.paused;
    if (!wanted) return this.clearTimer();
    if (this.timer) {
      if (activity) this.timer.refresh();
      return;
    }
    this.timer = setTimeout(() => this.timedOut(), this.options.timeoutMs);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private timedOut(): void {
    this.timer = null;
    this.destroy(new Pop3TimeoutError(`no data from the server for ${this.options.timeoutMs} ms`));
  }
}

/** Opens the TCP (and, for implicit TLS, TLS) connection within `timeoutMs`. */
async function connectSocket(options: Pop3ConnectOptions): Promise<Socket> {
  if (options.tls === 'implicit') {
    return handshake(() => connectTls(options, { host: options.host, port: options.port }), options.timeoutMs);
  }
  return new Promise<Socket>((resolve, reject) => {
    const socket = net.connect({ host: options.host, port: options.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Pop3TimeoutError(`connecting to ${options.host}:${options.port} took longer than ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(new Pop3ConnectionError(`cannot connect to ${options.host}:${options.port}: ${describe(error)}`));
    });
  });
}

/** Starts a TLS client and waits for `secureConnect` (certificate verified) within `timeoutMs`. */
function handshake(start: () => tls.TLSSocket, timeoutMs: number): Promise<tls.TLSSocket> {
  return new Promise<tls.TLSSocket>((resolve, reject) => {
    const socket = start();
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Pop3TimeoutError(`the TLS handshake took longer than ${timeoutMs} ms`));
    }, timeoutMs);
    const failed = (error: Error): void => {
      clearTimeout(timer);
      socket.destroy();
      reject(new Pop3ConnectionError(`TLS connection failed: ${describe(error)}`));
    };
    const closed = (): void => failed(new Error('the connection closed during the TLS handshake'));
    socket.once('error', failed);
    socket.once('close', closed);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      socket.off('error', failed);
      socket.off('close', closed);
      resolve(socket);
    });
  });
}
