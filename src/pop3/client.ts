/**
 * The POP3 command vocabulary (RFC 1939, RFC 2449 CAPA/PIPELINING, RFC 2595 STLS,
 * RFC 5034 SASL). Like Python's poplib, every command is a line or two over two primitives:
 * `simple(cmd)` (status line) and `multiline(cmd)` (status line + body stream).
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Pop3Connection, assertSafeCommandLine, verbOf } from './connection';
import {
  Pop3ArgumentError,
  Pop3AuthError,
  Pop3ConnectionError,
  Pop3ProtocolError,
  Pop3ServerError,
} from './errors';
import { type BearerMechanism, decodeErrorChallenge, oauthbearer, xoauth2 } from './bearer-sasl';
import { MAX_COMMAND_LINE_OCTETS, MAX_SASL_ROUNDS, PIPELINE_WINDOW } from './limits';
import { parseApopTimestamp, parseCapabilities, parseListLine, parseStat, parseUidlLine, splitLines } from './parsers';
import { isCredentialRefusal, type StatusLine } from './response-code';
import type {
  AuthMethod,
  Capabilities,
  ListEntry,
  StatReply,
  Pop3ConnectOptions,
  Pop3Credentials,
  TlsInfo,
  UidlEntry,
} from './types';

/** Reads a body stream to its end. */
async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** How a missing secret is named in errors. */
const SECRET_NAMES = { password: 'password', accessToken: 'access token' } as const;

/** @throws {Pop3ArgumentError} unless `n` is a message number (a positive integer). */
function messageNumber(n: number, verb: string): number {
  if (!Number.isSafeInteger(n) || n < 1) throw new Pop3ArgumentError(`${verb}: message number must be a positive integer`);
  return n;
}

/** One POP3 session. Create it with {@link Pop3Client.connect}; errors are the classes in ./errors. */
export class Pop3Client {
  /** The server's CAPA answer; refreshed after STLS and after login. `{}` when CAPA is refused. */
  capabilities: Capabilities = {};

  private constructor(private readonly connection: Pop3Connection) {}

  /**
   * Connects, reads the greeting, CAPA, and for `tls: 'starttls'` upgrades with STLS and
   * reads CAPA again. Fails closed: no STLS in CAPA means no session.
   * @throws {Pop3ConnectionError} cannot connect, TLS failure or untrusted certificate, negative
   *   greeting (respCode/serverText kept), STLS not offered/refused/injected, plaintext not allowed.
   * @throws {Pop3TimeoutError} connect, greeting or CAPA/STLS slower than `timeoutMs`.
   * @throws {Pop3ProtocolError} malformed greeting or reply, or a close during setup.
   */
  static async connect(options: Pop3ConnectOptions): Promise<Pop3Client> {
    const connection = await Pop3Connection.open(options);
    const client = new Pop3Client(connection);
    try {
      await client.capa();
      if (options.tls === 'starttls') {
        if (!('STLS' in client.capabilities)) {
          throw new Pop3ConnectionError('the server does not offer STLS; refusing to continue in plaintext');
        }
        await connection.startTls();
        await client.capa();
      }
      return client;
    } catch (error) {
      connection.destroy();
      throw error;
    }
  }

  /** The greeting text after `+OK` (the APOP timestamp, if any, is inside). */
  get greeting(): string {
    return this.connection.greeting.rest;
  }

  /** Protocol and cipher of the TLS session; null on plaintext. */
  get tls(): TlsInfo | null {
    return this.connection.tlsInfo;
  }

  /** True when the TLS handshake resumed the session of an earlier connection to this server. */
  get tlsResumed(): boolean {
    return this.connection.tlsResumed;
  }

  /** False after a protocol error, timeout, close, destroy() or quit(). */
  get usable(): boolean {
    return this.connection.usable;
  }

