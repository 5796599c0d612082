/**
 * `node dist/bench/polling.js [accounts]` — polling many registered accounts from one
 * instance (default 1,000; target: every account polled within each 60 s interval, and one
 * round ≥ 0.7 × a raw TLS client doing connect+login+UIDL+QUIT for the same accounts at the
 * same concurrency). Dovecot gets one user per account, three messages each; the raw round
 * runs first, then popgate (a child process) registers every account with `intervalS` 60:
 * the round is the time from the first registration until every account has been polled
 * once, read from popgate_polls_total. Each account's `state.lastPollAt` is then read again
 * after the next interval to find the longest gap between two of its polls. In process
 * without REDIS_URL; with POPGATE_BENCH_BULLMQ=1 a private redis-server is started and popgate
 * polls through BullMQ.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { startDovecot, type DovecotServer } from '../test/support/dovecot';
import { startRedis, type TestRedis } from '../test/support/redis-server';
import { closeConnections, getJson, postJson, timedGet } from './load';
import { fillMaildir } from './maildir';
import { smallMessage } from './messages';
import { RawPop3, type RawPop3Options } from './raw-pop3';
import { startPopgate, type ServerUnderTest } from './servers';

/** The poller's default concurrency (LocalPollScheduler / BullPollScheduler). */
const CONCURRENCY = 8;
const MESSAGES_PER_MAILBOX = 3;
const INTERVAL_S = 60;
/** setInterval and the queue may start a poll a little late; what counts as "within the interval". */
const SLACK_S = 1;

interface User {
  name: string;
  password: string;
}

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 1000);
  const bullmq = process.env.POPGATE_BENCH_BULLMQ === '1';
  const say = (line: string): void => void process.stdout.write(`${line}\n`);
  const loadAtStart = os.loadavg()[0] ?? 0;
  const users: User[] = Array.from({ length: total }, (_, i) => ({ name: `poll-${String(i).padStart(5, '0')}`, password: `poll-secret-${i}` }));

  const closers: (() => Promise<unknown>)[] = [];
  try {
    let started = performance.now();
    const dovecot = await startDovecot({ users });
    closers.push(() => dovecot.close());
    const mailRoot = path.join(dovecot.dir, 'mail');
    for (const user of users) await fillMaildir(mailRoot, user.name, MESSAGES_PER_MAILBOX, smallMessage);
    say(`dovecot with ${total} users, ${MESSAGES_PER_MAILBOX} messages each: ${seconds(started)} s`);

    const pop3: RawPop3Options = { host: dovecot.host, port: dovecot.pop3sPort, ca: dovecot.caPem, servername: 'localhost' };
    // Dovecot builds each mailbox's index and uidlist at its first login: never inside a measurement.
    started = performance.now();
    await rawRound(users, pop3, ['LIST', 'UIDL']);
    say(`indexing round (connect+login+LIST+UIDL+QUIT, concurrency ${CONCURRENCY}): ${seconds(started)} s`);
    started = performance.now();
    await rawRound(users, pop3, ['UIDL']);
    const rawS = (performance.now() - started) / 1000;
    say(`raw round (connect+TLS+login+UIDL+QUIT, concurrency ${CONCURRENCY}): ${rawS.toFixed(2)} s`);
    // Not the target's baseline: the same client holding popgate's own conversation, to tell
    // the protocol's share of the difference from popgate's.
    started = performance.now();
    await inBatches(users, CONCURRENCY, async (user) => {
      const session = await RawPop3.connect(pop3);
      await session.multiline('CAPA');
      await session.simple(`AUTH PLAIN ${Buffer.from(`\0${user.name}\0${user.password}`).toString('base64')}`);
      await session.multiline('CAPA');
      await session.multiline('LIST', 'UIDL');
      await session.quit();
    });
    say(`raw round with popgate's conversation (CAPA, AUTH PLAIN, CAPA, LIST+UIDL, QUIT): ${seconds(started)} s`);

    let redis: TestRedis | null = null;
    if (bullmq) {
      redis = await startRedis();
      closers.push(() => redis!.close());
    }
    const adminToken = randomBytes(24).toString('base64url');
    const popgate = await startGateway(dovecot, adminToken, redis?.url, closers);
    const admin = { authorization: `Bearer ${adminToken}` };

    started = performance.now();
    await inBatches(users, 16, (user) =>
      postJson(`${popgate.url}/accounts?verify=false`, admin, {
        id: user.name,
        pop3: { host: dovecot.host, port: dovecot.pop3sPort, user: user.name, password: user.password },
        poll: { intervalS: INTERVAL_S },
      }),
    );
    const registeredS = (performance.now() - started) / 1000;
    say(`registered ${total} accounts: ${registeredS.toFixed(2)} s`);
    await waitUntil(() => okPolls(popgate, admin).then((n) => n >= total), 10 * 60_000);
    const roundS = (performance.now() - started) / 1000;
    const ratio = rawS / roundS;
    say(`popgate round (${bullmq ? 'BullMQ' : 'in process'}; first registration → every account polled once): ${roundS.toFixed(2)} s`);
    say(`ratio raw / popgate: ${ratio.toFixed(2)} (target ≥ 0.7: ${ratio >= 0.7 ? 'met' : 'missed'})`);
    say(`poll duration (popgate_poll_duration_seconds): mean ${(await meanPollSeconds(popgate, admin) * 1000).toFixed(1)} ms`);

    const first = await lastPolls(popgate, admin, total);
    // Every account's next poll is due INTERVAL_S after its registration; give the queue the
    // length of one round to drain them, then read every account's last poll again.
    const wait = INTERVAL_S * 1000 + Math.ceil(roundS * 1000) + SLACK_S * 1000 - (performance.now() - started);
    say(`waiting ${(wait / 1000).toFixed(0)} s for the second round`);
    await new Promise((r) => setTimeout(r, Math.max(0, wait)));
    const second = await lastPolls(popgate, admin, total);
    let missed = 0;
    let longestGapS = 0;
    for (const [id, at] of first) {
      const next = second.get(id);
      if (next === undefined || next <= at) {
        missed++;
        continue;
      }
      longestGapS = Math.max(longestGapS, (next - at) / 1000);
    }
    const within = missed === 0 && longestGapS <= INTERVAL_S + SLACK_S;
    // The second round is steady state (no registrations, no first-poll status events): the
    // span from its first poll's end to its last's, against the raw round.
    const seconds2 = [...second.values()].filter((at) => at > Math.max(...first.values()));
    const spanS = seconds2.length > 1 ? (Math.max(...seconds2) - Math.min(...seconds2)) / 1000 : NaN;
    say(`second round span (first to last poll end): ${spanS.toFixed(2)} s; ratio raw / span ${(rawS / spanS).toFixed(2)} (its polls were due over the ${registeredS.toFixed(2)} s registration took)`);
    say(`second round: ${total - missed}/${total} accounts polled again; longest gap between two polls of one account ${longestGapS.toFixed(2)} s (target: every account within each ${INTERVAL_S} s: ${within ? 'met' : 'missed'})`);
    say(`polls ok so far: ${await okPolls(popgate, admin)}; popgate RSS ${((await popgate.rssBytes()) / 1024 ** 2).toFixed(0)} MB, CPU ${(await popgate.cpuSeconds()).toFixed(1)} s`);
    say(`load average (1 min): ${loadAtStart.toFixed(2)} at start, ${(os.loadavg()[0] ?? 0).toFixed(2)} at end; ${os.availableParallelism()} CPUs`);
  } finally {
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
    closeConnections();
  }
}

