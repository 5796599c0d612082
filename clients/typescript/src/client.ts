import createClient, { type Client } from 'openapi-fetch';
import { authorization, type PopgateAuth } from './auth';
import { errorFrom } from './errors';
import { streamedEvents, type StreamedEvent } from './event-stream';
import type {
  Account,
  AccountChanges,
  AccountList,
  AccountListQuery,
  ConsentCallbackQuery,
  ConsentLink,
  CreatedToken,
  EventList,
  EventListQuery,
  EventStreamQuery,
  CreatedWebhook,
  DeliveryList,
  ListQuery,
  MailboxCapabilities,
  MailboxStat,
  MessageHeaders,
  MessageList,
  NewAccount,
  NewToken,
  ParsedMessage,
  TokenList,
  TokenListQuery,
  NewWebhook,
  Webhook,
  WebhookChanges,
  WebhookList,
  WebhookListQuery,
  WebhookTestQueued,
} from './models';
import type { paths } from './schema';

export interface PopgateClientOptions {
  /** Where the gateway answers, e.g. `https://popgate.example.org` (no trailing path). */
  baseUrl: string;
  /**
   * Basic `{ username, password }` (multi-mailbox mode) or Bearer `{ token }` (single-mailbox
   * mode's API_TOKENS, or an admin token for the accounts API).
   */
  auth: PopgateAuth;
  /** Another fetch (tests, proxies, retries); the global one by default. */
  fetch?: (request: Request) => Promise<Response>;
}

/** Per call: extra headers (e.g. `Cache-Control: no-cache` for a fresh snapshot) and an abort signal. */
export interface CallOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** The operations on one mailbox: the caller's own (top level) or a registered account's. */
export interface MailboxOperations {
  /** GET /mailbox/stat */
  stat(options?: CallOptions): Promise<MailboxStat>;
  /** GET /mailbox/capabilities */
  capabilities(options?: CallOptions): Promise<MailboxCapabilities>;
  /** GET /messages */
  listMessages(query?: ListQuery, options?: CallOptions): Promise<MessageList>;
  /** GET /messages/{id} */
  getMessage(id: string, options?: CallOptions): Promise<ParsedMessage>;
  /** GET /messages/{id}/headers */
  getMessageHeaders(id: string, options?: CallOptions): Promise<MessageHeaders>;
  /** GET /messages/{id}/raw: the message as `message/rfc822`, read whole into a Blob (`api` streams it). */
  getRawMessage(id: string, options?: CallOptions): Promise<Blob>;
  /** GET /messages/{id}/attachments/{index}: the decoded bytes; `type` is the attachment's Content-Type. */
  getAttachment(id: string, index: number, options?: CallOptions): Promise<Blob>;
  /** DELETE /messages/{id}: resolves once the server committed the deletion. */
  deleteMessage(id: string, options?: CallOptions): Promise<void>;
}

/**
 * One method per operation of the API. Each resolves to the typed body and throws
 * `PopgateError` when the gateway answers with a problem (`UnexpectedResponseError` when
 * something else answered, the fetch's own error when nothing did).
 */
