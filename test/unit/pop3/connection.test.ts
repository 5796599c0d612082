import net from 'node:net';
import { Pop3Client } from '../../../src/pop3/client';
import {
  Pop3ConnectionError,
  Pop3ProtocolError,
  Pop3TimeoutError,
} from '../../../src/pop3/errors';
import type { Pop3ConnectOptions } from '../../../src/pop3/types';
import { fakeTimersOnly, untilTurn } from '../../support/clock';
import { startTinyServer, testCa, type ScriptedSession, type TinyServer } from './tiny-pop3-server';

const CAPA_REPLY = '+OK\r\nUSER\r\nUIDL\r\nTOP\r\nSASL PLAIN\r\n.\r\n';

/** Generous timeoutMs: on a busy machine a TLS handshake or the next chunk can take a while. A test that wants a timeout sets its own. */
function options(port: number, overrides: Partial<Pop3ConnectOptions> = {}): Pop3ConnectOptions {
  return { host: 'localhost', port, tls: 'implicit', ca: testCa, timeoutMs: 5000, maxMessageBytes: 1 << 20, ...overrides };
}

/** A well-behaved server: CAPA, AUTH PLAIN, STAT, RETR 1, QUIT. */
function polite(line: string, session: ScriptedSession): void {
  const [verb] = line.split(' ');
  switch (verb) {
    case 'CAPA':
      return session.send(CAPA_REPLY);
    case 'AUTH':
      return session.send('+OK logged in\r\n');
    case 'STAT':
      return session.send('+OK 1 12\r\n');
    case 'RETR':
      return session.send('+OK\r\n..dot\r\nend\r\n.\r\n');
    case 'QUIT':
      session.send('+OK bye\r\n');
      return session.end();
    default:
      return session.send('-ERR unknown\r\n');
  }
}

