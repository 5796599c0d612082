/**
 * Every Redis key popgate writes: cache entries, leases, registered accounts, poll state and queues. Keys name a mailbox by `mailboxId` — a hash of the
 * upstream address and user name — and never contain or derive from a password.
 */
const PREFIX = 'popgate:v1';

export const cacheKeys = {
  /** Version tag of a mailbox's cached listing (small, read on every cached request). */
  listingVersion: (mailboxId: string) => `${PREFIX}:listing:${mailboxId}:version`,
  /** The listing itself, serialized JSON. */
  listing: (mailboxId: string) => `${PREFIX}:listing:${mailboxId}`,
  /** A header summary: a UIDL names one immutable message, so these live for days. */
  headerSummary: (mailboxId: string, uid: string) => `${PREFIX}:headers:${mailboxId}:${uid}`,
  /** Cross-instance session leases of one mailbox (a sorted set of lease ids by expiry). */
  leases: (mailboxId: string) => `${PREFIX}:leases:${mailboxId}`,
  /** Waiters for a lease of one mailbox, on any instance, by arrival (a sorted set; Redis clock µs). */
  leaseLine: (mailboxId: string) => `${PREFIX}:lease-line:${mailboxId}`,
  /** When each of those waiters last asked: one that stops asking loses its place. */
  leaseLineSeen: (mailboxId: string) => `${PREFIX}:lease-line-seen:${mailboxId}`,
  /** A registered account (JSON, secrets sealed); stored, never expires. */
  account: (accountId: string) => `${PREFIX}:account:${accountId}`,
  /** Every account id, scored by creation time (ms): the listing order. */
  accountIndex: () => `${PREFIX}:accounts`,
  /** An API token's listing fields and the SHA-256 of its value (never the value). */
  token: (tokenId: string) => `${PREFIX}:token:${tokenId}`,
  /** The id of the token whose value has this SHA-256 (hex): how a request finds its token. */
  tokenDigest: (digest: string) => `${PREFIX}:token-digest:${digest}`,
  /** Every token id, scored by creation time (ms). */
  tokenIndex: () => `${PREFIX}:tokens`,
  /** Pub/sub channel: a session lease of the mailbox named in the message was given back while others wait (src/pool/leases.ts). */
  leaseFreed: () => `${PREFIX}:lease-freed`,
  /** Pub/sub channel: a token was revoked or an account changed; instances drop their copies (src/accounts/access-changes.ts). */
  accessChanges: () => `${PREFIX}:access-changes`,
  /** An OAuth2 mailbox's current access token, sealed (SecretBox), expiring with the token. `grant` is a TokenSource key (a hash, no secret). */
  oauthAccessToken: (grant: string) => `${PREFIX}:oauth:token:${grant}`,
  /** Held (SET NX PX) by the one instance refreshing that grant's access token. */
  oauthRefreshLock: (grant: string) => `${PREFIX}:oauth:lock:${grant}`,
  /** Single-mailbox mode: the newest refresh token when the provider rotated it, sealed; kept across restarts. */
  oauthRefreshToken: (grant: string) => `${PREFIX}:oauth:refresh:${grant}`,
  /** Consume mode: an account's UIDLs whose delivery every webhook acknowledged (a set). */
  consumeQueue: (accountId: string) => `${PREFIX}:consume:${accountId}`,
  /** The event log: a stream capped at EVENT_RETENTION entries, one JSON event each. */
  eventLog: () => `${PREFIX}:events`,
  /** The cursor of the newest event retention dropped from the log: a cursor before it has missed events. */
  eventLogDroppedThrough: () => `${PREFIX}:events:dropped-through`,
  /** Set when an event id is recorded, so a poll repeated after a crash records it once. */
  eventRecorded: (eventId: string) => `${PREFIX}:event-id:${eventId}`,
  /** A webhook (JSON, its secret sealed); stored, never expires. */
  webhook: (webhookId: string) => `${PREFIX}:webhook:${webhookId}`,
  /** Every webhook id, scored by creation time (ms). */
  webhookIndex: () => `${PREFIX}:webhooks`,
  /** A webhook's recent delivery attempts, newest first (a capped list of JSON entries). */
  webhookDeliveries: (webhookId: string) => `${PREFIX}:webhook-deliveries:${webhookId}`,
  /** The event-log cursor webhook dispatch has read through. */
  dispatchCursor: () => `${PREFIX}:dispatch:cursor`,
  /** Held by the one instance dispatching events to webhooks (an owner token with a TTL). */
  dispatchLock: () => `${PREFIX}:dispatch:lock`,
  /** Consume mode: per `message.received` event, each subscribed webhook id -> 1 once it answered 2xx (a hash). */
  consumeAcks: (eventId: string) => `${PREFIX}:consume-acks:${eventId}`,
  /** BullMQ's key prefix: its queues live under it (`<prefix>:deliveries:…`). */
  /** The poller's state of an account (JSON: status, lastPollAt, lastError, baseline); stored apart from the account. */
  pollState: (accountId: string) => `${PREFIX}:poll:${accountId}:state`,
  /** The UIDLs of an account reported (or baselined) so far: a set. */
  pollSeen: (accountId: string) => `${PREFIX}:poll:${accountId}:seen`,
  /** Held while an instance polls the account (SET NX PX, token value): one poll at a time, cluster-wide. */
  pollLock: (accountId: string) => `${PREFIX}:poll:${accountId}:lock`,
  /** BullMQ's key prefix: its queues live under `popgate:v1:bull:<queue>:…`. */
  bullPrefix: () => `${PREFIX}:bull`,
};

export const HEADER_SUMMARY_TTL_S = 7 * 24 * 3600;

/**
 * How long an event id is remembered after it was recorded: far longer than a poll repeated
 * after a crash could come late, short enough that the markers do not outgrow the log.
 */
export const EVENT_ID_TTL_S = 7 * 24 * 3600;
