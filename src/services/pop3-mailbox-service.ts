import { PassThrough, type Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { Cache } from '../cache/cache';
import { cacheKeys, HEADER_SUMMARY_TTL_S } from '../cache/keys';
import type { HeaderSummary, MessageHeaders, MessageListItem, ParsedMessage } from '../models/message';
import type { MailboxCapabilities, MailboxStat } from '../models/mailbox';
import { Pop3ProtocolError, Pop3ServerError } from '../pop3/errors';
import type { Pop3Credentials } from '../pop3/types';
import type { MailboxIdentity } from '../pool/mailbox-identity';
import type { Pop3Session } from '../pool/session';
import { isStaleSnapshotRefusal } from '../pool/errors';
import type { SessionHandle, SessionPool } from '../pool/session-pool';
import { AttachmentNotFoundError, DeletionNotCommittedError, MessageNotFoundError, MessageOverLimitError } from './errors';
import { parseHeaderBlock, summarize } from './header-block';
import { listingOf, pageItems, serializePage, type Listing } from './listing';
import { type CachedListing, ListingStore } from './listing-store';
import { parseMessage } from './message-parser';
import type { AttachmentContent, ListQuery, MailboxAccess, MailboxService, MessageLocation, RawMessage, SerializedPage } from './mailbox-service';

export interface MailboxServiceOptions {
  /** CACHE_TTL_S */
  cacheTtlS: number;
  /** SESSION_MAX_AGE_MS: a cached listing never outlives the snapshot age limit either. */
  maxSnapshotAgeMs: number;
  /** MAX_MESSAGE_BYTES */
  maxMessageBytes: number;
}

/** A pooled session older than this that lacks an id gets a second look on a fresh one. */
const RECHECK_AFTER_MS = 1000;

/**
 * The mailbox operations behind every endpoint: sessions from the pool, listings from the
 * cache (only for a credential the upstream accepted), ids mapped to numbers only on the
 * session whose listing produced them.
 */
export class Pop3MailboxService implements MailboxService {
  private readonly listings: ListingStore;
  /** Upstream listings being fetched, by credential key (see listUpstream). */
  private readonly listingsInFlight = new Map<string, Promise<Listing>>();

  constructor(
    private readonly pool: SessionPool,
    private readonly cache: Cache,
    private readonly options: MailboxServiceOptions,
  ) {
    this.listings = new ListingStore(cache);
  }

  /** STAT of a pooled session's snapshot, with no round trip (see statOf). */
  stat(access: MailboxAccess): Promise<MailboxStat> {
    return this.pool.withSession(access.credentials, (session) => Promise.resolve(statOf(session)), {
      fresh: access.fresh,
      idempotent: true,
    });
  }

  identify(credentials: Pop3Credentials): MailboxIdentity {
    return this.pool.identify(credentials);
  }

  warmStat(identity: MailboxIdentity): MailboxStat | null {
    const session = this.pool.idleSession(identity);
    return session ? statOf(session) : null;
  }

  capabilities(access: MailboxAccess): Promise<MailboxCapabilities> {
    return this.pool.withSession(
      access.credentials,
      (session) =>
        Promise.resolve({
          capabilities: session.capabilities,
          stableIds: session.stableIds,
          tls: session.client.tls,
        }),
      { fresh: access.fresh },
    );
  }

  async list(access: MailboxAccess, query: ListQuery): Promise<SerializedPage> {
    const identity = this.pool.identify(access.credentials);
    const cached = !access.fresh && this.pool.isAccepted(identity) ? await this.listings.get(identity.mailboxId) : null;
    if (cached && !query.headers) return pageOf(cached, query);
    if (cached) return cached.keptPage(query) ?? this.pageWithHeaders(access, identity, cached.listing, query, cached);
    const listing = await this.listUpstream(access, identity);
    return query.headers ? this.pageWithHeaders(access, identity, listing, query) : serializePage(listing, query, pageItems(listing, query));
  }

  cachedPage(identity: MailboxIdentity, query: ListQuery): SerializedPage | null {
    const cached = this.pool.isAccepted(identity) ? this.listings.peek(identity.mailboxId) : null;
    if (!cached) return null;
    // A page with headers is only ever kept complete (see pageWithHeaders); building one needs I/O.
    return query.headers ? (cached.keptPage(query) ?? null) : pageOf(cached, query);
  }

  locate(access: MailboxAccess, id: string, options: { wholeMessage?: boolean } = {}): Promise<MessageLocation> {
    return this.onMessage(access, id, (session, number) => {
      // A GET of the whole message would refuse it before RETR: so does its HEAD.
      if (options.wholeMessage) this.assertWithinLimit(session, id, number);
      return Promise.resolve({ id, number, size: session.sizeOf(number) ?? 0 });
    });
  }

  async message(access: MailboxAccess, id: string): Promise<ParsedMessage> {
    const { raw, number, size } = await this.fetch(access, id);
    return (await parseMessage(raw, id, number, size)).message;
  }

  async attachment(access: MailboxAccess, id: string, index: number): Promise<AttachmentContent> {
    const { raw, number, size } = await this.fetch(access, id);
    const { attachments } = await parseMessage(raw, id, number, size);
    const attachment = attachments[index];
    if (!attachment) throw new AttachmentNotFoundError(id, index);
    return { filename: attachment.filename ?? null, contentType: attachment.contentType, content: attachment.content };
  }

  headers(access: MailboxAccess, id: string): Promise<MessageHeaders> {
    return this.onMessage(access, id, async (session, number) => {
      const block = parseHeaderBlock(await session.client.top(number, 0));
      return { id, headers: block.headers, raw: block.raw };
    });
  }

  /**
   * Streams RETR straight through: the session stays checked out until the body ends, and
   * a consumer that stops reading pauses the upstream socket (backpressure end to end).
   */
  async raw(access: MailboxAccess, id: string): Promise<RawMessage> {
    // null: a stale pooled snapshot (see isStaleSnapshotRefusal), so once more on a new session.
    const retr = (await this.startRetr(access, id)) ?? (await this.startRetr({ ...access, fresh: true }, id));
    if (!retr) throw new MessageNotFoundError(id);
    const { handle, number, body } = retr;
    const stream = new PassThrough({ highWaterMark: 64 * 1024 });
    body.on('error', (err) => {
      handle.done(err);
      stream.destroy(err);
    });
    body.on('end', () => handle.done());
    // Destroyed before its end (the client went away): neither 'end' nor 'error' comes, and
    // the session, mid-reply, cannot be reused. Without this it stayed checked out for good.
    body.on('close', () => {
      if (!body.readableEnded) handle.done(new Pop3ProtocolError('the message body was abandoned before its end'));
    });
    stream.on('close', () => {
      // The client went away mid-body: the session cannot be resynced, so it is dropped.
      if (!body.readableEnded) body.destroy();
    });
    body.pipe(stream);
    return { id, size: handle.session.sizeOf(number) ?? 0, stream };
  }

  /** RETR started on a session that knows `id`; null when a reused session's snapshot proved stale. */
  private async startRetr(access: MailboxAccess, id: string): Promise<{ handle: SessionHandle; number: number; body: Readable } | null> {
    const { handle, number } = await this.checkoutFor(access, id);
    try {
      this.assertWithinLimit(handle.session, id, number);
      return { handle, number, body: await handle.session.client.retr(number) };
    } catch (err) {
      handle.done(err);
      if (!access.fresh && handle.session.uses > 1 && isStaleSnapshotRefusal(err)) return null;
      throw notFoundOnPlainErr(err, id);
    }
  }

  /**
   * DELE and QUIT on a session logged in for this request (a pooled snapshot may be stale:
   * Courier renames the files it marks Seen, and its QUIT then says +OK for a message it
   * kept), confirmed by the next session's listing. Then no cached listing or pooled session
   * of the old snapshot serves again.
   */
  async delete(access: MailboxAccess, id: string): Promise<void> {
    const handle = await this.pool.checkout(access.credentials, true);
    const number = handle.session.numberOf(id);
    if (number === undefined) {
      handle.done();
      throw new MessageNotFoundError(id);
    }
    try {
      await handle.session.client.dele(number);
      await handle.session.client.quit();
      handle.done();
    } catch (err) {
      handle.done(err);
      throw notFoundOnPlainErr(err, id);
    } finally {
      await this.mailboxChanged(access.credentials);
    }
    const kept = await this.pool.withSession(access.credentials, (session) => Promise.resolve(session.numberOf(id) !== undefined), { fresh: true });
    if (kept) throw new DeletionNotCommittedError(id);
  }

  /**
   * The mailbox changed under every snapshot (a DELETE, or the poller's consume-mode DELE):
   * its cached listing is dropped and its pooled sessions retired.
   */
  async mailboxChanged(credentials: Pop3Credentials): Promise<void> {
    const identity = this.pool.identify(credentials);
    await this.listings.invalidate(identity.mailboxId);
    this.pool.retireMailbox(identity);
  }

  /**
   * The listing of a pooled (or, with `fresh`, a new) session, cached for the other requests.
   * Concurrent cache misses of one credential share one lookup: when a cached listing expires
   * under load, one request re-caches it instead of every waiting request doing so in turn.
   */
  private listUpstream(access: MailboxAccess, identity: MailboxIdentity): Promise<Listing> {
    const load = (): Promise<Listing> =>
      this.pool.withSession(
        access.credentials,
        async (session) => {
          const fromSession = listingOf(session);
          await this.listings.put(identity.mailboxId, fromSession, this.listingTtl(session));
          return fromSession;
        },
        { fresh: access.fresh },
      );
    // A fresh view must come from a session logged in after the request arrived: never shared.
    if (access.fresh) return load();
    let pending = this.listingsInFlight.get(identity.credentialKey);
    if (!pending) {
      pending = load().finally(() => this.listingsInFlight.delete(identity.credentialKey));
      this.listingsInFlight.set(identity.credentialKey, pending);
    }
    return pending;
  }

  /** The whole message, read into memory (bounded by MAX_MESSAGE_BYTES); parsing happens after the session is back in the pool. */
  private fetch(access: MailboxAccess, id: string): Promise<{ raw: Buffer; number: number; size: number }> {
    return this.onMessage(access, id, async (session, number) => {
      this.assertWithinLimit(session, id, number);
      // The reply reader ends the body with MessageTooLargeError past MAX_MESSAGE_BYTES.
      const raw = await buffer(await session.client.retr(number));
      return { raw, number, size: session.sizeOf(number) ?? raw.length };
    });
  }

  /** Runs `work` with the message's number on the session that knows it. */
  private onMessage<T>(access: MailboxAccess, id: string, work: (session: Pop3Session, number: number) => Promise<T>): Promise<T> {
    const attempt = (fresh: boolean): Promise<T | typeof RECHECK> =>
      this.pool.withSession(
        access.credentials,
        async (session) => {
          const number = session.numberOf(id);
          if (number === undefined) {
            if (mayPredate(session, fresh)) return RECHECK;
            throw new MessageNotFoundError(id);
          }
          return work(session, number);
        },
        // idempotent: a stale snapshot's plain -ERR is retried once on a new session (SessionPool).
        { fresh, idempotent: true },
      );
    return attempt(access.fresh ?? false)
      .then((result) => (result === RECHECK ? (attempt(true) as Promise<T>) : result))
      .catch((err: unknown) => {
        throw notFoundOnPlainErr(err, id);
      });
  }

  /** A checked-out session that knows `id` (a fresh one if the pooled snapshot predates it). */
  private async checkoutFor(access: MailboxAccess, id: string) {
    let handle = await this.pool.checkout(access.credentials, access.fresh);
    let number = handle.session.numberOf(id);
    if (number === undefined && mayPredate(handle.session, access.fresh)) {
      handle.done();
      handle = await this.pool.checkout(access.credentials, true);
      number = handle.session.numberOf(id);
    }
    if (number === undefined) {
      handle.done();
      throw new MessageNotFoundError(id);
    }
    return { handle, number };
  }

  /**
   * A page with each message's header summary: from the cache (by UIDL, they never change),
   * else one pipelined batch of `TOP n 0`. A complete page of UIDL ids is kept with the cached
   * listing (`keepIn`), so the next request of it is served as-is.
   */
  private async pageWithHeaders(
    access: MailboxAccess,
    identity: MailboxIdentity,
    listing: Listing,
    query: ListQuery,
    keepIn?: CachedListing,
  ): Promise<SerializedPage> {
    const items = pageItems(listing, query);
    const keys = items.map((item) => cacheKeys.headerSummary(identity.mailboxId, item.id));
    const cached = listing.stableIds ? await this.cache.getMany(keys) : items.map(() => null);
    const summaries = new Map<string, HeaderSummary>();
    cached.forEach((json, i) => {
      if (json !== null) summaries.set(items[i]!.id, JSON.parse(json) as HeaderSummary);
    });
    const missing = items.filter((item) => !summaries.has(item.id));
    if (missing.length > 0) {
      await this.pool.withSession(
        access.credentials,
        async (session) => {
          const known = missing.flatMap((item) => {
            const number = session.numberOf(item.id);
            return number === undefined ? [] : [{ item, number }];
          });
          const blocks = await session.client.topMany(known.map((k) => k.number), 0);
          known.forEach(({ item }, i) => summaries.set(item.id, summarize(parseHeaderBlock(blocks[i]!).headers)));
          // Numbers-as-ids (no UIDL) change between sessions: only UIDL-keyed summaries are cached.
          if (listing.stableIds) {
            await Promise.all(
              known.map(({ item }) =>
                this.cache.set(cacheKeys.headerSummary(identity.mailboxId, item.id), JSON.stringify(summaries.get(item.id)), HEADER_SUMMARY_TTL_S),
              ),
            );
          }
        },
        { fresh: access.fresh, idempotent: true },
      );
    }
    const withHeaders: MessageListItem[] = items.map((item) => ({ ...item, headers: summaries.get(item.id) }));
    const page = serializePage(listing, query, withHeaders);
    if (keepIn && listing.stableIds && summaries.size === items.length) keepIn.keep(query, page);
    return page;
  }

  private assertWithinLimit(session: Pop3Session, id: string, number: number): void {
    const size = session.sizeOf(number) ?? 0;
    if (size > this.options.maxMessageBytes) throw new MessageOverLimitError(id, size, this.options.maxMessageBytes);
  }

  /** Seconds a listing from this session may be cached: never past the snapshot age limit. */
  private listingTtl(session: Pop3Session): number {
    const leftMs = this.options.maxSnapshotAgeMs - session.ageMs();
    return Math.max(1, Math.floor(Math.min(this.options.cacheTtlS * 1000, leftMs) / 1000));
  }
}

const RECHECK = Symbol('recheck on a fresh session');

/** A pooled session older than RECHECK_AFTER_MS may predate an id the caller saw in a newer listing. */
function mayPredate(session: Pop3Session, fresh: boolean | undefined): boolean {
  return !fresh && session.ageMs() > RECHECK_AFTER_MS;
}

/** A plain `-ERR` to RETR/TOP/DELE means the message went away (another client deleted it). */
function notFoundOnPlainErr(err: unknown, id: string): unknown {
  return err instanceof Pop3ServerError && err.respCode === undefined && err.command !== 'QUIT' ? new MessageNotFoundError(id) : err;
}

/** A page of a cached listing without headers, serialized once per listing and query. */
function pageOf(cached: CachedListing, query: ListQuery): SerializedPage {
  return cached.page(query, () => serializePage(cached.listing, query, pageItems(cached.listing, query)));
}

/**
 * STAT of a session's snapshot. A POP3 session's maildrop never changes under it, and no
 * pooled session carries DELE marks (DELETE ends its session with QUIT), so its LIST at login
 * already holds STAT's answer: the count and the total of the sizes, with no round trip.
 */
function statOf(session: Pop3Session): MailboxStat {
  let stat = stats.get(session);
  if (!stat) {
    let size = 0;
    for (const entry of session.entries) size += entry.size;
    stat = { count: session.entries.length, size, snapshotAt: new Date(session.createdAt).toISOString() };
    stats.set(session, stat);
  }
  return stat;
}

const stats = new WeakMap<Pop3Session, MailboxStat>();
