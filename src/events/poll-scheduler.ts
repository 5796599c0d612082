import type { QueueStats } from '../queues/queue-stats';

/** Runs one poll of an account; resolves when it is over (it never throws for a failed poll). */
export type PollRunner = (accountId: string) => Promise<void>;

/**
 * When polls run: every account at its interval, one poll of an account at a time, a bounded
 * number at once. BullMQ job schedulers with REDIS_URL (any instance runs any account, one
 * at a time cluster-wide), else timers in this process.
 */
export interface PollScheduler {
  /** `bullmq` or `in-process`, for the start log. */
  readonly kind: string;
  /** Begins running polls with `run`. Call once, before scheduling. */
  start(run: PollRunner): Promise<void>;
  /** Polls the account every `everyMs`, the first time now; rescheduling with the same interval changes nothing. */
  schedule(accountId: string, everyMs: number): Promise<void>;
  /**
   * No more polls of the account. In process it also waits for a running poll of it; with
   * BullMQ one may still be running elsewhere (its state is then ignored by the account's
   * createdAt, and a disabled account shows `disabled` whatever a late poll wrote).
   */
  unschedule(accountId: string): Promise<void>;
  /** One extra poll as soon as a worker is free (more pages wait, or the account changed). */
  pollSoon(accountId: string): Promise<void>;
  /** Due polls not started yet, for /metrics and /readyz. */
  stats(): Promise<QueueStats>;
  /** Stops scheduling and waits for running polls. */
  close(): Promise<void>;
}
