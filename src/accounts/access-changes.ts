import type { Redis } from 'ioredis';
import { cacheKeys } from '../cache/keys';

/**
 * "Who may reach which account changed": a token was revoked, an account was changed or
 * deleted. Copies of tokens and accounts kept in memory (the fast lane's, src/http/gateway/
 * account-access-cache.ts) are dropped on every notice, so a revocation holds at the next
 * request on every instance, as the contract says. The notice carries nothing: every copy is
 * dropped, which is cheap because such writes are rare.
 */
export interface AccessChanges {
  /** Tells every instance (this one synchronously, before it resolves). */
  announce(): Promise<void>;
  /** `listener` runs on every notice, and whenever notices may have been missed (a lost connection). */
  subscribe(listener: () => void): void;
  /** Whether notices are being received now: while not, nothing kept in memory may be trusted. */
  readonly live: boolean;
  close(): Promise<void>;
}

/** One process (accounts in memory): a notice reaches every listener before announce returns. */
export class LocalAccessChanges implements AccessChanges {
  private readonly listeners: (() => void)[] = [];

  get live(): boolean {
    return true;
  }

  announce(): Promise<void> {
    this.notify();
    return Promise.resolve();
  }

  subscribe(listener: () => void): void {
    this.listeners.push(listener);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  protected notify(): void {
    for (const listener of this.listeners) listener();
  }
}

/**
 * Every instance on one Redis: a notice is published on a channel each instance subscribes to
 * on a connection of its own. Redis writes it to every subscriber before it answers the
 * PUBLISH, so it is on its way to every instance before the write that caused it is answered.
 * Pub/sub keeps nothing for a subscriber that is away: while the subscription is down the
 * instance is not `live` (nothing in memory is used), and losing it counts as a notice.
 */
export class RedisAccessChanges extends LocalAccessChanges {
  private readonly subscriber: Redis;
  private subscribed = false;
  private readonly channel = cacheKeys.accessChanges();

  constructor(private readonly redis: Redis) {
    super();
    // Connected when the first listener subscribes: a gateway without accounts never opens it.
    this.subscriber = redis.duplicate({ autoResubscribe: false, lazyConnect: true });
    // The main client reports outages; a second line per outage would say nothing new.
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('ready', () => {
      this.subscriber.subscribe(this.channel).then(
        () => {
          this.subscribed = true;
          // Anything announced while the subscription was down was missed.
          this.notify();
        },
        () => undefined,
      );
    });
    this.subscriber.on('close', () => {
      this.subscribed = false;
      this.notify();
    });
    this.subscriber.on('message', (channel: string) => {
      if (channel === this.channel) this.notify();
    });
  }

  override get live(): boolean {
    return this.subscribed;
  }

  override subscribe(listener: () => void): void {
    super.subscribe(listener);
    if (this.subscriber.status === 'wait') this.subscriber.connect().catch(() => undefined);
  }

  override async announce(): Promise<void> {
    this.notify();
    // The write is done either way: a notice that cannot be sent leaves the other instances'
    // copies to their lifetime (at most a second, ACCESS_CACHE_TTL_MS), not the write undone.
    await this.redis.publish(this.channel, '1').catch(() => undefined);
  }

  override async close(): Promise<void> {
    this.subscribed = false;
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }
}
