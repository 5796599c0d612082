import type { QueueStats } from '../queues/queue-stats';
import type { PollRunner, PollScheduler } from './poll-scheduler';

/**
 * Polls on timers in this process (no REDIS_URL): a due poll waits in a FIFO until one of
 * `concurrency` slots is free; an account is never queued twice nor polled twice at once (a
 * poll asked for while one runs follows it).
 */
export class LocalPollScheduler implements PollScheduler {
  readonly kind = 'in-process';
  private run: PollRunner | null = null;
  private readonly timers = new Map<string, { everyMs: number; timer: NodeJS.Timeout }>();
  /** Due polls not started, oldest first, with when each became due. */
  private readonly due: Array<{ accountId: string; since: number }> = [];
  private readonly running = new Map<string, Promise<void>>();
  /** Accounts asked to poll again while their poll ran. */
  private readonly again = new Set<string>();
  private closed = false;

  constructor(
    private readonly concurrency = 8,
    private readonly now: () => number = Date.now,
  ) {}

  start(run: PollRunner): Promise<void> {
    this.run = run;
    this.pump();
    return Promise.resolve();
  }

  schedule(accountId: string, everyMs: number): Promise<void> {
    const existing = this.timers.get(accountId);
    if (existing?.everyMs === everyMs || this.closed) return Promise.resolve();
    if (existing) clearInterval(existing.timer);
    const timer = setInterval(() => this.enqueue(accountId), everyMs);
    timer.unref();
    this.timers.set(accountId, { everyMs, timer });
    if (!existing) this.enqueue(accountId);
    return Promise.resolve();
  }

  /** Resolves once no poll of the account runs: a state written after this is not a stale poll's. */
  async unschedule(accountId: string): Promise<void> {
    clearInterval(this.timers.get(accountId)?.timer);
    this.timers.delete(accountId);
    this.again.delete(accountId);
    const index = this.due.findIndex((entry) => entry.accountId === accountId);
    if (index >= 0) this.due.splice(index, 1);
    await this.running.get(accountId);
  }

  pollSoon(accountId: string): Promise<void> {
    this.enqueue(accountId);
    return Promise.resolve();
  }

  stats(): Promise<QueueStats> {
    const oldest = this.due[0];
    return Promise.resolve({ depth: this.due.length, oldestWaitingS: oldest ? Math.max(0, (this.now() - oldest.since) / 1000) : 0 });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const { timer } of this.timers.values()) clearInterval(timer);
    this.timers.clear();
    this.due.splice(0);
    this.again.clear();
    await Promise.all(this.running.values());
  }

  private enqueue(accountId: string): void {
    if (this.closed) return;
    if (this.running.has(accountId)) {
      this.again.add(accountId);
      return;
    }
    if (this.due.some((entry) => entry.accountId === accountId)) return;
    this.due.push({ accountId, since: this.now() });
    this.pump();
  }

  private pump(): void {
    const run = this.run;
    if (!run) return;
    while (this.running.size < this.concurrency && this.due.length > 0) {
      const { accountId } = this.due.shift()!;
      const poll = run(accountId)
        .catch(() => undefined)
        .finally(() => {
          this.running.delete(accountId);
          if (this.again.delete(accountId)) this.enqueue(accountId);
          this.pump();
        });
      this.running.set(accountId, poll);
    }
  }
}