/** connect+TLS+login, `commands` pipelined, QUIT — for every user, `CONCURRENCY` at a time. */
async function rawRound(users: User[], pop3: RawPop3Options, commands: string[]): Promise<void> {
  await inBatches(users, CONCURRENCY, async (user) => {
    const session = await RawPop3.connect(pop3);
    await session.login(user.name, user.password);
    await session.multiline(...commands);
    await session.quit();
  });
}

/** Runs `work` over `items` with at most `concurrency` at once (a pool, not lock-step batches). */
async function inBatches<T>(items: T[], concurrency: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

async function startGateway(dovecot: DovecotServer, adminToken: string, redisUrl: string | undefined, closers: (() => Promise<unknown>)[]): Promise<ServerUnderTest> {
  const tmpDir = await fs.mkdtemp(path.join(os.tmpdir(), 'popgate-bench-poll-'));
  closers.push(() => fs.rm(tmpDir, { recursive: true, force: true }));
  const caFile = path.join(tmpDir, 'ca.pem');
  await fs.writeFile(caFile, dovecot.caPem);
  const popgate = await startPopgate(
    {
      POP3_HOST: dovecot.host,
      POP3_PORT: String(dovecot.pop3sPort),
      POP3_TLS: 'implicit',
      POP3_CA_FILE: caFile,
      POP3_TLS_SERVERNAME: 'localhost',
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
      POPGATE_SECRET: randomBytes(32).toString('base64'),
      ADMIN_TOKENS: adminToken,
      AUTH_FAILURE_LIMIT: '1000000',
      LOG_LEVEL: 'warn',
    },
    'child',
  );
  closers.push(() => popgate.close());
  return popgate;
}

async function metricsText(popgate: ServerUnderTest, headers: Record<string, string>): Promise<string> {
  const res = await timedGet(`${popgate.url}/metrics`, headers, true);
  if (res.status !== 200) throw new Error(`GET /metrics: ${res.status}`);
  return res.body!.toString('utf8');
}

async function okPolls(popgate: ServerUnderTest, headers: Record<string, string>): Promise<number> {
  const text = await metricsText(popgate, headers);
  return Number(/^popgate_polls_total\{outcome="ok"\} (\d+)/m.exec(text)?.[1] ?? 0);
}

async function meanPollSeconds(popgate: ServerUnderTest, headers: Record<string, string>): Promise<number> {
  const text = await metricsText(popgate, headers);
  const sum = Number(/^popgate_poll_duration_seconds_sum (\S+)/m.exec(text)?.[1] ?? 0);
  const count = Number(/^popgate_poll_duration_seconds_count (\S+)/m.exec(text)?.[1] ?? 0);
  return count === 0 ? 0 : sum / count;
}

/** Every account's `state.lastPollAt`, in ms since the epoch. */
async function lastPolls(popgate: ServerUnderTest, headers: Record<string, string>, total: number): Promise<Map<string, number>> {
  const polls = new Map<string, number>();
  for (let offset = 0; offset < total; offset += 1000) {
    const page = await getJson<{ items: { id: string; state: { lastPollAt: string | null } }[] }>(`${popgate.url}/accounts?offset=${offset}&limit=1000`, headers);
    for (const account of page.items) if (account.state.lastPollAt) polls.set(account.id, Date.parse(account.state.lastPollAt));
  }
  return polls;
}

async function waitUntil(done: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`not done within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(2);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(2);
});
