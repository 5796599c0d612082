// Generated from openapi/openapi.json by openapi-typescript (`npm run spec`); do not edit.
// `npm run spec:check` fails when this file is stale.

export interface paths {
    "/messages/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a message
         * @description The message parsed: addresses, dates, all headers (name in lower case to its decoded
         *     values), the text and HTML bodies, and the list of attachments with the `index` to
         *     fetch each one by. A message never changes under its id, so its `ETag` stays valid.
         */
        get: operations["GetMessage"];
        put?: never;
        post?: never;
        /**
         * Delete a message
         * @description Deletes the message from the maildrop: `DELE` and then `QUIT` on a POP3 session logged in
         *     for this request, and 204 only once the server confirmed both (POP3 commits deletions at
         *     `QUIT`) **and** a session logged in afterwards no longer lists the id. Some servers
         *     (Courier) can answer `+OK` to `QUIT` and keep the message: that is 502
         *     `upstream_protocol_error`, never 204. The mailbox's cached listing is dropped, so the
         *     next listing no longer shows it. Costs two POP3 logins.
         */
        delete: operations["DeleteMessage"];
        options?: never;
        /**
         * Check a message
         * @description What GET /messages/{id} would answer, without fetching the message: 200 (or 304 to a
         *     matching `If-None-Match`) with its `ETag` and `Content-Type`, or its error.
         */
        head: operations["HeadMessage"];
        patch?: never;
        trace?: never;
    };
    "/messages/{id}/raw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download the raw message
         * @description The message exactly as the server sent it (after POP3 dot-unstuffing), as
         *     `message/rfc822`, streamed: large messages start arriving at once and never sit in the
         *     gateway's memory. A message over MAX_MESSAGE_BYTES is cut at that size (the connection
         *     closes without a complete body), so check the `size` from the listing first.
         *     A single `Range: bytes=a-b` (also `a-` and `-n`) resumes a download: 206 with
         *     `Content-Range: bytes a-b/*`, placed by the LIST size (the exact length is only known once
         *     the server sent it all; if it sends fewer, the connection closes early); 416 only when the
         *     message really ends before `a`. `If-Range` with the ETag; several ranges get the whole message.
         */
        get: operations["GetRawMessage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /**
         * Check a raw message
         * @description What GET /messages/{id}/raw would answer, without `RETR`: 200 (or 304) with its `ETag`,
         *     `Content-Type: message/rfc822` and `Accept-Ranges`, or its error. LIST's `size` is in
         *     the listing; the exact byte count is only known once the server has sent them.
         */
        head: operations["HeadRawMessage"];
        patch?: never;
        trace?: never;
    };
    "/messages/{id}/headers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a message's headers
         * @description The message's header block (`TOP n 0`): each header name (lower case) with its decoded
         *     values, and the block as the server sent it in `raw` (bytes read as Latin-1, so none is
         *     lost). Cheaper than the whole message: the body is never fetched.
         */
        get: operations["GetMessageHeaders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /**
         * Check a message's headers
         * @description What GET /messages/{id}/headers would answer, without `TOP`: 200 (or 304) with its
         *     `ETag`, or its error.
         */
        head: operations["HeadMessageHeaders"];
        patch?: never;
        trace?: never;
    };
    "/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhooks
         * @description The webhooks, oldest first (a bound token's: its account's only). Never a secret.
         *
         *     **Token scope:** `accounts:manage`.
         */
        get: operations["ListWebhooks"];
        put?: never;
        /**
         * Create a webhook
         * @description Creates a webhook for these event types (default: all) of one account (default: every
         *     account; a bound token's own account). The `secret` that signs its deliveries is in this
         *     answer only. The URL must be http(s) without credentials; a host that resolves to a
         *     loopback, private or link-local address is refused unless WEBHOOK_ALLOW_PRIVATE=true. It
         *     receives events recorded from now on.
         *
         *     **Token scope:** `accounts:manage`.
         */
        post: operations["CreateWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/{webhook}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a webhook
         * @description One webhook: its URL, event types, account, and whether it is enabled. Never its secret.
         *
         *     **Token scope:** `accounts:manage`.
         */
        get: operations["GetWebhook"];
        put?: never;
        post?: never;
        /**
         * Delete a webhook
         * @description Deletes the webhook and its delivery log; deliveries still queued for it are dropped.
         *
         *     **Token scope:** `accounts:manage`.
         */
        delete: operations["DeleteWebhook"];
        options?: never;
        head?: never;
        /**
         * Change a webhook
         * @description Changes a webhook's URL (checked as at creation), event types, description, or `enabled`
         *     (`true` re-enables one a 410 disabled). Its secret and account stay.
         *
         *     **Token scope:** `accounts:manage`.
         */
        patch: operations["UpdateWebhook"];
        trace?: never;
    };
    "/webhooks/{webhook}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test event
         * @description Queues a `webhook.test` event for this webhook, delivered (signed, retried) like any
         *     other; its attempts show in the delivery log under the returned `eventId`.
         *
         *     **Token scope:** `accounts:manage`.
         */
        post: operations["TestWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/{webhook}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List delivery attempts
         * @description The webhook's most recent delivery attempts, newest first (the last 100 are kept): the
         *     event id, attempt number, the receiver's HTTP status (null when none came), duration, and
         *     why it failed.
         *
         *     **Token scope:** `accounts:manage`.
         */
        get: operations["ListDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List tokens
         * @description The tokens, oldest first: ids, scopes, accounts, expiry — never a token's value.
         *
         *     **Token scope:** `accounts:manage`.
         */
        get: operations["ListTokens"];
        put?: never;
        /**
         * Create a token
         * @description Creates a token with these scopes (`accounts:manage`, `messages:read`, `messages:delete`,
         *     `events:read`), bound to `account` when given (it then reaches no other account: they
         *     answer 404 as if they did not exist). The `token` value is in this answer only; popgate
         *     keeps its SHA-256.
         *
         *     **Token scope:** `accounts:manage`.
         */
        post: operations["CreateToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tokens/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke a token
         * @description Revokes the token: the next request with it is 401, on every instance that shares the store.
         *
         *     **Token scope:** `accounts:manage`.
         */
        delete: operations["RevokeToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth2/authorize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Start consent for an account
         * @description Redirects (302) to the provider's consent page for a registered OAuth2 account, with the
         *     gateway's own app (OAUTH_GMAIL_* / OAUTH_OUTLOOK_*), PKCE (S256) and a `state` bound to the
         *     account, sealed with POPGATE_SECRET and good for 15 minutes. Send the `Location` to the
         *     mailbox owner: once they allow access, the provider sends their browser to
         *     `/oauth2/callback`, which stores the refresh token in the account. A request that accepts
         *     `application/json` but not HTML (Swagger UI, API clients) gets the link as JSON instead.
         *
         *     **Token scope:** `accounts:manage`.
         */
        get: operations["StartConsent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth2/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Finish consent (the provider's redirect)
         * @description Where the provider sends the owner's browser after consent: exchanges the `code` (with the
         *     PKCE verifier the `state` carries) at the token endpoint and stores the refresh token,
         *     encrypted, in the account the `state` names; answers the account (never a secret). Needs
         *     no token: the sealed `state` is the proof. Register this URL (OAUTH_REDIRECT_URL) with the
         *     provider's app.
         */
        get: operations["FinishConsent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List messages
         * @description One page of the maildrop's messages: their ids (UIDL values), sizes and, with
         *     `headers=true`, subject, sender, recipients, date and Message-ID (`TOP n 0`).
         *     `desc` lists the newest (highest-numbered) message first. Listings are cached for
         *     CACHE_TTL_S; send `Cache-Control: no-cache` to see mail that arrived since. The `ETag`
         *     names the page's ids and sizes: send it back in `If-None-Match` to get 304 while the page is unchanged.
         */
        get: operations["ListMessages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/messages/{id}/attachments/{index}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download an attachment
         * @description One attachment's decoded bytes, with its own `Content-Type` and
         *     `Content-Disposition: attachment` carrying its file name (RFC 6266, UTF-8 in
         *     `filename*`). `index` is the attachment's position in the `attachments` of
         *     GET /messages/{id}. A single `Range: bytes=a-b` gets 206 with `Content-Range: bytes a-b/length`
         *     (416 past the end), `If-Range` with the ETag; several ranges get the whole attachment.
         */
        get: operations["GetAttachment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mailbox/stat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Count and total size of the messages
         * @description How many messages the maildrop holds and their total size in octets (POP3 `STAT`).
         *     `snapshotAt` is when the POP3 session that answered logged in; mail that arrived since
         *     shows up in a newer session — send `Cache-Control: no-cache` to get one.
         */
        get: operations["GetStat"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mailbox/capabilities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What the POP3 server supports
         * @description What the POP3 server supports (its `CAPA` reply, capability name to arguments), whether
         *     message ids survive across sessions (`stableIds` is true when the server offers UIDL;
         *     without it, ids are message numbers and shift when mail is deleted), and the TLS
         *     session to the server (null over plaintext).
         */
        get: operations["GetCapabilities"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the event log
         * @description The event log, oldest first: `items` after the cursor `after`, and `next`, the cursor to
         *     pass as `after` for the next page (never null; an empty page means you are caught up —
         *     poll again with the same `after`). Without `after` it starts at the oldest event kept
         *     (EVENT_RETENTION events are kept). When `after` is older than that, `reset` is true: events
         *     between were dropped, and the page starts at the oldest one kept. With filters, a page may
         *     come back short before the end: go on from `next`. A token bound to an account sees that
         *     account's events only.
         *
         *     **Token scope:** `events:read`.
         */
        get: operations["ListEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/events/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stream events (SSE)
         * @description New events as they are recorded, as Server-Sent Events: `id:` is the event's cursor,
         *     `event:` its type, `data:` its JSON. Without `Last-Event-ID` or `after` the stream starts
         *     live (from now); with one it first sends every event recorded after that cursor, then goes
         *     on live, with no gap and no repeat — EventSource resends `Last-Event-ID` by itself when it
         *     reconnects, and it wins over `after`. A cursor older than the log gets one `event: reset`
         *     first. A `: keep-alive` comment goes out after 15 s without an event. A client that leaves
         *     too much unread is disconnected: reconnect with `Last-Event-ID` and nothing is lost.
         *
         *     **Token scope:** `events:read`.
         */
        get: operations["StreamEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List accounts
         * @description The registered accounts, oldest first.
         *
         *     **Token scope:** `accounts:manage`.
         */
        get: operations["ListAccounts"];
        put?: never;
        /**
         * Register an account
         * @description Registers a mailbox. Its credentials are tried with one POP3 login first (`verify=false`
         *     skips that): a refusal is 422 `credentials_refused` with the server's words, and nothing is
         *     stored. The password is stored encrypted and never shown again.
         *
         *     **Token scope:** `accounts:manage`.
         */
        post: operations["CreateAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{account}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an account
         * @description One account: where it logs in, how it is polled, and how its last poll went (`state`). Never its password.
         *
         *     **Token scope:** `accounts:manage`.
         */
        get: operations["GetAccount"];
        put?: never;
        post?: never;
        /**
         * Delete an account
         * @description Forgets the account, its stored credentials, every token bound to it, and its poll state;
         *     its polls stop. Events already recorded stay until retention drops them.
         *
         *     **Token scope:** `accounts:manage`.
         */
        delete: operations["DeleteAccount"];
        options?: never;
        head?: never;
        /**
         * Change an account
         * @description Changes some of an account's fields. A change to its POP3 host, port, TLS, user, password
         *     or login method is verified with one login first, as at registration (`verify=false`
         *     skips it). The stored password is re-encrypted with the current POPGATE_SECRET.
         *
         *     **Token scope:** `accounts:manage`.
         */
        patch: operations["UpdateAccount"];
        trace?: never;
    };
    "/accounts/{account}/messages/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a message
         * @description GET /messages/{id}, for a registered account, with its stored credentials.
         *
         *     The message parsed: addresses, dates, all headers (name in lower case to its decoded
         *     values), the text and HTML bodies, and the list of attachments with the `index` to
         *     fetch each one by. A message never changes under its id, so its `ETag` stays valid.
         *
         *     **Token scope:** `messages:read`.
         */
        get: operations["AccountGetMessage"];
        put?: never;
        post?: never;
        /**
         * Delete a message
         * @description DELETE /messages/{id}, for a registered account, with its stored credentials.
         *
         *     Deletes the message from the maildrop: `DELE` and then `QUIT` on a POP3 session logged in
         *     for this request, and 204 only once the server confirmed both (POP3 commits deletions at
         *     `QUIT`) **and** a session logged in afterwards no longer lists the id. Some servers
         *     (Courier) can answer `+OK` to `QUIT` and keep the message: that is 502
         *     `upstream_protocol_error`, never 204. The mailbox's cached listing is dropped, so the
         *     next listing no longer shows it. Costs two POP3 logins.
         *
         *     **Token scope:** `messages:delete`.
         */
        delete: operations["AccountDeleteMessage"];
        options?: never;
        /**
         * Check a message
         * @description HEAD /messages/{id}, for a registered account, with its stored credentials.
         *
         *     What GET /messages/{id} would answer, without fetching the message: 200 (or 304 to a
         *     matching `If-None-Match`) with its `ETag` and `Content-Type`, or its error.
         *
         *     **Token scope:** `messages:read`.
         */
        head: operations["AccountHeadMessage"];
        patch?: never;
        trace?: never;
    };
    "/accounts/{account}/messages/{id}/raw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download the raw message
         * @description GET /messages/{id}/raw, for a registered account, with its stored credentials.
         *
         *     The message exactly as the server sent it (after POP3 dot-unstuffing), as
         *     `message/rfc822`, streamed: large messages start arriving at once and never sit in the
         *     gateway's memory. A message over MAX_MESSAGE_BYTES is cut at that size (the connection
         *     closes without a complete body), so check the `size` from the listing first.
         *     A single `Range: bytes=a-b` (also `a-` and `-n`) resumes a download: 206 with
         *     `Content-Range: bytes a-b/*`, placed by the LIST size (the exact length is only known once
         *     the server sent it all; if it sends fewer, the connection closes early); 416 only when the
         *     message really ends before `a`. `If-Range` with the ETag; several ranges get the whole message.
         *
         *     **Token scope:** `messages:read`.
         */
        get: operations["AccountGetRawMessage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /**
         * Check a raw message
         * @description HEAD /messages/{id}/raw, for a registered account, with its stored credentials.
         *
         *     What GET /messages/{id}/raw would answer, without `RETR`: 200 (or 304) with its `ETag`,
         *     `Content-Type: message/rfc822` and `Accept-Ranges`, or its error. LIST's `size` is in
         *     the listing; the exact byte count is only known once the server has sent them.
         *
         *     **Token scope:** `messages:read`.
         */
        head: operations["AccountHeadRawMessage"];
        patch?: never;
        trace?: never;
    };
    "/accounts/{account}/messages/{id}/headers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a message's headers
         * @description GET /messages/{id}/headers, for a registered account, with its stored credentials.
         *
         *     The message's header block (`TOP n 0`): each header name (lower case) with its decoded
         *     values, and the block as the server sent it in `raw` (bytes read as Latin-1, so none is
         *     lost). Cheaper than the whole message: the body is never fetched.
         *
         *     **Token scope:** `messages:read`.
         */
        get: operations["AccountGetMessageHeaders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /**
         * Check a message's headers
         * @description HEAD /messages/{id}/headers, for a registered account, with its stored credentials.
         *
         *     What GET /messages/{id}/headers would answer, without `TOP`: 200 (or 304) with its
         *     `ETag`, or its error.
         *
         *     **Token scope:** `messages:read`.
         */
        head: operations["AccountHeadMessageHeaders"];
        patch?: never;
        trace?: never;
    };
    "/accounts/{account}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List messages
         * @description GET /messages, for a registered account, with its stored credentials.
         *
         *     One page of the maildrop's messages: their ids (UIDL values), sizes and, with
         *     `headers=true`, subject, sender, recipients, date and Message-ID (`TOP n 0`).
         *     `desc` lists the newest (highest-numbered) message first. Listings are cached for
         *     CACHE_TTL_S; send `Cache-Control: no-cache` to see mail that arrived since. The `ETag`
         *     names the page's ids and sizes: send it back in `If-None-Match` to get 304 while the page is unchanged.
         *
         *     **Token scope:** `messages:read`.
         */
        get: operations["AccountListMessages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{account}/messages/{id}/attachments/{index}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download an attachment
         * @description GET /messages/{id}/attachments/{index}, for a registered account, with its stored credentials.
         *
         *     One attachment's decoded bytes, with its own `Content-Type` and
         *     `Content-Disposition: attachment` carrying its file name (RFC 6266, UTF-8 in
         *     `filename*`). `index` is the attachment's position in the `attachments` of
         *     GET /messages/{id}. A single `Range: bytes=a-b` gets 206 with `Content-Range: bytes a-b/length`
         *     (416 past the end), `If-Range` with the ETag; several ranges get the whole attachment.
         *
         *     **Token scope:** `messages:read`.
         */
        get: operations["AccountGetAttachment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{account}/mailbox/stat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Count and total size of the messages
         * @description GET /mailbox/stat, for a registered account, with its stored credentials.
         *
         *     How many messages the maildrop holds and their total size in octets (POP3 `STAT`).
         *     `snapshotAt` is when the POP3 session that answered logged in; mail that arrived since
         *     shows up in a newer session — send `Cache-Control: no-cache` to get one.
         *
         *     **Token scope:** `messages:read`.
         */
        get: operations["AccountGetStat"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{account}/mailbox/capabilities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What the POP3 server supports
         * @description GET /mailbox/capabilities, for a registered account, with its stored credentials.
         *
         *     What the POP3 server supports (its `CAPA` reply, capability name to arguments), whether
         *     message ids survive across sessions (`stableIds` is true when the server offers UIDL;
         *     without it, ids are message numbers and shift when mail is deleted), and the TLS
         *     session to the server (null over plaintext).
         *
         *     **Token scope:** `messages:read`.
         */
        get: operations["AccountGetCapabilities"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description Stable, machine-readable reason of an error; branch on it. Each code always comes with the
         *     same HTTP status; each operation's responses list the codes it can answer with.
         * @example message_not_found
         * @enum {string}
         */
        ErrorCode: "invalid_request" | "unauthorized" | "message_not_found" | "message_too_large" | "rate_limited" | "range_not_satisfiable" | "upstream_protocol_error" | "upstream_unavailable" | "upstream_timeout" | "attachment_not_found" | "not_found" | "internal_error" | "forbidden" | "account_not_found" | "conflict" | "credentials_refused" | "account_credentials_refused" | "secrets_unavailable" | "token_not_found" | "oauth_reauthorization_required" | "webhook_not_found";
        /**
         * @description An OAuth2 login (XOAUTH2, OAUTHBEARER) the server refused: the error challenge it sent
         *     before `-ERR`, base64-decoded (its JSON values as strings).
         * @example {
         *       "status": "400",
         *       "schemes": "Bearer",
         *       "scope": "https://mail.google.com/"
         *     }
         */
        SaslErrorChallenge: {
            [key: string]: string;
        };
        /** @description The POP3 server's own reply, when that reply is the reason for the error. */
        Pop3Reply: {
            /**
             * @description The RFC 2449/3206 response code in brackets, if the server sent one.
             * @example AUTH
             */
            respCode: string | null;
            /**
             * @description The server's own words after `-ERR` and the response code (never the command that was sent).
             * @example Application-specific password required: https://support.google.com/accounts/answer/185833
             */
            text: string;
            challenge?: components["schemas"]["SaslErrorChallenge"];
        };
        /**
         * @description RFC 9457 problem details, served as `application/problem+json`. Branch on `code`;
         *     show `detail` (and `pop3.text`, when present) to a person.
         */
        ProblemJson: {
            /**
             * @description A URI naming the kind of problem; one per `code`.
             * @example https://popgate.dev/problems/message_not_found
             */
            type: string;
            /**
             * @description Short, fixed summary of the kind of problem.
             * @example Message not found
             */
            title: string;
            /**
             * Format: double
             * @description The HTTP status code, repeated.
             * @example 404
             */
            status: number;
            /**
             * @description What went wrong with this request, and what to do about it.
             * @example No message with id 0000000158f1c2a3 in the current snapshot. It may have been deleted; list /messages for the current ids.
             */
            detail: string;
            code: components["schemas"]["ErrorCode"];
            pop3?: components["schemas"]["Pop3Reply"];
        };
        /**
         * @description The event types a webhook may subscribe to (`webhook.test` is always delivered).
         * @enum {string}
         */
        WebhookEventType: "message.received" | "message.deleted" | "account.status";
        /** @description A webhook just created: `secret` signs its deliveries, shown this once. */
        CreatedWebhook: {
            /** @example wh_5d0c3e9a7b1f2e46 */
            id: string;
            /** @example https://hooks.example.com/popgate */
            url: string;
            /** @description The event types it receives. */
            events: components["schemas"]["WebhookEventType"][];
            /** @description The account whose events it receives, or null for every account. */
            account: string | null;
            description: string | null;
            /** @description False once the receiver answered 410 Gone (or a PATCH set it): nothing is delivered. */
            enabled: boolean;
            /** @description Why it was disabled, or null. */
            disabledReason: string | null;
            /** @description ISO 8601 */
            createdAt: string;
            /** @description ISO 8601 */
            updatedAt: string;
            /**
             * @description `whsec_` + base64 of 32 random bytes: pass it to a Standard Webhooks verifier.
             * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
             */
            secret: string;
        };
        NewWebhook: {
            /**
             * @description http(s) URL the events are POSTed to; no user name or password in it.
             * @example https://hooks.example.com/popgate
             */
            url: string;
            /** @description The event types to receive (default: every type). */
            events?: components["schemas"]["WebhookEventType"][];
            /** @description Receive only this account's events (default: every account's). */
            account?: string;
            description?: string;
        };
        /** @description A webhook: where popgate POSTs events, signed per Standard Webhooks v1. Never its secret. */
        Webhook: {
            /** @example wh_5d0c3e9a7b1f2e46 */
            id: string;
            /** @example https://hooks.example.com/popgate */
            url: string;
            /** @description The event types it receives. */
            events: components["schemas"]["WebhookEventType"][];
            /** @description The account whose events it receives, or null for every account. */
            account: string | null;
            description: string | null;
            /** @description False once the receiver answered 410 Gone (or a PATCH set it): nothing is delivered. */
            enabled: boolean;
            /** @description Why it was disabled, or null. */
            disabledReason: string | null;
            /** @description ISO 8601 */
            createdAt: string;
            /** @description ISO 8601 */
            updatedAt: string;
        };
        WebhookList: {
            /** Format: double */
            total: number;
            items: components["schemas"]["Webhook"][];
        };
        WebhookChanges: {
            /** @example https://hooks.example.com/popgate */
            url?: string;
            events?: components["schemas"]["WebhookEventType"][];
            description?: string | null;
            /** @description `true` re-enables a webhook that a 410 disabled. */
            enabled?: boolean;
        };
        /** @description `POST /webhooks/{id}/test` queued a `webhook.test` event. */
        WebhookTestQueued: {
            /** @example evt_0f5e8c1d2b3a49876c5d4e3f2a1b0c9d */
            eventId: string;
        };
        /** @description One delivery attempt. */
        DeliveryAttempt: {
            /** @description The event's id: the `webhook-id` header. */
            eventId: string;
            /**
             * Format: int32
             * @description 1 for the first attempt.
             */
            attempt: number;
            /** @description ISO 8601: when the attempt started. */
            at: string;
            /**
             * Format: double
             * @description The receiver's HTTP status, or null when none came (timeout, refused connection, refused address).
             */
            status: number | null;
            /** Format: int32 */
            durationMs: number;
            /** @description Why it failed, when it did. */
            error?: string;
        };
        DeliveryList: {
            /** @description Newest first: the most recent attempts kept. */
            items: components["schemas"]["DeliveryAttempt"][];
        };
        /**
         * @description What a token may do: manage accounts (and tokens), read messages, delete messages, read events.
         * @enum {string}
         */
        TokenScope: "accounts:manage" | "messages:read" | "messages:delete" | "events:read";
        /** @description A token just created: `token` is its value, shown this once and stored only as a SHA-256. */
        CreatedToken: {
            /** @example tok_4f1c2a9e0b7d */
            id: string;
            /** @description The account it is bound to (it reaches no other), or null for every account. */
            account: string | null;
            scopes: components["schemas"]["TokenScope"][];
            description: string | null;
            /** @description ISO 8601 */
            createdAt: string;
            /** @description ISO 8601, or null: it does not expire. */
            expiresAt: string | null;
            /** @example pgt_3q2+7wX… */
            token: string;
        };
        NewToken: {
            /** @description Bind the token to this account: it then reaches no other. */
            account?: string;
            scopes: components["schemas"]["TokenScope"][];
            description?: string;
            /** @description ISO 8601, in the future. Absent: the token does not expire. */
            expiresAt?: string;
        };
        /** @description A popgate API token, as listed: never its value. */
        ApiToken: {
            /** @example tok_4f1c2a9e0b7d */
            id: string;
            /** @description The account it is bound to (it reaches no other), or null for every account. */
            account: string | null;
            scopes: components["schemas"]["TokenScope"][];
            description: string | null;
            /** @description ISO 8601 */
            createdAt: string;
            /** @description ISO 8601, or null: it does not expire. */
            expiresAt: string | null;
        };
        TokenList: {
            /** Format: double */
            total: number;
            items: components["schemas"]["ApiToken"][];
        };
        /** @description Where to send the mailbox owner to consent. */
        ConsentLink: {
            /** @description The provider's consent page, with the gateway's app, PKCE and a sealed state (good for 15 minutes). */
            url: string;
        };
        /** @description Present for an OAuth2 account: how popgate gets its access tokens. Its client secret and refresh token are never shown. */
        AccountOAuth2: {
            /**
             * @description `gmail` and `outlook` fill host, token endpoint and scopes; `generic` needs `tokenUrl`.
             * @enum {string}
             */
            provider: "gmail" | "outlook" | "generic";
            /** @example 1234567890-abc.apps.googleusercontent.com */
            clientId: string;
            /**
             * @description `refresh_token`: a user consented; `client_credentials`: app-only access (Microsoft 365).
             * @enum {string}
             */
            grant: "refresh_token" | "client_credentials";
            /** @description Microsoft's directory; `common` unless set. */
            tenant?: string;
            tokenUrl?: string;
            scope?: string;
            /** @description False until a refresh token is stored (consent through GET /oauth2/authorize); always true for client_credentials. */
            authorized: boolean;
        };
        /** @description How popgate reaches an account's POP3 server (never its password). */
        AccountPop3: {
            /** @example pop.example.com */
            host: string;
            /**
             * Format: int32
             * @example 995
             */
            port: number;
            /**
             * @description `implicit`: TLS from the first byte (port 995); `starttls`: STLS on 110; `none` only where the gateway allows plaintext.
             * @enum {string}
             */
            tls: "implicit" | "starttls" | "none";
            /** @example support@example.com */
            user: string;
            /**
             * @description `auto`: SASL PLAIN when offered, else USER/PASS; `xoauth2`: an OAuth2 access token popgate keeps (`oauth2`).
             * @enum {string}
             */
            auth: "auto" | "user" | "plain" | "login" | "apop" | "xoauth2";
            oauth2?: components["schemas"]["AccountOAuth2"];
        };
        /** @description How popgate polls the account for new mail. */
        AccountPoll: {
            enabled: boolean;
            /**
             * Format: int32
             * @description Seconds between polls (default POLL_INTERVAL_S); never less than the server's CAPA LOGIN-DELAY.
             * @example 60
             */
            intervalS: number;
            /** @description Report the messages already there at the first poll as new (default: they are the baseline, reported never). */
            backfill: boolean;
            /** @description Consume mode: delete a message upstream once every webhook subscribed to it answered 2xx (DELE, and only QUIT's +OK commits it). */
            deleteAfterDelivery: boolean;
        };
        /** @description How the last poll of the account went (kept by the poller, apart from the account's own fields). */
        AccountState: {
            /**
             * @description `new` until the first poll; `connected`: the last poll logged in and listed the mailbox;
             *     `authentication_failed`: the server refused the login (fix the password with PATCH);
             *     `unreachable`: no connection, TLS failure, timeout or a broken conversation; `disabled`:
             *     `poll.enabled` is false. A change is recorded as an `account.status` event.
             * @enum {string}
             */
            status: "new" | "connected" | "authentication_failed" | "unreachable" | "disabled";
            /** @description ISO 8601: when the last poll ended; null before the first. */
            lastPollAt: string | null;
            /** @description Why the last poll failed (the server's own words for a refused login; never a password). Absent after a successful poll. */
            lastError?: string;
        };
        /** @description A registered account. Its password is stored encrypted and never shown. */
        Account: {
            /** @example support */
            id: string;
            /** @example Support inbox */
            name: string | null;
            pop3: components["schemas"]["AccountPop3"];
            poll: components["schemas"]["AccountPoll"];
            state: components["schemas"]["AccountState"];
            /** @description ISO 8601 */
            createdAt: string;
            /** @description ISO 8601 */
            updatedAt: string;
        };
        /** @description Summary headers from `TOP n 0`, decoded. */
        HeaderSummary: {
            subject: string | null;
            from: string | null;
            to: string | null;
            /** @description ISO 8601, or null when missing or unparseable. */
            date: string | null;
            messageId: string | null;
        };
        MessageListItem: {
            /**
             * @description The server's UIDL value (or the message number as a string when the server has no UIDL).
             * @example 00000001575d3e1c
             */
            id: string;
            /**
             * Format: double
             * @description Number in the session that produced this listing; only informative.
             * @example 1
             */
            number: number;
            /**
             * Format: double
             * @description Size in octets.
             * @example 1024
             */
            size: number;
            headers?: components["schemas"]["HeaderSummary"];
        };
        /** @description Answer of GET /messages. */
        MessageList: {
            /** Format: double */
            total: number;
            /** Format: double */
            totalSize: number;
            /** Format: double */
            offset: number;
            /** Format: double */
            limit: number;
            snapshotAt: string;
            items: components["schemas"]["MessageListItem"][];
        };
        Address: {
            name: string;
            address: string;
        };
        AttachmentInfo: {
            /**
             * Format: double
             * @description Position among the message's attachments, for /attachments/{index}.
             * @example 0
             */
            index: number;
            filename: string | null;
            contentType: string;
            /**
             * Format: double
             * @description Decoded size in octets.
             */
            size: number;
            contentId: string | null;
            /** @description `attachment` or `inline`. */
            disposition: string | null;
            /** @description SHA-256 of the decoded bytes, hex. */
            sha256: string;
        };
        /** @description Answer of GET /messages/{id}: the parsed message. */
        ParsedMessage: {
            id: string;
            /** Format: double */
            number: number;
            /** Format: double */
            size: number;
            subject: string | null;
            from: components["schemas"]["Address"][];
            to: components["schemas"]["Address"][];
            cc: components["schemas"]["Address"][];
            replyTo: components["schemas"]["Address"][];
            /** @description ISO 8601, or null. */
            date: string | null;
            messageId: string | null;
            inReplyTo: string | null;
            references: string[];
            /** @description Header name (lower case) -> its values, decoded. */
            headers: {
                [key: string]: string[];
            };
            text: string | null;
            html: string | null;
            attachments: components["schemas"]["AttachmentInfo"][];
        };
        /**
         * Format: binary
         * @description Bytes of a message or attachment, streamed.
         */
        Bytes: Blob;
        /** @description Answer of GET /messages/{id}/headers. */
        MessageHeaders: {
            id: string;
            headers: {
                [key: string]: string[];
            };
            /** @description The header block as the server sent it (decoded as latin1 so no byte is lost). */
            raw: string;
        };
        /** @description Answer of GET /mailbox/stat. */
        MailboxStat: {
            /**
             * Format: double
             * @description Messages in the maildrop snapshot.
             * @example 2
             */
            count: number;
            /**
             * Format: double
             * @description Total size in octets, as the server counts them.
             * @example 320
             */
            size: number;
            /** @description When the POP3 session that produced this answer logged in (ISO 8601). */
            snapshotAt: string;
        };
        /** @description Answer of GET /mailbox/capabilities. */
        MailboxCapabilities: {
            /** @description CAPA reply: capability name -> arguments. */
            capabilities: {
                [key: string]: string[];
            };
            /** @description True when the server offers UIDL, so message ids survive across sessions. */
            stableIds: boolean;
            /** @description The upstream TLS session, or null for plaintext. */
            tls: {
                /** @example TLS_AES_256_GCM_SHA384 */
                cipher: string | null;
                /** @example TLSv1.3 */
                protocol: string | null;
            } | null;
        };
        /** @description What `TOP n 0` said of a new message. */
        MessageHeadersSummary: {
            subject: string | null;
            from: string | null;
            to: string | null;
            date: string | null;
            messageId: string | null;
        };
        MessageReceivedData: {
            /**
             * @description The message's UIDL: the id of `/accounts/{account}/messages/{id}`.
             * @example 0000000158f1c2a3
             */
            id: string;
            /**
             * Format: double
             * @description LIST's size, in octets.
             * @example 1843
             */
            size: number;
            headers: components["schemas"]["MessageHeadersSummary"];
        };
        /** @description A new message in the account's mailbox. */
        MessageReceivedEvent: {
            /**
             * @description `evt_…`: the same for a message event however often it is reported, so deduplicate by it.
             * @example evt_Jq0vY3c9Hn2XwR8sT5aLkP1mZ4uB7eD6
             */
            id: string;
            /**
             * @description ISO 8601 UTC: when the change was seen.
             * @example 2026-11-30T10:00:00.000Z
             */
            timestamp: string;
            /**
             * @description The registered account.
             * @example support
             */
            account: string;
            /**
             * @description Where the event sits in the log: pass it as `after` (or `Last-Event-ID`) to read on from it.
             * @example 1764496800000-0
             */
            cursor: string;
            /** @enum {string} */
            type: "message.received";
            data: components["schemas"]["MessageReceivedData"];
        };
        MessageDeletedData: {
            /**
             * @description The UIDL that is gone.
             * @example 0000000158f1c2a3
             */
            id: string;
        };
        /** @description A message seen before is gone, whoever deleted it. */
        MessageDeletedEvent: {
            /**
             * @description `evt_…`: the same for a message event however often it is reported, so deduplicate by it.
             * @example evt_Jq0vY3c9Hn2XwR8sT5aLkP1mZ4uB7eD6
             */
            id: string;
            /**
             * @description ISO 8601 UTC: when the change was seen.
             * @example 2026-11-30T10:00:00.000Z
             */
            timestamp: string;
            /**
             * @description The registered account.
             * @example support
             */
            account: string;
            /**
             * @description Where the event sits in the log: pass it as `after` (or `Last-Event-ID`) to read on from it.
             * @example 1764496800000-0
             */
            cursor: string;
            /** @enum {string} */
            type: "message.deleted";
            data: components["schemas"]["MessageDeletedData"];
        };
        /** @enum {string} */
        AccountStatus: "new" | "connected" | "authentication_failed" | "unreachable" | "disabled";
        AccountStatusData: {
            status: components["schemas"]["AccountStatus"];
            previous: components["schemas"]["AccountStatus"];
            /** @description Why, for a failure status (never a secret). */
            error: string | null;
        };
        /** @description The account's `state.status` changed. */
        AccountStatusEvent: {
            /**
             * @description `evt_…`: the same for a message event however often it is reported, so deduplicate by it.
             * @example evt_Jq0vY3c9Hn2XwR8sT5aLkP1mZ4uB7eD6
             */
            id: string;
            /**
             * @description ISO 8601 UTC: when the change was seen.
             * @example 2026-11-30T10:00:00.000Z
             */
            timestamp: string;
            /**
             * @description The registered account.
             * @example support
             */
            account: string;
            /**
             * @description Where the event sits in the log: pass it as `after` (or `Last-Event-ID`) to read on from it.
             * @example 1764496800000-0
             */
            cursor: string;
            /** @enum {string} */
            type: "account.status";
            data: components["schemas"]["AccountStatusData"];
        };
        /** @description An event as the log holds it: the envelope, its `data` by `type`, and its `cursor`. */
        LoggedEvent: components["schemas"]["MessageReceivedEvent"] | components["schemas"]["MessageDeletedEvent"] | components["schemas"]["AccountStatusEvent"];
        /** @description A page of the event log, oldest first. */
        EventList: {
            items: components["schemas"]["LoggedEvent"][];
            /**
             * @description Pass as `after` for the next page: the last item's cursor, or how far the log was read (never null).
             * @example 1764496800000-0
             */
            next: string;
            /** @description True when `after` is older than the oldest event kept: events between were dropped by retention (EVENT_RETENTION), and the page starts at the oldest one kept. */
            reset: boolean;
        };
        /**
         * @description `text/event-stream`: per event, `id:` (its cursor), `event:` (its type) and `data:` (the
         *     event's JSON, without `cursor`), then a blank line; `: keep-alive` comment lines while quiet;
         *     `event: reset` first when the resumed-from cursor is older than the log.
         * @example id: 1764496800000-0
         *     event: message.received
         *     data: {"id":"evt_Jq0vY3c9Hn2XwR8sT5aLkP1mZ4uB7eD6","type":"message.received","timestamp":"2026-11-30T10:00:00.000Z","account":"support","data":{"id":"0000000158f1c2a3","size":1843,"headers":{"subject":"Hello","from":"Ann <ann@example.com>","to":"support@example.com","date":"Mon, 30 Nov 2026 10:00:00 +0000","messageId":"<1@example.com>"}}}
         */
        EventStreamText: string;
        /** @description The OAuth2 client of a new account (secrets stored encrypted, never shown). */
        NewAccountOAuth2: {
            /** @enum {string} */
            provider: "gmail" | "outlook" | "generic";
            /** @description Default: the gateway's own app for the provider (OAUTH_GMAIL_CLIENT_ID, OAUTH_OUTLOOK_CLIENT_ID). */
            clientId?: string;
            clientSecret?: string;
            /** @description Absent for the refresh_token grant: the account waits for consent through GET /oauth2/authorize. */
            refreshToken?: string;
            /** @description Microsoft's directory: a tenant id or domain, or `common` / `organizations` (default `common`). */
            tenant?: string;
            /** @enum {string} */
            grant?: "refresh_token" | "client_credentials";
            /** @description Overrides the profile's token endpoint (https); required for `generic`. */
            tokenUrl?: string;
            /** @description Overrides the profile's scopes (space-separated). */
            scope?: string;
        };
        /** @description The POP3 side of a new account: where, who, and the password or OAuth2 client (stored encrypted, never shown). */
        NewAccountPop3: {
            /**
             * @description Required unless `oauth2.provider` names a server (gmail, outlook).
             * @example pop.example.com
             */
            host?: string;
            /**
             * Format: int32
             * @description Default: 995 for `implicit` TLS, else 110.
             */
            port?: number;
            /** @enum {string} */
            tls?: "implicit" | "starttls" | "none";
            /** @example support@example.com */
            user: string;
            /**
             * @description Required unless `oauth2` is given.
             * @example app-password
             */
            password?: string;
            /** @enum {string} */
            auth?: "auto" | "user" | "plain" | "login" | "apop" | "xoauth2";
            oauth2?: components["schemas"]["NewAccountOAuth2"];
        };
        /** @description Any of the poll settings; the others keep their defaults (or current values). */
        PollSettings: {
            enabled?: boolean;
            /** Format: int32 */
            intervalS?: number;
            backfill?: boolean;
            deleteAfterDelivery?: boolean;
        };
        NewAccount: {
            /**
             * @description Letters, digits, `.`, `_`, `-`, starting with a letter or digit; generated when absent.
             * @example support
             */
            id?: string;
            /** @example Support inbox */
            name?: string;
            pop3: components["schemas"]["NewAccountPop3"];
            poll?: components["schemas"]["PollSettings"];
        };
        AccountList: {
            /** Format: double */
            total: number;
            items: components["schemas"]["Account"][];
        };
        /** @description OAuth2 fields to change: those given replace the account's, the secrets not given are kept. A new `refreshToken` (a new consent) clears an earlier invalid_grant. */
        OAuth2Changes: {
            /** @enum {string} */
            provider?: "gmail" | "outlook" | "generic";
            clientId?: string;
            clientSecret?: string;
            refreshToken?: string;
            tenant?: string;
            /** @enum {string} */
            grant?: "refresh_token" | "client_credentials";
            tokenUrl?: string;
            scope?: string;
        };
        /** @description The POP3 fields to change; changing `host`, `port`, `tls`, `user`, `password` or `auth` is verified with a login like a new account. */
        Pop3Changes: {
            host?: string;
            /** Format: int32 */
            port?: number;
            /** @enum {string} */
            tls?: "implicit" | "starttls" | "none";
            user?: string;
            password?: string;
            /** @enum {string} */
            auth?: "auto" | "user" | "plain" | "login" | "apop" | "xoauth2";
            oauth2?: components["schemas"]["OAuth2Changes"];
        };
        AccountChanges: {
            name?: string | null;
            pop3?: components["schemas"]["Pop3Changes"];
            poll?: components["schemas"]["PollSettings"];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    GetMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The message's UIDL value, URL-encoded. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The parsed message */
            200: {
                headers: {
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ParsedMessage"];
                };
            };
            /** @description Not modified: `If-None-Match` already names this representation (a message never changes under its id). */
            304: {
                headers: {
                    ETag: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The id is not a UIDL value (1 to 70 characters 0x21-0x7E), or an unknown query parameter was given. Nothing was sent to the POP3 server. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Credentials are missing or malformed, or the POP3 server refused them: its own words are in `pop3.text`. Authorize with Basic (multi-mailbox mode) or Bearer (single-mailbox mode). For an OAuth2 mailbox, code `oauth_reauthorization_required` says the token endpoint refused its refresh token (`invalid_grant`): the owner must consent again. */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No message with this id in the current snapshot: it was deleted, or the id is from another mailbox. List /messages for the current ids. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The message is larger than this gateway's MAX_MESSAGE_BYTES; fetch it with /messages/{id}/raw instead (streamed, up to the same cap) or raise the limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent a malformed or oversized reply, dropped the connection mid-reply, answered -ERR unexpectedly, or failed permanently (`[SYS/PERM]`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken), or an OAuth2 mailbox's token endpoint failed or did not answer within POP3_TIMEOUT_MS. Retry after `Retry-After` seconds. */
            503: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent nothing within POP3_TIMEOUT_MS. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    DeleteMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The message's UIDL value, URL-encoded. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted: the server committed the deletion */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The id is not a UIDL value (1 to 70 characters 0x21-0x7E), or an unknown query parameter was given. Nothing was sent to the POP3 server. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Credentials are missing or malformed, or the POP3 server refused them: its own words are in `pop3.text`. Authorize with Basic (multi-mailbox mode) or Bearer (single-mailbox mode). For an OAuth2 mailbox, code `oauth_reauthorization_required` says the token endpoint refused its refresh token (`invalid_grant`): the owner must consent again. */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No message with this id in the current snapshot: it was deleted, or the id is from another mailbox. List /messages for the current ids. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent a malformed or oversized reply, dropped the connection mid-reply, answered -ERR unexpectedly, or failed permanently (`[SYS/PERM]`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken), or an OAuth2 mailbox's token endpoint failed or did not answer within POP3_TIMEOUT_MS. Retry after `Retry-After` seconds. */
            503: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent nothing within POP3_TIMEOUT_MS. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    HeadMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The message's UIDL value, URL-encoded. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The message exists; a GET would answer with it */
            200: {
                headers: {
                    ETag: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not modified: `If-None-Match` already names this representation. */
            304: {
                headers: {
                    ETag: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The id is not a UIDL value (1 to 70 characters 0x21-0x7E), or an unknown query parameter was given. Nothing was sent to the POP3 server. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Credentials are missing or malformed, or the POP3 server refused them: its own words are in `pop3.text`. Authorize with Basic (multi-mailbox mode) or Bearer (single-mailbox mode). For an OAuth2 mailbox, code `oauth_reauthorization_required` says the token endpoint refused its refresh token (`invalid_grant`): the owner must consent again. */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No message with this id in the current snapshot: it was deleted, or the id is from another mailbox. List /messages for the current ids. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The message is larger than this gateway's MAX_MESSAGE_BYTES; fetch it with /messages/{id}/raw instead (streamed, up to the same cap) or raise the limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent a malformed or oversized reply, dropped the connection mid-reply, answered -ERR unexpectedly, or failed permanently (`[SYS/PERM]`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken), or an OAuth2 mailbox's token endpoint failed or did not answer within POP3_TIMEOUT_MS. Retry after `Retry-After` seconds. */
            503: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent nothing within POP3_TIMEOUT_MS. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    GetRawMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The message's UIDL value, URL-encoded. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The message bytes */
            200: {
                headers: {
                    "Accept-Ranges": string;
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "message/rfc822": components["schemas"]["Bytes"];
                };
            };
            /** @description The bytes of a single `Range: bytes=a-b` (`If-Range` permitting), placed by the LIST size: `Content-Range: bytes a-b/*`, the complete length unclaimed */
            206: {
                headers: {
                    "Content-Range": string;
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Bytes"];
                };
            };
            /** @description Not modified: `If-None-Match` already names this representation (a message never changes under its id). */
            304: {
                headers: {
                    ETag: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The id is not a UIDL value (1 to 70 characters 0x21-0x7E), or an unknown query parameter was given. Nothing was sent to the POP3 server. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Credentials are missing or malformed, or the POP3 server refused them: its own words are in `pop3.text`. Authorize with Basic (multi-mailbox mode) or Bearer (single-mailbox mode). For an OAuth2 mailbox, code `oauth_reauthorization_required` says the token endpoint refused its refresh token (`invalid_grant`): the owner must consent again. */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No message with this id in the current snapshot: it was deleted, or the id is from another mailbox. List /messages for the current ids. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The single `Range` starts at or past the end of the bytes; `Content-Range: bytes *\/<length>` gives their length. */
            416: {
                headers: {
                    "Content-Range": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent a malformed or oversized reply, dropped the connection mid-reply, answered -ERR unexpectedly, or failed permanently (`[SYS/PERM]`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken), or an OAuth2 mailbox's token endpoint failed or did not answer within POP3_TIMEOUT_MS. Retry after `Retry-After` seconds. */
            503: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent nothing within POP3_TIMEOUT_MS. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    HeadRawMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The message's UIDL value, URL-encoded. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The message exists; a GET would stream it */
            200: {
                headers: {
                    "Accept-Ranges": string;
                    ETag: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not modified: `If-None-Match` already names this representation. */
            304: {
                headers: {
                    ETag: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The id is not a UIDL value (1 to 70 characters 0x21-0x7E), or an unknown query parameter was given. Nothing was sent to the POP3 server. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Credentials are missing or malformed, or the POP3 server refused them: its own words are in `pop3.text`. Authorize with Basic (multi-mailbox mode) or Bearer (single-mailbox mode). For an OAuth2 mailbox, code `oauth_reauthorization_required` says the token endpoint refused its refresh token (`invalid_grant`): the owner must consent again. */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No message with this id in the current snapshot: it was deleted, or the id is from another mailbox. List /messages for the current ids. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The message is larger than this gateway's MAX_MESSAGE_BYTES; fetch it with /messages/{id}/raw instead (streamed, up to the same cap) or raise the limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent a malformed or oversized reply, dropped the connection mid-reply, answered -ERR unexpectedly, or failed permanently (`[SYS/PERM]`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken), or an OAuth2 mailbox's token endpoint failed or did not answer within POP3_TIMEOUT_MS. Retry after `Retry-After` seconds. */
            503: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent nothing within POP3_TIMEOUT_MS. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    GetMessageHeaders: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The message's UIDL value, URL-encoded. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The header block */
            200: {
                headers: {
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageHeaders"];
                };
            };
            /** @description Not modified: `If-None-Match` already names this representation (a message never changes under its id). */
            304: {
                headers: {
                    ETag: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The id is not a UIDL value (1 to 70 characters 0x21-0x7E), or an unknown query parameter was given. Nothing was sent to the POP3 server. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Credentials are missing or malformed, or the POP3 server refused them: its own words are in `pop3.text`. Authorize with Basic (multi-mailbox mode) or Bearer (single-mailbox mode). For an OAuth2 mailbox, code `oauth_reauthorization_required` says the token endpoint refused its refresh token (`invalid_grant`): the owner must consent again. */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No message with this id in the current snapshot: it was deleted, or the id is from another mailbox. List /messages for the current ids. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent a malformed or oversized reply, dropped the connection mid-reply, answered -ERR unexpectedly, or failed permanently (`[SYS/PERM]`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken), or an OAuth2 mailbox's token endpoint failed or did not answer within POP3_TIMEOUT_MS. Retry after `Retry-After` seconds. */
            503: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent nothing within POP3_TIMEOUT_MS. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    HeadMessageHeaders: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The message's UIDL value, URL-encoded. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The message exists; a GET would answer with its header block */
            200: {
                headers: {
                    ETag: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not modified: `If-None-Match` already names this representation. */
            304: {
                headers: {
                    ETag: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The id is not a UIDL value (1 to 70 characters 0x21-0x7E), or an unknown query parameter was given. Nothing was sent to the POP3 server. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Credentials are missing or malformed, or the POP3 server refused them: its own words are in `pop3.text`. Authorize with Basic (multi-mailbox mode) or Bearer (single-mailbox mode). For an OAuth2 mailbox, code `oauth_reauthorization_required` says the token endpoint refused its refresh token (`invalid_grant`): the owner must consent again. */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No message with this id in the current snapshot: it was deleted, or the id is from another mailbox. List /messages for the current ids. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent a malformed or oversized reply, dropped the connection mid-reply, answered -ERR unexpectedly, or failed permanently (`[SYS/PERM]`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken), or an OAuth2 mailbox's token endpoint failed or did not answer within POP3_TIMEOUT_MS. Retry after `Retry-After` seconds. */
            503: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent nothing within POP3_TIMEOUT_MS. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    ListWebhooks: {
        parameters: {
            query?: {
                /** @description Webhooks to skip. */
                offset?: number;
                /** @description Webhooks per page. */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookList"];
                };
            };
            /** @description A body or query value the operation does not allow, or a URL webhooks may not target (nothing was stored). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No bearer token, or not one of this gateway's tokens (ADMIN_TOKENS). */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The token lacks the scope the operation needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The gateway runs without POPGATE_SECRET, so it cannot store credentials: the accounts API is off. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    CreateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewWebhook"];
            };
        };
        responses: {
            /** @description Created: the secret is shown this once */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedWebhook"];
                };
            };
            /** @description A body or query value the operation does not allow, or a URL webhooks may not target (nothing was stored). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No bearer token, or not one of this gateway's tokens (ADMIN_TOKENS). */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The token lacks the scope the operation needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No account with this id (or none this token may reach). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The gateway runs without POPGATE_SECRET, so it cannot store credentials: the accounts API is off. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    GetWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook's id. */
                webhook: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            /** @description A body or query value the operation does not allow, or a URL webhooks may not target (nothing was stored). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No bearer token, or not one of this gateway's tokens (ADMIN_TOKENS). */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The token lacks the scope the operation needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No webhook with this id (or none this token may reach). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The gateway runs without POPGATE_SECRET, so it cannot store credentials: the accounts API is off. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    DeleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook's id. */
                webhook: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A body or query value the operation does not allow, or a URL webhooks may not target (nothing was stored). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No bearer token, or not one of this gateway's tokens (ADMIN_TOKENS). */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The token lacks the scope the operation needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No webhook with this id (or none this token may reach). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The gateway runs without POPGATE_SECRET, so it cannot store credentials: the accounts API is off. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    UpdateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook's id. */
                webhook: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookChanges"];
            };
        };
        responses: {
            /** @description Ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            /** @description A body or query value the operation does not allow, or a URL webhooks may not target (nothing was stored). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No bearer token, or not one of this gateway's tokens (ADMIN_TOKENS). */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The token lacks the scope the operation needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No webhook with this id (or none this token may reach). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The gateway runs without POPGATE_SECRET, so it cannot store credentials: the accounts API is off. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    TestWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook's id. */
                webhook: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookTestQueued"];
                };
            };
            /** @description A body or query value the operation does not allow, or a URL webhooks may not target (nothing was stored). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No bearer token, or not one of this gateway's tokens (ADMIN_TOKENS). */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The token lacks the scope the operation needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No webhook with this id (or none this token may reach). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The gateway runs without POPGATE_SECRET, so it cannot store credentials: the accounts API is off. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    ListDeliveries: {
        parameters: {
            query?: {
                /** @description Attempts to return. */
                limit?: number;
            };
            header?: never;
            path: {
                /** @description The webhook's id. */
                webhook: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryList"];
                };
            };
            /** @description A body or query value the operation does not allow, or a URL webhooks may not target (nothing was stored). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No bearer token, or not one of this gateway's tokens (ADMIN_TOKENS). */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The token lacks the scope the operation needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No webhook with this id (or none this token may reach). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The gateway runs without POPGATE_SECRET, so it cannot store credentials: the accounts API is off. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    ListTokens: {
        parameters: {
            query?: {
                /** @description Tokens to skip. */
                offset?: number;
                /** @description Tokens per page. */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenList"];
                };
            };
            /** @description A body or query value the operation does not allow (nothing was stored). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No bearer token, or not one of this gateway's tokens (ADMIN_TOKENS). */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The token lacks the scope the operation needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The gateway runs without POPGATE_SECRET, so it cannot store credentials: the accounts API is off. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    CreateToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewToken"];
            };
        };
        responses: {
            /** @description Created: the value is shown this once */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedToken"];
                };
            };
            /** @description A body or query value the operation does not allow (nothing was stored). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No bearer token, or not one of this gateway's tokens (ADMIN_TOKENS). */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The token lacks the scope the operation needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No account with this id (or none this token may reach). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The gateway runs without POPGATE_SECRET, so it cannot store credentials: the accounts API is off. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    RevokeToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The token's id (not its value). */
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A body or query value the operation does not allow (nothing was stored). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No bearer token, or not one of this gateway's tokens (ADMIN_TOKENS). */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The token lacks the scope the operation needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No token with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The gateway runs without POPGATE_SECRET, so it cannot store credentials: the accounts API is off. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    StartConsent: {
        parameters: {
            query: {
                /** @description The account's provider (`pop3.oauth2.provider`). */
                provider: "gmail" | "outlook";
                /** @description The account's id. */
                account: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The consent link, for a client that asked for JSON */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsentLink"];
                };
            };
            /** @description Found: the provider's consent page is in Location (browsers, curl) */
            302: {
                headers: {
                    Location: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The consent cannot go on: no app for the provider (OAUTH_<PROVIDER>_CLIENT_ID), the account is not an OAuth2 account of it, the state was altered or expired, the owner refused, or the provider refused the code. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No bearer token, or not one of this gateway's tokens (ADMIN_TOKENS). */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The token lacks the scope the operation needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No account with this id (or none this token may reach). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The gateway runs without POPGATE_SECRET, so it cannot store credentials: the accounts API is off. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    FinishConsent: {
        parameters: {
            query?: {
                /** @description The sealed state from the consent link. */
                state?: string;
                /** @description The authorization code. */
                code?: string;
                /** @description Set by the provider instead of `code` when the owner refused (e.g. `access_denied`). */
                error?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            /** @description The consent cannot go on: no app for the provider (OAUTH_<PROVIDER>_CLIENT_ID), the account is not an OAuth2 account of it, the state was altered or expired, the owner refused, or the provider refused the code. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The provider refused this gateway's app (invalid_client): check OAUTH_<PROVIDER>_CLIENT_ID and _SECRET. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No account with this id (or none this token may reach). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken), or an OAuth2 mailbox's token endpoint failed or did not answer within POP3_TIMEOUT_MS. Retry after `Retry-After` seconds. */
            503: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    ListMessages: {
        parameters: {
            query?: {
                /** @description Messages to skip, in the chosen order. */
                offset?: number;
                /** @description Messages per page. */
                limit?: number;
                /** @description `desc`: newest first; `asc`: oldest first. */
                order?: "asc" | "desc";
                /** @description Add a summary of each message's headers (costs one `TOP` per message when not cached). */
                headers?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The page */
            200: {
                headers: {
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageList"];
                };
            };
            /** @description The page is unchanged since the ETag in If-None-Match. */
            304: {
                headers: {
                    ETag: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A query value is out of range or not of its type, or an unknown query parameter was given. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Credentials are missing or malformed, or the POP3 server refused them: its own words are in `pop3.text`. Authorize with Basic (multi-mailbox mode) or Bearer (single-mailbox mode). For an OAuth2 mailbox, code `oauth_reauthorization_required` says the token endpoint refused its refresh token (`invalid_grant`): the owner must consent again. */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent a malformed or oversized reply, dropped the connection mid-reply, answered -ERR unexpectedly, or failed permanently (`[SYS/PERM]`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken), or an OAuth2 mailbox's token endpoint failed or did not answer within POP3_TIMEOUT_MS. Retry after `Retry-After` seconds. */
            503: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent nothing within POP3_TIMEOUT_MS. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    GetAttachment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The message's UIDL value, URL-encoded. */
                id: string;
                /** @description The attachment's `index`, from 0 (at most 9999: no real message has more parts). */
                index: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The attachment's bytes; the actual Content-Type is the attachment's own */
            200: {
                headers: {
                    "Accept-Ranges": string;
                    "Content-Disposition": string;
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": components["schemas"]["Bytes"];
                };
            };
            /** @description The bytes of a single `Range: bytes=a-b` (`If-Range` permitting): `Content-Range: bytes a-b/length` */
            206: {
                headers: {
                    "Content-Range": string;
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Bytes"];
                };
            };
            /** @description Not modified: `If-None-Match` already names this attachment (a message never changes under its id). */
            304: {
                headers: {
                    ETag: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The id is not a UIDL value (1 to 70 characters 0x21-0x7E), or an unknown query parameter was given. Nothing was sent to the POP3 server. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Credentials are missing or malformed, or the POP3 server refused them: its own words are in `pop3.text`. Authorize with Basic (multi-mailbox mode) or Bearer (single-mailbox mode). For an OAuth2 mailbox, code `oauth_reauthorization_required` says the token endpoint refused its refresh token (`invalid_grant`): the owner must consent again. */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No message with this id, or the message has no attachment with this index (GET /messages/{id} lists them). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The message is larger than this gateway's MAX_MESSAGE_BYTES; fetch it with /messages/{id}/raw instead (streamed, up to the same cap) or raise the limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The single `Range` starts at or past the end of the bytes; `Content-Range: bytes *\/<length>` gives their length. */
            416: {
                headers: {
                    "Content-Range": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent a malformed or oversized reply, dropped the connection mid-reply, answered -ERR unexpectedly, or failed permanently (`[SYS/PERM]`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken), or an OAuth2 mailbox's token endpoint failed or did not answer within POP3_TIMEOUT_MS. Retry after `Retry-After` seconds. */
            503: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent nothing within POP3_TIMEOUT_MS. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    GetStat: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MailboxStat"];
                };
            };
            /** @description A query parameter was given; this operation takes none. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Credentials are missing or malformed, or the POP3 server refused them: its own words are in `pop3.text`. Authorize with Basic (multi-mailbox mode) or Bearer (single-mailbox mode). For an OAuth2 mailbox, code `oauth_reauthorization_required` says the token endpoint refused its refresh token (`invalid_grant`): the owner must consent again. */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent a malformed or oversized reply, dropped the connection mid-reply, answered -ERR unexpectedly, or failed permanently (`[SYS/PERM]`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken), or an OAuth2 mailbox's token endpoint failed or did not answer within POP3_TIMEOUT_MS. Retry after `Retry-After` seconds. */
            503: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent nothing within POP3_TIMEOUT_MS. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    GetCapabilities: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MailboxCapabilities"];
                };
            };
            /** @description A query parameter was given; this operation takes none. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Credentials are missing or malformed, or the POP3 server refused them: its own words are in `pop3.text`. Authorize with Basic (multi-mailbox mode) or Bearer (single-mailbox mode). For an OAuth2 mailbox, code `oauth_reauthorization_required` says the token endpoint refused its refresh token (`invalid_grant`): the owner must consent again. */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent a malformed or oversized reply, dropped the connection mid-reply, answered -ERR unexpectedly, or failed permanently (`[SYS/PERM]`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken), or an OAuth2 mailbox's token endpoint failed or did not answer within POP3_TIMEOUT_MS. Retry after `Retry-After` seconds. */
            503: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent nothing within POP3_TIMEOUT_MS. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    ListEvents: {
        parameters: {
            query?: {
                /** @description Read the events recorded after this cursor (an event's `cursor`, or a page's `next`). */
                after?: string;
                /** @description Events per page. */
                limit?: number;
                /** @description Only this account's events. */
                account?: string;
                /** @description Only these types: `message.received`, `message.deleted`, `account.status`; repeat the parameter or separate with commas. */
                type?: string[];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventList"];
                };
            };
            /** @description A query value or `Last-Event-ID` the operation does not allow: a malformed cursor, an unknown event type, an account id that cannot be one, `limit` out of range, or an unknown parameter. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No bearer token, or not one of this gateway's tokens (ADMIN_TOKENS). */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The token lacks the scope the operation needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No account with this id (or none this token may reach). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The event log cannot be read: the gateway runs without POPGATE_SECRET (`secrets_unavailable`: events are about registered accounts), or Redis did not answer (`upstream_unavailable`; retry after `Retry-After` seconds). */
            503: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    StreamEvents: {
        parameters: {
            query?: {
                /** @description Only this account's events. */
                account?: string;
                /** @description Only these types: `message.received`, `message.deleted`, `account.status`; repeat the parameter or separate with commas. */
                type?: string[];
                /** @description Start right after this cursor (as `Last-Event-ID` does). */
                after?: string;
            };
            header?: {
                /** @description The cursor of the last event received (EventSource sends it when it reconnects). */
                "Last-Event-ID"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event stream; it stays open */
            200: {
                headers: {
                    "Cache-Control": string;
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["EventStreamText"];
                };
            };
            /** @description A query value or `Last-Event-ID` the operation does not allow: a malformed cursor, an unknown event type, an account id that cannot be one, `limit` out of range, or an unknown parameter. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No bearer token, or not one of this gateway's tokens (ADMIN_TOKENS). */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The token lacks the scope the operation needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No account with this id (or none this token may reach). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The event log cannot be read: the gateway runs without POPGATE_SECRET (`secrets_unavailable`: events are about registered accounts), or Redis did not answer (`upstream_unavailable`; retry after `Retry-After` seconds). */
            503: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    ListAccounts: {
        parameters: {
            query?: {
                /** @description Accounts to skip. */
                offset?: number;
                /** @description Accounts per page. */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountList"];
                };
            };
            /** @description A body or query value the operation does not allow (nothing was stored). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No bearer token, or not one of this gateway's tokens (ADMIN_TOKENS). */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The token lacks the scope the operation needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The gateway runs without POPGATE_SECRET, so it cannot store credentials: the accounts API is off. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    CreateAccount: {
        parameters: {
            query?: {
                /** @description Log in once before storing (default `true`). */
                verify?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewAccount"];
            };
        };
        responses: {
            /** @description Registered */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            /** @description A body or query value the operation does not allow (nothing was stored). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No bearer token, or not one of this gateway's tokens (ADMIN_TOKENS). */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The token lacks the scope the operation needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description An account with this id exists already. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server refused the credentials (its words in `pop3.text`); nothing was stored. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent a malformed or oversized reply, dropped the connection mid-reply, answered -ERR unexpectedly, or failed permanently (`[SYS/PERM]`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken), or an OAuth2 mailbox's token endpoint failed or did not answer within POP3_TIMEOUT_MS. Retry after `Retry-After` seconds. */
            503: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent nothing within POP3_TIMEOUT_MS. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    GetAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account's id. */
                account: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            /** @description A body or query value the operation does not allow (nothing was stored). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No bearer token, or not one of this gateway's tokens (ADMIN_TOKENS). */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The token lacks the scope the operation needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No account with this id (or none this token may reach). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The gateway runs without POPGATE_SECRET, so it cannot store credentials: the accounts API is off. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    DeleteAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account's id. */
                account: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A body or query value the operation does not allow (nothing was stored). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No bearer token, or not one of this gateway's tokens (ADMIN_TOKENS). */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The token lacks the scope the operation needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No account with this id (or none this token may reach). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The gateway runs without POPGATE_SECRET, so it cannot store credentials: the accounts API is off. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    UpdateAccount: {
        parameters: {
            query?: {
                /** @description Log in once before storing changed credentials (default `true`). */
                verify?: boolean;
            };
            header?: never;
            path: {
                /** @description The account's id. */
                account: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AccountChanges"];
            };
        };
        responses: {
            /** @description Ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            /** @description A body or query value the operation does not allow (nothing was stored). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No bearer token, or not one of this gateway's tokens (ADMIN_TOKENS). */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The token lacks the scope the operation needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No account with this id (or none this token may reach). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server refused the credentials (its words in `pop3.text`); nothing was stored. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent a malformed or oversized reply, dropped the connection mid-reply, answered -ERR unexpectedly, or failed permanently (`[SYS/PERM]`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken), or an OAuth2 mailbox's token endpoint failed or did not answer within POP3_TIMEOUT_MS. Retry after `Retry-After` seconds. */
            503: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent nothing within POP3_TIMEOUT_MS. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    AccountGetMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account's id. */
                account: string;
                /** @description The message's UIDL value, URL-encoded. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The parsed message */
            200: {
                headers: {
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ParsedMessage"];
                };
            };
            /** @description Not modified: `If-None-Match` already names this representation (a message never changes under its id). */
            304: {
                headers: {
                    ETag: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The id is not a UIDL value (1 to 70 characters 0x21-0x7E), or an unknown query parameter was given. Nothing was sent to the POP3 server. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No bearer token, or not one of this gateway's tokens (ADMIN_TOKENS). */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The token lacks the scope the operation needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No message with this id in the current snapshot: it was deleted, or the id is from another mailbox. List /messages for the current ids. Or no account with this id (`account_not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server refused the account's stored credentials (`account_credentials_refused`, its words in `pop3.text`): the token was fine, the account needs working credentials (`PATCH /accounts/{account}`). The account's `state.status` becomes `authentication_failed`. No `WWW-Authenticate`, and not counted as a failed login of the caller. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The message is larger than this gateway's MAX_MESSAGE_BYTES; fetch it with /messages/{id}/raw instead (streamed, up to the same cap) or raise the limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent a malformed or oversized reply, dropped the connection mid-reply, answered -ERR unexpectedly, or failed permanently (`[SYS/PERM]`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken), or an OAuth2 mailbox's token endpoint failed or did not answer within POP3_TIMEOUT_MS. Retry after `Retry-After` seconds. */
            503: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent nothing within POP3_TIMEOUT_MS. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    AccountDeleteMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account's id. */
                account: string;
                /** @description The message's UIDL value, URL-encoded. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted: the server committed the deletion */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The id is not a UIDL value (1 to 70 characters 0x21-0x7E), or an unknown query parameter was given. Nothing was sent to the POP3 server. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No bearer token, or not one of this gateway's tokens (ADMIN_TOKENS). */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The token lacks the scope the operation needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No message with this id in the current snapshot: it was deleted, or the id is from another mailbox. List /messages for the current ids. Or no account with this id (`account_not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server refused the account's stored credentials (`account_credentials_refused`, its words in `pop3.text`): the token was fine, the account needs working credentials (`PATCH /accounts/{account}`). The account's `state.status` becomes `authentication_failed`. No `WWW-Authenticate`, and not counted as a failed login of the caller. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent a malformed or oversized reply, dropped the connection mid-reply, answered -ERR unexpectedly, or failed permanently (`[SYS/PERM]`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken), or an OAuth2 mailbox's token endpoint failed or did not answer within POP3_TIMEOUT_MS. Retry after `Retry-After` seconds. */
            503: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent nothing within POP3_TIMEOUT_MS. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    AccountHeadMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account's id. */
                account: string;
                /** @description The message's UIDL value, URL-encoded. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The message exists; a GET would answer with it */
            200: {
                headers: {
                    ETag: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not modified: `If-None-Match` already names this representation. */
            304: {
                headers: {
                    ETag: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The id is not a UIDL value (1 to 70 characters 0x21-0x7E), or an unknown query parameter was given. Nothing was sent to the POP3 server. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No bearer token, or not one of this gateway's tokens (ADMIN_TOKENS). */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The token lacks the scope the operation needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No message with this id in the current snapshot: it was deleted, or the id is from another mailbox. List /messages for the current ids. Or no account with this id (`account_not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server refused the account's stored credentials (`account_credentials_refused`, its words in `pop3.text`): the token was fine, the account needs working credentials (`PATCH /accounts/{account}`). The account's `state.status` becomes `authentication_failed`. No `WWW-Authenticate`, and not counted as a failed login of the caller. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The message is larger than this gateway's MAX_MESSAGE_BYTES; fetch it with /messages/{id}/raw instead (streamed, up to the same cap) or raise the limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent a malformed or oversized reply, dropped the connection mid-reply, answered -ERR unexpectedly, or failed permanently (`[SYS/PERM]`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken), or an OAuth2 mailbox's token endpoint failed or did not answer within POP3_TIMEOUT_MS. Retry after `Retry-After` seconds. */
            503: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent nothing within POP3_TIMEOUT_MS. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    AccountGetRawMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account's id. */
                account: string;
                /** @description The message's UIDL value, URL-encoded. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The message bytes */
            200: {
                headers: {
                    "Accept-Ranges": string;
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "message/rfc822": components["schemas"]["Bytes"];
                };
            };
            /** @description The bytes of a single `Range: bytes=a-b` (`If-Range` permitting), placed by the LIST size: `Content-Range: bytes a-b/*`, the complete length unclaimed */
            206: {
                headers: {
                    "Content-Range": string;
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Bytes"];
                };
            };
            /** @description Not modified: `If-None-Match` already names this representation (a message never changes under its id). */
            304: {
                headers: {
                    ETag: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The id is not a UIDL value (1 to 70 characters 0x21-0x7E), or an unknown query parameter was given. Nothing was sent to the POP3 server. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No bearer token, or not one of this gateway's tokens (ADMIN_TOKENS). */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The token lacks the scope the operation needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No message with this id in the current snapshot: it was deleted, or the id is from another mailbox. List /messages for the current ids. Or no account with this id (`account_not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server refused the account's stored credentials (`account_credentials_refused`, its words in `pop3.text`): the token was fine, the account needs working credentials (`PATCH /accounts/{account}`). The account's `state.status` becomes `authentication_failed`. No `WWW-Authenticate`, and not counted as a failed login of the caller. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The single `Range` starts at or past the end of the bytes; `Content-Range: bytes *\/<length>` gives their length. */
            416: {
                headers: {
                    "Content-Range": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent a malformed or oversized reply, dropped the connection mid-reply, answered -ERR unexpectedly, or failed permanently (`[SYS/PERM]`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken), or an OAuth2 mailbox's token endpoint failed or did not answer within POP3_TIMEOUT_MS. Retry after `Retry-After` seconds. */
            503: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent nothing within POP3_TIMEOUT_MS. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    AccountHeadRawMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account's id. */
                account: string;
                /** @description The message's UIDL value, URL-encoded. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The message exists; a GET would stream it */
            200: {
                headers: {
                    "Accept-Ranges": string;
                    ETag: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not modified: `If-None-Match` already names this representation. */
            304: {
                headers: {
                    ETag: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The id is not a UIDL value (1 to 70 characters 0x21-0x7E), or an unknown query parameter was given. Nothing was sent to the POP3 server. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No bearer token, or not one of this gateway's tokens (ADMIN_TOKENS). */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The token lacks the scope the operation needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No message with this id in the current snapshot: it was deleted, or the id is from another mailbox. List /messages for the current ids. Or no account with this id (`account_not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server refused the account's stored credentials (`account_credentials_refused`, its words in `pop3.text`): the token was fine, the account needs working credentials (`PATCH /accounts/{account}`). The account's `state.status` becomes `authentication_failed`. No `WWW-Authenticate`, and not counted as a failed login of the caller. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The message is larger than this gateway's MAX_MESSAGE_BYTES; fetch it with /messages/{id}/raw instead (streamed, up to the same cap) or raise the limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent a malformed or oversized reply, dropped the connection mid-reply, answered -ERR unexpectedly, or failed permanently (`[SYS/PERM]`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken), or an OAuth2 mailbox's token endpoint failed or did not answer within POP3_TIMEOUT_MS. Retry after `Retry-After` seconds. */
            503: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent nothing within POP3_TIMEOUT_MS. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    AccountGetMessageHeaders: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account's id. */
                account: string;
                /** @description The message's UIDL value, URL-encoded. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The header block */
            200: {
                headers: {
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageHeaders"];
                };
            };
            /** @description Not modified: `If-None-Match` already names this representation (a message never changes under its id). */
            304: {
                headers: {
                    ETag: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The id is not a UIDL value (1 to 70 characters 0x21-0x7E), or an unknown query parameter was given. Nothing was sent to the POP3 server. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No bearer token, or not one of this gateway's tokens (ADMIN_TOKENS). */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The token lacks the scope the operation needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No message with this id in the current snapshot: it was deleted, or the id is from another mailbox. List /messages for the current ids. Or no account with this id (`account_not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server refused the account's stored credentials (`account_credentials_refused`, its words in `pop3.text`): the token was fine, the account needs working credentials (`PATCH /accounts/{account}`). The account's `state.status` becomes `authentication_failed`. No `WWW-Authenticate`, and not counted as a failed login of the caller. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent a malformed or oversized reply, dropped the connection mid-reply, answered -ERR unexpectedly, or failed permanently (`[SYS/PERM]`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken), or an OAuth2 mailbox's token endpoint failed or did not answer within POP3_TIMEOUT_MS. Retry after `Retry-After` seconds. */
            503: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent nothing within POP3_TIMEOUT_MS. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    AccountHeadMessageHeaders: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account's id. */
                account: string;
                /** @description The message's UIDL value, URL-encoded. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The message exists; a GET would answer with its header block */
            200: {
                headers: {
                    ETag: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not modified: `If-None-Match` already names this representation. */
            304: {
                headers: {
                    ETag: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The id is not a UIDL value (1 to 70 characters 0x21-0x7E), or an unknown query parameter was given. Nothing was sent to the POP3 server. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No bearer token, or not one of this gateway's tokens (ADMIN_TOKENS). */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The token lacks the scope the operation needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No message with this id in the current snapshot: it was deleted, or the id is from another mailbox. List /messages for the current ids. Or no account with this id (`account_not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server refused the account's stored credentials (`account_credentials_refused`, its words in `pop3.text`): the token was fine, the account needs working credentials (`PATCH /accounts/{account}`). The account's `state.status` becomes `authentication_failed`. No `WWW-Authenticate`, and not counted as a failed login of the caller. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent a malformed or oversized reply, dropped the connection mid-reply, answered -ERR unexpectedly, or failed permanently (`[SYS/PERM]`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken), or an OAuth2 mailbox's token endpoint failed or did not answer within POP3_TIMEOUT_MS. Retry after `Retry-After` seconds. */
            503: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent nothing within POP3_TIMEOUT_MS. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    AccountListMessages: {
        parameters: {
            query?: {
                /** @description Messages to skip, in the chosen order. */
                offset?: number;
                /** @description Messages per page. */
                limit?: number;
                /** @description `desc`: newest first; `asc`: oldest first. */
                order?: "asc" | "desc";
                /** @description Add a summary of each message's headers (costs one `TOP` per message when not cached). */
                headers?: boolean;
            };
            header?: never;
            path: {
                /** @description The account's id. */
                account: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The page */
            200: {
                headers: {
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageList"];
                };
            };
            /** @description The page is unchanged since the ETag in If-None-Match. */
            304: {
                headers: {
                    ETag: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A query value is out of range or not of its type, or an unknown query parameter was given. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No bearer token, or not one of this gateway's tokens (ADMIN_TOKENS). */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The token lacks the scope the operation needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No account with this id (or none this token may reach). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server refused the account's stored credentials (`account_credentials_refused`, its words in `pop3.text`): the token was fine, the account needs working credentials (`PATCH /accounts/{account}`). The account's `state.status` becomes `authentication_failed`. No `WWW-Authenticate`, and not counted as a failed login of the caller. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent a malformed or oversized reply, dropped the connection mid-reply, answered -ERR unexpectedly, or failed permanently (`[SYS/PERM]`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken), or an OAuth2 mailbox's token endpoint failed or did not answer within POP3_TIMEOUT_MS. Retry after `Retry-After` seconds. */
            503: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent nothing within POP3_TIMEOUT_MS. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    AccountGetAttachment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account's id. */
                account: string;
                /** @description The message's UIDL value, URL-encoded. */
                id: string;
                /** @description The attachment's `index`, from 0 (at most 9999: no real message has more parts). */
                index: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The attachment's bytes; the actual Content-Type is the attachment's own */
            200: {
                headers: {
                    "Accept-Ranges": string;
                    "Content-Disposition": string;
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": components["schemas"]["Bytes"];
                };
            };
            /** @description The bytes of a single `Range: bytes=a-b` (`If-Range` permitting): `Content-Range: bytes a-b/length` */
            206: {
                headers: {
                    "Content-Range": string;
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Bytes"];
                };
            };
            /** @description Not modified: `If-None-Match` already names this attachment (a message never changes under its id). */
            304: {
                headers: {
                    ETag: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The id is not a UIDL value (1 to 70 characters 0x21-0x7E), or an unknown query parameter was given. Nothing was sent to the POP3 server. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No bearer token, or not one of this gateway's tokens (ADMIN_TOKENS). */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The token lacks the scope the operation needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No message with this id, or the message has no attachment with this index (GET /messages/{id} lists them). Or no account with this id (`account_not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server refused the account's stored credentials (`account_credentials_refused`, its words in `pop3.text`): the token was fine, the account needs working credentials (`PATCH /accounts/{account}`). The account's `state.status` becomes `authentication_failed`. No `WWW-Authenticate`, and not counted as a failed login of the caller. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The message is larger than this gateway's MAX_MESSAGE_BYTES; fetch it with /messages/{id}/raw instead (streamed, up to the same cap) or raise the limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The single `Range` starts at or past the end of the bytes; `Content-Range: bytes *\/<length>` gives their length. */
            416: {
                headers: {
                    "Content-Range": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent a malformed or oversized reply, dropped the connection mid-reply, answered -ERR unexpectedly, or failed permanently (`[SYS/PERM]`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken), or an OAuth2 mailbox's token endpoint failed or did not answer within POP3_TIMEOUT_MS. Retry after `Retry-After` seconds. */
            503: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent nothing within POP3_TIMEOUT_MS. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    AccountGetStat: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account's id. */
                account: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MailboxStat"];
                };
            };
            /** @description A query parameter was given; this operation takes none. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No bearer token, or not one of this gateway's tokens (ADMIN_TOKENS). */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The token lacks the scope the operation needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No account with this id (or none this token may reach). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server refused the account's stored credentials (`account_credentials_refused`, its words in `pop3.text`): the token was fine, the account needs working credentials (`PATCH /accounts/{account}`). The account's `state.status` becomes `authentication_failed`. No `WWW-Authenticate`, and not counted as a failed login of the caller. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent a malformed or oversized reply, dropped the connection mid-reply, answered -ERR unexpectedly, or failed permanently (`[SYS/PERM]`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken), or an OAuth2 mailbox's token endpoint failed or did not answer within POP3_TIMEOUT_MS. Retry after `Retry-After` seconds. */
            503: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent nothing within POP3_TIMEOUT_MS. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
    AccountGetCapabilities: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account's id. */
                account: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MailboxCapabilities"];
                };
            };
            /** @description A query parameter was given; this operation takes none. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No bearer token, or not one of this gateway's tokens (ADMIN_TOKENS). */
            401: {
                headers: {
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The token lacks the scope the operation needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description No account with this id (or none this token may reach). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server refused the account's stored credentials (`account_credentials_refused`, its words in `pop3.text`): the token was fine, the account needs working credentials (`PATCH /accounts/{account}`). The account's `state.status` becomes `authentication_failed`. No `WWW-Authenticate`, and not counted as a failed login of the caller. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds. */
            429: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description A bug in the gateway; it has been logged with the request. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent a malformed or oversized reply, dropped the connection mid-reply, answered -ERR unexpectedly, or failed permanently (`[SYS/PERM]`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken), or an OAuth2 mailbox's token endpoint failed or did not answer within POP3_TIMEOUT_MS. Retry after `Retry-After` seconds. */
            503: {
                headers: {
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
            /** @description The POP3 server sent nothing within POP3_TIMEOUT_MS. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemJson"];
                };
            };
        };
    };
}
