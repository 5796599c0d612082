/**
 * The test Dovecot itself, checked with a bare TLS socket (no project code), so a failure
 * here points at the harness rather than at the POP3 client.
 */
import * as tls from 'node:tls';
import { startDovecot, type DovecotServer } from '../../support/dovecot';
import { asRetrievedFromDovecot, binaryMessage, dotLinesMessage, simpleMessage } from '../../support/messages';
import { waitFor } from '../../support/waiting';

/** Minimal POP3 conversation over an implicit-TLS socket: send a line, read one reply. */
class RawSession {
  private buf = Buffer.alloc(0);
  private waiter: (() => void) | null = null;
  private constructor(private readonly sock: tls.TLSSocket) {
    sock.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      this.waiter?.();
    });
    sock.on('close', () => this.waiter?.());
  }

  static async open(server: DovecotServer, idleTimeoutMs = 5_000): Promise<RawSession> {
    const sock = tls.connect({ host: server.host, port: server.pop3sPort, ca: server.caPem, servername: 'localhost' });
    sock.setTimeout(idleTimeoutMs, () => sock.destroy(new Error(`no reply within ${idleTimeoutMs} ms`)));
    sock.on('error', () => undefined); // surfaced as 'connection closed' or by the handshake below
    await new Promise<void>((resolve, reject) => {
      sock.once('secureConnect', resolve);
      sock.once('error', reject);
    });
    const s = new RawSession(sock);
    await s.reply(false);
    return s;
  }

  /** Sends `line` and returns the status line, or the whole multi-line reply (unstuffed body). */
  async cmd(line: string, multiline = false): Promise<{ status: string; body: Buffer }> {
    this.sock.write(`${line}\r\n`);
    return this.reply(multiline);
  }

  private async reply(multiline: boolean): Promise<{ status: string; body: Buffer }> {
    for (;;) {
      const eol = this.buf.indexOf('\r\n');
      if (eol >= 0) {
        const status = this.buf.subarray(0, eol).toString('latin1');
        if (!multiline || !status.startsWith('+OK')) {
          this.buf = this.buf.subarray(eol + 2);
          return { status, body: Buffer.alloc(0) };
        }
        const rest = this.buf.subarray(eol + 2);
        const end = rest.length >= 3 && rest.subarray(0, 3).equals(Buffer.from('.\r\n')) ? 0 : rest.indexOf('\r\n.\r\n');
        if (end >= 0) {
          const raw = end === 0 ? Buffer.alloc(0) : rest.subarray(0, end + 2);
          this.buf = rest.subarray(end === 0 ? 3 : end + 5);
          const body = Buffer.from(raw.toString('latin1').replace(/^\.\./gm, '.'), 'latin1');
          return { status, body };
        }
      }
      if (this.sock.destroyed) throw new Error('connection closed');
      await new Promise<void>((resolve) => (this.waiter = resolve));
      this.waiter = null;
    }
  }

  close(): void {
    this.sock.destroy();
  }
}

describe('the test Dovecot harness', () => {
  let server: DovecotServer;

  beforeAll(async () => {
    server = await startDovecot();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('serves delivered messages in delivery order, byte-exact after CRLF normalization', async () => {
    const messages = [simpleMessage({ subject: 'one' }), dotLinesMessage(), binaryMessage(), Buffer.from('Subject: lf\n\nbare\n.lf')];
    for (const m of messages) await server.deliver('alice', m);

    const s = await RawSession.open(server);
    expect((await s.cmd('USER alice')).status).toMatch(/^\+OK/);
    expect((await s.cmd('PASS alice-secret')).status).toMatch(/^\+OK/);
    expect((await s.cmd('STAT')).status).toMatch(/^\+OK 4 \d+$/);
    const retrieved: Buffer[] = [];
    for (let n = 1; n <= messages.length; n++) retrieved.push((await s.cmd(`RETR ${n}`, true)).body);
    await s.cmd('QUIT');
    s.close();

    const stored = await server.storedMessages('alice');
    expect(stored).toEqual(messages);
    expect(retrieved).toEqual(stored.map(asRetrievedFromDovecot));
  });

  it('counts logged-in sessions per user', async () => {
    const a = await RawSession.open(server);
    const b = await RawSession.open(server);
    await a.cmd('USER bob');
    await a.cmd('PASS bob-secret');
    await b.cmd('USER bob');
    await b.cmd('PASS bob-secret');
    expect(await server.sessionCount('bob')).toBe(2);
    expect(await server.sessionCount('alice')).toBe(0);
    a.close();
    b.close();
    await waitFor(async () => (await server.sessionCount()) === 0, { everyMs: 25, what: 'both sessions to end' });
  });

  it('refuses a wrong password without a delay', async () => {
    const s = await RawSession.open(server);
    await s.cmd('USER alice');
    const started = Date.now();
    expect((await s.cmd('PASS wrong')).status).toMatch(/^-ERR/);
    // Dovecot's default auth_failure_delay is 2 s; the harness sets 0. Below that, wide for a busy machine.
    expect(Date.now() - started).toBeLessThan(1500);
    s.close();
  });

  it('stops abruptly and starts again on the same ports with the same mail', async () => {
    const s = await RawSession.open(server);
    await s.cmd('USER alice');
    await s.cmd('PASS alice-secret');
    await server.stop();
    await expect(s.cmd('NOOP')).rejects.toThrow('connection closed');
    await expect(RawSession.open(server)).rejects.toThrow();
    expect(await server.sessionCount()).toBe(0);

    await server.start();
    // A session killed mid-sync leaves Dovecot's maildir lock behind: the first session after
    // the restart waits until Dovecot declares it stale (seconds, under load), then answers.
    const again = await RawSession.open(server, 30_000);
    let stat: string;
    try {
      await again.cmd('USER alice');
      expect((await again.cmd('PASS alice-secret')).status).toMatch(/^\+OK/);
      stat = (await again.cmd('STAT')).status;
      await again.cmd('QUIT');
    } catch (err) {
      throw new Error(`${String(err)}\n--- dovecot log ---\n${await server.log()}`);
    } finally {
      again.close();
    }
    expect(stat).toMatch(/^\+OK 4 /);
  });
});
