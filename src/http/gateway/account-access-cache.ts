import { LRUCache } from 'lru-cache';
import type { AccessChanges } from '../../accounts/access-changes';
import type { TokenScope } from '../../models/token';
import type { Pop3Credentials } from '../../pop3/types';
import type { MailboxIdentity } from '../../pool/mailbox-identity';

/**
 * The longest a copy is used without being looked up again: the backstop for a change notice
 * that never arrived. Notices (src/accounts/access-changes.ts) drop copies at once.
 */
export const ACCESS_CACHE_TTL_MS = 1000;
const MAX_ENTRIES = 10_000;

/** What a `pgt_` token grants, as the lane needs it. */
export interface TokenGrant {
  scopes: readonly TokenScope[];
  /** The one account it reaches, or null for every account. */
  account: string | null;
  /** When it stops working (ms since the epoch), or null. */
  expiresAtMs: number | null;
}

interface Entry<T> {
  value: T;
  until: number;
}

export interface AccountAccessCacheOptions {
  ttlMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/**
 * Copies of what the express path looked up for `/accounts/{account}/…` — a token's grant (by
 * the SHA-256 of its value, never the value) and the mailbox identity of an account's
 * credentials (its keyed hashes, never the password) — so the fast lane can answer the next
 * cached read of that account without I/O or hashing. Only what the stores just said is kept,
 * for at most ACCESS_CACHE_TTL_MS, and everything goes on a change notice; while notices are
 * not being received nothing is kept or handed out. Nothing here is logged.
 */
export class AccountAccessCache {
  private readonly tokens = new LRUCache<string, Entry<TokenGrant>>({ max: MAX_ENTRIES });
  private readonly accounts = new LRUCache<string, Entry<MailboxIdentity>>({ max: MAX_ENTRIES });
  /** Counts notices: a lookup that started before one must not be kept after it. */
  private generation = 0;
  private readonly ttlMs: number;
  private readonly now: () => number;

  /** `identify` is the pool's (MailboxService.identify): the identity the lane's memory reads take. */
  constructor(
    private readonly changes: AccessChanges,
    private readonly identify: (credentials: Pop3Credentials) => MailboxIdentity,
    options: AccountAccessCacheOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? ACCESS_CACHE_TTL_MS;
    this.now = options.now ?? Date.now;
    changes.subscribe(() => this.clear());
  }

  /** Taken before a lookup and handed to `remember…`: a notice in between makes it keep nothing. */
  mark(): number {
    return this.generation;
  }

  rememberToken(mark: number, digestHex: string, grant: TokenGrant): void {
    if (this.keeps(mark)) this.tokens.set(digestHex, { value: grant, until: this.now() + this.ttlMs });
  }

  rememberAccount(mark: number, id: string, credentials: Pop3Credentials): void {
    if (this.keeps(mark)) this.accounts.set(id, { value: this.identify(credentials), until: this.now() + this.ttlMs });
  }

  /** The grant of the token with this SHA-256 (hex), while it is known to be live. */
  token(digestHex: string): TokenGrant | undefined {
    return this.fresh(this.tokens, digestHex);
  }

  /** The identity of the account's credentials (on its own server), while they are known to be current. */
  account(id: string): MailboxIdentity | undefined {
    return this.fresh(this.accounts, id);
  }

  private keeps(mark: number): boolean {
    return mark === this.generation && this.changes.live;
  }

  private fresh<T>(entries: LRUCache<string, Entry<T>>, key: string): T | undefined {
    if (!this.changes.live) return undefined;
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    if (this.now() < entry.until) return entry.value;
    entries.delete(key);
    return undefined;
  }

  private clear(): void {
    this.generation += 1;
    this.tokens.clear();
    this.accounts.clear();
  }
}
