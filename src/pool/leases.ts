import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { cacheKeys } from '../cache/keys';

/** A slot for one upstream session of one mailbox, held for the session's lifetime. */
export interface Lease {
  release(): Promise<void>;
}

/**
 * Caps upstream sessions per mailbox across every popgate instance. `tryAcquire` never
 * waits: the pool decides how to wait (and for how long). A refused `waiter` keeps its place
 * in line while it keeps asking, so slots go to waiters in arrival order whichever instance
 * they wait on; one that gives up calls `leave`.
 */
export interface SessionLeases {
  tryAcquire(mailboxId: string, waiter: string): Promise<Lease | null>;
  /** The waiter stopped waiting: its place in line goes. */
  leave(mailboxId: string, waiter: string): Promise<void>;
  /** Someone waits in line for a slot of this mailbox: sessions here should give theirs up. */
  hasDemand(mailboxId: string): Promise<boolean>;
  /** Resolves when a slot of this mailbox was given back on any instance, or after `ms`. */
  slotFreed(mailboxId: string, ms: number): Promise<void>;
  close(): void;
}

/** One instance, no Redis: counts this process's sessions per mailbox. */
export class LocalLeases implements SessionLeases {
  private readonly counts = new Map<string, number>();

  constructor(private readonly maxPerMailbox: number) {}

  tryAcquire(mailboxId: string): Promise<Lease | null> {
    const count = this.counts.get(mailboxId) ?? 0;
    if (count >= this.maxPerMailbox) return Promise.resolve(null);
    this.counts.set(mailboxId, count + 1);
    let released = false;
    return Promise.resolve({
      release: () => {
        if (!released) {
          released = true;
          const left = (this.counts.get(mailboxId) ?? 1) - 1;
          if (left > 0) this.counts.set(mailboxId, left);
          else this.counts.delete(mailboxId);
        }
        return Promise.resolve();
      },
    });
  }
  leave(): Promise<void> {
    return Promise.resolve();
  }
  hasDemand(): Promise<boolean> {
    return Promise.resolve(false);
  }
  /** The pool wakes its own waiters when it frees a slot; there is nobody else to hear from. */
  slotFreed(_mailboxId: string, ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms).unref());
  }
  close(): void {}
}

