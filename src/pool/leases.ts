import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { cacheKeys } from '../cache/keys';

/** A slot for one upstream session of one mailbox, held for the session's lifetime. */
export interface Lease {
  release(): Promise<void>;
}

/**
 * Caps upstream sessions per mailbox across every popgate instance. `tryAcquire` never
 * waits: the pool decides how to wait (and for how long).
 */
export interface SessionLeases {
  tryAcquire(mailboxId: string): Promise<Lease | null>;
  /** Another instance is waiting for a slot of this mailbox: idle sessions should go. */
  hasDemand(mailboxId: string): Promise<boolean>;
  /** Say that this instance waits for a slot. */
  signalDemand(mailboxId: string): Promise<void>;
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
  hasDemand(): Promise<boolean> {
    return Promise.resolve(false);
  }
  signalDemand(): Promise<void> {
    return Promise.resolve();
  }
  close(): void {}
}

// Drop expired leases, then take one if fewer than ARGV[1] remain. Atomic in Redis.
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
  return 1
end
return 0`;

/**
 * Leases in a Redis sorted set per mailbox (member: lease id, score: expiry). Held leases
 * are renewed while their session lives; a crashed instance's leases simply expire.
 * If Redis is unreachable the cap falls back to this instance's own (logged as degraded
 * by the cache check): availability over a strict global cap.
 */
export class RedisLeases implements SessionLeases {
  private readonly held = new Map<string, string>(); // lease id -> mailboxId
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

  async tryAcquire(mailboxId: string): Promise<Lease | null> {
    if (this.firstConnection) await this.firstConnection;
    const id = randomUUID();
    const now = Date.now();
    let granted: unknown;
    try {
      granted = await this.redis.eval(ACQUIRE, 1, cacheKeys.leases(mailboxId), this.maxPerMailbox, now + this.ttlMs, now, id, this.ttlMs * 2);
    } catch {
      return { release: () => Promise.resolve() };
    }
    if (granted !== 1) return null;
    this.held.set(id, mailboxId);
    return {
      release: async () => {
        this.held.delete(id);
        await this.redis.zrem(cacheKeys.leases(mailboxId), id).catch(() => undefined);
      },
    };
  }

  async hasDemand(mailboxId: string): Promise<boolean> {
    try {
      return (await this.redis.exists(cacheKeys.leaseDemand(mailboxId))) === 1;
    } catch {
      return false;
    }
  }

  async signalDemand(mailboxId: string): Promise<void> {
    await this.redis.set(cacheKeys.leaseDemand(mailboxId), '1', 'PX', 2000).catch(() => undefined);
  }

  close(): void {
    clearInterval(this.renewTimer);
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
