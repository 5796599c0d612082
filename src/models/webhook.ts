/** The event types a webhook may subscribe to (`webhook.test` is always delivered). */
export type WebhookEventType = 'message.received' | 'message.deleted' | 'account.status';

/** A webhook: where popgate POSTs events, signed per Standard Webhooks v1. Never its secret. */
export interface Webhook {
  /** @example "wh_5d0c3e9a7b1f2e46" */
  id: string;
  /** @example "https://hooks.example.com/popgate" */
  url: string;
  /** The event types it receives. */
  events: WebhookEventType[];
  /** The account whose events it receives, or null for every account. */
  account: string | null;
  description: string | null;
  /** False once the receiver answered 410 Gone (or a PATCH set it): nothing is delivered. */
  enabled: boolean;
  /** Why it was disabled, or null. */
  disabledReason: string | null;
  /** ISO 8601 */
  createdAt: string;
  /** ISO 8601 */
  updatedAt: string;
}

/** A webhook just created: `secret` signs its deliveries, shown this once. */
export interface CreatedWebhook extends Webhook {
  /**
   * `whsec_` + base64 of 32 random bytes: pass it to a Standard Webhooks verifier.
   * @example "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
   */
  secret: string;
}

export interface WebhookList {
  total: number;
  items: Webhook[];
}

export interface NewWebhook {
  /**
   * http(s) URL the events are POSTed to; no user name or password in it.
   * @maxLength 2048
   * @example "https://hooks.example.com/popgate"
   */
  url: string;
  /**
   * The event types to receive (default: every type).
   * @minItems 1
   */
  events?: WebhookEventType[];
  /**
   * Receive only this account's events (default: every account's).
   * @pattern ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$
   */
  account?: string;
  /** @maxLength 500 */
  description?: string;
}

export interface WebhookChanges {
  /**
   * @maxLength 2048
   * @example "https://hooks.example.com/popgate"
   */
  url?: string;
  /** @minItems 1 */
  events?: WebhookEventType[];
  /** @maxLength 500 */
  description?: string | null;
  /** `true` re-enables a webhook that a 410 disabled. */
  enabled?: boolean;
}

/** One delivery attempt. */
export interface DeliveryAttempt {
  /** The event's id: the `webhook-id` header. */
  eventId: string;
  /**
   * 1 for the first attempt.
   * @isInt
   */
  attempt: number;
  /** ISO 8601: when the attempt started. */
  at: string;
  /** The receiver's HTTP status, or null when none came (timeout, refused connection, refused address). */
  status: number | null;
  /** @isInt */
  durationMs: number;
  /** Why it failed, when it did. */
  error?: string;
}

export interface DeliveryList {
  /** Newest first: the most recent attempts kept. */
  items: DeliveryAttempt[];
}

/** `POST /webhooks/{id}/test` queued a `webhook.test` event. */
export interface WebhookTestQueued {
  /** @example "evt_0f5e8c1d2b3a49876c5d4e3f2a1b0c9d" */
  eventId: string;
}
