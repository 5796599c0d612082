/**
 * `node dist/bench/mail-to-webhook.js [accounts] [messages] [spreadS]` — new mail to webhook
 * received (target with `intervalS` 10: p95 ≤ 12 s after the message lands in the Maildir;
 * 0 lost, 0 duplicated ids). popgate (a child process) polls `accounts` Dovecot users (default
 * 20) every 10 s and delivers to one webhook on a local receiver, which checks every
 * signature with standardwebhooks. Once every account has its baseline, `messages` (default
 * 100) are dropped into the Maildirs (tmp/ then rename into new/, as an MDA does) at even
 * steps over `spreadS` seconds (default 60), round-robin over the accounts; each drop time is
 * recorded against the message's Subject, which the event's summary carries back. In process
 * without POPGATE_BENCH_BULLMQ=1; with it, a private redis-server and BullMQ.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { startDovecot } from '../test/support/dovecot';
import { startRedis, type TestRedis } from '../test/support/redis-server';
import { closeConnections, postJson, timedGet } from './load';
import { startPopgate } from './servers';

const INTERVAL_S = 10;
const TARGET_P95_S = 12;

interface Received {
  id: string;
  type: string;
  account: string;
  data?: { headers?: { subject?: string | null } };
}

async function main(): Promise<void> {
  const accounts = Number(process.argv[2] ?? 20);
  const messages = Number(process.argv[3] ?? 100);
  const spreadS = Number(process.argv[4] ?? 60);
  const bullmq = process.env.POPGATE_BENCH_BULLMQ === '1';
  const say = (line: string): void => void process.stdout.write(`${line}\n`);
  const loadAtStart = os.loadavg()[0] ?? 0;
  const users = Array.from({ length: accounts }, (_, i) => ({ name: `hook-${String(i).padStart(3, '0')}`, password: `hook-secret-${i}` }));

  const closers: (() => Promise<unknown>)[] = [];
  try {
    const dovecot = await startDovecot({ users });
    closers.push(() => dovecot.close());
    let redis: TestRedis | null = null;
    if (bullmq) {
      redis = await startRedis();
      closers.push(() => redis!.close());
    }

    // The receiver: verifies each delivery, records when each event id first and again arrived.
    let verifier: Webhook | null = null;
    const arrivals = new Map<string, number>();
    const bySubject = new Map<string, number>();
    let duplicates = 0;
    let badSignatures = 0;
    const receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const at = Date.now();
        res.writeHead(204).end();
        const body = Buffer.concat(chunks).toString('utf8');
        let event: Received;
        try {
          event = verifier!.verify(body, req.headers as Record<string, string>) as Received;
        } catch {
          badSignatures++;
          return;
        }
        if (event.type !== 'message.received') return;
        if (arrivals.has(event.id)) {
          duplicates++;
          return;
        }
        arrivals.set(event.id, at);
        const subject = event.data?.headers?.subject;
        if (subject) bySubject.set(subject, at);
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
    closers.push(() => new Promise((resolve) => receiver.close(() => resolve(undefined))));
    const receiverPort = (receiver.address() as AddressInfo).port;

    const tmpDir = await fs.mkdtemp(path.join(os.tmpdir(), 'popgate-bench-hook-'));
    closers.push(() => fs.rm(tmpDir, { recursive: true, force: true }));
    const caFile = path.join(tmpDir, 'ca.pem');
    await fs.writeFile(caFile, dovecot.caPem);
    const adminToken = randomBytes(24).toString('base64url');
    const popgate = await startPopgate(
      {
        POP3_HOST: dovecot.host,
        POP3_PORT: String(dovecot.pop3sPort),
        POP3_TLS: 'implicit',
        POP3_CA_FILE: caFile,
        POP3_TLS_SERVERNAME: 'localhost',
        ...(redis ? { REDIS_URL: redis.url } : {}),
        POPGATE_SECRET: randomBytes(32).toString('base64'),
        ADMIN_TOKENS: adminToken,
        AUTH_FAILURE_LIMIT: '1000000',
        WEBHOOK_ALLOW_PRIVATE: 'true',
        LOG_LEVEL: 'warn',
      },
      'child',
    );
    closers.push(() => popgate.close());
    const admin = { authorization: `Bearer ${adminToken}` };

    const { secret } = await postJson<{ secret: string }>(`${popgate.url}/webhooks`, admin, { url: `http://127.0.0.1:${receiverPort}/hook`, events: ['message.received'] });
    verifier = new Webhook(secret);
    for (const user of users) {
      await postJson(`${popgate.url}/accounts?verify=false`, admin, {
        id: user.name,
        pop3: { host: dovecot.host, port: dovecot.pop3sPort, user: user.name, password: user.password },
        poll: { intervalS: INTERVAL_S },
      });
    }
    // A message dropped before its account's first poll is part of the baseline, never reported.
    const deadline = Date.now() + 120_000;
    while ((await okPolls(popgate.url, admin)) < accounts) {
      if (Date.now() > deadline) throw new Error('the accounts were not all polled within 120 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    say(`${accounts} accounts registered and baselined (intervalS ${INTERVAL_S}, ${bullmq ? 'BullMQ' : 'in process'})`);

    const dropped = new Map<string, number>();
    const stepMs = (spreadS * 1000) / messages;
    const begin = Date.now();
    for (let i = 0; i < messages; i++) {
      const wait = begin + i * stepMs - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const subject = `bench message ${i}`;
      const user = users[i % accounts]!;
      await dovecot.deliver(user.name, `From: a@example.test\nTo: ${user.name}@example.test\nSubject: ${subject}\nMessage-ID: <bench-${i}@example.test>\n\nbody ${i}\n`);
      dropped.set(subject, Date.now());
    }
    say(`dropped ${messages} messages over ${((Date.now() - begin) / 1000).toFixed(1)} s`);

    // Wait for every message, or until the last one is well past any reasonable latency.
    const settle = Date.now() + 3 * INTERVAL_S * 1000 + 30_000;
    while (bySubject.size < messages && Date.now() < settle) await new Promise((r) => setTimeout(r, 200));
    // Let late duplicates show up.
    await new Promise((r) => setTimeout(r, 2 * INTERVAL_S * 1000));

    const latencies: number[] = [];
    let lost = 0;
    for (const [subject, at] of dropped) {
      const arrived = bySubject.get(subject);
      if (arrived === undefined) lost++;
      else latencies.push((arrived - at) / 1000);
    }
    latencies.sort((a, b) => a - b);
    const p = (q: number): number => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] ?? NaN;
    const p95 = p(0.95);
    say(`latency, Maildir drop → webhook received: p50 ${p(0.5).toFixed(2)} s, p95 ${p95.toFixed(2)} s, max ${(latencies.at(-1) ?? NaN).toFixed(2)} s`);
    say(`lost ${lost}, duplicated ids ${duplicates}, bad signatures ${badSignatures}, events received ${arrivals.size}`);
    const met = p95 <= TARGET_P95_S && lost === 0 && duplicates === 0 && badSignatures === 0;
    say(`target (p95 ≤ ${TARGET_P95_S} s, 0 lost, 0 duplicated): ${met ? 'met' : 'missed'}`);
    say(`load average (1 min): ${loadAtStart.toFixed(2)} at start, ${(os.loadavg()[0] ?? 0).toFixed(2)} at end; ${os.availableParallelism()} CPUs`);
  } finally {
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
    closeConnections();
  }
}

async function okPolls(url: string, headers: Record<string, string>): Promise<number> {
  const res = await timedGet(`${url}/metrics`, headers, true);
  if (res.status !== 200) throw new Error(`GET /metrics: ${res.status}`);
  return Number(/^popgate_polls_total\{outcome="ok"\} (\d+)/m.exec(res.body!.toString('utf8'))?.[1] ?? 0);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(2);
});
