import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { AccountStore } from '../accounts/account-store';
import type { SecretBox } from '../accounts/secret-box';
import type { ConsumeQueue } from '../events/consume-queue';
import type { EventLog } from '../events/event-log';
import { bullConnection } from '../queues/connection';
import { settlesWithin } from '../queues/deadline';
import { BullDeliveryQueue } from './bull-delivery-queue';
import { MemoryConsumeAcks, RedisConsumeAcks } from './consume-acks';
import { deliveryAttempt, type DeliveryObserver } from './delivery-attempt';
import type { DeliveryJob, DeliveryQueue, QueueStats } from './delivery-job';
import { MemoryDeliveryLog, RedisDeliveryLog } from './delivery-log';
import { MemoryDispatchState, RedisDispatchState } from './dispatch-state';
import { WebhookDispatcher } from './dispatcher';
import { MemoryDeliveryQueue } from './memory-delivery-queue';
import { DEFAULT_RETRY_SCHEDULE, type RetrySchedule } from './retry-schedule';
import { TargetGuard, type HostResolver } from './target-guard';
import { WebhookRegistry } from './webhook-registry';
import { WebhookSender } from './webhook-sender';
import type { WebhookStore } from './webhook-store';

export interface WebhooksOptions {
  /** REDIS_URL: deliveries on BullMQ, shared state in Redis. Unset: all in this process. */
  redisUrl?: string;
  store: WebhookStore;
  box: SecretBox;
  accounts: AccountStore;
  log: EventLog;
  consumeQueue: ConsumeQueue;
  /** WEBHOOK_TIMEOUT_MS */
  timeoutMs: number;
  /** WEBHOOK_ALLOW_PRIVATE */
  allowPrivate: boolean;
  resolver?: HostResolver;
  schedule?: RetrySchedule;
  /** Attempts in flight per instance (default 200: hundreds of deliveries per second to a fast receiver). */
  concurrency?: number;
  dispatchTickMs?: number;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  observer?: DeliveryObserver;
  logger?: Logger;
}

/** Webhooks, running: the API's registry, the dispatcher, the delivery queue and its worker. */
export interface RunningWebhooks {
  registry: WebhookRegistry;
  queue: DeliveryQueue;
  dispatcher: WebhookDispatcher;
  stats(): Promise<QueueStats>;
  close(): Promise<void>;
  /** Stops at once, as a killed process would: attempts in flight stay locked until another instance takes them over. */
  abandon(): Promise<void>;
}

/** Assembles and starts webhooks (only where accounts exist: POPGATE_SECRET is set). */
export function startWebhooks(options: WebhooksOptions): RunningWebhooks {
  const schedule = options.schedule ?? DEFAULT_RETRY_SCHEDULE;
  const guard = new TargetGuard(options.allowPrivate, options.resolver);
  const sender = new WebhookSender(guard, options.timeoutMs);
  const connections: Redis[] = options.redisUrl ? [bullConnection(options.redisUrl), bullConnection(options.redisUrl), bullConnection(options.redisUrl)] : [];
  for (const connection of connections) connection.on('error', () => undefined); // reported by the worker and /readyz
  const [shared, queueConnection, workerConnection] = connections;
  const deliveries = shared ? new RedisDeliveryLog(shared) : new MemoryDeliveryLog();
  const acks = shared ? new RedisConsumeAcks(shared) : new MemoryConsumeAcks();
  const attempt = deliveryAttempt({
    store: options.store,
    box: options.box,
    sender,
    log: deliveries,
    acks,
    consumeQueue: options.consumeQueue,
    maxAttempts: schedule.maxAttempts,
    observer: options.observer,
    logger: options.logger,
  });
  const concurrency = options.concurrency ?? 200;
  const queue =
    queueConnection && workerConnection
      ? new BullDeliveryQueue({
          queueConnection,
          workerConnection,
          process: attempt,
          schedule,
          concurrency,
          lockDurationMs: options.lockDurationMs,
          stalledIntervalMs: options.stalledIntervalMs,
          closeGraceMs: options.timeoutMs + 1000,
          logger: options.logger,
        })
      : new MemoryDeliveryQueue(attempt, schedule, concurrency, options.logger);
  const registry = new WebhookRegistry({
    store: options.store,
    box: options.box,
    accounts: options.accounts,
    log: options.log,
    guard,
    deliveries,
    enqueue: (job: DeliveryJob) => queue.add([job]),
  });
  const dispatcher = new WebhookDispatcher({
    log: options.log,
    state: shared ? new RedisDispatchState(shared) : new MemoryDispatchState(),
    store: options.store,
    queue,
    acks,
    consumeMode: async (account) => (await options.accounts.get(account))?.poll.deleteAfterDelivery ?? false,
    logger: options.logger,
    tickMs: options.dispatchTickMs,
  });
  dispatcher.start();

  let closing: Promise<void> | undefined;
  return {
    registry,
    queue,
    dispatcher,
    stats: () => queue.stats(),
    close: () =>
      (closing ??= (async () => {
        await dispatcher.close();
        await queue.close();
        sender.close();
        // QUIT only where Redis answers: on a reconnecting client it would wait in the offline queue.
        await Promise.all(connections.map(async (connection) => {
          if (connection.status !== 'ready' || !(await settlesWithin(connection.quit(), 1000))) connection.disconnect();
        }));
      })()),
    abandon: () =>
      (closing ??= (async () => {
        await dispatcher.close();
        if (queue instanceof BullDeliveryQueue) await queue.abandon();
        else await queue.close();
        sender.close();
        for (const connection of connections) connection.disconnect();
      })()),
  };
}
