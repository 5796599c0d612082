import type { Readable } from 'node:stream';
import type { Pop3Credentials } from '../pop3/types';
import type { MailboxIdentity } from '../pool/mailbox-identity';
import type { MailboxCapabilities, MailboxStat } from '../models/mailbox';
import type { MessageHeaders, ParsedMessage } from '../models/message';

/** Who is asking, and whether cached state may answer. */
export interface MailboxAccess {
  credentials: Pop3Credentials;
  /** `Cache-Control: no-cache`: skip cached listings and use a newly logged-in session. */
  fresh?: boolean;
}

export interface ListQuery {
  offset: number;
  limit: number;
  order: 'asc' | 'desc';
  headers: boolean;
}

/** A listing page, already serialized: served as-is, never re-parsed on the hot path. */
export interface SerializedPage {
  json: string;
  /** The header value, quoted: a hash of the page's ids and sizes. */
  etag: string;
}

export interface RawMessage {
  id: string;
  size: number;
  /** The message bytes after dot-unstuffing; the session is released when it ends. */
  stream: Readable;
}

/** What a session's login snapshot knows of one message: no RETR, no TOP. */
export interface MessageLocation {
  id: string;
  number: number;
  /** LIST's size: what the server counts, not necessarily the bytes RETR sends. */
  size: number;
}

export interface AttachmentContent {
  filename: string | null;
  contentType: string;
  content: Buffer;
}

/**
 * Everything the HTTP layer may ask of a mailbox. Ids are UIDL values; errors are the
 * classes in ./errors and ../pop3/errors, mapped to HTTP in one place (src/http/problems/problem.ts).
 */
export interface MailboxService {
  stat(access: MailboxAccess): Promise<MailboxStat>;
  /**
   * The identity (keyed hashes) naming this credential's pool and cached data: what the
   * memory reads below take, so a caller that remembers it (the fast lane) skips the hashing.
   */
  identify(credentials: Pop3Credentials): MailboxIdentity;
  /**
   * What `stat` would answer when it can be answered from memory this instant (an idle pooled
   * session of this credential, within its age limits), else null. No I/O, never throws.
   */
  warmStat(identity: MailboxIdentity): MailboxStat | null;
  capabilities(access: MailboxAccess): Promise<MailboxCapabilities>;
  list(access: MailboxAccess, query: ListQuery): Promise<SerializedPage>;
  /**
   * What `list` would answer for a cached page when memory holds it this instant (a credential
   * the upstream accepted, a listing confirmed within LISTING_RECHECK_MS; with headers, a page
   * kept whole earlier), else null. No I/O, never throws.
   */
  cachedPage(identity: MailboxIdentity, query: ListQuery): SerializedPage | null;
  /**
   * Where `id` is in a session's snapshot (a HEAD's answer), the same lookup `message` and
   * `raw` make before RETR, and failing the same way (404, 413 with `wholeMessage`, 401…).
   */
  locate(access: MailboxAccess, id: string, options?: { wholeMessage?: boolean }): Promise<MessageLocation>;
  message(access: MailboxAccess, id: string): Promise<ParsedMessage>;
  raw(access: MailboxAccess, id: string): Promise<RawMessage>;
  headers(access: MailboxAccess, id: string): Promise<MessageHeaders>;
  attachment(access: MailboxAccess, id: string, index: number): Promise<AttachmentContent>;
  /** DELE + QUIT on one session; resolves only once QUIT answered +OK. */
  delete(access: MailboxAccess, id: string): Promise<void>;
}
