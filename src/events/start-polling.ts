import type { Logger } from 'pino';
import type { AccountRegistry } from '../accounts/account-registry';
import type { GatewayResources } from '../gateway-resources';
import type { Account } from '../models/account';
import { BullPollScheduler } from './bull-poll-scheduler';
import { LocalPollScheduler } from './local-poll-scheduler';
import { Poller } from './poller';
import { Polling } from './polling';
import type { PollScheduler } from './poll-scheduler';

export interface PollingSettings {
  /** BullMQ job schedulers with Redis; timers in this process without. */
  redisUrl?: string;
  /** Polls one instance runs at once. */
  concurrency?: number;
  /** Messages reported per poll. */
  pageSize?: number;
  /** An account's interval before LOGIN-DELAY (default `poll.intervalS`; tests shorten it). */
  intervalMs?: (account: Account) => number;
  logger?: Logger;
}

/**
 * Starts polling the registered accounts (only where accounts exist, i.e. with POPGATE_SECRET):
 * the scheduler for this deployment, the poller on the gateway's own pool, state stores and
 * event log, hooked to account writes, reported in /metrics and /readyz, and closed by
 * `resources.close()` before the pool.
 */
export async function startPolling(registry: AccountRegistry, resources: GatewayResources, settings: PollingSettings = {}): Promise<Polling> {
  const logger = settings.logger?.child({ component: 'poller' });
  const scheduler: PollScheduler = settings.redisUrl
    ? new BullPollScheduler(settings.redisUrl, { concurrency: settings.concurrency, logger })
    : new LocalPollScheduler(settings.concurrency);
  const poller = new Poller({
    accounts: registry,
    sessions: resources.pool,
    states: resources.pollStates,
    log: resources.eventLog,
    consumeQueue: resources.consumeQueue,
    mailboxChanged: (credentials) => resources.service.mailboxChanged(credentials),
    metrics: resources.metrics,
    logger,
    pageSize: settings.pageSize,
  });
  const polling = new Polling(registry, poller, scheduler, resources.pollStates, resources.consumeQueue, { intervalMs: settings.intervalMs, logger });
  resources.closeFirst(() => polling.close());
  resources.metrics.watchQueue('polls', () => scheduler.stats());
  resources.readiness.watchQueue('polls', () => scheduler.stats());
  registry.watch({
    created: (account) => quietly(() => polling.accountChanged(account), account.id, logger),
    updated: (account) => quietly(() => polling.accountChanged(account, true), account.id, logger),
    deleted: (id) => quietly(() => polling.accountDeleted(id), id, logger),
  });
  await polling.start();
  logger?.info({ scheduler: scheduler.kind }, `polling registered accounts (${scheduler.kind === 'bullmq' ? 'BullMQ job schedulers in Redis, shared by every instance' : 'in-process scheduler, this instance only'})`);
  return polling;
}

/**
 * The account is stored whatever the scheduler says: a failure to (re)schedule is logged, and
 * mended at the next start (every account is rescheduled) or the next poll (a deleted
 * account's poll unschedules it).
 */
async function quietly(work: () => Promise<void>, account: string, logger: Logger | undefined): Promise<void> {
  try {
    await work();
  } catch (err) {
    logger?.warn({ account, err: (err as Error).message }, 'could not update the account’s poll schedule');
  }
}