export interface PopgateClient extends MailboxOperations {
  /** The same operations on a registered account's mailbox (`/accounts/{account}/…`; needs a token). */
  account(id: string): MailboxOperations;
  /** POST /accounts: registers a mailbox (verified with one login unless `verify` is false). */
  createAccount(account: NewAccount, verify?: boolean, options?: CallOptions): Promise<Account>;
  /** GET /accounts */
  listAccounts(query?: AccountListQuery, options?: CallOptions): Promise<AccountList>;
  /** GET /accounts/{account} */
  getAccount(id: string, options?: CallOptions): Promise<Account>;
  /** PATCH /accounts/{account}: changed credentials are verified with one login unless `verify` is false. */
  updateAccount(id: string, changes: AccountChanges, verify?: boolean, options?: CallOptions): Promise<Account>;
  /** DELETE /accounts/{account} */
  deleteAccount(id: string, options?: CallOptions): Promise<void>;
  /** POST /tokens: the `token` value is in this answer only. */
  createToken(token: NewToken, options?: CallOptions): Promise<CreatedToken>;
  /** GET /tokens (never a token's value) */
  listTokens(query?: TokenListQuery, options?: CallOptions): Promise<TokenList>;
  /** DELETE /tokens/{token}: by the token's id, not its value. */
  revokeToken(id: string, options?: CallOptions): Promise<void>;
  /** GET /events: a page of the event log; pass `next` as `after` for the following one. */
  listEvents(query?: EventListQuery, options?: CallOptions): Promise<EventList>;
  /**
   * GET /events/stream: the events as they are recorded (after `lastEventId` or `after` first,
   * when given), until `options.signal` aborts or the gateway ends the stream — then call again
   * with the last event's `cursor` as `lastEventId`, and nothing is lost.
   */
  streamEvents(query?: EventStreamQuery, options?: CallOptions): Promise<AsyncGenerator<StreamedEvent>>;
  /** GET /oauth2/authorize as JSON: the consent link to send a registered OAuth2 account's owner. */
  consentLink(provider: 'gmail' | 'outlook', account: string, options?: CallOptions): Promise<ConsentLink>;
  /** GET /oauth2/callback: what the owner's browser does after consent (the provider's `state` and `code`). */
  finishConsent(query: ConsentCallbackQuery, options?: CallOptions): Promise<Account>;
  /** POST /webhooks: the `secret` that signs its deliveries is in this answer only. */
  createWebhook(webhook: NewWebhook, options?: CallOptions): Promise<CreatedWebhook>;
  /** GET /webhooks (never a secret) */
  listWebhooks(query?: WebhookListQuery, options?: CallOptions): Promise<WebhookList>;
  /** GET /webhooks/{webhook} */
  getWebhook(id: string, options?: CallOptions): Promise<Webhook>;
  /** PATCH /webhooks/{webhook}: `enabled: true` re-enables one a 410 disabled. */
  updateWebhook(id: string, changes: WebhookChanges, options?: CallOptions): Promise<Webhook>;
  /** DELETE /webhooks/{webhook} */
  deleteWebhook(id: string, options?: CallOptions): Promise<void>;
  /** POST /webhooks/{webhook}/test: queues a `webhook.test` event; resolves to its id. */
  testWebhook(id: string, options?: CallOptions): Promise<WebhookTestQueued>;
  /** GET /webhooks/{webhook}/deliveries: recent attempts, newest first. */
  listDeliveries(id: string, limit?: number, options?: CallOptions): Promise<DeliveryList>;
  /**
   * The underlying openapi-fetch client, credentials included: typed `{ data, error, response }`
   * without throwing, any `parseAs` (e.g. `'stream'`), conditional requests (`If-None-Match` → 304).
   */
  readonly api: Client<paths>;
}

