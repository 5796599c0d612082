/**
 * 9. New mail → webhook received (target with `intervalS` 10: p95 ≤ 12 s after the message
 * lands in the Maildir; 0 lost, 0 duplicated ids). popgate polls `accounts` Dovecot users every
 * 10 s and delivers to one webhook on a local receiver, which checks every signature with
 * standardwebhooks. Once every account has its baseline, `messages` are dropped into the
 * Maildirs (tmp/ then rename into new/, as an MDA does) at even steps over `spreadS` seconds,
 * round-robin over the accounts; each drop time is recorded against the message's Subject,
 * which the event's summary carries back. Also `node dist/bench/mail-to-webhook.js`.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { waitFor } from '../../test/support/waiting';
import { postJson } from '../load';
import { type PolledRunOptions, polls, registerPolled, startPolledEnvironment } from '../polled-accounts';
import type { BenchProfile } from '../profile';
import type { WorkloadResult } from '../result';

const INTERVAL_S = 10;
const TARGET_P95_S = 12;

export interface MailToWebhookOptions extends PolledRunOptions {
  messages: number;
  spreadS: number;
  /** How long to keep listening for late duplicates once every message arrived. */
  lateS: number;
}

export interface MailToWebhookRun {
  queue: string;
  p50S: number;
  p95S: number;
  maxS: number;
  lost: number;
  duplicates: number;
  badSignatures: number;
  received: number;
  /** popgate_polls_total{outcome="failed"} at the end. */
  failedPolls: number;
  met: boolean;
}

interface Received {
  id: string;
  type: string;
  data?: { headers?: { subject?: string | null } };
}

/** A loopback webhook receiver: verifies each delivery and records when each event id (and Subject) first arrived. */
class Receiver {
  readonly arrivals = new Map<string, number>();
  readonly bySubject = new Map<string, number>();
  duplicates = 0;
  badSignatures = 0;
  verifier: Webhook | null = null;
  private readonly server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const at = Date.now();
      res.writeHead(204).end();
      this.record(Buffer.concat(chunks).toString('utf8'), req.headers as Record<string, string>, at);
    });
  });

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private record(body: string, headers: Record<string, string>, at: number): void {
    let event: Received;
    try {
      event = this.verifier!.verify(body, headers) as Received;
    } catch {
      this.badSignatures++;
      return;
    }
    if (event.type !== 'message.received') return;
    if (this.arrivals.has(event.id)) {
      this.duplicates++;
      return;
    }
    this.arrivals.set(event.id, at);
    const subject = event.data?.headers?.subject;
    if (subject) this.bySubject.set(subject, at);
  }
}

