/**
 * The narrow cache the service needs: string values with a TTL. Implementations never
 * throw on a backend failure: a dead cache degrades speed, never correctness.
 */
export interface Cache {
  get(key: string): Promise<string | null>;
  /** One value per key, null where missing (or where the backend failed). */
  getMany(keys: string[]): Promise<(string | null)[]>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  delete(...keys: string[]): Promise<void>;
  /** `ok`, `degraded` (configured but failing), or `disabled`. */
  status(): Promise<CacheStatus>;
  close(): Promise<void>;
}

export type CacheStatus = 'ok' | 'degraded' | 'disabled';

/** Called on every lookup, for metrics. */
export type CacheObserver = (outcome: 'hit' | 'miss' | 'error') => void;
