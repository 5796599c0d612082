/**
 * What the polling workloads (8, 9) share: a Dovecot with one passwd user per account, an
 * optional private redis-server (BullMQ), popgate pointed at both, the accounts registered
 * for polling, and popgate's poll counters read from /metrics.
 */
import { startDovecot, type DovecotServer, type DovecotUser } from '../test/support/dovecot';
import { startRedis } from '../test/support/redis-server';
import { closeAll, type Closers, scratchDir, startGatewayFor } from './environment';
import { postJson, timedGet } from './load';
import type { Placement, ServerUnderTest } from './servers';

/** What a run over polled accounts is told. */
export interface PolledRunOptions {
  accounts: number;
  /** Poll (and deliver) through BullMQ on a private redis-server; else in process, no REDIS_URL. */
  bullmq: boolean;
  placement: Placement;
  /** Progress, a line at a time. */
  log: (line: string) => void;
}

export interface PolledEnvironment {
  dovecot: DovecotServer;
  popgate: ServerUnderTest;
  /** `Authorization: Bearer <admin token>` */
  admin: Record<string, string>;
  /** 'BullMQ' or 'in process', for the reports. */
  queue: string;
  close(): Promise<void>;
}

/** Dovecot with `users`, popgate on it (with a private redis-server when `bullmq`), and `env` for popgate. */
export async function startPolledEnvironment(opts: { users: DovecotUser[]; bullmq: boolean; placement: Placement; env?: Record<string, string> }): Promise<PolledEnvironment> {
  const closers: Closers = [];
  try {
    const tmpDir = await scratchDir(closers, 'popgate-bench-poll-');
    const dovecot = await startDovecot({ users: opts.users });
    closers.push(() => dovecot.close());
    const env = { ...opts.env };
    if (opts.bullmq) {
      const redis = await startRedis();
      closers.push(() => redis.close());
      env.REDIS_URL = redis.url;
    }
    const { popgate, adminToken } = await startGatewayFor(dovecot, tmpDir, opts.placement, env, closers);
    return { dovecot, popgate, admin: { authorization: `Bearer ${adminToken}` }, queue: opts.bullmq ? 'BullMQ' : 'in process', close: () => closeAll(closers) };
  } catch (err) {
    await closeAll(closers);
    throw err;
  }
}

/** Registers Dovecot user `user` as account `user.name`, polled every `intervalS` (no login check). */
export async function registerPolled(env: PolledEnvironment, user: DovecotUser, intervalS: number): Promise<void> {
  await postJson(`${env.popgate.url}/accounts?verify=false`, env.admin, {
    id: user.name,
    pop3: { host: env.dovecot.host, port: env.dovecot.pop3sPort, user: user.name, password: user.password },
    poll: { intervalS },
  });
}

async function metricsText(env: PolledEnvironment): Promise<string> {
  const res = await timedGet(`${env.popgate.url}/metrics`, env.admin, true);
  if (res.status !== 200) throw new Error(`GET /metrics: ${res.status}`);
  return res.body!.toString('utf8');
}

/** popgate_polls_total{outcome} (ok, failed, disabled, gone) */
export async function polls(env: PolledEnvironment, outcome: string): Promise<number> {
  return Number(new RegExp(`^popgate_polls_total\\{outcome="${outcome}"\\} (\\d+)`, 'm').exec(await metricsText(env))?.[1] ?? 0);
}

/** The mean of popgate_poll_duration_seconds so far. */
export async function meanPollSeconds(env: PolledEnvironment): Promise<number> {
  const text = await metricsText(env);
  const sum = Number(/^popgate_poll_duration_seconds_sum (\S+)/m.exec(text)?.[1] ?? 0);
  const count = Number(/^popgate_poll_duration_seconds_count (\S+)/m.exec(text)?.[1] ?? 0);
  return count === 0 ? 0 : sum / count;
}
