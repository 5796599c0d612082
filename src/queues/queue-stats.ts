import type { Queue } from 'bullmq';

/** What /metrics and /readyz say of a work queue (polls, webhook deliveries). */
export interface QueueStats {
  /** Jobs due and not started yet. */
  waiting: number;
  /** How long the oldest of them has been due, in seconds (0 when none waits). */
  oldestWaitingS: number;
}

/** Reads a queue's figures; implemented by both the BullMQ queues and the in-process ones. */
export type QueueStatsSource = () => Promise<QueueStats>;

/** How long a scrape or /readyz waits for a queue's figures (Redis may be away). */
const STATS_TIMEOUT_MS = 1000;

/** The figures of a BullMQ queue, or a rejection after STATS_TIMEOUT_MS. */
export function bullQueueStats(queue: Queue, now: () => number = Date.now): Promise<QueueStats> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the queue did not answer in time')), STATS_TIMEOUT_MS);
  });
  return Promise.race([readBullQueue(queue, now), timeout]).finally(() => clearTimeout(timer));
}

/** The figures of a BullMQ queue: waiting (and prioritized) jobs, and how long the oldest has been due. */
async function readBullQueue(queue: Queue, now: () => number): Promise<QueueStats> {
  const counts = await queue.getJobCounts('waiting', 'prioritized');
  const waiting = (counts.waiting ?? 0) + (counts.prioritized ?? 0);
  if (waiting === 0) return { waiting, oldestWaitingS: 0 };
  const [oldest] = await queue.getJobs(['waiting'], 0, 0, true);
  // A delayed job (a scheduler's next poll) became due at its timestamp plus its delay.
  const dueAt = oldest ? oldest.timestamp + (oldest.delay ?? 0) : now();
  return { waiting, oldestWaitingS: Math.max(0, (now() - dueAt) / 1000) };
}
