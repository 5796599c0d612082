/**
 * A scriptable POP3 server for the faults a real server will not commit on demand: stalls,
 * resets mid-reply, endless lines, garbage, unsolicited bytes, STLS injection, response
 * codes. By default it is a small valid POP3 server (the demo server's session logic over
 * in-memory maildrops); per-test hooks replace the greeting or the answer to any command.
 *
 * ```ts
 * const fake = await FakePop3Server.start({ users: [{ name: 'u', password: 'p', messages }] });
 * fake.on('RETR', (ctx) => ctx.reset(100));          // 100 bytes of the real reply, then TCP RST
 * fake.once('PASS', (ctx) => ctx.reply('-ERR [IN-USE] locked\r\n'));
 * fake.greeting = (ctx) => ctx.reply('-ERR [SYS/TEMP] maintenance\r\n');
 * expect(fake.transcript).toEqual([]);              // no command reached the server
 * ```
 */
import * as net from 'node:net';
import * as tls from 'node:tls';
import { generateDemoCertificate, type DemoCertificate } from '../../src/demo/certificate';
import { CommandLineReader } from '../../src/demo/command-reader';
import { MaildropStore, type MailboxAccount } from '../../src/demo/maildrop-store';
import { ServerSession, type SessionState } from '../../src/demo/server-session';

export interface FakePop3ServerOptions {
  /** `true` (default): TLS from the first byte; `'starttls'`: plaintext offering STLS; `false`: plaintext only. */
  tls?: boolean | 'starttls';
  users?: MailboxAccount[];
  /** `false`: CAPA omits UIDL and UIDL answers `-ERR` (a server without unique ids). Default true. */
  uidl?: boolean;
  /** Answer a second concurrent login with `-ERR [IN-USE]`. Default false. */
  lockMaildrop?: boolean;
}

export interface ChunkingOptions {
  /** Send the bytes in writes of at most this many octets. Default: one write. */
  chunkSize?: number;
  /** Pause between chunks. */
  delayMs?: number;
}

/** A hook for the greeting or one command; it decides what (if anything) goes back. */
export type FakeHandler = (ctx: FakeContext) => void | Promise<void>;

/** 10 MB: the endless line of the "no CRLF" fault, far past any status-line cap. */
export const TEN_MEGABYTES = 10 * 1024 * 1024;

let sharedCertificate: Promise<DemoCertificate> | undefined;

export class FakePop3Server {
  /** Every line received, in order of arrival, across connections, as sent (passwords included), executed or not. */
  readonly transcript: string[] = [];
  /** Errors thrown by hooks (each also destroyed its connection). */
  readonly hookErrors: unknown[] = [];
  /** Replaces the greeting; `undefined` sends the normal `+OK ... <timestamp>`. */
  greeting: FakeHandler | undefined;
  private acceptedConnections = 0;
  private readonly open = new Set<FakeConnection>();
  private readonly handlers = new Map<string, { handler: FakeHandler; once: boolean }>();

  private constructor(
    private readonly server: net.Server,
    readonly store: MaildropStore,
    private readonly certificate: DemoCertificate | null,
    readonly secureContext: tls.SecureContext | null,
    readonly options: FakePop3ServerOptions,
  ) {
    server.on('connection', (raw) => {
      this.acceptedConnections += 1;
      const connection = new FakeConnection(this, raw, this.acceptedConnections);
      this.open.add(connection);
      raw.on('close', () => this.open.delete(connection));
    });
    if (options.uidl === false) this.installNoUidl();
  }

  static async start(options: FakePop3ServerOptions = {}): Promise<FakePop3Server> {
    const mode = options.tls ?? true;
    const certificate = mode === false ? null : await (sharedCertificate ??= generateDemoCertificate());
    const secureContext = certificate ? tls.createSecureContext({ cert: certificate.certPem, key: certificate.keyPem }) : null;
    const server = net.createServer();
    const fake = new FakePop3Server(server, new MaildropStore(options.users ?? []), certificate, secureContext, options);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return fake;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  get host(): string {
    return '127.0.0.1';
  }

  /** The certificate to trust as the client's `ca`; null for a plaintext-only fake. */
  get caPem(): string | null {
    return this.certificate?.certPem ?? null;
  }

  /** Connections accepted since start (0: the client never even connected). */
  get connections(): number {
    return this.acceptedConnections;
  }

  /** Connections open right now. */
  get openConnections(): number {
    return this.open.size;
  }

  /** Answers every `verb` command (case-insensitive; `*` for any command without its own hook) with `handler`. */
  on(verb: string, handler: FakeHandler): this {
    this.handlers.set(verb.toUpperCase(), { handler, once: false });
    return this;
  }

  /** Like `on`, for the next `verb` command only; later ones get the default again. */
  once(verb: string, handler: FakeHandler): this {
    this.handlers.set(verb.toUpperCase(), { handler, once: true });
    return this;
  }

  /** Back to the default answer for `verb`. */
  off(verb: string): this {
    this.handlers.delete(verb.toUpperCase());
    return this;
  }

  deliver(user: string, message: Buffer): void {
    this.store.deliver(user, message);
  }

  /** The user's maildrop as it is now (after committed deletions). */
  messages(user: string): Buffer[] {
    return this.store.messages(user);
  }

  /** Stops listening and destroys every connection, stalled ones included. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const connection of this.open) connection.destroy();
    await closed;
  }

  /** @internal The hook for a command verb, consumed if it was registered with `once`. */
  takeHandler(verb: string): FakeHandler | undefined {
    const key = this.handlers.has(verb) ? verb : '*';
    const entry = this.handlers.get(key);
    if (entry?.once) this.handlers.delete(key);
    return entry?.handler;
  }

  private installNoUidl(): void {
    this.on('CAPA', (ctx) => ctx.reply(Buffer.from(ctx.defaultReply().toString('latin1').replace('\r\nUIDL\r\n', '\r\n'), 'latin1')));
    this.on('UIDL', (ctx) => ctx.reply('-ERR unknown command\r\n'));
  }
}

/** What a hook can do with the command (or greeting) it intercepted. */
export class FakeContext {
  /** The command line as received (UTF-8 decoded), without CRLF; `''` for the greeting. */
  readonly line: string;

