import { cacheKeys } from '../../../src/cache/keys';
import { MemoryCache } from '../../../src/cache/memory-cache';
import type { Listing } from '../../../src/services/listing';
import { LISTING_RECHECK_MS, ListingStore } from '../../../src/services/listing-store';
import type { ListQuery, SerializedPage } from '../../../src/services/mailbox-service';
import { advanceDate, freezeDate } from '../../support/clock';

const MAILBOX = 'mbx-1';
const QUERY: ListQuery = { offset: 0, limit: 10, order: 'desc', headers: false };

function listing(version: string, ids = ['a', 'b']): Listing {
  return {
    version,
    snapshotAt: '2026-01-01T00:00:00.000Z',
    stableIds: true,
    totalSize: ids.length * 100,
    items: ids.map((id, i) => ({ id, number: i + 1, size: 100 })),
  };
}

/** A shared cache (what Redis is between instances) that records the keys it was asked for. */
class SharedCache extends MemoryCache {
  readonly reads: string[] = [];
  readonly writes: { key: string; ttlSeconds: number }[] = [];

  override get(key: string): Promise<string | null> {
    this.reads.push(key);
    return super.get(key);
  }

  override set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.writes.push({ key, ttlSeconds });
    return super.set(key, value, ttlSeconds);
  }
}

const page = (json: string): SerializedPage => ({ json, etag: `"${json}"` });

