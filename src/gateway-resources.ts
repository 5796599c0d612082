import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type AccessChanges, LocalAccessChanges, RedisAccessChanges } from './accounts/access-changes';
import type { AccountStore } from './accounts/account-store';
import { MemoryAccountStore } from './accounts/memory-account-store';
import { RedisAccountStore } from './accounts/redis-account-store';
import { MemoryTokenStore } from './accounts/memory-token-store';
import { RedisTokenStore } from './accounts/redis-token-store';
import { RedisStoreConnection } from './accounts/redis-store';
import type { TokenStore } from './accounts/token-store';
import type { Cache } from './cache/cache';
import { MemoryCache } from './cache/memory-cache';
import { RedisCache } from './cache/redis-cache';
import { createRedisClient } from './cache/redis-client';
import type { EventLog } from './events/event-log';
import { MemoryEventLog } from './events/memory-event-log';
import { RedisEventLog } from './events/redis-event-log';
import { MemoryConsumeQueue, RedisConsumeQueue, type ConsumeQueue } from './events/consume-queue';
import { MemoryPollStateStore } from './events/memory-poll-state';
import type { PollStateStore } from './events/poll-state';
import { RedisPollStateStore } from './events/redis-poll-state';
import { Metrics } from './observability/metrics';
import { MemoryWebhookStore } from './webhooks/memory-webhook-store';
import { RedisWebhookStore } from './webhooks/redis-webhook-store';
import type { WebhookStore } from './webhooks/webhook-store';
import { ReadinessProbe } from './observability/readiness';
import { LocalLeases, RedisLeases, type SessionLeases } from './pool/leases';
import { IdentityHasher } from './pool/mailbox-identity';
import { pop3SessionFactory } from './pool/session-factory';
import { SessionPool } from './pool/session-pool';
import type { AuthMethod, Pop3ConnectOptions } from './pop3/types';
import { Pop3MailboxService } from './services/pop3-mailbox-service';

/** What the gateway's moving parts need, independent of where the values came from. */
export interface GatewaySettings {
  upstream: Omit<Pop3ConnectOptions, 'onCommand'>;
  auth: AuthMethod;
  pool: { maxPerMailbox: number; maxTotal: number; maxAgeMs: number; idleMs: number };
  /** Unset: the in-process LRU cache, and no cross-instance leases. */
  redisUrl?: string;
  cacheTtlS: number;
  /** New-mail events; absent, the log keeps DEFAULT_EVENT_RETENTION events. */
  events?: { retention: number };
}

/** EVENT_RETENTION's default. */
export const DEFAULT_EVENT_RETENTION = 100_000;

/** Everything the app runs on; close() releases exactly what createResources opened. */
export interface GatewayResources {
  service: Pop3MailboxService;
  pool: SessionPool;
  cache: Cache;
  readiness: ReadinessProbe;
  metrics: Metrics;
  /** Registered accounts: in Redis with REDIS_URL (shared, kept across restarts), else in this process. */
  accountStore: AccountStore;
  /** API tokens, beside the accounts. */
  tokenStore: TokenStore;
  /** The event log pollers append to and webhooks, /events and SSE read: a Redis Stream with REDIS_URL (shared by every instance), else in this process. */
  eventLog: EventLog;
  /** Notices of revoked tokens and changed accounts, to every instance that shares the stores. */
  accessChanges: AccessChanges;
  /** Redis as a store (waits for a reconnecting client, fails rather than queues); null without REDIS_URL. OAuth2 tokens are shared through it. */
  storeConnection: RedisStoreConnection | null;
  /** Webhooks, beside the accounts. */
  webhookStore: WebhookStore;
  /** Consume mode: UIDLs whose delivery every webhook acknowledged, waiting for the poller's DELE. */
  consumeQueue: ConsumeQueue;
  /** The poller's state and seen-set of each account, apart from the account itself. */
  pollStates: PollStateStore;
  /** Something built on these resources (the poller) that must stop before they close: close() runs it first. */
  closeFirst(close: () => Promise<void>): void;
  close(): Promise<void>;
}

export function createResources(settings: GatewaySettings, logger?: Logger): GatewayResources {
  // Read at scrape time, which comes only after the pool below exists.
  const metrics = new Metrics(() => pool.stats());
  const upstream: Pop3ConnectOptions = { ...settings.upstream, onCommand: metrics.observePop3 };

  let redis: Redis | undefined;
  let cache: Cache;
  let leases: SessionLeases;
  let accountStore: AccountStore;
  let tokenStore: TokenStore;
  let eventLog: EventLog;
  const retention = settings.events?.retention ?? DEFAULT_EVENT_RETENTION;
  let accessChanges: AccessChanges;
  let storeConnection: RedisStoreConnection | null = null;
  let webhookStore: WebhookStore;
  let pollStates: PollStateStore;
  let consumeQueue: ConsumeQueue;
  if (settings.redisUrl) {
    let reported = false;
    redis = createRedisClient(settings.redisUrl, (err) => {
      // One line per outage, not one per reconnect attempt.
      if (!reported) logger?.warn({ err: err.message }, 'redis unavailable: serving uncached until it returns');
      reported = true;
    });
    redis.on('ready', () => {
      if (reported) logger?.info('redis available again');
      reported = false;
    });
    cache = new RedisCache(redis, metrics.observeCache);
    leases = new RedisLeases(redis, settings.pool.maxPerMailbox);
    accountStore = new RedisAccountStore(redis);
    tokenStore = new RedisTokenStore(redis);
    eventLog = new RedisEventLog(redis, { retention });
    accessChanges = new RedisAccessChanges(redis);
    storeConnection = new RedisStoreConnection(redis);
    webhookStore = new RedisWebhookStore(redis);
    pollStates = new RedisPollStateStore(redis);
    consumeQueue = new RedisConsumeQueue(redis);
  } else {
    cache = new MemoryCache(undefined, metrics.observeCache);
    leases = new LocalLeases(settings.pool.maxPerMailbox);
    accountStore = new MemoryAccountStore();
    tokenStore = new MemoryTokenStore();
    eventLog = new MemoryEventLog(retention);
    accessChanges = new LocalAccessChanges();
    webhookStore = new MemoryWebhookStore();
    pollStates = new MemoryPollStateStore();
    consumeQueue = new MemoryConsumeQueue();
  }
  const dependents: Array<() => Promise<void>> = [];

  const pool = new SessionPool(
    new IdentityHasher(`${upstream.host}:${upstream.port}`),
    pop3SessionFactory(upstream, settings.auth),
    { ...settings.pool, waitTimeoutMs: upstream.timeoutMs },
    leases,
    { waited: (ms) => metrics.poolWait.observe(ms / 1000) },
  );
  const service = new Pop3MailboxService(pool, cache, {
    cacheTtlS: settings.cacheTtlS,
    maxSnapshotAgeMs: settings.pool.maxAgeMs,
    maxMessageBytes: upstream.maxMessageBytes,
  });
  const readiness = new ReadinessProbe(upstream, () => (settings.redisUrl ? cache.status() : Promise.resolve('disabled')));

  return {
    service,
    pool,
    cache,
    readiness,
    metrics,
    accountStore,
    tokenStore,
    eventLog,
    accessChanges,
    storeConnection,
    webhookStore,
    consumeQueue,
    pollStates,
    closeFirst(close) {
      dependents.push(close);
    },
    async close() {
      for (const close of dependents.splice(0).reverse()) await close();
      await eventLog.close();
      await pool.close();
      await accessChanges.close();
      await cache.close();
      if (redis) await redis.quit().catch(() => redis?.disconnect());
    },
  };
}