  constructor(
    private readonly connection: FakeConnection,
    /** The line's bytes; null for the greeting. */
    private readonly lineBytes: Buffer | null,
  ) {
    this.line = lineBytes?.toString('utf8') ?? '';
  }

  /** The upper-cased command verb; `''` for the greeting. */
  get verb(): string {
    return this.line.split(' ')[0]?.toUpperCase() ?? '';
  }

  get args(): string[] {
    return this.line.split(' ').slice(1);
  }

  /** 1 for the first connection the fake accepted, 2 for the next, … */
  get connectionNumber(): number {
    return this.connection.number;
  }

  /** The session state before this command ran. */
  get state(): SessionState {
    return this.connection.session.state;
  }

  /** Runs the command as a valid server would (state changes included) and returns the reply unsent. */
  defaultReply(): Buffer {
    if (this.lineBytes === null) return this.connection.session.greeting();
    return this.connection.session.handle(this.lineBytes).bytes;
  }

  /**
   * Runs another line through the valid server session as if the client had sent it (state
   * changes included) and returns the reply unsent. Provider modes log a user in this way.
   */
  execute(line: string): Buffer {
    return this.connection.session.handle(Buffer.from(line, 'latin1')).bytes;
  }

  /**
   * Sends the next line this connection receives to `handler` instead of the command hooks:
   * a SASL response after a `+` continuation is a credential, not a command.
   */
  nextLine(handler: FakeHandler): void {
    this.connection.lineHandler = handler;
  }

  /** Runs the command as a valid server would and sends the reply (STLS upgrades, QUIT closes). */
  async default(): Promise<void> {
    if (this.lineBytes === null) await this.connection.write(this.connection.session.greeting());
    else await this.connection.answerNormally(this.lineBytes);
  }

  /** Runs `line` instead of the intercepted command, as a valid server would (e.g. a login the hook decided to grant). */
  async answerAs(line: string): Promise<void> {
    await this.connection.answerNormally(Buffer.from(line, 'utf8'));
  }

  /** Sends bytes as they are, in one write. */
  async write(bytes: Buffer | string): Promise<void> {
    await this.connection.write(toBuffer(bytes));
  }

  /** Sends bytes, optionally in chunks of `chunkSize` with `delayMs` between them. */
  async reply(bytes: Buffer | string, options: ChunkingOptions = {}): Promise<void> {
    const data = toBuffer(bytes);
    const size = Math.max(1, options.chunkSize ?? data.length);
    for (let offset = 0; offset < data.length; offset += size) {
      if (offset > 0 && options.delayMs) await sleep(options.delayMs);
      await this.connection.write(data.subarray(offset, offset + size));
    }
  }

  /** Never answers, and ignores everything after; the socket stays open until the client or close() ends it. */
  stall(): void {
    this.connection.stalled = true;
  }

  /** Sends the first `afterBytes` of `bytes` (default: the normal reply), then resets the TCP connection (RST). */
  async reset(afterBytes = 0, bytes?: Buffer | string): Promise<void> {
    await this.sendPrefix(afterBytes, bytes);
    this.connection.reset();
  }

  /** Sends the first `afterBytes` of `bytes` (default: the normal reply), then closes the TCP connection (FIN, no TLS close_notify). */
  async close(afterBytes = 0, bytes?: Buffer | string): Promise<void> {
    await this.sendPrefix(afterBytes, bytes);
    this.connection.destroy();
  }

  /** Answers STLS with `+OK`, sends `plaintextBeforeHandshake` (the injection attack), then starts TLS. */
  async startTls(plaintextBeforeHandshake: Buffer | string = Buffer.alloc(0)): Promise<void> {
    await this.connection.write(Buffer.concat([Buffer.from('+OK Begin TLS negotiation\r\n'), toBuffer(plaintextBeforeHandshake)]));
    this.connection.upgradeToTls();
  }

