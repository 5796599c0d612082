import { randomBytes } from 'node:crypto';
import type { MaildropStore, StoredMessage } from './maildrop-store';
import { encodeMultiline, topOf } from './wire-format';

/** RFC 1939 §3 session states. */
export type SessionState = 'AUTHORIZATION' | 'TRANSACTION' | 'UPDATE';

/** The bytes to send for one command, and what the connection does after sending them. */
export interface SessionReply {
  bytes: Buffer;
  /** `close`: end the connection; `starttls`: start the TLS handshake (after STLS). */
  then?: 'close' | 'starttls';
}

export interface ServerSessionOptions {
  store: MaildropStore;
  /** Refuse a second concurrent login to one maildrop with `-ERR [IN-USE]` (RFC 2449 §8.1.1). */
  lockMaildrop: boolean;
  /** The server can offer STLS on this connection (it has a certificate and TLS is not on yet). */
  stlsAvailable: boolean;
  /** Names the server in the greeting and in CAPA IMPLEMENTATION. */
  serverName?: string;
}

const NO_SUCH_MESSAGE = 'no such message';

/**
 * One client's POP3 conversation (RFC 1939, CAPA and response codes from RFC 2449, AUTH
 * PLAIN from RFC 5034, STLS from RFC 2595), as a state machine with no I/O: a command line
 * in, the reply bytes out. The transport (src/demo/pop3-server.ts) owns the socket.
 */
export class ServerSession {
  /** The APOP timestamp in the greeting (RFC 1939 §7); unique per session. */
  readonly timestamp = `<${process.pid}.${randomBytes(6).toString('hex')}@popgate.demo>`;
  private currentState: SessionState = 'AUTHORIZATION';
  private tlsActive = false;
  /** USER given, PASS awaited. */
  private pendingUser: string | undefined;
  /** AUTH PLAIN sent without an initial response: the next line is the SASL response. */
  private awaitingSaslResponse = false;
  private user: string | undefined;
  private lockHeld = false;
  private snapshot: StoredMessage[] = [];
  private readonly deleted = new Set<number>();

  constructor(private readonly options: ServerSessionOptions) {}

  get state(): SessionState {
    return this.currentState;
  }

  /** The logged-in user, once in TRANSACTION state. */
  get loggedInUser(): string | undefined {
    return this.user;
  }

  /** The next line is a SASL response (after `+ `), not a command. */
  get expectsSaslResponse(): boolean {
    return this.awaitingSaslResponse;
  }

  greeting(): Buffer {
    return ok(`${this.serverName} POP3 server ready ${this.timestamp}`);
  }

  /** The transport finished the STLS handshake. */
  tlsStarted(): void {
    this.tlsActive = true;
  }

  /** The connection is gone: release the lock. Deletions are not committed (no UPDATE state). */
  end(): void {
    if (this.lockHeld && this.user !== undefined) this.options.store.unlock(this.user);
    this.lockHeld = false;
  }

  /** Executes one command line (without its CRLF). */
  handle(line: Buffer): SessionReply {
    if (this.awaitingSaslResponse) {
      this.awaitingSaslResponse = false;
      return this.finishAuthPlain(line.toString('latin1'));
    }
    const text = line.toString('latin1');
    const space = text.indexOf(' ');
    const verb = (space === -1 ? text : text.slice(0, space)).toUpperCase();
    const rest = space === -1 ? '' : text.slice(space + 1);
    const args = rest === '' ? [] : rest.split(' ');

    if (verb === 'CAPA') return { bytes: this.capa() };
    if (verb === 'QUIT') return this.quit();
    if (this.currentState === 'AUTHORIZATION') return this.authorization(verb, rest, args);
    if (this.currentState === 'TRANSACTION') return { bytes: this.transaction(verb, args) };
    return { bytes: err('command not valid in this state') };
  }

  private authorization(verb: string, rest: string, args: string[]): SessionReply {
    switch (verb) {
      case 'USER':
        if (rest === '') return { bytes: err('USER needs a mailbox name') };
        // Same answer for unknown users: whether a mailbox exists is not revealed before PASS.
        this.pendingUser = rest;
        return { bytes: ok('send PASS') };
      case 'PASS': {
        const user = this.pendingUser;
        this.pendingUser = undefined;
        if (user === undefined) return { bytes: err('USER first') };
        return this.login(user, this.options.store.checkPassword(user, Buffer.from(rest, 'latin1')));
      }
      case 'APOP': {
        const [user, digest] = args;
        if (args.length !== 2 || user === undefined || digest === undefined || !/^[0-9a-fA-F]{32}$/.test(digest)) {
          return { bytes: err('usage: APOP name digest') };
        }
        return this.login(user, this.options.store.checkApopDigest(user, this.timestamp, digest));
      }
      case 'AUTH':
        return this.authPlain(args);
      case 'STLS':
        if (this.tlsActive) return { bytes: err('TLS is already active') };
        if (!this.options.stlsAvailable) return { bytes: err('STLS not available') };
        return { bytes: ok('Begin TLS negotiation'), then: 'starttls' };
      default:
        return { bytes: err(`${verb || 'empty command'} not valid before login`) };
    }
  }

  private authPlain(args: string[]): SessionReply {
    const [mechanism, initialResponse] = args;
    if (mechanism === undefined) return { bytes: err('usage: AUTH mechanism [initial-response]') };
    if (mechanism.toUpperCase() !== 'PLAIN') return { bytes: err(`unsupported SASL mechanism ${mechanism}`) };
    if (initialResponse !== undefined) return this.finishAuthPlain(initialResponse);
    this.awaitingSaslResponse = true;
    return { bytes: Buffer.from('+ \r\n') };
  }

