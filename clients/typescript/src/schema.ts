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
        ErrorCode: "invalid_request" | "unauthorized" | "message_not_found" | "message_too_large" | "rate_limited" | "range_not_satisfiable" | "upstream_protocol_error" | "upstream_unavailable" | "upstream_timeout" | "attachment_not_found" | "not_found" | "internal_error" | "forbidden" | "account_not_found" | "conflict" | "credentials_refused" | "secrets_unavailable" | "token_not_found";
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
             * @description `auto`: SASL PLAIN when offered, else USER/PASS.
             * @enum {string}
             */
            auth: "auto" | "user" | "plain" | "login" | "apop";
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
        /** @description The POP3 side of a new account: where, who, and the password (stored encrypted, never shown). */
        NewAccountPop3: {
            /** @example pop.example.com */
            host: string;
            /**
             * Format: int32
             * @description Default: 995 for `implicit` TLS, else 110.
             */
            port?: number;
            /** @enum {string} */
            tls?: "implicit" | "starttls" | "none";
            /** @example support@example.com */
            user: string;
            /** @example app-password */
            password: string;
            /** @enum {string} */
            auth?: "auto" | "user" | "plain" | "login" | "apop";
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
            auth?: "auto" | "user" | "plain" | "login" | "apop";
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
            /** @description Credentials are missing or malformed, or the POP3 server refused them: its own words are in `pop3.text`. Authorize with Basic (multi-mailbox mode) or Bearer (single-mailbox mode). */
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
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken). Retry after `Retry-After` seconds. */
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
            /** @description Credentials are missing or malformed, or the POP3 server refused them: its own words are in `pop3.text`. Authorize with Basic (multi-mailbox mode) or Bearer (single-mailbox mode). */
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
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken). Retry after `Retry-After` seconds. */
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
            /** @description Credentials are missing or malformed, or the POP3 server refused them: its own words are in `pop3.text`. Authorize with Basic (multi-mailbox mode) or Bearer (single-mailbox mode). */
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
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken). Retry after `Retry-After` seconds. */
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
            /** @description Credentials are missing or malformed, or the POP3 server refused them: its own words are in `pop3.text`. Authorize with Basic (multi-mailbox mode) or Bearer (single-mailbox mode). */
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
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken). Retry after `Retry-After` seconds. */
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
            /** @description Credentials are missing or malformed, or the POP3 server refused them: its own words are in `pop3.text`. Authorize with Basic (multi-mailbox mode) or Bearer (single-mailbox mode). */
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
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken). Retry after `Retry-After` seconds. */
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
            /** @description Credentials are missing or malformed, or the POP3 server refused them: its own words are in `pop3.text`. Authorize with Basic (multi-mailbox mode) or Bearer (single-mailbox mode). */
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
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken). Retry after `Retry-After` seconds. */
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
            /** @description Credentials are missing or malformed, or the POP3 server refused them: its own words are in `pop3.text`. Authorize with Basic (multi-mailbox mode) or Bearer (single-mailbox mode). */
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
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken). Retry after `Retry-After` seconds. */
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
            /** @description Credentials are missing or malformed, or the POP3 server refused them: its own words are in `pop3.text`. Authorize with Basic (multi-mailbox mode) or Bearer (single-mailbox mode). */
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
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken). Retry after `Retry-After` seconds. */
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
            /** @description Credentials are missing or malformed, or the POP3 server refused them: its own words are in `pop3.text`. Authorize with Basic (multi-mailbox mode) or Bearer (single-mailbox mode). */
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
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken). Retry after `Retry-After` seconds. */
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
            /** @description Credentials are missing or malformed, or the POP3 server refused them: its own words are in `pop3.text`. Authorize with Basic (multi-mailbox mode) or Bearer (single-mailbox mode). */
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
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken). Retry after `Retry-After` seconds. */
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
            /** @description Credentials are missing or malformed, or the POP3 server refused them: its own words are in `pop3.text`. Authorize with Basic (multi-mailbox mode) or Bearer (single-mailbox mode). */
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
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken). Retry after `Retry-After` seconds. */
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
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken). Retry after `Retry-After` seconds. */
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
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken). Retry after `Retry-After` seconds. */
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
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken). Retry after `Retry-After` seconds. */
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
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken). Retry after `Retry-After` seconds. */
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
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken). Retry after `Retry-After` seconds. */
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
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken). Retry after `Retry-After` seconds. */
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
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken). Retry after `Retry-After` seconds. */
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
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken). Retry after `Retry-After` seconds. */
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
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken). Retry after `Retry-After` seconds. */
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
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken). Retry after `Retry-After` seconds. */
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
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken). Retry after `Retry-After` seconds. */
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
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken). Retry after `Retry-After` seconds. */
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
            /** @description The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken). Retry after `Retry-After` seconds. */
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
