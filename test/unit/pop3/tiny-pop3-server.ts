/**
 * A few-line POP3 server for socket-level unit tests of the connection (greeting timeout,
 * close mid-reply, STLS injection). Each test scripts the answers; the full fake server for
 * integration tests lives in test/support.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';

const fixtures = path.join(__dirname, 'fixtures');
export const testCa = fs.readFileSync(path.join(fixtures, 'ca.pem'));
const key = fs.readFileSync(path.join(fixtures, 'server.key'));
const cert = fs.readFileSync(path.join(fixtures, 'server.pem'));

/** One client connection as the script sees it. */
export interface ScriptedSession {
  /** Sends raw bytes (a string is sent as latin1, so tests control every octet). */
  send(data: string | Buffer): void;
  /** Wraps the socket in TLS as the server side of STLS. */
  upgrade(): void;
  /** Closes the connection. */
  end(): void;
  /** Every command line received, without CRLF. */
  readonly received: string[];
}

export interface TinyServer {
  port: number;
  sessions: ScriptedSession[];
  close(): Promise<void>;
}

export interface TinyServerOptions {
  /** Implicit TLS from the first byte. */
  tls?: boolean;
  /** Sent on connect; omit to stay silent (greeting timeout). */
  greeting?: string;
  /** Called for each command line; answer through `session.send`. */
  onLine?(line: string, session: ScriptedSession): void;
}

/** Starts a scripted server on a free loopback port. */
export async function startTinyServer(options: TinyServerOptions): Promise<TinyServer> {
  const sessions: ScriptedSession[] = [];
  const sockets = new Set<net.Socket>();
  const onSocket = (raw: net.Socket): void => {
    let socket: net.Socket = raw;
    sockets.add(raw);
    raw.setNoDelay(true);
    raw.on('error', () => undefined);
    let pending = '';
    const received: string[] = [];
    const onData = (chunk: Buffer): void => {
      pending += chunk.toString('latin1');
      let index: number;
      while ((index = pending.indexOf('\r\n')) !== -1) {
        const line = pending.slice(0, index);
        pending = pending.slice(index + 2);
        received.push(line);
        options.onLine?.(line, session);
      }
    };
    const session: ScriptedSession = {
      received,
      send: (data) => {
        if (!socket.destroyed) socket.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
      },
      upgrade: () => {
        socket.off('data', onData);
        const secure = new tls.TLSSocket(socket, { isServer: true, key, cert });
        secure.on('error', () => undefined);
        secure.on('data', onData);
        socket = secure;
      },
      end: () => socket.end(),
    };
    sessions.push(session);
    socket.on('data', onData);
    if (options.greeting !== undefined) session.send(options.greeting);
  };
  const server = options.tls
    ? tls.createServer({ key, cert }, onSocket)
    : net.createServer(onSocket);
  if (options.tls) server.on('connection', (socket: net.Socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    sessions,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