  /**
   * Logs in. `auto`: AUTH PLAIN when CAPA's SASL offers PLAIN, else USER/PASS (XOAUTH2 when
   * only an access token is given; a listed XOAUTH2/OAUTHBEARER is never chosen for a password).
   * `xoauth2` and `oauthbearer` always take two steps (`AUTH <mech>`, `+`, the token), which
   * Microsoft requires and Gmail accepts. Then CAPA is read again (it may change after login).
   * On any failure but Pop3ArgumentError the session is destroyed.
   * @throws {Pop3AuthError} the server refused the credentials (its respCode and text kept,
   *   e.g. `[AUTH] Application-specific password required: …`; never what was sent). A refused
   *   token also carries the decoded error challenge in `challenge`.
   * @throws {Pop3ServerError} `-ERR [IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]` or `[SYS/PERM]`.
   * @throws {Pop3ArgumentError} a credential is missing for the method or contains CR, LF or NUL,
   *   or APOP was asked for and the greeting has no timestamp (nothing sent; session kept).
   * @throws {Pop3ProtocolError | Pop3TimeoutError} the conversation broke.
   */
  async login(credentials: Pop3Credentials, method: AuthMethod = 'auto'): Promise<void> {
    const chosen = method === 'auto' ? this.autoMethod(credentials) : method;
    try {
      await this.askForUtf8();
      await this.authenticate(chosen, credentials);
    } catch (error) {
      // Nothing was sent for a bad argument; anything else leaves the session half-logged-in.
      if (error instanceof Pop3ArgumentError) throw error;
      this.connection.destroy();
      if (error instanceof Pop3ServerError && !(error instanceof Pop3AuthError) && isCredentialRefusal(error.respCode)) {
        throw new Pop3AuthError(error.command, error.respCode, error.text);
      }
      throw error;
    }
    await this.capa();
  }

  /**
   * RFC 6856 `UTF8`, where CAPA offers it (valid only before login): the server then sends
   * every message as stored. Without it, a server may "downgrade" a message whose headers hold
   * 8-bit bytes — Courier replaces it with a "Cannot display Unicode content" wrapper whose
   * MIME boundary names its process and the time, so one UIDL would give other bytes in every
   * session. A `-ERR` leaves the session as it was.
   */
  private async askForUtf8(): Promise<void> {
    if ('UTF8' in this.capabilities) await this.connection.command('UTF8', 'single');
  }

  /**
   * CAPA (RFC 2449). A `-ERR` (server without CAPA) gives `{}`. Updates `capabilities` and
   * turns pipelining on when PIPELINING is listed.
   * @throws {Pop3ProtocolError | Pop3TimeoutError} the conversation broke.
   */
  async capa(): Promise<Capabilities> {
    const { status, body } = await this.connection.command('CAPA', 'multi');
    this.capabilities = this.expectOkOrErr(status, 'CAPA').ok && body ? parseCapabilities(splitLines(await readAll(body))) : {};
    this.connection.pipelining = 'PIPELINING' in this.capabilities;
    return this.capabilities;
  }

  /**
   * STAT: message count and maildrop size.
   * @throws {Pop3ServerError} on `-ERR`. @throws {Pop3ProtocolError | Pop3TimeoutError} the conversation broke.
   */
  async stat(): Promise<StatReply> {
    return parseStat((await this.simple('STAT')).text);
  }

  /**
   * LIST: every message's number and size.
   * @throws {Pop3ServerError} on `-ERR`. @throws {Pop3ProtocolError | Pop3TimeoutError} the conversation broke.
   */
  async list(): Promise<ListEntry[]> {
    return splitLines(await this.multilineBuffer('LIST')).map(parseListLine);
  }

  /**
   * LIST n: one message's size.
   * @throws {Pop3ServerError} `-ERR` (e.g. no such message). @throws {Pop3ArgumentError} bad number.
   * @throws {Pop3ProtocolError | Pop3TimeoutError} the conversation broke.
   */
  async listOne(n: number): Promise<ListEntry> {
    return parseListLine((await this.simple(`LIST ${messageNumber(n, 'LIST')}`)).text);
  }

  /**
   * UIDL: every message's unique id.
   * @throws {Pop3ServerError} on `-ERR` (no UIDL support). @throws {Pop3ProtocolError | Pop3TimeoutError} the conversation broke.
   */
  async uidl(): Promise<UidlEntry[]> {
    return splitLines(await this.multilineBuffer('UIDL')).map(parseUidlLine);
  }

