import { randomUUID } from 'node:crypto';
import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { cacheKeys } from '../cache/keys';
import { bullConnection } from '../queues/connection';
import { orTimeout } from '../queues/deadline';
import { bullQueueStats, type QueueStats } from '../queues/queue-stats';
import type { PollRunner, PollScheduler } from './poll-scheduler';

export const POLL_QUEUE = 'polls';
/** The longest a schedule change waits for Redis. */
const OPERATION_TIMEOUT_MS = 5000;

export interface BullPollSchedulerOptions {
  /** Polls one instance runs at once. */
  concurrency?: number;
  /** How long the per-account lock lives unless renewed (it is renewed every third of it while the poll runs). */
  lockTtlMs?: number;
  logger?: Logger;
}

interface PollJob {
  account: string;
}

/** The per-account lock is taken with SET NX PX and a token only its poll knows; these touch it only while it holds that token. */
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * Polls on BullMQ (REDIS_URL): a job scheduler per account (`poll-<account>`, every interval)
 * on the `polls` queue, a Worker with bounded concurrency on every instance, so any instance
 * runs any account's poll. A job runs once, but a scheduled poll and an extra one could meet on
 * two instances: a per-account lock in Redis (renewed while the poll runs, expiring if its
 * instance dies) makes sure one account is never polled twice at once cluster-wide; a poll
 * that finds it taken is skipped (the running one does the work).
 */
export class BullPollScheduler implements PollScheduler {
  readonly kind = 'bullmq';
  private readonly queueRedis: Redis;
  private readonly workerRedis: Redis;
  private readonly queue: Queue<PollJob>;
  private worker: Worker<PollJob> | null = null;
  private readonly concurrency: number;
  private readonly lockTtlMs: number;
  private closed = false;

  constructor(redisUrl: string, private readonly options: BullPollSchedulerOptions = {}) {
    this.concurrency = options.concurrency ?? 8;
    this.lockTtlMs = options.lockTtlMs ?? 60_000;
    const keepTrying = (): boolean => !this.closed;
    this.queueRedis = bullConnection(redisUrl, { keepTrying });
    this.workerRedis = bullConnection(redisUrl, { keepTrying });
    for (const redis of [this.queueRedis, this.workerRedis]) redis.on('error', () => undefined);
    this.queue = new Queue<PollJob>(POLL_QUEUE, { connection: this.queueRedis, prefix: cacheKeys.bullPrefix() });
    this.queue.on('error', (err) => options.logger?.warn({ err: err.message }, 'poll queue error'));
  }

  /** The Worker connects in the background: a Redis that is away delays polls, not the gateway's start. */
  start(run: PollRunner): Promise<void> {
    this.worker = new Worker<PollJob>(POLL_QUEUE, (job: Job<PollJob>) => this.process(job.data.account, run), {
      connection: this.workerRedis,
      prefix: cacheKeys.bullPrefix(),
      concurrency: this.concurrency,
    });
    this.worker.on('error', (err) => this.options.logger?.warn({ err: err.message }, 'poll worker error'));
    return Promise.resolve();
  }

  schedule(accountId: string, everyMs: number): Promise<void> {
    const id = schedulerId(accountId);
    return this.bounded('schedule', async () => {
      // Upserting an unchanged scheduler would poll at once again: every start would do so.
      if ((await this.queue.getJobScheduler(id))?.every === everyMs) return;
      await this.queue.upsertJobScheduler(id, { every: everyMs }, { name: 'poll', data: { account: accountId }, opts: { removeOnComplete: true, removeOnFail: true } });
    });
  }

  unschedule(accountId: string): Promise<void> {
    return this.bounded('unschedule', async () => {
      await this.queue.removeJobScheduler(schedulerId(accountId));
    });
  }

  pollSoon(accountId: string): Promise<void> {
    // The job id dedupes: asked twice before it runs, it runs once.
    return this.bounded('pollSoon', async () => {
      await this.queue.add('poll', { account: accountId }, { jobId: `soon-${accountId}`, removeOnComplete: true, removeOnFail: true });
    });
  }

  stats(): Promise<QueueStats> {
    return bullQueueStats(this.queue as Queue);
  }

  /** Waits for running polls (the Worker's close); with Redis away, gives up after OPERATION_TIMEOUT_MS and drops the connections. */
  async close(): Promise<void> {
    await this.bounded('close', async () => {
      this.closed = true;
      await this.worker?.close();
      await this.queue.close();
    }).catch(() => {
      this.closed = true;
      // Not awaited: with Redis away BullMQ's own close would wait for it too.
      void this.worker?.close(true).catch(() => undefined);
      void this.queue.close().catch(() => undefined);
    });
    await Promise.all(
      [this.queueRedis, this.workerRedis].map((redis) => (redis.status === 'ready' ? redis.quit().then(() => undefined, () => redis.disconnect()) : Promise.resolve(redis.disconnect()))),
    );
  }

  /**
   * BullMQ's client waits through a Redis outage (it must, for its blocking reads): an
   * account write must not wait with it. Past OPERATION_TIMEOUT_MS the caller gets an error.
   */
  private bounded(what: string, operation: () => Promise<void>): Promise<void> {
    return orTimeout(operation(), OPERATION_TIMEOUT_MS, `the poll queue did not answer ${what} within ${OPERATION_TIMEOUT_MS} ms (is Redis away?)`);
  }

  private async process(accountId: string, run: PollRunner): Promise<void> {
    const key = cacheKeys.pollLock(accountId);
    const token = randomUUID();
    if ((await this.queueRedis.set(key, token, 'PX', this.lockTtlMs, 'NX')) !== 'OK') return;
    const renew = setInterval(() => void this.queueRedis.eval(RENEW, 1, key, token, this.lockTtlMs).catch(() => undefined), Math.floor(this.lockTtlMs / 3));
    try {
      await run(accountId);
    } finally {
      clearInterval(renew);
      await this.queueRedis.eval(RELEASE, 1, key, token).catch(() => undefined);
    }
  }
}

/** BullMQ ids may not hold `:`; account ids never do. */
function schedulerId(accountId: string): string {
  return `poll-${accountId}`;
}
