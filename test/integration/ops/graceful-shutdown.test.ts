import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as http from 'node:http';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startDovecot, type DovecotServer } from '../../support/dovecot';
import { asRetrievedFromDovecot, largeMessage, sha256 } from '../../support/messages';
import { waitFor } from '../../support/waiting';
import { basic } from '../../support/basic-auth';
import { ensureBuilt, spawnGateway, type GatewayProcess } from './gateway-process';

const USER = 'alice';
const PASSWORD = 'alice-secret';
const AUTH = basic(USER, PASSWORD);
const MESSAGE_BYTES = 20 * 1024 * 1024;
/** After the pause, the reader stops for READ_BREATHER_MS after every READ_BREATHER_EVERY bytes. */
const READ_BREATHER_EVERY = 2 * 1024 * 1024;
const READ_BREATHER_MS = 40;

/** A download the test reads at its own pace: paused after `pauseAfter` bytes until resume(), then slowly. */
interface SlowDownload {
  /** Resolves once `pauseAfter` bytes arrived and the stream is paused. */
  paused: Promise<void>;
  resume(): void;
  /** The whole body and its status, once the response ended. */
  done: Promise<{ status: number; body: Buffer }>;
}

function slowDownload(url: string, agent: http.Agent, pauseAfter: number): SlowDownload {
  let resume = (): void => undefined;
  let markPaused = (): void => undefined;
  const paused = new Promise<void>((resolve) => (markPaused = resolve));
  const done = new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
    http
      .get(url, { agent, headers: { Authorization: AUTH } }, (res) => {
        const chunks: Buffer[] = [];
        let received = 0;
        let pausedOnce = false;
        let nextBreather = pauseAfter + READ_BREATHER_EVERY;
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          received += chunk.length;
          if (!pausedOnce && received >= pauseAfter) {
            pausedOnce = true;
            res.pause();
            resume = () => res.resume();
            markPaused();
          } else if (pausedOnce && received >= nextBreather) {
            // A slow client: the gateway's stream (and its RETR) must wait, not time out or buffer it all.
            nextBreather += READ_BREATHER_EVERY;
            res.pause();
            setTimeout(() => res.resume(), READ_BREATHER_MS);
          }
        });
        res.once('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        res.once('error', reject);
        res.once('aborted', () => reject(new Error(`download cut after ${received} bytes`)));
      })
      .once('error', reject);
  });
  return { paused, resume: () => resume(), done };
}

function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}

describe('popgate on SIGTERM during a 20 MB raw download', () => {
  let dovecot: DovecotServer;
  let caDir: string;
  let gateway: GatewayProcess;
  let expected: Buffer;

  beforeAll(async () => {
    const built = ensureBuilt();
    dovecot = await startDovecot({ users: [{ name: USER, password: PASSWORD }] });
    await dovecot.deliver(USER, largeMessage(MESSAGE_BYTES));
    expected = asRetrievedFromDovecot((await dovecot.storedMessages(USER))[0]!);
    caDir = await mkdtemp(path.join(tmpdir(), 'popgate-ops-ca-'));
    const caFile = path.join(caDir, 'ca.pem');
    await writeFile(caFile, dovecot.caPem);
    await built;
    gateway = await spawnGateway({
      POP3_HOST: '127.0.0.1',
      POP3_PORT: String(dovecot.pop3sPort),
      POP3_CA_FILE: caFile,
      POP3_TLS_SERVERNAME: 'localhost',
      LOG_LEVEL: 'info',
    });
  }, 180_000);

  afterAll(async () => {
    await gateway?.stop('SIGKILL');
    await dovecot?.close();
    if (caDir) await rm(caDir, { recursive: true, force: true });
  });

  it('finishes the download byte for byte, refuses new connections, QUITs every POP3 session and exits 0', async () => {
    const agent = new http.Agent({ keepAlive: true });
    try {
      const listing = await fetch(`${gateway.baseUrl}/messages`, { headers: { Authorization: AUTH } });
      const [item] = ((await listing.json()) as { items: { id: string; size: number }[] }).items;
      expect(item?.size).toBe(expected.length);

      const download = slowDownload(`${gateway.baseUrl}/messages/${encodeURIComponent(item!.id)}/raw`, agent, 1024 * 1024);
      await download.paused;
      // A second request meanwhile needs a second session (the first is busy streaming), which then idles in the pool.
      const stat = await fetch(`${gateway.baseUrl}/mailbox/stat`, { headers: { Authorization: AUTH, 'Cache-Control': 'no-cache' } });
      expect(stat.status).toBe(200);
      await waitFor(async () => (await dovecot.sessionCount(USER)) === 2, { everyMs: 50, what: 'two POP3 sessions' });

      gateway.child.kill('SIGTERM');
      await gateway.waitForLog((line) => line.msg === 'shutting down: finishing in-flight requests');
      expect(await connectionRefused(gateway.port)).toBe(true);
      // The paused download holds the process open: it must not exit, nor cut the stream.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(gateway.child.exitCode).toBeNull();
      expect(await dovecot.sessionCount(USER)).toBeGreaterThanOrEqual(1);

      download.resume();
      const { status, body } = await download.done;
      const downloadedAt = Date.now();
      expect(status).toBe(200);
      expect(body.length).toBe(expected.length);
      expect(sha256(body)).toBe(sha256(expected));

      expect(await gateway.exited).toEqual({ code: 0, signal: null });
      // An idle keep-alive connection must not hold the exit for the server's keepAliveTimeout (5 s):
      // the bound stays below that, and wide for a busy machine.
      expect(Date.now() - downloadedAt).toBeLessThan(4500);
      expect(gateway.logs().some((line) => line.msg === 'shutdown complete')).toBe(true);
      await waitFor(async () => (await dovecot.sessionCount(USER)) === 0, { everyMs: 50, what: 'no POP3 sessions' });

      // Dovecot logs "Logged out" for a session that ended with QUIT, "Connection closed" for one cut.
      const log = await dovecot.log();
      const logins = log.split('\n').filter((line) => /pop3-login: .*Login: user=<alice>/.test(line)).length;
      const quits = log.split('\n').filter((line) => new RegExp(`pop3\\(${USER}\\).*Disconnected: Logged out`).test(line)).length;
      expect(logins).toBeGreaterThanOrEqual(2);
      expect(quits).toBe(logins);
      expect(log).not.toMatch(new RegExp(`pop3\\(${USER}\\).*Disconnected: Connection closed`));
    } finally {
      agent.destroy();
    }
  });
});
