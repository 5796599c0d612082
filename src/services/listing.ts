import { createHash, randomUUID } from 'node:crypto';
import type { MessageListItem } from '../models/message';
import type { Pop3Session } from '../pool/session';
import type { ListQuery, SerializedPage } from './mailbox-service';

/** A mailbox's full listing as cached: one session's snapshot, by ascending number. */
export interface Listing {
  /** Changes whenever the listing is rewritten; lets instances memoize the parsed form. */
  version: string;
  snapshotAt: string;
  stableIds: boolean;
  totalSize: number;
  items: MessageListItem[];
}

/**
 * The listing a session saw at login: no I/O, the map was read when the session opened. Made
 * once per session (its snapshot never changes), so re-caching it costs no rebuild and keeps
 * its version, and with it every page already serialized from it.
 */
export function listingOf(session: Pop3Session): Listing {
  let listing = listingsBySession.get(session);
  if (!listing) {
    listing = buildListing(session);
    listingsBySession.set(session, listing);
  }
  return listing;
}

const listingsBySession = new WeakMap<Pop3Session, Listing>();

function buildListing(session: Pop3Session): Listing {
  let totalSize = 0;
  const items = session.entries.map((e) => {
    totalSize += e.size;
    return { id: session.idOf(e.number), number: e.number, size: e.size };
  });
  return {
    version: randomUUID(),
    snapshotAt: new Date(session.createdAt).toISOString(),
    stableIds: session.stableIds,
    totalSize,
    items,
  };
}

/** The items of one page; `desc` puts the newest (highest number) first. */
export function pageItems(listing: Listing, query: ListQuery): MessageListItem[] {
  const { items } = listing;
  if (query.order === 'asc') return items.slice(query.offset, query.offset + query.limit);
  const end = Math.max(items.length - query.offset, 0);
  return items.slice(Math.max(end - query.limit, 0), end).reverse();
}

/** Serializes a page once; the ETag hashes the page's ids and sizes (and headers when shown). */
export function serializePage(listing: Listing, query: ListQuery, items: MessageListItem[]): SerializedPage {
  const json = JSON.stringify({
    total: listing.items.length,
    totalSize: listing.totalSize,
    offset: query.offset,
    limit: query.limit,
    snapshotAt: listing.snapshotAt,
    items,
  });
  const hash = createHash('sha1');
  for (const item of items) hash.update(`${item.id}\0${item.size}\0${item.headers ? JSON.stringify(item.headers) : ''}\n`);
  hash.update(`${listing.items.length}\0${listing.totalSize}`);
  return { json, etag: `"${hash.digest('base64url')}"` };
}
