import { createHash, randomUUID } from 'node:crypto';

/**
 * The events popgate records about registered accounts (docs/events.md). The shapes are the
 * contract of the event log, the SSE stream and webhook deliveries alike.
 */

export const EVENT_TYPES = ['message.received', 'message.deleted', 'account.status'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** `message.received`: what `TOP n 0` says of a new message. */
export interface MessageReceivedData {
  /** The UIDL: the id of `/accounts/{account}/messages/{id}`. */
  id: string;
  /** LIST's size, in octets. */
  size: number;
  headers: { subject: string | null; from: string | null; to: string | null; date: string | null; messageId: string | null };
}

/** `message.deleted`: a UIDL seen before is gone, whoever deleted it. */
export interface MessageDeletedData {
  id: string;
}

export type AccountStatus = 'new' | 'connected' | 'authentication_failed' | 'unreachable' | 'disabled';

/** `account.status`: the account's `state.status` changed. */
export interface AccountStatusData {
  status: AccountStatus;
  previous: AccountStatus;
  /** Why, for a failure status: the problem's detail (never a secret). */
  error: string | null;
}

interface EventOf<T extends EventType, D> {
  /** `evt_…`: deterministic for message events, so a repeated poll repeats the id. */
  id: string;
  type: T;
  /** ISO 8601 UTC: when the change was seen. */
  timestamp: string;
  account: string;
  data: D;
}

export type PopgateEvent =
  | EventOf<'message.received', MessageReceivedData>
  | EventOf<'message.deleted', MessageDeletedData>
  | EventOf<'account.status', AccountStatusData>;

/** An event as the log holds it: `cursor` orders it (a Redis stream id, `<ms>-<seq>`). */
export type RecordedEvent = PopgateEvent & { cursor: string };

/**
 * The id of a message event: the same account, type and UIDL always give the same id, so a
 * consumer deduplicates a poll repeated after a crash by `id`. The account's `createdAt` is part
 * of it: an account deleted and registered again under the same id is a new subscription whose
 * events are new (the log records an id once, so reused ids would be dropped as repeats).
 */
export function messageEventId(account: { id: string; createdAt: string }, type: 'message.received' | 'message.deleted', uid: string): string {
  const digest = createHash('sha256').update(`${account.id}\0${account.createdAt}\0${type}\0${uid}`).digest('base64url');
  return `evt_${digest.slice(0, 32)}`;
}

/** The id of an event that happens once (`account.status`). */
export function uniqueEventId(): string {
  return `evt_${randomUUID().replace(/-/g, '')}`;
}