  /**
   * UIDL n: one message's unique id.
   * @throws {Pop3ServerError} `-ERR` (e.g. no such message). @throws {Pop3ArgumentError} bad number.
   * @throws {Pop3ProtocolError | Pop3TimeoutError} the conversation broke.
   */
  async uidlOne(n: number): Promise<UidlEntry> {
    return parseUidlLine((await this.simple(`UIDL ${messageNumber(n, 'UIDL')}`)).text);
  }

  /**
   * LIST and UIDL, sent together when the server pipelines. `uidl` is null when the server
   * answers UIDL with `-ERR` (no unique ids).
   * @throws {Pop3ServerError} `-ERR` to LIST. @throws {Pop3ProtocolError | Pop3TimeoutError} the conversation broke.
   */
  async listAndUidl(): Promise<{ list: ListEntry[]; uidl: UidlEntry[] | null }> {
    const list = this.list();
    const uidl = this.uidl().catch((error: unknown) => {
      if (error instanceof Pop3ServerError) return null;
      throw error;
    });
    // Both are settled before returning, so neither rejection goes unhandled.
    const [listResult, uidlResult] = await Promise.allSettled([list, uidl]);
    if (listResult.status === 'rejected') throw listResult.reason;
    if (uidlResult.status === 'rejected') throw uidlResult.reason;
    return { list: listResult.value, uidl: uidlResult.value };
  }

  /**
   * TOP n lines: the header block and the first `lines` body lines, unstuffed.
   * @throws {Pop3ServerError} on `-ERR`. @throws {Pop3ArgumentError} bad number.
   * @throws {MessageTooLargeError} over `maxMessageBytes`. @throws {Pop3ProtocolError | Pop3TimeoutError} the conversation broke.
   */
  async top(n: number, lines: number): Promise<Buffer> {
    if (!Number.isSafeInteger(lines) || lines < 0) throw new Pop3ArgumentError('TOP: line count must be a non-negative integer');
    return this.multilineBuffer(`TOP ${messageNumber(n, 'TOP')} ${lines}`);
  }

  /**
   * TOP for many messages, in order: pipelined (at most PIPELINE_WINDOW in flight) when the
   * server advertised PIPELINING, one after another otherwise.
   * @throws the first failure of {@link top}; the other replies are still read, so the
   *   session stays in step after a `-ERR`.
   */
  async topMany(ns: readonly number[], lines: number): Promise<Buffer[]> {
    const results: Buffer[] = [];
    const inFlight: Array<Promise<Buffer>> = [];
    // A holder, not a let: TypeScript does not see assignments made inside settle().
    const failure: { first?: Error } = {};
    const settle = async (pending: Promise<Buffer>): Promise<void> => {
      try {
        results.push(await pending);
      } catch (error) {
        failure.first ??= error instanceof Error ? error : new Error(String(error));
      }
    };
    for (const n of ns) {
      const pending = this.top(n, lines);
      pending.catch(() => undefined); // awaited below, in order
      inFlight.push(pending);
      if (inFlight.length >= PIPELINE_WINDOW) await settle(inFlight.shift() as Promise<Buffer>);
      if (failure.first) break;
    }
    for (const pending of inFlight) await settle(pending);
    if (failure.first) throw failure.first;
    return results;
  }

  /**
   * RETR n: resolves once the server said `+OK`, with the unstuffed message bytes as a stream.
   * While the stream is not read the socket is paused, so later commands wait for it to end.
   * Destroying the stream before its end destroys the connection (it cannot be resynchronised).
   * @throws {Pop3ServerError} on `-ERR`. @throws {Pop3ArgumentError} bad number.
   * @throws {Pop3ProtocolError | Pop3TimeoutError} the conversation broke before `+OK`; later
   *   failures (and {@link MessageTooLargeError}) arrive as the stream's error.
   */
  async retr(n: number): Promise<Readable> {
    return this.multiline(`RETR ${messageNumber(n, 'RETR')}`);
  }

