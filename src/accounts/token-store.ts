import type { ApiToken } from '../models/token';

/** A token as stored: its listing fields and the SHA-256 of its value (hex), never the value. */
export interface StoredToken extends ApiToken {
  digest: string;
}

/** Where API tokens live: beside the accounts (Redis with REDIS_URL, else this process). */
export interface TokenStore {
  create(token: StoredToken): Promise<void>;
  findByDigest(digest: string): Promise<StoredToken | null>;
  /** Oldest first. */
  list(offset: number, limit: number): Promise<{ total: number; items: StoredToken[] }>;
  /** False when there was none. */
  delete(id: string): Promise<boolean>;
}
