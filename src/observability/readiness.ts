import { Pop3Client } from '../pop3/client';
import type { Pop3ConnectOptions } from '../pop3/types';
import type { CacheStatus } from '../cache/cache';

export interface ReadinessReport {
  ok: boolean;
  checks: { redis: CacheStatus; upstream: 'ok' | 'unreachable'; upstreamCheckedAt: string };
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

  constructor(
    private readonly connect: Pop3ConnectOptions,
    private readonly cacheStatus: () => Promise<CacheStatus>,
    private readonly probeEveryMs = 10_000,
  ) {}

  async check(): Promise<ReadinessReport> {
    const [redis, upstream] = await Promise.all([this.cacheStatus(), this.upstreamOk()]);
    return {
      ok: upstream,
      checks: { redis, upstream: upstream ? 'ok' : 'unreachable', upstreamCheckedAt: new Date(this.last?.at ?? Date.now()).toISOString() },
    };
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
