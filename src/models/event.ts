import type { AccountStatus } from '../events/event';

/**
 * The API's view of the events popgate records (src/events/event.ts holds the same shapes for
 * the code that records them; the controller's return types keep the two in step).
 */

/** What `TOP n 0` said of a new message. */
export interface MessageHeadersSummary {
  subject: string | null;
  from: string | null;
  to: string | null;
  date: string | null;
  messageId: string | null;
}

export interface MessageReceivedData {
  /** The message's UIDL: the id of `/accounts/{account}/messages/{id}`. @example "0000000158f1c2a3" */
  id: string;
  /** LIST's size, in octets. @example 1843 */
  size: number;
  headers: MessageHeadersSummary;
}

export interface MessageDeletedData {
  /** The UIDL that is gone. @example "0000000158f1c2a3" */
  id: string;
}

export interface AccountStatusData {
  status: AccountStatus;
  previous: AccountStatus;
  /** Why, for a failure status (never a secret). */
  error: string | null;
}

interface EventEnvelope {
  /** `evt_…`: the same for a message event however often it is reported, so deduplicate by it. @example "evt_Jq0vY3c9Hn2XwR8sT5aLkP1mZ4uB7eD6" */
  id: string;
  /** ISO 8601 UTC: when the change was seen. @example "2026-11-30T10:00:00.000Z" */
  timestamp: string;
  /** The registered account. @example "support" */
  account: string;
  /** Where the event sits in the log: pass it as `after` (or `Last-Event-ID`) to read on from it. @example "1764496800000-0" */
  cursor: string;
}

/** A new message in the account's mailbox. */
export interface MessageReceivedEvent extends EventEnvelope {
  type: 'message.received';
  data: MessageReceivedData;
}

/** A message seen before is gone, whoever deleted it. */
export interface MessageDeletedEvent extends EventEnvelope {
  type: 'message.deleted';
  data: MessageDeletedData;
}

/** The account's `state.status` changed. */
export interface AccountStatusEvent extends EventEnvelope {
  type: 'account.status';
  data: AccountStatusData;
}

/** An event as the log holds it: the envelope, its `data` by `type`, and its `cursor`. */
export type LoggedEvent = MessageReceivedEvent | MessageDeletedEvent | AccountStatusEvent;

/** A page of the event log, oldest first. */
export interface EventList {
  items: LoggedEvent[];
  /** Pass as `after` for the next page: the last item's cursor, or how far the log was read (never null). @example "1764496800000-0" */
  next: string;
  /** True when `after` is older than the oldest event kept: events between were dropped by retention (EVENT_RETENTION), and the page starts at the oldest one kept. */
  reset: boolean;
}

/**
 * `text/event-stream`: per event, `id:` (its cursor), `event:` (its type) and `data:` (the
 * event's JSON, without `cursor`), then a blank line; `: keep-alive` comment lines while quiet;
 * `event: reset` first when the resumed-from cursor is older than the log.
 * @example "id: 1764496800000-0\nevent: message.received\ndata: {\"id\":\"evt_Jq0vY3c9Hn2XwR8sT5aLkP1mZ4uB7eD6\",\"type\":\"message.received\",\"timestamp\":\"2026-11-30T10:00:00.000Z\",\"account\":\"support\",\"data\":{\"id\":\"0000000158f1c2a3\",\"size\":1843,\"headers\":{\"subject\":\"Hello\",\"from\":\"Ann <ann@example.com>\",\"to\":\"support@example.com\",\"date\":\"Mon, 30 Nov 2026 10:00:00 +0000\",\"messageId\":\"<1@example.com>\"}}}\n\n"
 */
export type EventStreamText = string;
