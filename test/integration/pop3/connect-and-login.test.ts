/**
 * Connecting and logging in to a real Dovecot: both TLS modes, every password method,
 * and the refusals that must fail closed.
 */
import * as net from 'node:net';
import {
  Pop3AuthError,
  Pop3Client,
  Pop3ConnectionError,
  Pop3ServerError,
  Pop3TimeoutError,
  type AuthMethod,
} from '../../../src/pop3';
import { startDovecot, type DovecotServer } from '../../support/dovecot';
import { simpleMessage } from '../../support/messages';
import { waitFor } from '../../support/waiting';
import { implicitTls, startTls } from './helpers';

let server: DovecotServer;

beforeAll(async () => {
  server = await startDovecot();
  await server.deliver('alice', simpleMessage({ subject: 'one' }));
  await server.deliver('alice', simpleMessage({ subject: 'two' }));
});

afterAll(async () => {
  await server?.close();
});

describe('connecting with implicit TLS', () => {
  it('verifies the certificate against the given CA and reports the TLS session', async () => {
    const client = await Pop3Client.connect(implicitTls(server));
    expect(client.greeting).toMatch(/Dovecot/);
    expect(client.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(client.tls?.cipher).toBeTruthy();
    expect(client.usable).toBe(true);
    await client.quit();
    expect(client.usable).toBe(false);
  });

  it('accepts the certificate for the name it was issued to (servername localhost)', async () => {
    const client = await Pop3Client.connect(implicitTls(server, { servername: 'localhost' }));
    expect(client.tls).not.toBeNull();
    await client.quit();
  });

  it('reads the capabilities before login, with the SASL mechanisms Dovecot offers', async () => {
    const client = await Pop3Client.connect(implicitTls(server));
    expect(client.capabilities.SASL).toEqual(expect.arrayContaining(['PLAIN', 'LOGIN']));
    expect(client.capabilities).toHaveProperty('USER');
    expect(client.capabilities).not.toHaveProperty('STLS'); // already encrypted
    await client.quit();
  });

  it('refuses a server whose certificate is signed by a CA it does not trust', async () => {
    await expect(Pop3Client.connect(implicitTls(server, { ca: server.untrustedCaPem }))).rejects.toBeInstanceOf(
      Pop3ConnectionError,
    );
  });

  it('refuses a server certificate that is not valid for the expected name', async () => {
    const attempt = Pop3Client.connect(implicitTls(server, { servername: 'mail.example.com' }));
    await expect(attempt).rejects.toBeInstanceOf(Pop3ConnectionError);
    await expect(attempt).rejects.toThrow(/mail\.example\.com|altnames|hostname|certificate/i);
  });

  it('connects to an untrusted certificate only when verification is turned off', async () => {
    const client = await Pop3Client.connect(implicitTls(server, { ca: server.untrustedCaPem, rejectUnauthorized: false }));
    expect(client.tls).not.toBeNull();
    await client.quit();
  });

  it('resumes the TLS session of the last connection to the same server, and only under the same trust', async () => {
    const first = await Pop3Client.connect(implicitTls(server));
    await first.login({ user: 'alice', password: 'alice-secret' });
    await first.quit();
    const second = await Pop3Client.connect(implicitTls(server));
    expect(second.tlsResumed).toBe(true);
    await second.login({ user: 'alice', password: 'alice-secret' });
    expect(await second.stat()).toEqual({ count: 2, size: expect.any(Number) as number });
    await second.quit();
    // A connection that does not verify the certificate is not offered the verified session.
    const unverified = await Pop3Client.connect(implicitTls(server, { rejectUnauthorized: false }));
    expect(unverified.tlsResumed).toBe(false);
    await unverified.quit();
    // A session made under a trusted CA never lets a connection that does not trust it through.
    await expect(Pop3Client.connect(implicitTls(server, { ca: server.untrustedCaPem }))).rejects.toBeInstanceOf(Pop3ConnectionError);
  });

  it('fails with a connection error when nothing listens on the port', async () => {
    const port = server.pop3sPort;
    await server.stop();
    try {
      await expect(Pop3Client.connect(implicitTls(server, { port }))).rejects.toBeInstanceOf(Pop3ConnectionError);
    } finally {
      await server.start();
    }
  });
});

describe('connecting with STLS', () => {
  it('upgrades the plain connection, then sees the capabilities without STLS', async () => {
    const client = await Pop3Client.connect(startTls(server));
    expect(client.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(client.capabilities).not.toHaveProperty('STLS');
    expect(client.capabilities.SASL).toEqual(expect.arrayContaining(['PLAIN']));
    await client.login({ user: 'alice', password: 'alice-secret' });
    expect(await client.stat()).toEqual({ count: 2, size: expect.any(Number) as number });
    await client.quit();
  });

  it('resumes the TLS session after STLS too', async () => {
    await (await Pop3Client.connect(startTls(server))).quit();
    const client = await Pop3Client.connect(startTls(server));
    expect(client.tlsResumed).toBe(true);
    await client.login({ user: 'alice', password: 'alice-secret' });
    await client.quit();
  });

  it('refuses an untrusted certificate after STLS', async () => {
    await expect(Pop3Client.connect(startTls(server, { ca: server.untrustedCaPem }))).rejects.toBeInstanceOf(
      Pop3ConnectionError,
    );
  });

  it('refuses a certificate for another name after STLS', async () => {
    await expect(Pop3Client.connect(startTls(server, { servername: 'mail.example.com' }))).rejects.toBeInstanceOf(
      Pop3ConnectionError,
    );
  });

  it('times out instead of hanging when pointed at the implicit-TLS port (no plaintext greeting comes)', async () => {
    await expect(
      Pop3Client.connect(startTls(server, { port: server.pop3sPort, timeoutMs: 500 })),
    ).rejects.toBeInstanceOf(Pop3TimeoutError);
  });
});

describe('connecting without TLS', () => {
  it('is refused unless allowPlaintext is set, before it even connects', async () => {
    const listener = net.createServer();
    let connections = 0;
    listener.on('connection', (socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const port = (listener.address() as net.AddressInfo).port;
    try {
      await expect(Pop3Client.connect(implicitTls(server, { port, tls: 'none' }))).rejects.toBeInstanceOf(
        Pop3ConnectionError,
      );
      await new Promise((r) => setTimeout(r, 50));
      expect(connections).toBe(0);
    } finally {
      await new Promise((resolve) => listener.close(resolve));
    }
  });

  it('works on the plain port with allowPlaintext, and offers STLS there', async () => {
    const client = await Pop3Client.connect(
      implicitTls(server, { port: server.pop3Port, tls: 'none', allowPlaintext: true }),
    );
    expect(client.tls).toBeNull();
    expect(client.capabilities).toHaveProperty('STLS');
    await client.login({ user: 'bob', password: 'bob-secret' }, 'user');
    expect(await client.stat()).toEqual({ count: 0, size: 0 });
    await client.quit();
  });
});

describe('logging in', () => {
  const methods: AuthMethod[] = ['auto', 'user', 'plain', 'login'];

  it.each(methods)('with method %s opens the maildrop', async (method) => {
    const client = await Pop3Client.connect(implicitTls(server));
    await client.login({ user: 'alice', password: 'alice-secret' }, method);
    expect(await client.stat()).toEqual({ count: 2, size: expect.any(Number) as number });
    await client.quit();
  });

  it.each(methods)('with method %s and a wrong password fails with Pop3AuthError, without echoing the password', async (method) => {
    const client = await Pop3Client.connect(implicitTls(server));
    const attempt = client.login({ user: 'alice', password: 'not-the-secret' }, method);
    await expect(attempt).rejects.toBeInstanceOf(Pop3AuthError);
    const error = (await attempt.catch((e: unknown) => e)) as Pop3AuthError;
    expect(error.respCode).toBe('AUTH');
    expect(error.text).toMatch(/Authentication failed/);
    expect(`${error.message} ${error.text}`).not.toContain('not-the-secret');
    expect(client.usable).toBe(false);
  });

  it('refuses an unknown user the same way as a wrong password', async () => {
    const client = await Pop3Client.connect(implicitTls(server));
    await expect(client.login({ user: 'mallory', password: 'alice-secret' }, 'plain')).rejects.toBeInstanceOf(
      Pop3AuthError,
    );
  });

  it('updates the capabilities after login', async () => {
    const client = await Pop3Client.connect(implicitTls(server));
    await client.login({ user: 'alice', password: 'alice-secret' });
    expect(client.capabilities).toHaveProperty('UIDL');
    expect(client.capabilities).toHaveProperty('TOP');
    expect(client.capabilities).not.toHaveProperty('SASL'); // Dovecot lists SASL only before login
    await client.quit();
  });

  it('shows up as one logged-in session on the server until QUIT', async () => {
    const client = await Pop3Client.connect(implicitTls(server));
    await client.login({ user: 'bob', password: 'bob-secret' });
    expect(await server.sessionCount('bob')).toBe(1);
    await client.quit();
    await waitFor(async () => (await server.sessionCount('bob')) === 0, { everyMs: 25, what: 'the session to be gone' });
  });

  it('60 sessions of one user can be open at once (the test server is not the limit in pool tests)', async () => {
    const clients = await Promise.all(
      Array.from({ length: 60 }, async () => {
        const c = await Pop3Client.connect(implicitTls(server));
        await c.login({ user: 'bob', password: 'bob-secret' });
        return c;
      }),
    );
    try {
      expect(await server.sessionCount('bob')).toBe(60);
      await Promise.all(clients.map((c) => c.noop()));
    } finally {
      await Promise.all(clients.map((c) => c.quit()));
    }
    await waitFor(async () => (await server.sessionCount('bob')) === 0, { everyMs: 25, what: 'all sessions to be gone' });
  });

  it('is refused with [IN-USE] while another session holds the maildrop lock (pop3_lock_session)', async () => {
    const locking = await startDovecot({ extraConfig: 'mail_max_lock_timeout = 1s\nprotocol pop3 {\n  pop3_lock_session = yes\n}' });
    try {
      const first = await Pop3Client.connect(implicitTls(locking));
      await first.login({ user: 'alice', password: 'alice-secret' });
      const second = await Pop3Client.connect(implicitTls(locking, { timeoutMs: 15_000 }));
      const attempt = second.login({ user: 'alice', password: 'alice-secret' });
      const error = await attempt.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Pop3ServerError);
      expect(error).not.toBeInstanceOf(Pop3AuthError);
      expect((error as Pop3ServerError).respCode).toBe('IN-USE');
      await first.quit();
    } finally {
      await locking.close();
    }
  });
});
