import { LRUCache } from 'lru-cache';
import type { Cache } from '../cache/cache';
import { cacheKeys } from '../cache/keys';
import type { Listing } from './listing';
import type { ListQuery, SerializedPage } from './mailbox-service';

const PAGES_PER_LISTING = 64;

/**
 * How long a memoized listing is served without re-reading its version from the shared
 * cache. Bounds how late this instance sees another instance's newer listing or
 * invalidation (this instance's own are seen at once); at thousands of requests a second it
 * saves all but a few cache round trips.
 */
export const LISTING_RECHECK_MS = 250;

/**
 * Cached listings, shared across instances through the cache, memoized in-process by
 * version: a cached request reads one short version key (at most every LISTING_RECHECK_MS
 * per mailbox) and, when nothing changed, re-parses nothing and re-serializes nothing.
 */
export class ListingStore {
  private readonly memo = new LRUCache<string, Memo>({ max: 1000 });

  constructor(private readonly cache: Cache) {}

  /**
   * The memoized listing when it may be served without asking the shared cache (confirmed
   * within LISTING_RECHECK_MS, within its TTL); null when `get` has to look. No I/O.
   */
  peek(mailboxId: string): CachedListing | null {
    const memo = this.memo.get(mailboxId);
    const now = Date.now();
    if (!memo || now - memo.confirmedAt >= LISTING_RECHECK_MS || now >= memo.expiresAt) return null;
    return memo;
  }

  async get(mailboxId: string): Promise<CachedListing | null> {
    const known = this.peek(mailboxId);
    if (known) return known;
    const version = await this.cache.get(cacheKeys.listingVersion(mailboxId));
    if (version === null) return null;
    const now = Date.now();
    let memo = this.memo.get(mailboxId);
    if (memo?.listing.version === version) {
      memo.confirmedAt = now;
      memo.expiresAt = Infinity; // the shared cache still holds it: its TTL is the authority
    } else {
      const json = await this.cache.get(cacheKeys.listing(mailboxId));
      if (json === null) return null;
      const listing = JSON.parse(json) as Listing;
      if (listing.version !== version) return null; // caught between two writes
      memo = new Memo(listing, now, Infinity);
      this.memo.set(mailboxId, memo);
    }
    return memo;
  }

  async put(mailboxId: string, listing: Listing, ttlSeconds: number): Promise<void> {
    const now = Date.now();
    const expiresAt = now + ttlSeconds * 1000;
    const current = this.memo.get(mailboxId);
    // The same listing again (re-cached from the same session): keep its serialized pages.
    if (current?.listing === listing) {
      current.confirmedAt = now;
      current.expiresAt = expiresAt;
    } else {
      this.memo.set(mailboxId, new Memo(listing, now, expiresAt));
    }
    // Listing first, then the version that points at it.
    await this.cache.set(cacheKeys.listing(mailboxId), serialized(listing), ttlSeconds);
    await this.cache.set(cacheKeys.listingVersion(mailboxId), listing.version, ttlSeconds);
  }

  async invalidate(mailboxId: string): Promise<void> {
    this.memo.delete(mailboxId);
    await this.cache.delete(cacheKeys.listingVersion(mailboxId), cacheKeys.listing(mailboxId));
  }
}

/** A listing's JSON, made once per listing object (a session's listing is re-cached as its TTL runs out). */
const serializedListings = new WeakMap<Listing, string>();
function serialized(listing: Listing): string {
  let json = serializedListings.get(listing);
  if (json === undefined) {
    json = JSON.stringify(listing);
    serializedListings.set(listing, json);
  }
  return json;
}

/** A memoized listing and its pages, each serialized once per listing. */
export interface CachedListing {
  listing: Listing;
  /** The page of `query`, made by `build` the first time and kept with the listing. */
  page(query: ListQuery, build: () => SerializedPage): SerializedPage;
  /** The page of `query` if one was kept; never builds. */
  keptPage(query: ListQuery): SerializedPage | undefined;
  /** Keeps a page made elsewhere (with header summaries) for the next request of `query`. */
  keep(query: ListQuery, page: SerializedPage): void;
}

/** A memoized listing, handed out as itself: the hot path allocates nothing per request. */
class Memo implements CachedListing {
  private readonly pages = new Map<string, SerializedPage>();

  constructor(
    readonly listing: Listing,
    /** When the shared cache last confirmed this version (or this instance wrote it). */
    public confirmedAt: number,
    /** The listing's TTL when this instance wrote it; never served past it. */
    public expiresAt: number,
  ) {}

  page(query: ListQuery, build: () => SerializedPage): SerializedPage {
    let page = this.keptPage(query);
    if (!page) {
      page = build();
      this.keep(query, page);
    }
    return page;
  }

  keptPage(query: ListQuery): SerializedPage | undefined {
    return this.pages.get(pageKey(query));
  }

  keep(query: ListQuery, page: SerializedPage): void {
    if (this.pages.size >= PAGES_PER_LISTING) this.pages.clear();
    this.pages.set(pageKey(query), page);
  }
}

function pageKey(query: ListQuery): string {
  const known = frozenPageKeys.get(query);
  if (known !== undefined) return known;
  const key = keyOf(query);
  // Only a frozen query keeps its key: it can never change to name another page.
  if (Object.isFrozen(query)) frozenPageKeys.set(query, key);
  return key;
}

/**
 * The keys of frozen queries — the fast lane's, each shared by every request of its query
 * string — made once, so a cached page's lookup builds no string (and hashes none afresh).
 */
const frozenPageKeys = new WeakMap<ListQuery, string>();

function keyOf(query: ListQuery): string {
  return `${query.offset}:${query.limit}:${query.order}:${query.headers}`;
}