export async function measureMailToWebhook(opts: MailToWebhookOptions): Promise<MailToWebhookRun> {
  const { accounts, messages, spreadS, log } = opts;
  const users = Array.from({ length: accounts }, (_, i) => ({ name: `hook-${String(i).padStart(3, '0')}`, password: `hook-secret-${i}` }));
  const env = await startPolledEnvironment({ users, bullmq: opts.bullmq, placement: opts.placement, env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
  const receiver = new Receiver();
  try {
    const url = await receiver.listen();
    const { secret } = await postJson<{ secret: string }>(`${env.popgate.url}/webhooks`, env.admin, { url, events: ['message.received'] });
    receiver.verifier = new Webhook(secret);
    for (const user of users) await registerPolled(env, user, INTERVAL_S);
    // A message dropped before its account's first poll is part of the baseline, never reported.
    await waitFor(async () => (await polls(env, 'ok')) >= accounts, { timeoutMs: 120_000, everyMs: 100, what: 'every account to be polled once' });
    log(`${accounts} accounts registered and baselined (intervalS ${INTERVAL_S}, ${env.queue})`);

    const dropped = new Map<string, number>();
    const stepMs = (spreadS * 1000) / messages;
    const begin = Date.now();
    for (let i = 0; i < messages; i++) {
      const wait = begin + i * stepMs - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const subject = `bench message ${i}`;
      const user = users[i % accounts]!;
      await env.dovecot.deliver(user.name, `From: a@example.test\nTo: ${user.name}@example.test\nSubject: ${subject}\nMessage-ID: <bench-${i}@example.test>\n\nbody ${i}\n`);
      dropped.set(subject, Date.now());
    }
    log(`dropped ${messages} messages over ${((Date.now() - begin) / 1000).toFixed(1)} s`);

    // Wait for every message, or until the last one is well past any reasonable latency.
    await waitFor(() => receiver.bySubject.size >= messages, { timeoutMs: 3 * INTERVAL_S * 1000 + 30_000, everyMs: 200 }).catch(() => undefined);
    // Let late duplicates show up.
    await new Promise((r) => setTimeout(r, opts.lateS * 1000));

    const latencies: number[] = [];
    let lost = 0;
    for (const [subject, at] of dropped) {
      const arrived = receiver.bySubject.get(subject);
      if (arrived === undefined) lost++;
      else latencies.push((arrived - at) / 1000);
    }
    latencies.sort((a, b) => a - b);
    const p = (q: number): number => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] ?? Number.NaN;
    const { duplicates, badSignatures } = receiver;
    const run: MailToWebhookRun = {
      queue: env.queue,
      p50S: p(0.5),
      p95S: p(0.95),
      maxS: latencies.at(-1) ?? Number.NaN,
      lost,
      duplicates,
      badSignatures,
      received: receiver.arrivals.size,
      failedPolls: await polls(env, 'failed'),
      met: p(0.95) <= TARGET_P95_S && lost === 0 && duplicates === 0 && badSignatures === 0,
    };
    log(`latency, Maildir drop → webhook received: p50 ${run.p50S.toFixed(2)} s, p95 ${run.p95S.toFixed(2)} s, max ${run.maxS.toFixed(2)} s`);
    log(`lost ${lost}, duplicated ids ${duplicates}, bad signatures ${badSignatures}, events received ${run.received}, failed polls ${run.failedPolls}`);
    return run;
  } finally {
    await receiver.close();
    await env.close();
  }
}

/** The workload of `npm run bench`: BullMQ, as the bench's popgate runs (REDIS_URL set). */
export async function mailToWebhook(profile: BenchProfile, log: (line: string) => void): Promise<WorkloadResult> {
  const { hookAccounts: accounts, hookMessages: messages, hookSpreadS: spreadS, hookLateS: lateS } = profile;
  const r = await measureMailToWebhook({ accounts, messages, spreadS, lateS, bullmq: true, placement: profile.placement, log: (line) => log(`  ${line}`) });
  return {
    id: 9,
    title: `new mail → webhook received, intervalS ${INTERVAL_S} (${r.queue})`,
    popgate: `p50 ${r.p50S.toFixed(2)} s, p95 ${r.p95S.toFixed(2)} s, max ${r.maxS.toFixed(2)} s; ${r.lost} lost, ${r.duplicates} duplicated`,
    baseline: `the poll interval: a message waits up to ${INTERVAL_S} s for its account's next poll`,
    ratio: null,
    target: `p95 ≤ ${TARGET_P95_S} s, 0 lost, 0 duplicated`,
    met: r.met,
    values: { accounts, messages, spreadS, p50S: r.p50S, p95S: r.p95S, maxS: r.maxS, lost: r.lost, duplicates: r.duplicates, badSignatures: r.badSignatures, received: r.received, failedPolls: r.failedPolls },
    notes: [
      `its own Dovecot (${accounts} users), private redis-server and popgate (${profile.placement === 'child' ? 'child process' : 'in process'}, polls and deliveries through ${r.queue}), one webhook (message.received) to a loopback receiver verifying every signature with standardwebhooks; ${messages} messages dropped into the Maildirs (tmp/, then new/) at even steps over ${spreadS} s, round-robin, once every account had its baseline; latency from the drop to the receiver reading the delivery, matched by Subject; ${lateS} s more for late duplicates`,
      ...(r.badSignatures > 0 ? [`${r.badSignatures} bad signatures`] : []),
      ...(r.failedPolls > 0 ? [`${r.failedPolls} failed polls`] : []),
    ],
  };
}
