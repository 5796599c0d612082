/**
 * 8. Polling many registered accounts from one instance (target: every account polled within
 * each interval, and one round ≥ 0.7 × a raw TLS client doing connect+login+UIDL+QUIT for the
 * same accounts at the same concurrency). Dovecot gets one user per account, three messages
 * each; the raw round runs first, then popgate registers every account with `intervalS`: the
 * round is the time from the first registration until every account has been polled once,
 * read from popgate_polls_total. Each account's `state.lastPollAt` is read again after the
 * next interval to find the longest gap between two of its polls. Also `node
 * dist/bench/polling.js` (bench/polling.ts).
 */
import * as path from 'node:path';
import { waitFor } from '../../test/support/waiting';
import type { DovecotUser } from '../../test/support/dovecot';
import { getJson } from '../load';
import { fillMaildir } from '../maildir';
import { smallMessage } from '../messages';
import { meanPollSeconds, type PolledEnvironment, type PolledRunOptions, polls, registerPolled, startPolledEnvironment } from '../polled-accounts';
import type { BenchProfile } from '../profile';
import { RawPop3, type RawPop3Options } from '../raw-pop3';
import { fmt, type WorkloadResult } from '../result';

/** The poller's default concurrency (LocalPollScheduler / BullPollScheduler). */
const CONCURRENCY = 8;
const MESSAGES_PER_MAILBOX = 3;
/** setInterval and the queue may start a poll a little late; what counts as "within the interval". */
const SLACK_S = 1;
const TARGET_RATIO = 0.7;

export interface PollingOptions extends PolledRunOptions {
  intervalS: number;
}

export interface PollingRun {
  queue: string;
  rawS: number;
  /** The raw client holding popgate's conversation (diagnosis, not the target's baseline). */
  conversationS: number;
  registeredS: number;
  /** First registration → every account polled once. */
  roundS: number;
  /** rawS / roundS: the target's ratio. */
  ratio: number;
  meanPollMs: number;
  polledAgain: number;
  longestGapS: number;
  /** Every account polled again, no gap longer than the interval (+ SLACK_S). */
  within: boolean;
  /** The second round's span (first to last poll end), steady state. */
  spanS: number;
  /** popgate_polls_total{outcome="failed"} at the end. */
  failedPolls: number;
  rssBytes: number;
  cpuSeconds: number;
}

export async function measurePolling(opts: PollingOptions): Promise<PollingRun> {
  const { accounts: total, intervalS, log } = opts;
  const users: DovecotUser[] = Array.from({ length: total }, (_, i) => ({ name: `poll-${String(i).padStart(5, '0')}`, password: `poll-secret-${i}` }));
  let started = performance.now();
  const env = await startPolledEnvironment({ users, bullmq: opts.bullmq, placement: opts.placement });
  try {
    const { dovecot } = env;
    const mailRoot = path.join(dovecot.dir, 'mail');
    for (const user of users) await fillMaildir(mailRoot, user.name, MESSAGES_PER_MAILBOX, smallMessage);
    log(`dovecot with ${total} users, ${MESSAGES_PER_MAILBOX} messages each, and popgate (${env.queue}): ${seconds(started)} s`);

    const pop3: RawPop3Options = { host: dovecot.host, port: dovecot.pop3sPort, ca: dovecot.caPem, servername: 'localhost' };
    // Dovecot builds each mailbox's index and uidlist at its first login: never inside a measurement.
    started = performance.now();
    await rawRound(users, pop3, ['LIST', 'UIDL']);
    log(`indexing round (connect+login+LIST+UIDL+QUIT, concurrency ${CONCURRENCY}): ${seconds(started)} s`);
    started = performance.now();
    await rawRound(users, pop3, ['UIDL']);
    const rawS = (performance.now() - started) / 1000;
    log(`raw round (connect+TLS+login+UIDL+QUIT, concurrency ${CONCURRENCY}): ${rawS.toFixed(2)} s`);
    // Not the target's baseline: the same client holding popgate's own conversation, to tell
    // the protocol's share of the difference from popgate's.
    started = performance.now();
    await inPool(users, CONCURRENCY, async (user) => {
      const session = await RawPop3.connect(pop3);
      await session.multiline('CAPA');
      await session.simple(`AUTH PLAIN ${Buffer.from(`\0${user.name}\0${user.password}`).toString('base64')}`);
      await session.multiline('CAPA');
      await session.multiline('LIST', 'UIDL');
      await session.quit();
    });
    const conversationS = (performance.now() - started) / 1000;
    log(`raw round with popgate's conversation (CAPA, AUTH PLAIN, CAPA, LIST+UIDL, QUIT): ${conversationS.toFixed(2)} s`);

    started = performance.now();
    await inPool(users, 16, (user) => registerPolled(env, user, intervalS));
    const registeredS = (performance.now() - started) / 1000;
    log(`registered ${total} accounts (intervalS ${intervalS}): ${registeredS.toFixed(2)} s`);
    await waitFor(async () => (await polls(env, 'ok')) >= total, { timeoutMs: 10 * 60_000, everyMs: 100, what: 'every account to be polled once' });
    const roundS = (performance.now() - started) / 1000;
    const ratio = rawS / roundS;
    log(`popgate round (first registration → every account polled once): ${roundS.toFixed(2)} s; ratio raw / popgate ${ratio.toFixed(2)}`);
    const meanPollMs = (await meanPollSeconds(env)) * 1000;

    const first = await lastPolls(env, total);
    // Every account's next poll is due intervalS after its registration; give the queue the
    // length of one round to drain them, then read every account's last poll again.
    const wait = intervalS * 1000 + Math.ceil(roundS * 1000) + SLACK_S * 1000 - (performance.now() - started);
    log(`waiting ${(wait / 1000).toFixed(0)} s for the second round`);
    await new Promise((r) => setTimeout(r, Math.max(0, wait)));
    const second = await lastPolls(env, total);
    let polledAgain = 0;
    let longestGapS = 0;
    for (const [id, at] of first) {
      const next = second.get(id);
      if (next === undefined || next <= at) continue;
      polledAgain++;
      longestGapS = Math.max(longestGapS, (next - at) / 1000);
    }
    // The second round is steady state (no registrations, no first-poll status events).
    const lastOfFirst = Math.max(...first.values());
    const ends = [...second.values()].filter((at) => at > lastOfFirst);
    const spanS = ends.length > 1 ? (Math.max(...ends) - Math.min(...ends)) / 1000 : Number.NaN;
    const run: PollingRun = {
      queue: env.queue,
      rawS,
      conversationS,
      registeredS,
      roundS,
      ratio,
      meanPollMs,
      polledAgain,
      longestGapS,
      within: polledAgain === total && longestGapS <= intervalS + SLACK_S,
      spanS,
      failedPolls: await polls(env, 'failed'),
      rssBytes: await env.popgate.rssBytes(),
      cpuSeconds: await env.popgate.cpuSeconds(),
    };
    log(`second round span (first to last poll end): ${spanS.toFixed(2)} s; ratio raw / span ${(rawS / spanS).toFixed(2)}`);
    log(`second round: ${polledAgain}/${total} accounts polled again; longest gap ${longestGapS.toFixed(2)} s (every account within each ${intervalS} s: ${run.within ? 'met' : 'missed'})`);
    return run;
  } finally {
    await env.close();
  }
}

