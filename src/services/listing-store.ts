import { LRUCache } from 'lru-cache';
import type { Cache } from '../cache/cache';
import { cacheKeys } from '../cache/keys';
import type { Listing } from './listing';
import type { ListQuery, SerializedPage } from './types';

interface Memo {
  listing: Listing;
  pages: Map<string, SerializedPage>;
}

const PAGES_PER_LISTING = 64;

/**
 * Cached listings, shared across instances through the cache, memoized in-process by
 * version: a cached request reads one short version key and, when nothing changed,
 * re-parses nothing and re-serializes nothing.
 */
export class ListingStore {
  private readonly memo = new LRUCache<string, Memo>({ max: 1000 });

  constructor(private readonly cache: Cache) {}

  async get(mailboxId: string): Promise<{ listing: Listing; page(query: ListQuery, build: () => SerializedPage): SerializedPage } | null> {
    const version = await this.cache.get(cacheKeys.listingVersion(mailboxId));
    if (version === null) return null;
    let memo = this.memo.get(mailboxId);
    if (memo?.listing.version !== version) {
      const json = await this.cache.get(cacheKeys.listing(mailboxId));
      if (json === null) return null;
      const listing = JSON.parse(json) as Listing;
      if (listing.version !== version) return null; // caught between two writes
      memo = { listing, pages: new Map() };
      this.memo.set(mailboxId, memo);
    }
    return { listing: memo.listing, page: (query, build) => pageOf(memo, query, build) };
  }

  async put(mailboxId: string, listing: Listing, ttlSeconds: number): Promise<void> {
    this.memo.set(mailboxId, { listing, pages: new Map() });
    // Listing first, then the version that points at it.
    await this.cache.set(cacheKeys.listing(mailboxId), JSON.stringify(listing), ttlSeconds);
    await this.cache.set(cacheKeys.listingVersion(mailboxId), listing.version, ttlSeconds);
  }

  async invalidate(mailboxId: string): Promise<void> {
    this.memo.delete(mailboxId);
    await this.cache.delete(cacheKeys.listingVersion(mailboxId), cacheKeys.listing(mailboxId));
  }
}

function pageOf(memo: Memo, query: ListQuery, build: () => SerializedPage): SerializedPage {
  const key = `${query.offset}:${query.limit}:${query.order}`;
  let page = memo.pages.get(key);
  if (!page) {
    page = build();
    if (memo.pages.size >= PAGES_PER_LISTING) memo.pages.clear();
    memo.pages.set(key, page);
  }
  return page;
}