describe('Pop3Connection over a socket', () => {
  let server: TinyServer | null = null;
  afterEach(async () => {
    jest.useRealTimers();
    await server?.close();
    server = null;
  });

  it('connects over implicit TLS with a trusted CA, logs in, reads a message and quits', async () => {
    server = await startTinyServer({ tls: true, greeting: '+OK ready <1.2@test>\r\n', onLine: polite });
    const commands: string[] = [];
    const client = await Pop3Client.connect(options(server.port, { onCommand: (verb, outcome) => commands.push(`${verb}:${outcome}`) }));
    expect(client.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(client.tls?.cipher).toBeTruthy();
    expect(client.greeting).toBe('ready <1.2@test>');
    expect(client.capabilities.SASL).toEqual(['PLAIN']);
    await client.login({ user: 'u', password: 'secret' });
    expect(server.sessions[0]?.received).toContain(`AUTH PLAIN ${Buffer.from('\0u\0secret').toString('base64')}`);
    expect(await client.stat()).toEqual({ count: 1, size: 12 });
    const body = await client.retr(1);
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString('latin1')).toBe('.dot\r\nend\r\n');
    await client.quit();
    expect(client.usable).toBe(false);
    expect(commands).toEqual(['CAPA:ok', 'AUTH:ok', 'CAPA:ok', 'STAT:ok', 'RETR:ok', 'QUIT:ok']);
  });

  it('refuses a certificate that no trusted CA signed, as a connection error', async () => {
    server = await startTinyServer({ tls: true, greeting: '+OK\r\n', onLine: polite });
    const { ca: _ca, ...untrusted } = options(server.port);
    await expect(Pop3Client.connect(untrusted)).rejects.toThrow(Pop3ConnectionError);
  });

  it('reports a refused TCP connection as a connection error', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await expect(Pop3Client.connect(options(port, { host: '127.0.0.1' }))).rejects.toThrow(/ECONNREFUSED/);
  });

  it('keeps the response code of a negative greeting', async () => {
    server = await startTinyServer({ tls: true, greeting: '-ERR [SYS/TEMP] try later\r\n' });
    const failure = await Pop3Client.connect(options(server.port)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Pop3ConnectionError);
    expect(failure).toMatchObject({ respCode: 'SYS/TEMP', serverText: 'try later' });
  });

  it('times out when the greeting never comes, and destroys the socket', async () => {
    server = await startTinyServer({ tls: true });
    const started = Date.now();
    await expect(Pop3Client.connect(options(server.port, { timeoutMs: 150 }))).rejects.toThrow(Pop3TimeoutError);
    // Bounded by the timeout, not by jest's: wide, for a busy machine.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('times out a command the server never answers, and the session becomes unusable', async () => {
    server = await startTinyServer({
      tls: true,
      greeting: '+OK\r\n',
      onLine: (line, session) => (line === 'NOOP' ? undefined : polite(line, session)),
    });
    const client = await Pop3Client.connect(options(server.port));
    // The inactivity timer on a fake clock: connecting had real time to spare, and the timeout
    // fires when the test says, not when a busy machine gets round to it.
    fakeTimersOnly();
    const noop = client.noop();
    await untilTurn(() => jest.getTimerCount() > 0, 'the inactivity timer to start');
    jest.advanceTimersByTime(5000);
    await expect(noop).rejects.toThrow(Pop3TimeoutError);
    expect(client.usable).toBe(false);
  });

  it('fails every pending command with a protocol error when the server closes mid-reply', async () => {
    server = await startTinyServer({
      tls: true,
      greeting: '+OK\r\n',
      onLine: (line, session) => {
        if (line === 'CAPA') return session.send('-ERR no CAPA\r\n');
        if (line.startsWith('LIST')) {
          session.send('+OK\r\n1 100\r\n');
          session.end();
        }
      },
    });
    const client = await Pop3Client.connect(options(server.port));
    expect(client.capabilities).toEqual({});
    let closed = false;
    client.onClose(() => (closed = true));
    const list = client.list();
    const stat = client.stat();
    await expect(list).rejects.toThrow(Pop3ProtocolError);
    await expect(stat).rejects.toThrow(Pop3ProtocolError);
    expect(closed).toBe(true);
    expect(client.usable).toBe(false);
  });

  it('holds back an unread RETR body by pausing the socket, without timing out while the reader waits', async () => {
    const size = 8 * 1024 * 1024;
    server = await startTinyServer({
      tls: true,
      greeting: '+OK\r\n',
      onLine: (line, session) => {
        if (line === 'CAPA') return session.send('-ERR\r\n');
        session.send(Buffer.concat([Buffer.from('+OK\r\n'), Buffer.alloc(size, 0x61), Buffer.from('\r\n.\r\n')]));
      },
    });
    const client = await Pop3Client.connect(options(server.port, { maxMessageBytes: 16 * 1024 * 1024 }));
    // The inactivity timer on a fake clock while the reader waits: waiting far past timeoutMs is
    // instant, and a busy machine cannot fire it early.
    fakeTimersOnly();
    const body = await client.retr(1);
    // A full body buffer is what makes the reader hold the socket back.
    await untilTurn(() => body.readableLength >= body.readableHighWaterMark, 'the body buffer to fill');
    jest.advanceTimersByTime(60_000);
    expect(body.readableLength).toBeLessThan(1024 * 1024);
    expect(client.usable).toBe(true);
    // Reading resumes the socket under the real clock, with timeoutMs to spare between chunks.
    jest.useRealTimers();
    let received = 0;
    for await (const chunk of body) received += (chunk as Buffer).length;
    expect(received).toBe(size + 2);
  });

  it('refuses plaintext unless allowPlaintext is set', async () => {
    await expect(Pop3Client.connect(options(1, { tls: 'none' }))).rejects.toThrow(Pop3ConnectionError);
  });

  it('fails closed when STLS is asked for but not offered', async () => {
    server = await startTinyServer({ greeting: '+OK\r\n', onLine: polite });
    await expect(Pop3Client.connect(options(server.port, { tls: 'starttls' }))).rejects.toThrow(/does not offer STLS/);
    expect(server.sessions[0]?.received).not.toContain('STLS');
  });

  const stlsServer = (inject: string | null, later = false): Promise<TinyServer> =>
    startTinyServer({
      greeting: '+OK\r\n',
      onLine: (line, session) => {
        if (line === 'STLS' && later) {
          session.send('+OK begin TLS\r\n');
          setTimeout(() => session.send(inject ?? ''), 20);
          return;
        }
        if (line === 'STLS') {
          session.send(`+OK begin TLS\r\n${inject ?? ''}`);
          return session.upgrade();
        }
        if (line === 'CAPA') return session.send(`+OK\r\nSTLS\r\nUSER\r\n${session.received.includes('STLS') ? 'PIPELINING\r\n' : ''}.\r\n`);
        return polite(line, session);
      },
    });

  it('upgrades with STLS, then reads CAPA again over TLS', async () => {
    server = await stlsServer(null);
    const client = await Pop3Client.connect(options(server.port, { tls: 'starttls' }));
    expect(client.tls?.protocol).toMatch(/^TLSv1/);
    expect(client.capabilities).toHaveProperty('PIPELINING');
    expect(server.sessions[0]?.received).toEqual(['CAPA', 'STLS', 'CAPA']);
    client.destroy();
  });

  it('refuses a session when plaintext bytes follow the STLS +OK in the same segment (injection)', async () => {
    server = await stlsServer('+OK\r\nSASL PLAIN\r\n.\r\n');
    await expect(Pop3Client.connect(options(server.port, { tls: 'starttls' }))).rejects.toThrow(/injection/);
  });

  it('never reads plaintext bytes that arrive after the STLS +OK as POP3: the handshake fails', async () => {
    server = await stlsServer('+OK\r\nSASL PLAIN\r\n.\r\n', true);
    await expect(Pop3Client.connect(options(server.port, { tls: 'starttls' }))).rejects.toThrow(Pop3ConnectionError);
  });
});