  /** RFC 4616: base64(authzid NUL authcid NUL password); `*` cancels, `=` is an empty response. */
  private finishAuthPlain(response: string): SessionReply {
    if (response === '*') return { bytes: err('authentication cancelled') };
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(response)) return { bytes: err('invalid base64 in SASL response') };
    const fields = Buffer.from(response === '=' ? '' : response, 'base64').toString('latin1').split('\0');
    const [authzid, authcid, password] = fields;
    if (fields.length !== 3 || authcid === undefined || password === undefined) {
      return { bytes: err('malformed PLAIN response') };
    }
    const valid = (authzid === '' || authzid === authcid) &&
      this.options.store.checkPassword(authcid, Buffer.from(password, 'latin1'));
    return this.login(authcid, valid);
  }

  private login(user: string, credentialsValid: boolean): SessionReply {
    if (!credentialsValid) return { bytes: err('[AUTH] invalid user name or password') };
    if (this.options.lockMaildrop) {
      if (!this.options.store.tryLock(user)) return { bytes: err('[IN-USE] maildrop already locked by another session') };
      this.lockHeld = true;
    }
    this.user = user;
    this.snapshot = this.options.store.snapshot(user);
    this.currentState = 'TRANSACTION';
    const { count, size } = this.stat();
    return { bytes: ok(`maildrop has ${count} messages (${size} octets)`) };
  }

  private transaction(verb: string, args: string[]): Buffer {
    switch (verb) {
      case 'STAT': {
        const { count, size } = this.stat();
        return ok(`${count} ${size}`);
      }
      case 'LIST':
        return this.listing(args, 'scan listing', (message) => String(message.data.length));
      case 'UIDL':
        return this.listing(args, 'unique-id listing', (message) => message.uid);
      case 'RETR': {
        const found = this.message(args[0]);
        if (typeof found === 'string') return err(found);
        return multiline(`${found.data.length} octets`, found.data);
      }
      case 'TOP': {
        const found = this.message(args[0]);
        if (typeof found === 'string') return err(found);
        if (args.length !== 2 || !/^\d+$/.test(args[1] ?? '')) return err('usage: TOP msg lines');
        return multiline('top of message follows', topOf(found.data, Number(args[1])));
      }
      case 'DELE': {
        const found = this.message(args[0]);
        if (typeof found === 'string') return err(found);
        this.deleted.add(this.snapshot.indexOf(found) + 1);
        return ok(`message ${args[0]} deleted`);
      }
      case 'RSET':
        this.deleted.clear();
        return ok(`maildrop has ${this.snapshot.length} messages`);
      case 'NOOP':
        return ok('');
      default:
        return err(`${verb || 'empty command'} not valid in this state`);
    }
  }

  /** LIST / UIDL: one message (`+OK n value`) or all undeleted ones (multi-line). */
  private listing(args: string[], title: string, value: (message: StoredMessage) => string): Buffer {
    if (args.length > 0) {
      const found = this.message(args[0]);
      if (typeof found === 'string') return err(found);
      return ok(`${args[0]} ${value(found)}`);
    }
    const lines = this.live().map(([number, message]) => `${number} ${value(message)}\r\n`);
    return multiline(title, Buffer.from(lines.join(''), 'latin1'));
  }

  private quit(): SessionReply {
    if (this.currentState !== 'TRANSACTION') return { bytes: ok(`${this.serverName} signing off`), then: 'close' };
    // UPDATE state (RFC 1939 §6): only here do deletions become permanent.
    this.currentState = 'UPDATE';
    const user = this.user as string;
    const deletedUids = [...this.deleted].map((number) => (this.snapshot[number - 1] as StoredMessage).uid);
    this.options.store.remove(user, deletedUids);
    this.end();
    const left = this.snapshot.length - this.deleted.size;
    return { bytes: ok(`${this.serverName} signing off (${left} messages left)`), then: 'close' };
  }

  /** The message a number argument names, or why there is none. */
  private message(arg: string | undefined): StoredMessage | string {
    if (arg === undefined || !/^[1-9]\d{0,9}$/.test(arg)) return NO_SUCH_MESSAGE;
    const number = Number(arg);
    const message = this.snapshot[number - 1];
    if (message === undefined) return NO_SUCH_MESSAGE;
    if (this.deleted.has(number)) return `message ${number} already deleted`;
    return message;
  }

  private live(): Array<[number, StoredMessage]> {
    const entries: Array<[number, StoredMessage]> = [];
    this.snapshot.forEach((message, index) => {
      if (!this.deleted.has(index + 1)) entries.push([index + 1, message]);
    });
    return entries;
  }

  private stat(): { count: number; size: number } {
    const live = this.live();
    return { count: live.length, size: live.reduce((sum, [, message]) => sum + message.data.length, 0) };
  }

  private capa(): Buffer {
    const capabilities = ['TOP', 'UIDL', 'RESP-CODES', 'AUTH-RESP-CODE', 'PIPELINING'];
    if (this.currentState === 'AUTHORIZATION') {
      capabilities.push('USER', 'SASL PLAIN');
      if (this.options.stlsAvailable && !this.tlsActive) capabilities.push('STLS');
    }
    capabilities.push(`IMPLEMENTATION ${this.serverName}`);
    return multiline('capability list follows', Buffer.from(capabilities.map((c) => `${c}\r\n`).join('')));
  }

  private get serverName(): string {
    return this.options.serverName ?? 'popgate-demo';
  }
}

function ok(text: string): Buffer {
  return Buffer.from(text === '' ? '+OK\r\n' : `+OK ${text}\r\n`, 'latin1');
}

function err(text: string): Buffer {
  return Buffer.from(`-ERR ${text}\r\n`, 'latin1');
}

function multiline(firstLine: string, body: Buffer): Buffer {
  return Buffer.concat([ok(firstLine), encodeMultiline(body)]);
}