describe('ListingStore', () => {
  beforeEach(() => freezeDate());
  afterEach(() => jest.useRealTimers());

  it('writes the listing before the version that points at it, both with the given TTL', async () => {
    const cache = new SharedCache();
    await new ListingStore(cache).put(MAILBOX, listing('v1'), 17);
    expect(cache.writes).toEqual([
      { key: cacheKeys.listing(MAILBOX), ttlSeconds: 17 },
      { key: cacheKeys.listingVersion(MAILBOX), ttlSeconds: 17 },
    ]);
  });

  it('serves its own memo without I/O for LISTING_RECHECK_MS, then asks the shared cache again', async () => {
    const cache = new SharedCache();
    const store = new ListingStore(cache);
    const written = listing('v1');
    await store.put(MAILBOX, written, 30);

    advanceDate(LISTING_RECHECK_MS - 1);
    expect(store.peek(MAILBOX)?.listing).toBe(written);
    expect((await store.get(MAILBOX))?.listing).toBe(written);
    expect(cache.reads).toEqual([]);

    advanceDate(1);
    expect(store.peek(MAILBOX)).toBeNull();
    expect((await store.get(MAILBOX))?.listing).toBe(written);
    // Same version: the memo is confirmed by the short version key alone, nothing re-parsed.
    expect(cache.reads).toEqual([cacheKeys.listingVersion(MAILBOX)]);
    expect(store.peek(MAILBOX)?.listing).toBe(written);
  });

  it('memoizes by version: another instance\'s newer listing replaces the memo once the recheck is due', async () => {
    const cache = new SharedCache();
    const mine = new ListingStore(cache);
    const theirs = new ListingStore(cache);
    await mine.put(MAILBOX, listing('v1', ['a', 'b']), 30);
    await theirs.put(MAILBOX, listing('v2', ['b']), 30);

    expect(mine.peek(MAILBOX)?.listing.version).toBe('v1'); // still within its recheck window
    advanceDate(LISTING_RECHECK_MS);
    const seen = await mine.get(MAILBOX);
    expect(seen?.listing).toEqual(listing('v2', ['b']));
    expect(cache.reads.slice(-2)).toEqual([cacheKeys.listingVersion(MAILBOX), cacheKeys.listing(MAILBOX)]);
  });

  it('finds nothing when the shared cache has no version, or a listing of another version (caught between two writes)', async () => {
    const cache = new SharedCache();
    const store = new ListingStore(cache);
    expect(await store.get(MAILBOX)).toBeNull();

    await cache.set(cacheKeys.listing(MAILBOX), JSON.stringify(listing('old')), 30);
    await cache.set(cacheKeys.listingVersion(MAILBOX), 'new', 30);
    expect(await store.get(MAILBOX)).toBeNull();
  });

  it('forgets a listing on invalidate, in memory and in the shared cache', async () => {
    const cache = new SharedCache();
    const store = new ListingStore(cache);
    const other = new ListingStore(cache);
    await store.put(MAILBOX, listing('v1'), 30);
    await store.invalidate(MAILBOX);
    expect(store.peek(MAILBOX)).toBeNull();
    expect(await store.get(MAILBOX)).toBeNull();
    expect(await other.get(MAILBOX)).toBeNull();
  });

  it('builds a page once per listing and query, and keeps it when the same listing is cached again', async () => {
    const store = new ListingStore(new SharedCache());
    const written = listing('v1');
    await store.put(MAILBOX, written, 30);
    const build = jest.fn(() => page('first'));

    const memo = store.peek(MAILBOX)!;
    expect(memo.keptPage(QUERY)).toBeUndefined();
    expect(memo.page(QUERY, build)).toEqual(page('first'));
    expect(memo.page(QUERY, build)).toEqual(page('first'));
    expect(build).toHaveBeenCalledTimes(1);

    await store.put(MAILBOX, written, 30); // re-cached as its TTL runs out: same object
    expect(store.peek(MAILBOX)!.keptPage(QUERY)).toEqual(page('first'));
    await store.put(MAILBOX, listing('v2'), 30); // a new snapshot: its pages are new too
    expect(store.peek(MAILBOX)!.keptPage(QUERY)).toBeUndefined();
  });

  it('keeps pages per query (headers or not), and a bounded number of them', async () => {
    const store = new ListingStore(new SharedCache());
    await store.put(MAILBOX, listing('v1'), 30);
    const memo = store.peek(MAILBOX)!;
    memo.keep(QUERY, page('plain'));
    memo.keep({ ...QUERY, headers: true }, page('with headers'));
    expect(memo.keptPage(QUERY)).toEqual(page('plain'));
    expect(memo.keptPage({ ...QUERY, headers: true })).toEqual(page('with headers'));
    expect(memo.keptPage({ ...QUERY, order: 'asc' })).toBeUndefined();

    // Many distinct pages (a crawler walking offsets) do not grow the memo without bound.
    for (let offset = 1; offset <= 100; offset++) memo.keep({ ...QUERY, offset }, page(`at ${offset}`));
    expect(memo.keptPage(QUERY)).toBeUndefined();
    expect(memo.keptPage({ ...QUERY, offset: 100 })).toEqual(page('at 100'));
  });

  it('finds a page by a frozen query (the fast lane shares them) as by an equal plain one', async () => {
    const store = new ListingStore(new SharedCache());
    await store.put(MAILBOX, listing('v1'), 30);
    const memo = store.peek(MAILBOX)!;
    const frozen = Object.freeze({ ...QUERY, offset: 10 });
    memo.keep({ ...QUERY, offset: 10 }, page('kept by a plain query'));
    expect(memo.keptPage(frozen)).toEqual(page('kept by a plain query'));
    expect(memo.keptPage(frozen)).toEqual(page('kept by a plain query'));
    memo.keep(frozen, page('kept by the frozen one'));
    expect(memo.keptPage({ ...QUERY, offset: 10 })).toEqual(page('kept by the frozen one'));
    // A plain query is read afresh each time: changed, it names another page.
    const plain = { ...QUERY, offset: 10 };
    expect(memo.keptPage(plain)).toEqual(page('kept by the frozen one'));
    plain.offset = 11;
    expect(memo.keptPage(plain)).toBeUndefined();
    expect(memo.keptPage(Object.freeze({ ...QUERY, offset: 11 }))).toBeUndefined();
  });
});
