import type { Queue } from 'bullmq';
import { orTimeout } from './deadline';

/** What /metrics and /readyz say of a work queue (polls, webhook deliveries). */
export interface QueueStats {
  /** Jobs not finished yet: due and waiting for a worker, or waiting for their (retry) time. */
  depth: number;
  /** How long the oldest of them has been due, in seconds (0 when none waits). */
  oldestWaitingS: number;
}

/** Reads a queue's figures; implemented by both the BullMQ queues and the in-process ones. */
export type QueueStatsSource = () => Promise<QueueStats>;

/** How long a scrape or /readyz waits for a queue's figures by default (Redis may be away). */
const STATS_TIMEOUT_MS = 1000;

/** The figures of a BullMQ queue, or a rejection after `timeoutMs`. */
export function bullQueueStats(queue: Queue, now: () => number = Date.now, timeoutMs = STATS_TIMEOUT_MS): Promise<QueueStats> {
  return orTimeout(readBullQueue(queue, now), timeoutMs, `the queue ${queue.name} (Redis) did not answer in time`);
}

/** The figures of a BullMQ queue: unfinished jobs, and how long the oldest due one has waited. */
async function readBullQueue(queue: Queue, now: () => number): Promise<QueueStats> {
  const counts = await queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active');
  const waiting = (counts.waiting ?? 0) + (counts.prioritized ?? 0);
  const depth = waiting + (counts.delayed ?? 0) + (counts.active ?? 0);
  if (waiting === 0) return { depth, oldestWaitingS: 0 };
  const [oldest] = await queue.getJobs(['waiting'], 0, 0, true);
  // A delayed job (a scheduler's next poll) became due at its timestamp plus its delay.
  const dueAt = oldest ? oldest.timestamp + (oldest.delay ?? 0) : now();
  return { depth, oldestWaitingS: Math.max(0, (now() - dueAt) / 1000) };
}