  /**
   * DELE n: marks a message deleted; the deletion happens only when QUIT answers `+OK`.
   * @throws {Pop3ServerError} on `-ERR`. @throws {Pop3ArgumentError} bad number.
   * @throws {Pop3ProtocolError | Pop3TimeoutError} the conversation broke.
   */
  async dele(n: number): Promise<void> {
    await this.simple(`DELE ${messageNumber(n, 'DELE')}`);
  }

  /**
   * RSET: unmarks deleted messages.
   * @throws {Pop3ServerError} on `-ERR`. @throws {Pop3ProtocolError | Pop3TimeoutError} the conversation broke.
   */
  async rset(): Promise<void> {
    await this.simple('RSET');
  }

  /**
   * NOOP: keeps the session alive / checks it.
   * @throws {Pop3ServerError} on `-ERR`. @throws {Pop3ProtocolError | Pop3TimeoutError} the conversation broke.
   */
  async noop(): Promise<void> {
    await this.simple('NOOP');
  }

  /**
   * QUIT: resolves only on `+OK`, which commits deletions (RFC 1939 §6). The socket is closed
   * either way.
   * @throws {Pop3ServerError} on `-ERR` (deletions not committed).
   * @throws {Pop3ProtocolError | Pop3TimeoutError} the conversation broke (commit unknown).
   */
  async quit(): Promise<void> {
    const reply = this.connection.command('QUIT', 'single');
    this.connection.markClosing();
    try {
      const { status } = await reply;
      if (!this.expectOkOrErr(status, 'QUIT').ok) throw new Pop3ServerError('QUIT', status.respCode, status.text);
    } finally {
      this.connection.destroy();
    }
  }

  /** Drops the socket now; pending commands fail with a protocol error. */
  destroy(): void {
    this.connection.destroy();
  }

  /** Calls `listener` once when the socket is gone, for whatever reason (the pool drops the session). */
  onClose(listener: () => void): void {
    this.connection.onClose(listener);
  }

  /** A single-line command; `-ERR` becomes a Pop3ServerError naming `verb`. */
  private async simple(line: string, verb: string = verbOf(line)): Promise<StatusLine> {
    const { status } = await this.connection.command(line, 'single', verb);
    if (!this.expectOkOrErr(status, verb).ok) throw new Pop3ServerError(verb, status.respCode, status.text);
    return status;
  }

  /** A multi-line command; resolves with the body stream after `+OK`. */
  private async multiline(line: string): Promise<Readable> {
    const verb = verbOf(line);
    const { status, body } = await this.connection.command(line, 'multi', verb);
    if (!this.expectOkOrErr(status, verb).ok || !body) throw new Pop3ServerError(verb, status.respCode, status.text);
    return body;
  }

  /** A `+` continuation answers only AUTH; anywhere else the conversation is broken. */
  private expectOkOrErr(status: StatusLine, verb: string): StatusLine {
    if (!status.continuation) return status;
    const error = new Pop3ProtocolError(`${verb}: unexpected SASL continuation from the server`);
    this.connection.destroy(error);
    throw error;
  }

  private async multilineBuffer(line: string): Promise<Buffer> {
    return readAll(await this.multiline(line));
  }

  private autoMethod(credentials: Pop3Credentials): Exclude<AuthMethod, 'auto'> {
    if (credentials.password === undefined && credentials.accessToken !== undefined) return 'xoauth2';
    return (this.capabilities.SASL ?? []).some((mechanism) => mechanism.toUpperCase() === 'PLAIN') ? 'plain' : 'user';
  }

