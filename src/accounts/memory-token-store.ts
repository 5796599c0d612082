import type { StoredToken, TokenStore } from './token-store';

/**
 * Tokens in this process only, like MemoryAccountStore's accounts: kept as JSON, so a caller
 * never holds the stored record, and indexed by digest, which every authenticated request
 * looks up.
 */
export class MemoryTokenStore implements TokenStore {
  /** By id; insertion order is creation order. */
  private readonly tokens = new Map<string, string>();
  private readonly idByDigest = new Map<string, string>();

  create(token: StoredToken): Promise<void> {
    this.tokens.set(token.id, JSON.stringify(token));
    this.idByDigest.set(token.digest, token.id);
    return Promise.resolve();
  }

  findByDigest(digest: string): Promise<StoredToken | null> {
    const id = this.idByDigest.get(digest);
    return Promise.resolve(id === undefined ? null : this.read(id));
  }

  list(offset: number, limit: number): Promise<{ total: number; items: StoredToken[] }> {
    const ids = [...this.tokens.keys()];
    return Promise.resolve({ total: ids.length, items: ids.slice(offset, offset + limit).flatMap((id) => this.read(id) ?? []) });
  }

  delete(id: string): Promise<boolean> {
    const token = this.read(id);
    if (!token) return Promise.resolve(false);
    this.tokens.delete(id);
    this.idByDigest.delete(token.digest);
    return Promise.resolve(true);
  }

  private read(id: string): StoredToken | null {
    const json = this.tokens.get(id);
    return json === undefined ? null : (JSON.parse(json) as StoredToken);
  }
}