  private async sendPrefix(afterBytes: number, bytes: Buffer | string | undefined): Promise<void> {
    if (afterBytes <= 0) return;
    const data = bytes === undefined ? this.defaultReply() : toBuffer(bytes);
    await this.connection.write(data.subarray(0, afterBytes));
    // Let the bytes reach the client before an RST could discard them from the send queue.
    await sleep(20);
  }
}

/** One client connection: a reader, the protocol session, and a queue so hooks run one command at a time. */
class FakeConnection {
  readonly session: ServerSession;
  stalled = false;
  /** Set by FakeContext.nextLine: the next line goes here, whatever its first word. */
  lineHandler: FakeHandler | null = null;
  private socket: net.Socket;
  private readonly reader = new CommandLineReader();
  private queue: Buffer[] = [];
  private overflowed = false;
  private busy = false;
  private finished = false;

  constructor(
    private readonly fake: FakePop3Server,
    private readonly raw: net.Socket,
    readonly number: number,
  ) {
    const mode = fake.options.tls ?? true;
    this.session = new ServerSession({
      store: fake.store,
      lockMaildrop: fake.options.lockMaildrop ?? false,
      stlsAvailable: mode === 'starttls',
      serverName: 'popgate-fake',
    });
    raw.setNoDelay(true);
    raw.on('error', () => raw.destroy());
    raw.on('close', () => this.session.end());
    this.socket = mode === true ? this.wrapInTls() : raw;
    this.listen();
    void this.greet();
  }

  async answerNormally(line: Buffer): Promise<void> {
    const reply = this.session.handle(line);
    if (reply.then === 'close') {
      await this.write(reply.bytes);
      this.finished = true;
      this.socket.end();
      return;
    }
    await this.write(reply.bytes);
    if (reply.then === 'starttls') this.upgradeToTls();
  }

  write(bytes: Buffer): Promise<void> {
    if (this.socket.destroyed || this.socket.writableEnded) return Promise.resolve();
    return new Promise((resolve) => this.socket.write(bytes, () => resolve()));
  }

  upgradeToTls(): void {
    // Plaintext the client pipelined after STLS is dropped, never executed.
    this.queue = [];
    this.reader.clear();
    this.socket.removeAllListeners('data');
    this.socket = this.wrapInTls();
    this.socket.on('secure', () => this.session.tlsStarted());
    this.listen();
  }

  reset(): void {
    if (!this.raw.destroyed) this.raw.resetAndDestroy();
    this.finished = true;
  }

  destroy(): void {
    this.finished = true;
    this.socket.destroy();
    this.raw.destroy();
  }

  private async greet(): Promise<void> {
    const hook = this.fake.greeting;
    if (!hook) {
      await this.write(this.session.greeting());
      return;
    }
    await this.runHook(hook, new FakeContext(this, null));
  }

  private listen(): void {
    this.socket.on('data', (chunk: Buffer) => this.receive(chunk));
    this.socket.on('error', () => this.socket.destroy());
  }

  private receive(chunk: Buffer): void {
    const { lines, overflow } = this.reader.push(chunk);
    // Recorded on arrival, even on a stalled connection: a test must see every line a client sent.
    for (const line of lines) this.fake.transcript.push(line.toString('utf8'));
    if (this.stalled || this.finished) return;
    this.queue.push(...lines);
    this.overflowed ||= overflow;
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.queue.length > 0 && !this.stalled && !this.finished) {
        await this.execute(this.queue.shift() as Buffer);
      }
      if (this.overflowed && !this.stalled && !this.finished) {
        this.finished = true;
        this.socket.end('-ERR command line too long\r\n');
      }
    } finally {
      this.busy = false;
    }
  }

  private async execute(line: Buffer): Promise<void> {
    const text = line.toString('utf8');
    const lineHandler = this.lineHandler;
    if (lineHandler) {
      this.lineHandler = null;
      await this.runHook(lineHandler, new FakeContext(this, line));
      return;
    }
    // A SASL continuation line is a credential, not a command: no hook applies.
    const hook = this.session.expectsSaslResponse ? undefined : this.fake.takeHandler(text.split(' ')[0]?.toUpperCase() ?? '');
    if (hook) await this.runHook(hook, new FakeContext(this, line));
    else await this.answerNormally(line);
  }

  /** A hook that throws fails its connection, not the test process; the error is kept for the test to see. */
  private async runHook(hook: FakeHandler, ctx: FakeContext): Promise<void> {
    try {
      await hook(ctx);
    } catch (error) {
      this.fake.hookErrors.push(error);
      this.destroy();
    }
  }

  private wrapInTls(): tls.TLSSocket {
    const secure = new tls.TLSSocket(this.raw, { isServer: true, secureContext: this.fake.secureContext as tls.SecureContext });
    secure.on('error', () => secure.destroy());
    return secure;
  }
}

function toBuffer(bytes: Buffer | string): Buffer {
  return typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