  private async authenticate(method: Exclude<AuthMethod, 'auto'>, credentials: Pop3Credentials): Promise<void> {
    const user = credentials.user;
    if (user === '') throw new Pop3ArgumentError('USER: the user name is empty', 'credentials');
    assertSafeCommandLine(user, 'USER', 'credentials');
    const secret = (name: 'password' | 'accessToken', verb: string): string => {
      const value = credentials[name];
      if (value === undefined || value === '') throw new Pop3ArgumentError(`${verb}: no ${SECRET_NAMES[name]} given`, 'credentials');
      assertSafeCommandLine(value, verb, 'credentials');
      return value;
    };
    switch (method) {
      case 'user': {
        const password = secret('password', 'PASS');
        await this.simple(`USER ${user}`);
        await this.simple(`PASS ${password}`, 'PASS');
        return;
      }
      case 'apop': {
        const password = secret('password', 'APOP');
        const timestamp = parseApopTimestamp(this.greeting);
        if (!timestamp) throw new Pop3ArgumentError('APOP: the server greeting carries no APOP timestamp; use another method', 'login-method');
        const digest = createHash('md5').update(timestamp + password, 'utf8').digest('hex');
        await this.simple(`APOP ${user} ${digest}`, 'APOP');
        return;
      }
      case 'plain':
        return this.sasl('PLAIN', [base64(`\0${user}\0${secret('password', 'AUTH')}`)], '*');
      case 'login':
        return this.sasl('LOGIN', [base64(user), base64(secret('password', 'AUTH'))], '*', false);
      case 'xoauth2':
      case 'oauthbearer': {
        const target = { user, token: secret('accessToken', 'AUTH'), ...this.connection.endpoint };
        return this.bearer(method === 'xoauth2' ? xoauth2(target) : oauthbearer(target));
      }
    }
  }

  /**
   * A token mechanism, always in two steps: `AUTH <mech>`, the server's `+`, then the token
   * (Microsoft answers a token on the AUTH line with `-ERR Protocol error`). A `+ <base64 JSON>`
   * after the token is the refusal: decode it, answer as the mechanism says, read the `-ERR`.
   */
  private async bearer(mechanism: BearerMechanism): Promise<void> {
    const started = await this.connection.command(`AUTH ${mechanism.name}`, 'single', 'AUTH');
    if (!started.status.continuation) {
      if (started.status.ok) throw new Pop3ProtocolError(`AUTH ${mechanism.name}: +OK before the token was sent`);
      throw new Pop3ServerError('AUTH', started.status.respCode, started.status.text);
    }
    const { status } = await this.connection.command(mechanism.response, 'single', 'AUTH');
    if (status.ok) return;
    if (!status.continuation) throw new Pop3ServerError('AUTH', status.respCode, status.text);
    const challenge = decodeErrorChallenge(status.text);
    const { status: final } = await this.connection.command(mechanism.afterErrorChallenge, 'single', 'AUTH');
    if (final.ok || final.continuation) {
      throw new Pop3ProtocolError(`AUTH ${mechanism.name}: expected -ERR after the error challenge`);
    }
    if (!isCredentialRefusal(final.respCode)) throw new Pop3ServerError('AUTH', final.respCode, final.text);
    throw new Pop3AuthError('AUTH', final.respCode, final.text, challenge);
  }

  /**
   * RFC 5034 AUTH: the first response goes on the AUTH line when it fits in 255 octets,
   * otherwise after the first `+` challenge. Extra challenges get `cancel` (RFC 5034 `*`).
   */
  private async sasl(mechanism: string, responses: string[], cancel: string, initialResponse = true): Promise<void> {
    const pending = [...responses];
    const first = pending[0];
    const inline = initialResponse && first !== undefined && `AUTH ${mechanism} ${first}\r\n`.length <= MAX_COMMAND_LINE_OCTETS;
    if (inline) pending.shift();
    let { status } = await this.connection.command(inline ? `AUTH ${mechanism} ${first}` : `AUTH ${mechanism}`, 'single', 'AUTH');
    for (let round = 0; status.continuation; round += 1) {
      if (round >= MAX_SASL_ROUNDS) throw new Pop3ProtocolError(`AUTH: more than ${MAX_SASL_ROUNDS} SASL challenges`);
      ({ status } = await this.connection.command(pending.shift() ?? cancel, 'single', 'AUTH'));
    }
    if (!status.ok) throw new Pop3ServerError('AUTH', status.respCode, status.text);
  }
}