/** The workload of `npm run bench`: BullMQ, as the bench's popgate runs (REDIS_URL set). */
export async function polling(profile: BenchProfile, log: (line: string) => void): Promise<WorkloadResult> {
  const { pollAccounts: accounts, pollIntervalS: intervalS } = profile;
  const r = await measurePolling({ accounts, intervalS, bullmq: true, placement: profile.placement, log: (line) => log(`  ${line}`) });
  return {
    id: 8,
    title: `polling ${fmt.int(accounts)} accounts, intervalS ${intervalS} (${r.queue})`,
    popgate: `first round ${r.roundS.toFixed(2)} s; ${r.polledAgain}/${accounts} polled again, longest gap ${r.longestGapS.toFixed(2)} s`,
    baseline: `raw TLS connect+login+UIDL+QUIT, ${CONCURRENCY} at a time: ${r.rawS.toFixed(2)} s`,
    ratio: r.ratio,
    target: `≥ ${TARGET_RATIO}× (raw ÷ popgate time); every account within each ${intervalS} s`,
    met: r.ratio >= TARGET_RATIO && r.within && r.failedPolls === 0,
    values: {
      accounts,
      intervalS,
      rawS: r.rawS,
      conversationS: r.conversationS,
      registeredS: r.registeredS,
      roundS: r.roundS,
      ratio: r.ratio,
      meanPollMs: r.meanPollMs,
      polledAgain: r.polledAgain,
      missed: accounts - r.polledAgain,
      longestGapS: r.longestGapS,
      spanS: r.spanS,
      spanRatio: r.rawS / r.spanS,
      failedPolls: r.failedPolls,
      rssBytes: r.rssBytes,
      cpuSeconds: r.cpuSeconds,
    },
    notes: [
      `its own Dovecot (${fmt.int(accounts)} passwd users, ${MESSAGES_PER_MAILBOX} messages each, indexed first), private redis-server and popgate (${profile.placement === 'child' ? 'child process' : 'in process'}, polls through ${r.queue}); accounts registered with POST /accounts?verify=false, 16 in flight; the round runs from the first registration until popgate_polls_total{outcome="ok"} counts every account (registration overlaps it: ${r.registeredS.toFixed(2)} s)`,
      ...(r.failedPolls > 0 ? [`${r.failedPolls} failed polls`] : []),
      `second round (steady state): span ${r.spanS.toFixed(2)} s, raw ÷ span ${fmt.ratio(r.rawS / r.spanS)}; mean poll ${fmt.ms(r.meanPollMs)}; the raw client holding popgate's conversation (CAPA, AUTH PLAIN, CAPA, LIST+UIDL, QUIT) ${r.conversationS.toFixed(2)} s; popgate RSS ${fmt.mib(r.rssBytes)}, CPU ${r.cpuSeconds.toFixed(1)} s for the whole workload`,
    ],
  };
}

/** connect+TLS+login, `commands` pipelined, QUIT — for every user, `CONCURRENCY` at a time. */
async function rawRound(users: DovecotUser[], pop3: RawPop3Options, commands: string[]): Promise<void> {
  await inPool(users, CONCURRENCY, async (user) => {
    const session = await RawPop3.connect(pop3);
    await session.login(user.name, user.password);
    await session.multiline(...commands);
    await session.quit();
  });
}

/** Runs `work` over `items` with at most `concurrency` at once (a pool, not lock-step batches). */
async function inPool<T>(items: T[], concurrency: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/** Every account's `state.lastPollAt`, in ms since the epoch. */
async function lastPolls(env: PolledEnvironment, total: number): Promise<Map<string, number>> {
  const polls = new Map<string, number>();
  for (let offset = 0; offset < total; offset += 1000) {
    const page = await getJson<{ items: { id: string; state: { lastPollAt: string | null } }[] }>(`${env.popgate.url}/accounts?offset=${offset}&limit=1000`, env.admin);
    for (const account of page.items) if (account.state.lastPollAt) polls.set(account.id, Date.parse(account.state.lastPollAt));
  }
  return polls;
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(2);
}
