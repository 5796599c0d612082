import * as net from 'node:net';
import * as tls from 'node:tls';
import { generateDemoCertificate } from './certificate';
import { CommandLineReader } from './command-reader';
import { MaildropStore, type MailboxAccount } from './maildrop-store';
import { ServerSession } from './server-session';
import { sampleMessages } from './sample-messages';

export interface DemoPop3ServerOptions {
  /** Default 127.0.0.1: the demo never listens beyond loopback unless told to. */
  host?: string;
  /** Default 0: a free port, read back from `port`. */
  port?: number;
  /** Certificate for TLS; null: plaintext only, STLS unavailable. */
  tls: { certPem: string; keyPem: string } | null;
  /** With `tls`: listen in plaintext and offer STLS (RFC 2595) instead of TLS from the first byte. */
  starttls?: boolean;
  users: MailboxAccount[];
  /** Answer a second concurrent login to one maildrop with `-ERR [IN-USE]`. Default false. */
  lockMaildrop?: boolean;
  /** Close a session after this long without a command (RFC 1939 §3: at least 10 minutes). */
  idleTimeoutMs?: number;
}

const RFC1939_AUTOLOGOUT_MS = 10 * 60 * 1000;
const LINE_TOO_LONG = Buffer.from('-ERR command line too long\r\n');

/**
 * The small POP3 server bundled for demo mode: RFC 1939 over implicit TLS (or plaintext with
 * STLS), with in-memory maildrops. Correct, not fast: every reply is built whole in memory.
 */
export class DemoPop3Server {
  private readonly sockets = new Set<net.Socket>();
  private readonly secureContext: tls.SecureContext | null;

  private constructor(
    private readonly server: net.Server,
    private readonly store: MaildropStore,
    private readonly options: DemoPop3ServerOptions,
  ) {
    this.secureContext = options.tls ? tls.createSecureContext({ cert: options.tls.certPem, key: options.tls.keyPem }) : null;
    server.on('connection', (socket) => this.accept(socket));
  }

  /** Listens and resolves once the port is bound. */
  static async start(options: DemoPop3ServerOptions): Promise<DemoPop3Server> {
    const server = net.createServer();
    const demo = new DemoPop3Server(server, new MaildropStore(options.users), options);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return demo;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  get host(): string {
    return (this.server.address() as net.AddressInfo).address;
  }

  /** Client connections currently open. */
  get sessionsOpen(): number {
    return this.sockets.size;
  }

  /** New mail: sessions already logged in keep their snapshot and do not see it. */
  deliver(user: string, message: Buffer): void {
    this.store.deliver(user, message);
  }

  /** The user's maildrop as it is now (after committed deletions), oldest first. */
  messages(user: string): Buffer[] {
    return this.store.messages(user);
  }

  /** Stops listening and drops every open connection (uncommitted deletions are lost). */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private accept(raw: net.Socket): void {
    this.sockets.add(raw);
    raw.on('close', () => this.sockets.delete(raw));
    const implicitTls = this.secureContext !== null && !this.options.starttls;
    const session = new ServerSession({
      store: this.store,
      lockMaildrop: this.options.lockMaildrop ?? false,
      stlsAvailable: this.secureContext !== null && !implicitTls,
    });
    const reader = new CommandLineReader();
    let socket: net.Socket = implicitTls ? this.wrapInTls(raw) : raw;
    let finished = false;

    const onData = (chunk: Buffer): void => {
      if (finished) return;
      const { lines, overflow } = reader.push(chunk);
      for (const line of lines) {
        const reply = session.handle(line);
        if (reply.then === 'close') {
          finished = true;
          socket.end(reply.bytes);
          return;
        }
        socket.write(reply.bytes);
        if (reply.then === 'starttls') {
          // Plaintext pipelined after STLS is dropped, never executed (CVE-2011-0411).
          reader.clear();
          socket.off('data', onData);
          socket = this.wrapInTls(raw);
          socket.on('secure', () => session.tlsStarted());
          listen(socket);
          return;
        }
      }
      if (overflow) {
        finished = true;
        socket.end(LINE_TOO_LONG);
      }
    };
    const listen = (s: net.Socket): void => {
      s.on('data', onData);
      s.on('error', () => s.destroy());
      s.on('close', () => session.end());
    };

    listen(socket);
    raw.on('error', () => raw.destroy());
    raw.setTimeout(this.options.idleTimeoutMs ?? RFC1939_AUTOLOGOUT_MS, () => raw.destroy());
    socket.write(session.greeting());
  }

  private wrapInTls(raw: net.Socket): tls.TLSSocket {
    return new tls.TLSSocket(raw, { isServer: true, secureContext: this.secureContext as tls.SecureContext });
  }
}

/** What demo mode needs to point the gateway at the bundled server. */
export interface DemoServerHandle {
  server: DemoPop3Server;
  /** The server's self-signed certificate: pass it as the POP3 client's `ca`. */
  caPem: string;
  user: 'demo';
  password: 'demo';
}

/** Demo mode: a fresh certificate and the sample maildrop on a free loopback port over TLS. */
export async function startDemo(): Promise<DemoServerHandle> {
  const certificate = await generateDemoCertificate();
  const server = await DemoPop3Server.start({
    tls: certificate,
    users: [{ name: 'demo', password: 'demo', messages: sampleMessages() }],
  });
  return { server, caPem: certificate.certPem, user: 'demo', password: 'demo' };
}
