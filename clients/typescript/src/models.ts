import type { components, operations } from './schema';

/** The API's bodies under their own names (aliases of the generated `components`). */
type Schemas = components['schemas'];

export type MailboxStat = Schemas['MailboxStat'];
export type MailboxCapabilities = Schemas['MailboxCapabilities'];
export type MessageList = Schemas['MessageList'];
export type MessageListItem = Schemas['MessageListItem'];
export type HeaderSummary = Schemas['HeaderSummary'];
export type ParsedMessage = Schemas['ParsedMessage'];
export type Address = Schemas['Address'];
export type AttachmentInfo = Schemas['AttachmentInfo'];
export type MessageHeaders = Schemas['MessageHeaders'];
/** An `application/problem+json` body (RFC 9457), as every error of the gateway is answered. */
export type Problem = Schemas['ProblemJson'];
export type ErrorCode = Schemas['ErrorCode'];
export type Pop3Reply = Schemas['Pop3Reply'];
export type Account = Schemas['Account'];
export type AccountList = Schemas['AccountList'];
export type NewAccount = Schemas['NewAccount'];
export type AccountChanges = Schemas['AccountChanges'];
export type ApiToken = Schemas['ApiToken'];
export type CreatedToken = Schemas['CreatedToken'];
export type NewToken = Schemas['NewToken'];
export type TokenList = Schemas['TokenList'];
export type EventList = Schemas['EventList'];
/** An event with its `cursor`: `message.received`, `message.deleted` or `account.status`. */
export type LoggedEvent = Schemas['LoggedEvent'];
export type ConsentLink = Schemas['ConsentLink'];

/** GET /oauth2/callback's query, as the provider sends it: `state` and `code`, or `error`. */
export type ConsentCallbackQuery = NonNullable<operations['FinishConsent']['parameters']['query']>;
export type Webhook = Schemas['Webhook'];
export type CreatedWebhook = Schemas['CreatedWebhook'];
export type NewWebhook = Schemas['NewWebhook'];
export type WebhookChanges = Schemas['WebhookChanges'];
export type WebhookList = Schemas['WebhookList'];
export type WebhookEventType = Schemas['WebhookEventType'];
export type WebhookTestQueued = Schemas['WebhookTestQueued'];
export type DeliveryAttempt = Schemas['DeliveryAttempt'];
export type DeliveryList = Schemas['DeliveryList'];

/** GET /accounts' query: `offset`, `limit`. */
export type AccountListQuery = NonNullable<operations['ListAccounts']['parameters']['query']>;

/** GET /tokens' query: `offset`, `limit`. */
export type TokenListQuery = NonNullable<operations['ListTokens']['parameters']['query']>;

/** GET /webhooks' query: `offset`, `limit`. */
export type WebhookListQuery = NonNullable<operations['ListWebhooks']['parameters']['query']>;

/** GET /messages' query: `offset`, `limit`, `order`, `headers`. */
export type ListQuery = NonNullable<operations['ListMessages']['parameters']['query']>;

/** GET /events' query: `after`, `limit`, `account`, `type`. */
export type EventListQuery = NonNullable<operations['ListEvents']['parameters']['query']>;

/** GET /events/stream's query (`account`, `type`, `after`), and the cursor to resume after (sent as `Last-Event-ID`). */
export type EventStreamQuery = NonNullable<operations['StreamEvents']['parameters']['query']> & { lastEventId?: string };
