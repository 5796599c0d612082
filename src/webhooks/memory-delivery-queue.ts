import type { Logger } from 'pino';
import { deliveryJobId, type DeliveryJob, type DeliveryProcessor, type DeliveryQueue, type QueueStats } from './delivery-job';
import { retryDelayMs, type RetrySchedule } from './retry-schedule';

interface Entry {
  id: string;
  job: DeliveryJob;
  attempt: number;
  /** When it became ready to run (ms). */
  readySince: number;
}

/** How many finished job ids are remembered, so a re-read event is not delivered twice. */
const REMEMBERED_IDS = 100_000;

/**
 * Deliveries in this process (no REDIS_URL): the BullMQ queue's behaviour — job-id dedupe,
 * the same retry schedule (timers), a bounded number of attempts in flight — without its
 * durability: pending deliveries are lost at a restart (the start log says so).
 */
export class MemoryDeliveryQueue implements DeliveryQueue {
  private readonly ready: Entry[] = [];
  private readonly known = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private running = 0;
  private scheduled = 0;
  private closed = false;
  private readonly idle = new Set<() => void>();

  constructor(
    private readonly process: DeliveryProcessor,
    private readonly schedule: RetrySchedule,
    private readonly concurrency: number,
    private readonly logger?: Logger,
  ) {}

  add(jobs: readonly DeliveryJob[]): Promise<void> {
    for (const job of jobs) {
      const id = deliveryJobId(job.webhookId, job.event.id);
      if (this.closed || this.known.has(id)) continue;
      this.remember(id);
      this.ready.push({ id, job, attempt: 1, readySince: Date.now() });
    }
    this.pump();
    return Promise.resolve();
  }

  stats(): Promise<QueueStats> {
    const oldest = this.ready[0]?.readySince;
    return Promise.resolve({ depth: this.ready.length + this.scheduled + this.running, oldestWaitingS: oldest === undefined ? 0 : (Date.now() - oldest) / 1000 });
  }

  /** Stops taking jobs, cancels pending retries, and waits for attempts in flight. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.ready.length = 0;
    if (this.running > 0) await new Promise<void>((resolve) => this.idle.add(resolve));
  }

  private pump(): void {
    while (!this.closed && this.running < this.concurrency && this.ready.length > 0) {
      const entry = this.ready.shift()!;
      this.running++;
      void this.work(entry).finally(() => {
        this.running--;
        if (this.running === 0) for (const resolve of this.idle) resolve();
        this.pump();
      });
    }
  }

  private async work(entry: Entry): Promise<void> {
    let retryAfterMs: number | undefined;
    try {
      const outcome = await this.process(entry.job, entry.attempt);
      if (outcome.kind !== 'retry') return;
      retryAfterMs = outcome.retryAfterMs;
    } catch (err) {
      this.logger?.error({ err, event: entry.job.event.id, webhook: entry.job.webhookId }, 'webhook delivery attempt failed unexpectedly');
    }
    if (entry.attempt >= this.schedule.maxAttempts || this.closed) return;
    const delay = retryDelayMs(this.schedule, entry.attempt, retryAfterMs);
    this.scheduled++;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.scheduled--;
      this.ready.push({ ...entry, attempt: entry.attempt + 1, readySince: Date.now() });
      this.pump();
    }, delay);
    this.timers.add(timer);
  }

  private remember(id: string): void {
    this.known.add(id);
    if (this.known.size > REMEMBERED_IDS) this.known.delete(this.known.values().next().value!);
  }
}
