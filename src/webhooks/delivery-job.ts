import type { PopgateEvent } from '../events/event';

/** `POST /webhooks/{id}/test`: delivered like any event, to that webhook only, never logged as an event. */
export interface WebhookTestEvent {
  id: string;
  type: 'webhook.test';
  timestamp: string;
  account: string | null;
  data: { webhook: string };
}

/** The JSON body of a delivery: the event envelope `{id, type, timestamp, account, data}`. */
export type DeliveredEvent = PopgateEvent | WebhookTestEvent;

/** One event for one webhook, retried until it is delivered, refused for good, or out of attempts. */
export interface DeliveryJob {
  webhookId: string;
  event: DeliveredEvent;
  /** Consume mode: the message to queue for deletion once every subscribed webhook acknowledged it. */
  consume: { account: string; uid: string } | null;
}

/**
 * One job per webhook and event: enqueueing it again (dispatch re-reading the log after a
 * crash, two dispatchers racing) adds nothing. BullMQ allows `:` in a custom id only as three parts.
 */
export function deliveryJobId(webhookId: string, eventId: string): string {
  return `deliver:${webhookId}:${eventId}`;
}

/**
 * What a delivery attempt came to: the queue retries `retry` after its backoff (or the
 * receiver's Retry-After); every other outcome is final.
 */
export type AttemptOutcome =
  | { kind: 'delivered' }
  | { kind: 'disabled' }
  | { kind: 'dropped' }
  | { kind: 'retry'; retryAfterMs?: number; error: string };

/** Works one attempt of a job; `attempt` is 1 for the first. */
export type DeliveryProcessor = (job: DeliveryJob, attempt: number) => Promise<AttemptOutcome>;

import type { QueueStats } from '../queues/queue-stats';

export type { QueueStats };

/** Where delivery jobs wait and are worked: BullMQ with Redis, else timers in this process. */
export interface DeliveryQueue {
  /** Adds jobs; a job whose id is queued or was worked recently is not added again. */
  add(jobs: readonly DeliveryJob[]): Promise<void>;
  stats(): Promise<QueueStats>;
  close(): Promise<void>;
}
