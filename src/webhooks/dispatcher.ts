import type { Logger } from 'pino';
import { settlesWithin } from '../queues/deadline';
import type { RecordedEvent } from '../events/event';
import { compareCursors, type EventLog } from '../events/event-log';
import type { ConsumeAcks } from './consume-acks';
import type { DeliveryJob, DeliveryQueue } from './delivery-job';
import type { DispatchState } from './dispatch-state';
import { allWebhooks, type StoredWebhook, type WebhookStore } from './webhook-store';

/** How long close() waits for a pass in progress, and for the lock's release. */
const CLOSE_GRACE_MS = 5000;

export interface DispatcherOptions {
  log: EventLog;
  state: DispatchState;
  store: WebhookStore;
  queue: DeliveryQueue;
  acks: ConsumeAcks;
  /** Whether an account is in consume mode (`poll.deleteAfterDelivery`), asked at dispatch time. */
  consumeMode: (account: string) => Promise<boolean>;
  logger?: Logger;
  /** A slow periodic wake-up besides the log's own notifications (they can be missed: another instance held the lock). */
  tickMs?: number;
  /** The dispatch lock's lifetime; renewed at every batch and tick. */
  lockTtlMs?: number;
  /** Events read per batch. */
  batchSize?: number;
}

/**
 * Turns the event log into delivery jobs. One instance at a time (a Redis lock any instance
 * may take over) reads the log from a persisted cursor, in order; for each event and each
 * enabled webhook it matches (type, account, created before the event), it enqueues one job
 * (id per webhook and event, so a batch read again after a crash adds nothing), and only then
 * moves the cursor past it.
 */
export class WebhookDispatcher {
  private unsubscribe: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private readonly tickMs: number;
  private readonly lockTtlMs: number;
  private readonly batchSize: number;

  constructor(private readonly options: DispatcherOptions) {
    this.tickMs = options.tickMs ?? 5000;
    this.lockTtlMs = options.lockTtlMs ?? 30_000;
    this.batchSize = options.batchSize ?? 500;
  }

  start(): void {
    this.unsubscribe = this.options.log.subscribe(() => this.wake());
    this.timer = setInterval(() => this.wake(), this.tickMs);
    this.timer.unref();
    this.wake();
  }

  /** Runs a dispatch pass now, or right after the one running. */
  wake(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass()
      .catch((err: unknown) => this.options.logger?.warn({ err: (err as Error).message }, 'webhook dispatch failed; retrying at the next tick'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
    // A pass or a lock release stuck on a reconnecting Redis must not hold a shutdown: the lock
    // then expires on its own and another instance goes on from the stored cursor.
    if (this.running) await settlesWithin(this.running, CLOSE_GRACE_MS);
    await settlesWithin(this.options.state.release(), CLOSE_GRACE_MS);
  }

  private async pass(): Promise<void> {
    const { log, state, store } = this.options;
    while (!this.closed && (await state.hold(this.lockTtlMs))) {
      const after = (await state.cursor()) ?? undefined;
      const page = await log.page({ after, limit: this.batchSize });
      if (page.expired) this.options.logger?.warn({ after }, 'webhook dispatch fell behind the event log: events dropped by EVENT_RETENTION were not delivered');
      if (page.items.length === 0) {
        if (page.next !== after) await state.advance(page.next);
        return;
      }
      const webhooks = (await allWebhooks(store)).filter((webhook) => webhook.enabled);
      const consumeMode = new Map<string, Promise<boolean>>();
      const jobs: DeliveryJob[] = [];
      for (const event of page.items) jobs.push(...(await this.jobsFor(event, webhooks, consumeMode)));
      await this.options.queue.add(jobs);
      await state.advance(page.next);
    }
  }

  /** The event's jobs; in consume mode, its expected acknowledgements are recorded first. */
  private async jobsFor(recorded: RecordedEvent, webhooks: readonly StoredWebhook[], consumeMode: Map<string, Promise<boolean>>): Promise<DeliveryJob[]> {
    const { cursor, ...event } = recorded;
    const targets = webhooks.filter(
      (webhook) => webhook.events.includes(event.type) && (webhook.account === null || webhook.account === event.account) && compareCursors(cursor, webhook.since) > 0,
    );
    if (targets.length === 0) return [];
    let consume: DeliveryJob['consume'] = null;
    if (event.type === 'message.received') {
      let mode = consumeMode.get(event.account);
      if (!mode) consumeMode.set(event.account, (mode = this.options.consumeMode(event.account)));
      if (await mode) {
        consume = { account: event.account, uid: event.data.id };
        // Recorded before any job exists, so no acknowledgement can come first.
        await this.options.acks.expect(event.id, targets.map((webhook) => webhook.id));
      }
    }
    return targets.map((webhook) => ({ webhookId: webhook.id, event, consume }));
  }
}
