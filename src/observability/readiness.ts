import { Pop3Client } from '../pop3/client';
import type { Pop3ConnectOptions } from '../pop3/types';
import type { CacheStatus } from '../cache/cache';
import type { QueueStatsSource } from '../queues/queue-stats';

/** A job queue as /readyz reports it; `unavailable` (Redis away) does not fail readiness. */
export type QueueCheck = { status: 'ok'; depth: number; oldestWaitingS: number } | { status: 'unavailable' };

export interface ReadinessReport {
  ok: boolean;
  checks: { redis: CacheStatus; upstream: 'ok' | 'unreachable'; upstreamCheckedAt: string; queues?: Record<string, QueueCheck> };
}

/**
 * /readyz: the cache's state and whether the upstream greets us. The upstream probe (TLS
 * handshake + greeting, then QUIT, no login) runs at most once per `probeEveryMs`, so a
 * readiness poller can't turn into load on the POP3 server. A degraded cache is reported
 * but doesn't fail readiness: requests still work, uncached.
 */
export class ReadinessProbe {
  private last: { ok: boolean; at: number } | null = null;
  private running: Promise<boolean> | null = null;
  private readonly queues = new Map<string, QueueStatsSource>();

  constructor(
    private readonly connect: Pop3ConnectOptions,
    private readonly cacheStatus: () => Promise<CacheStatus>,
    private readonly probeEveryMs = 10_000,
  ) {}

  /**
   * Reports a work queue (polls, webhook deliveries) under `checks.queues`. A queue never fails
   * readiness: a busy one is work waiting, not an instance that cannot serve.
   */
  watchQueue(queue: string, source: QueueStatsSource): void {
    this.queues.set(queue, source);
  }

  async check(): Promise<ReadinessReport> {
    const [redis, upstream, queues] = await Promise.all([this.cacheStatus(), this.upstreamOk(), this.queueChecks()]);
    return {
      ok: upstream,
      checks: {
        redis,
        upstream: upstream ? 'ok' : 'unreachable',
        upstreamCheckedAt: new Date(this.last?.at ?? Date.now()).toISOString(),
        ...(queues && { queues }),
      },
    };
  }

  private async queueChecks(): Promise<Record<string, QueueCheck> | null> {
    if (this.queues.size === 0) return null;
    const entries = await Promise.all(
      [...this.queues].map(async ([name, stats]): Promise<[string, QueueCheck]> => {
        try {
          return [name, { status: 'ok', ...(await stats()) }];
        } catch {
          return [name, { status: 'unavailable' }];
        }
      }),
    );
    return Object.fromEntries(entries);
  }

  private upstreamOk(): Promise<boolean> {
    if (this.last && Date.now() - this.last.at < this.probeEveryMs) return Promise.resolve(this.last.ok);
    this.running ??= this.probe().then((ok) => {
      this.last = { ok, at: Date.now() };
      this.running = null;
      return ok;
    });
    return this.running;
  }

  private async probe(): Promise<boolean> {
    try {
      const client = await Pop3Client.connect({ ...this.connect, timeoutMs: Math.min(this.connect.timeoutMs, 5000) });
      await client.quit().catch(() => client.destroy());
      return true;
    } catch {
      return false;
    }
  }
}
