import type { StoredToken, TokenStore } from './token-store';

/** Tokens in this process only, like MemoryAccountStore's accounts. */
export class MemoryTokenStore implements TokenStore {
  /** Insertion order is creation order. */
  private readonly tokens = new Map<string, StoredToken>();

  create(token: StoredToken): Promise<void> {
    this.tokens.set(token.id, { ...token });
    return Promise.resolve();
  }

  findByDigest(digest: string): Promise<StoredToken | null> {
    const found = [...this.tokens.values()].find((token) => token.digest === digest);
    return Promise.resolve(found ? { ...found } : null);
  }

  list(offset: number, limit: number): Promise<{ total: number; items: StoredToken[] }> {
    const all = [...this.tokens.values()];
    return Promise.resolve({ total: all.length, items: all.slice(offset, offset + limit).map((token) => ({ ...token })) });
  }

  delete(id: string): Promise<boolean> {
    return Promise.resolve(this.tokens.delete(id));
  }
}
