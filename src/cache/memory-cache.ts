import { LRUCache } from 'lru-cache';
import type { Cache, CacheObserver, CacheStatus } from './cache';

/** In-process LRU: the default when REDIS_URL is unset. Bounded by total string length. */
export class MemoryCache implements Cache {
  private readonly lru: LRUCache<string, string>;

  constructor(
    maxChars = 64 * 1024 * 1024,
    private readonly observe: CacheObserver = () => undefined,
  ) {
    this.lru = new LRUCache<string, string>({ maxSize: maxChars, sizeCalculation: (v) => Math.max(1, v.length) });
  }

  get(key: string): Promise<string | null> {
    const value = this.lru.get(key) ?? null;
    this.observe(value === null ? 'miss' : 'hit');
    return Promise.resolve(value);
  }

  async getMany(keys: string[]): Promise<(string | null)[]> {
    return Promise.all(keys.map((k) => this.get(k)));
  }

  set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.lru.set(key, value, { ttl: ttlSeconds * 1000 });
    return Promise.resolve();
  }

  delete(...keys: string[]): Promise<void> {
    for (const key of keys) this.lru.delete(key);
    return Promise.resolve();
  }

  status(): Promise<CacheStatus> {
    return Promise.resolve('ok');
  }

  close(): Promise<void> {
    this.lru.clear();
    return Promise.resolve();
  }
}