/**
 * Atomic in Redis. Drops expired leases and waiters not seen for QUEUE_STALE_MS, then grants
 * a lease if more slots are free than waiters stand ahead of this one; otherwise the waiter
 * joins the line (keeping its first place) and is marked seen. The line is ordered by Redis's
 * own clock in microseconds (scripts run one at a time, so no two arrivals share one), and
 * instances' clocks need not agree.
 * KEYS: leases, line (waiter → arrival µs), seen (waiter → last ask ms).
 * ARGV: max, lease expiry, now (client clock, for leases), lease id, key ttl ms, waiter, stale ms.
 */
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
local time = redis.call('TIME')
local micros = tonumber(time[1]) * 1000000 + tonumber(time[2])
local clock = math.floor(micros / 1000)
for _, gone in ipairs(redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', clock - tonumber(ARGV[7]))) do
  redis.call('ZREM', KEYS[2], gone)
  redis.call('ZREM', KEYS[3], gone)
end
local free = tonumber(ARGV[1]) - redis.call('ZCARD', KEYS[1])
local ahead = redis.call('ZRANK', KEYS[2], ARGV[6]) or redis.call('ZCARD', KEYS[2])
if free > ahead then
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
  redis.call('ZREM', KEYS[2], ARGV[6])
  redis.call('ZREM', KEYS[3], ARGV[6])
  return 1
end
redis.call('ZADD', KEYS[2], 'NX', micros, ARGV[6])
redis.call('ZADD', KEYS[3], clock, ARGV[6])
redis.call('PEXPIRE', KEYS[2], ARGV[5])
redis.call('PEXPIRE', KEYS[3], ARGV[5])
return 0`;

/** Gives a lease back and, when waiters stand in line, tells every instance (they ask again at once). */
const RELEASE = `
redis.call('ZREM', KEYS[1], ARGV[1])
if redis.call('ZCARD', KEYS[2]) > 0 then redis.call('PUBLISH', ARGV[2], ARGV[3]) end
return 0`;

/** A waiter that has not asked again for this long has given up (its instance died): it loses its place. */
const QUEUE_STALE_MS = 3000;

/**
 * Leases in a Redis sorted set per mailbox (member: lease id, score: expiry). Held leases
 * are renewed while their session lives; a crashed instance's leases simply expire.
 * If Redis is unreachable the cap falls back to this instance's own (logged as degraded
 * by the cache check): availability over a strict global cap.
 */
export class RedisLeases implements SessionLeases {
  private readonly held = new Map<string, string>(); // lease id -> mailboxId
  /** Hears of slots freed on any instance; connected when this instance first waits in line. */
  private subscriber: Redis | null = null;
  private readonly freedListeners = new Map<string, Set<() => void>>(); // mailboxId -> wakers
  private readonly renewTimer: NodeJS.Timeout;
  /** Until Redis first answers, a lease waits for it: a new instance must not start uncapped. */
  private firstConnection: Promise<void> | null;

  constructor(
    private readonly redis: Redis,
    private readonly maxPerMailbox: number,
    private readonly ttlMs = 15_000,
    firstConnectWaitMs = 2000,
  ) {
    this.firstConnection =
      redis.status === 'ready'
        ? null
        : new Promise<void>((resolve) => {
            const done = (): void => {
              clearTimeout(timer);
              redis.off('ready', done);
              this.firstConnection = null;
              resolve();
            };
            const timer = setTimeout(done, firstConnectWaitMs);
            timer.unref();
            redis.once('ready', done);
          });
    this.renewTimer = setInterval(() => void this.renewAll(), Math.floor(ttlMs / 3));
    this.renewTimer.unref();
  }

  async tryAcquire(mailboxId: string, waiter: string): Promise<Lease | null> {
    if (this.firstConnection) await this.firstConnection;
    const id = randomUUID();
    const now = Date.now();
    let granted: unknown;
    try {
      granted = await this.redis.eval(
        ACQUIRE,
        3,
        cacheKeys.leases(mailboxId),
        cacheKeys.leaseLine(mailboxId),
        cacheKeys.leaseLineSeen(mailboxId),
        this.maxPerMailbox,
        now + this.ttlMs,
        now,
        id,
        this.ttlMs * 2,
        waiter,
        QUEUE_STALE_MS,
      );
    } catch {
      return { release: () => Promise.resolve() };
    }
    if (granted !== 1) return null;
    this.held.set(id, mailboxId);
    return {
      release: async () => {
        this.held.delete(id);
        await this.redis.eval(RELEASE, 2, cacheKeys.leases(mailboxId), cacheKeys.leaseLine(mailboxId), id, cacheKeys.leaseFreed(), mailboxId).catch(() => undefined);
      },
    };
  }

  async leave(mailboxId: string, waiter: string): Promise<void> {
    await this.redis
      .multi()
      .zrem(cacheKeys.leaseLine(mailboxId), waiter)
      .zrem(cacheKeys.leaseLineSeen(mailboxId), waiter)
      .exec()
      .catch(() => undefined);
  }

  async hasDemand(mailboxId: string): Promise<boolean> {
    try {
      // Stale entries linger until the next acquire drops them: at worst a session is given
      // up (QUIT, a new login later) once more than needed.
      return (await this.redis.zcard(cacheKeys.leaseLine(mailboxId))) > 0;
    } catch {
      return false;
    }
  }

  slotFreed(mailboxId: string, ms: number): Promise<void> {
    this.subscribe();
    return new Promise((resolve) => {
      const listeners = this.freedListeners.get(mailboxId) ?? new Set<() => void>();
      this.freedListeners.set(mailboxId, listeners);
      const wake = (): void => {
        clearTimeout(timer);
        listeners.delete(wake);
        if (listeners.size === 0) this.freedListeners.delete(mailboxId);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      timer.unref();
      listeners.add(wake);
    });
  }

  close(): void {
    clearInterval(this.renewTimer);
    this.subscriber?.disconnect();
  }

  /**
   * A connection of its own, subscribed on every (re)connect; the main client has no offline
   * queue. While the subscription is down, waiters still ask again on their own timers.
   */
  private subscribe(): void {
    if (this.subscriber) return;
    const subscriber = this.redis.duplicate({ autoResubscribe: false, lazyConnect: true });
    // The main client reports outages.
    subscriber.on('error', () => undefined);
    subscriber.on('ready', () => void subscriber.subscribe(cacheKeys.leaseFreed()).catch(() => undefined));
    subscriber.on('message', (_channel: string, mailboxId: string) => {
      for (const wake of [...(this.freedListeners.get(mailboxId) ?? [])]) wake();
    });
    subscriber.connect().catch(() => undefined);
    this.subscriber = subscriber;
  }

  private async renewAll(): Promise<void> {
    const expiry = Date.now() + this.ttlMs;
    await Promise.all(
      [...this.held].map(([id, mailboxId]) =>
        this.redis.zadd(cacheKeys.leases(mailboxId), 'XX', expiry, id).catch(() => undefined),
      ),
    );
  }
}
