import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { cacheKeys } from '../cache/keys';
import { bullQueueStats } from '../queues/queue-stats';
import { settlesWithin } from '../queues/deadline';
import { deliveryJobId, type DeliveryJob, type DeliveryProcessor, type DeliveryQueue, type QueueStats } from './delivery-job';
import { retryDelayMs, type RetrySchedule } from './retry-schedule';

export const DELIVERY_QUEUE = 'deliveries';
const BACKOFF_TYPE = 'webhook';
/** Finished jobs stay this long, so enqueueing an event again (a crash between enqueue and cursor) adds nothing. */
const KEEP_COMPLETED = { age: 24 * 3600, count: 10_000 };
const KEEP_FAILED = { age: 7 * 24 * 3600 };
/** /metrics and /readyz do not wait longer than this for the queue's figures. */
const STATS_TIMEOUT_MS = 2000;

/** A failed attempt, thrown so BullMQ retries; the backoff strategy reads its Retry-After. */
class RetryLater extends Error {
  override readonly name = 'RetryLater';
  constructor(
    message: string,
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
  }
}

export interface BullDeliveryQueueOptions {
  /** Two clients from bullConnection(): one for the queue, one for the worker (which duplicates it for blocking reads). */
  queueConnection: Redis;
  workerConnection: Redis;
  process: DeliveryProcessor;
  schedule: RetrySchedule;
  /** Attempts in flight on this instance. */
  concurrency: number;
  /** A job's lock: if its instance dies, another takes the job over after about this long (BullMQ's stall check). */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** How long close() waits for attempts in flight (WEBHOOK_TIMEOUT_MS and a little more). */
  closeGraceMs?: number;
  logger?: Logger;
}

/**
 * Deliveries on BullMQ: durable in Redis, worked by any instance, retried on the RetrySchedule
 * (a custom backoff strategy that honours Retry-After). A job id per webhook and event makes a
 * second enqueue a no-op; a job whose instance died mid-attempt is stalled and taken over by
 * another instance, which delivers it with the same webhook-id (at least once).
 */
export class BullDeliveryQueue implements DeliveryQueue {
  private readonly queue: Queue;
  private readonly worker: Worker;

  constructor(private readonly options: BullDeliveryQueueOptions) {
    const prefix = cacheKeys.bullPrefix();
    this.queue = new Queue(DELIVERY_QUEUE, { connection: options.queueConnection, prefix });
    this.worker = new Worker(DELIVERY_QUEUE, (job: Job<DeliveryJob>) => this.work(job), {
      connection: options.workerConnection,
      prefix,
      concurrency: options.concurrency,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      maxStalledCount: 2,
      settings: { backoffStrategy: (attemptsMade, _type, err) => retryDelayMs(options.schedule, attemptsMade, (err as RetryLater | undefined)?.retryAfterMs) },
    });
    // Redis outages surface here once per failed command or reconnect; /readyz reports the queue meanwhile.
    this.worker.on('error', (err) => options.logger?.debug({ err: err.message }, 'webhook delivery worker: Redis error'));
    this.queue.on('error', (err) => options.logger?.debug({ err: err.message }, 'webhook delivery queue: Redis error'));
  }

  async add(jobs: readonly DeliveryJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue.addBulk(
      jobs.map((job) => ({
        name: job.event.type,
        data: job,
        opts: {
          jobId: deliveryJobId(job.webhookId, job.event.id),
          attempts: this.options.schedule.maxAttempts,
          backoff: { type: BACKOFF_TYPE },
          removeOnComplete: KEEP_COMPLETED,
          removeOnFail: KEEP_FAILED,
        },
      })),
    );
  }

  /** @throws when Redis does not answer within STATS_TIMEOUT_MS (the queue's client would wait for it forever) */
  stats(): Promise<QueueStats> {
    return bullQueueStats(this.queue, Date.now, STATS_TIMEOUT_MS);
  }

  /**
   * Finishes attempts in flight, then closes. BullMQ's worker.close() never settles when called
   * while its connections are reconnecting (after a Redis restart), so it waits for them to be
   * ready first, and for at most `closeGraceMs` each step; past that the caller's disconnect
   * ends it, and a job left active is taken over by another instance like a crashed one's.
   */
  async close(): Promise<void> {
    const grace = this.options.closeGraceMs ?? 15_000;
    await settlesWithin(Promise.all([readyOf(this.options.workerConnection), readyOf(this.options.queueConnection)]), grace);
    if (!(await settlesWithin(this.worker.close(), grace))) {
      this.options.logger?.warn('webhook delivery worker did not close in time (Redis reconnecting?): leaving its jobs to another instance');
    }
    await settlesWithin(this.queue.close(), grace);
  }

  /** Stops at once, leaving attempts in flight locked: what a killed instance leaves behind (tests). */
  async abandon(): Promise<void> {
    await settlesWithin(this.worker.close(true), 1000);
    await settlesWithin(this.queue.close(), 1000);
  }

  private async work(job: Job<DeliveryJob>): Promise<void> {
    const outcome = await this.options.process(job.data, job.attemptsMade + 1);
    if (outcome.kind === 'retry') throw new RetryLater(outcome.error, outcome.retryAfterMs);
  }
}

/** Resolves once the client is connected and ready (at once when it is). */
function readyOf(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => redis.once('ready', () => resolve()));
}