export function createPopgateClient(options: PopgateClientOptions): PopgateClient {
  const api = createClient<paths>({
    baseUrl: options.baseUrl,
    headers: { Authorization: authorization(options.auth) },
    ...(options.fetch !== undefined && { fetch: options.fetch }),
  });
  const byId = (id: string) => ({ params: { path: { id } } });

  return {
    api,
    account: (account) => accountMailbox(api, account),
    stat: async (call) => bodyOf(await api.GET('/mailbox/stat', { ...call })),
    capabilities: async (call) => bodyOf(await api.GET('/mailbox/capabilities', { ...call })),
    listMessages: async (query, call) => bodyOf(await api.GET('/messages', { ...call, params: { query } })),
    getMessage: async (id, call) => bodyOf(await api.GET('/messages/{id}', { ...call, ...byId(id) })),
    getMessageHeaders: async (id, call) => bodyOf(await api.GET('/messages/{id}/headers', { ...call, ...byId(id) })),
    getRawMessage: async (id, call) => bodyOf(await api.GET('/messages/{id}/raw', { ...call, ...byId(id), parseAs: 'blob' })),
    getAttachment: async (id, index, call) =>
      bodyOf(await api.GET('/messages/{id}/attachments/{index}', { ...call, params: { path: { id, index } }, parseAs: 'blob' })),
    deleteMessage: async (id, call) => {
      bodyOf(await api.DELETE('/messages/{id}', { ...call, ...byId(id) }));
    },
    createAccount: async (account, verify, call) => bodyOf(await api.POST('/accounts', { ...call, body: account, params: { query: { verify } } })),
    listAccounts: async (query, call) => bodyOf(await api.GET('/accounts', { ...call, params: { query } })),
    getAccount: async (id, call) => bodyOf(await api.GET('/accounts/{account}', { ...call, params: { path: { account: id } } })),
    updateAccount: async (id, changes, verify, call) =>
      bodyOf(await api.PATCH('/accounts/{account}', { ...call, body: changes, params: { path: { account: id }, query: { verify } } })),
    deleteAccount: async (id, call) => {
      bodyOf(await api.DELETE('/accounts/{account}', { ...call, params: { path: { account: id } } }));
    },
    createToken: async (token, call) => bodyOf(await api.POST('/tokens', { ...call, body: token })),
    listTokens: async (query, call) => bodyOf(await api.GET('/tokens', { ...call, params: { query } })),
    revokeToken: async (id, call) => {
      bodyOf(await api.DELETE('/tokens/{token}', { ...call, params: { path: { token: id } } }));
    },
    listEvents: async (query, call) => bodyOf(await api.GET('/events', { ...call, params: { query } })),
    streamEvents: async ({ lastEventId, ...query } = {}, call) => {
      const header = lastEventId === undefined ? undefined : { 'Last-Event-ID': lastEventId };
      const result = await api.GET('/events/stream', { ...call, params: { query, header }, parseAs: 'stream' });
      const body = bodyOf(result);
      if (!body) throw errorFrom(result.response, null);
      return streamedEvents(body);
    },
    consentLink: async (provider, account, call) =>
      // Asked for as JSON, the answer is the link itself (a browser would get a 302 instead).
      bodyOf<ConsentLink>(await api.GET('/oauth2/authorize', { ...call, headers: { ...call?.headers, Accept: 'application/json' }, params: { query: { provider, account } } })),
    finishConsent: async (query, call) => bodyOf(await api.GET('/oauth2/callback', { ...call, params: { query } })),
    createWebhook: async (webhook, call) => bodyOf(await api.POST('/webhooks', { ...call, body: webhook })),
    listWebhooks: async (query, call) => bodyOf(await api.GET('/webhooks', { ...call, params: { query } })),
    getWebhook: async (id, call) => bodyOf(await api.GET('/webhooks/{webhook}', { ...call, params: { path: { webhook: id } } })),
    updateWebhook: async (id, changes, call) => bodyOf(await api.PATCH('/webhooks/{webhook}', { ...call, body: changes, params: { path: { webhook: id } } })),
    deleteWebhook: async (id, call) => {
      bodyOf(await api.DELETE('/webhooks/{webhook}', { ...call, params: { path: { webhook: id } } }));
    },
    testWebhook: async (id, call) => bodyOf(await api.POST('/webhooks/{webhook}/test', { ...call, params: { path: { webhook: id } } })),
    listDeliveries: async (id, limit, call) =>
      bodyOf(await api.GET('/webhooks/{webhook}/deliveries', { ...call, params: { path: { webhook: id }, query: { limit } } })),
  };
}

/** MailboxOperations on `/accounts/{account}/…`: the top-level answers, for a registered account. */
function accountMailbox(api: Client<paths>, account: string): MailboxOperations {
  const onAccount = { params: { path: { account } } };
  const byId = (id: string) => ({ params: { path: { account, id } } });
  return {
    stat: async (call) => bodyOf(await api.GET('/accounts/{account}/mailbox/stat', { ...call, ...onAccount })),
    capabilities: async (call) => bodyOf(await api.GET('/accounts/{account}/mailbox/capabilities', { ...call, ...onAccount })),
    listMessages: async (query, call) => bodyOf(await api.GET('/accounts/{account}/messages', { ...call, params: { path: { account }, query } })),
    getMessage: async (id, call) => bodyOf(await api.GET('/accounts/{account}/messages/{id}', { ...call, ...byId(id) })),
    getMessageHeaders: async (id, call) => bodyOf(await api.GET('/accounts/{account}/messages/{id}/headers', { ...call, ...byId(id) })),
    getRawMessage: async (id, call) => bodyOf(await api.GET('/accounts/{account}/messages/{id}/raw', { ...call, ...byId(id), parseAs: 'blob' })),
    getAttachment: async (id, index, call) =>
      bodyOf(await api.GET('/accounts/{account}/messages/{id}/attachments/{index}', { ...call, params: { path: { account, id, index } }, parseAs: 'blob' })),
    deleteMessage: async (id, call) => {
      bodyOf(await api.DELETE('/accounts/{account}/messages/{id}', { ...call, ...byId(id) }));
    },
  };
}

/** The success body of an openapi-fetch result, or the typed error thrown. */
function bodyOf<T>(result: { data?: T; error?: unknown; response: Response }): T {
  // 304 is not ok either: a call gets one only by sending If-None-Match itself (use `api`).
  if (!result.response.ok) throw errorFrom(result.response, result.error);
  return result.data as T;
}
