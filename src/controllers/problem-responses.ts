import type { ProblemJson } from '../models/problem';

/**
 * Texts and examples for the `@Response<ProblemJson>` declarations of every operation.
 * tsoa reads these constants at spec-generation time, so they must stay plain literals.
 */

export const PROBLEM_JSON = 'application/problem+json';

export const BAD_ID = 'The id is not a UIDL value (1 to 70 characters 0x21-0x7E), or an unknown query parameter was given. Nothing was sent to the POP3 server.';
export const badIdExample: ProblemJson = {
  type: 'https://popgate.dev/problems/invalid_request',
  title: 'Invalid request',
  status: 400,
  detail: 'id must be a UIDL value: 1 to 70 printable ASCII characters (0x21-0x7E), URL-encoded in the path; got "a b".',
  code: 'invalid_request',
};

export const NO_QUERY = 'A query parameter was given; this operation takes none.';
export const noQueryExample: ProblemJson = {
  type: 'https://popgate.dev/problems/invalid_request',
  title: 'Invalid request',
  status: 400,
  detail: 'Unknown query parameter "foo"; it takes none.',
  code: 'invalid_request',
};

export const UNAUTHORIZED = 'Credentials are missing or malformed, or the POP3 server refused them: its own words are in `pop3.text`. Authorize with Basic (multi-mailbox mode) or Bearer (single-mailbox mode). For an OAuth2 mailbox, code `oauth_reauthorization_required` says the token endpoint refused its refresh token (`invalid_grant`): the owner must consent again.';
export const unauthorizedExample: ProblemJson = {
  type: 'https://popgate.dev/problems/unauthorized',
  title: 'Unauthorized',
  status: 401,
  detail: 'The POP3 server refused the login; pop3.text has its own words. Check the user name and password (some providers require an app-specific password).',
  code: 'unauthorized',
  pop3: { respCode: 'AUTH', text: 'Application-specific password required: https://support.google.com/accounts/answer/185833' },
};

export const MESSAGE_NOT_FOUND = 'No message with this id in the current snapshot: it was deleted, or the id is from another mailbox. List /messages for the current ids.';
export const messageNotFoundExample: ProblemJson = {
  type: 'https://popgate.dev/problems/message_not_found',
  title: 'Message not found',
  status: 404,
  detail: 'No message with id 0000000158f1c2a3 in the current snapshot. It may have been deleted; list /messages for the current ids.',
  code: 'message_not_found',
};

export const ATTACHMENT_NOT_FOUND = 'No message with this id, or the message has no attachment with this index (GET /messages/{id} lists them).';
export const attachmentNotFoundExample: ProblemJson = {
  type: 'https://popgate.dev/problems/attachment_not_found',
  title: 'Attachment not found',
  status: 404,
  detail: 'Message 0000000158f1c2a3 has no attachment 3. GET /messages/{id} lists its attachments with their index.',
  code: 'attachment_not_found',
};

export const MESSAGE_TOO_LARGE = "The message is larger than this gateway's MAX_MESSAGE_BYTES; fetch it with /messages/{id}/raw instead (streamed, up to the same cap) or raise the limit.";
export const messageTooLargeExample: ProblemJson = {
  type: 'https://popgate.dev/problems/message_too_large',
  title: 'Message too large',
  status: 413,
  detail: "Message 0000000158f1c2a3 is 209715200 octets, over this gateway's 104857600-octet limit (MAX_MESSAGE_BYTES).",
  code: 'message_too_large',
};

export const RATE_LIMITED = 'Too many failed logins from this client address for this user (AUTH_FAILURE_LIMIT per 15 minutes). Nothing was sent to the POP3 server; wait `Retry-After` seconds.';
export const rateLimitedExample: ProblemJson = {
  type: 'https://popgate.dev/problems/rate_limited',
  title: 'Too many failed logins',
  status: 429,
  detail: 'Too many failed logins from this address for this user. Retry after 840 seconds.',
  code: 'rate_limited',
};

export const INTERNAL_ERROR = 'A bug in the gateway; it has been logged with the request.';
export const internalErrorExample: ProblemJson = {
  type: 'https://popgate.dev/problems/internal_error',
  title: 'Internal error',
  status: 500,
  detail: 'Something went wrong inside the gateway; it has been logged.',
  code: 'internal_error',
};

export const UPSTREAM_PROTOCOL_ERROR = 'The POP3 server sent a malformed or oversized reply, dropped the connection mid-reply, answered -ERR unexpectedly, or failed permanently (`[SYS/PERM]`).';
export const upstreamProtocolErrorExample: ProblemJson = {
  type: 'https://popgate.dev/problems/upstream_protocol_error',
  title: 'Upstream protocol error',
  status: 502,
  detail: "The POP3 server's reply could not be used: status line longer than 512 octets.",
  code: 'upstream_protocol_error',
};

export const UPSTREAM_UNAVAILABLE = 'The POP3 server cannot be reached, refused TLS, or is busy (`[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`, or every session of the mailbox stayed taken), or an OAuth2 mailbox\'s token endpoint failed or did not answer within POP3_TIMEOUT_MS. Retry after `Retry-After` seconds.';
export const upstreamUnavailableExample: ProblemJson = {
  type: 'https://popgate.dev/problems/upstream_unavailable',
  title: 'Upstream unavailable',
  status: 503,
  detail: 'The POP3 server reports this mailbox in use by another client ([IN-USE]: a mail app or another gateway holds its lock); pop3.text has its own words. Retry later, or close the other client.',
  code: 'upstream_unavailable',
  pop3: { respCode: 'IN-USE', text: 'Mailbox is locked by another POP3 session' },
};

export const UPSTREAM_TIMEOUT = 'The POP3 server sent nothing within POP3_TIMEOUT_MS.';
export const upstreamTimeoutExample: ProblemJson = {
  type: 'https://popgate.dev/problems/upstream_timeout',
  title: 'Upstream timeout',
  status: 504,
  detail: 'The POP3 server sent nothing within the timeout: no reply to STAT within 30000 ms.',
  code: 'upstream_timeout',
};

export const TOKEN_UNAUTHORIZED = 'No bearer token, or not one of this gateway\'s tokens (ADMIN_TOKENS).';
export const tokenUnauthorizedExample: ProblemJson = {
  type: 'https://popgate.dev/problems/unauthorized',
  title: 'Unauthorized',
  status: 401,
  detail: 'The bearer token is not a token of this gateway (ADMIN_TOKENS).',
  code: 'unauthorized',
};

export const FORBIDDEN = 'The token lacks the scope the operation needs.';
export const forbiddenExample: ProblemJson = {
  type: 'https://popgate.dev/problems/forbidden',
  title: 'Forbidden',
  status: 403,
  detail: 'This token lacks the scope this operation needs (accounts:manage); use a token that holds it.',
  code: 'forbidden',
};

export const ACCOUNT_NOT_FOUND = 'No account with this id (or none this token may reach).';
export const accountNotFoundExample: ProblemJson = {
  type: 'https://popgate.dev/problems/account_not_found',
  title: 'Account not found',
  status: 404,
  detail: 'There is no account support (or none this token may reach). GET /accounts lists them.',
  code: 'account_not_found',
};

export const CONFLICT = 'An account with this id exists already.';
export const conflictExample: ProblemJson = {
  type: 'https://popgate.dev/problems/conflict',
  title: 'Conflict',
  status: 409,
  detail: 'An account with the id support exists already. Choose another id, or PATCH /accounts/support.',
  code: 'conflict',
};

export const CREDENTIALS_REFUSED = 'The POP3 server refused the credentials (its words in `pop3.text`); nothing was stored.';
export const credentialsRefusedExample: ProblemJson = {
  type: 'https://popgate.dev/problems/credentials_refused',
  title: 'Credentials refused',
  status: 422,
  detail: 'The POP3 server refused these credentials, so nothing was stored; pop3.text has its own words. Check the user name and password (some providers need an app-specific password).',
  code: 'credentials_refused',
  pop3: { respCode: 'AUTH', text: 'Authentication failed.' },
};

export const SECRETS_UNAVAILABLE = 'The gateway runs without POPGATE_SECRET, so it cannot store credentials: the accounts API is off.';
export const secretsUnavailableExample: ProblemJson = {
  type: 'https://popgate.dev/problems/secrets_unavailable',
  title: 'Secrets unavailable',
  status: 503,
  detail: 'Registered accounts need POPGATE_SECRET (32 random bytes, base64 or hex), which encrypts their credentials at rest; this gateway runs without it.',
  code: 'secrets_unavailable',
};

export const BAD_ACCOUNT = 'A body or query value the operation does not allow (nothing was stored).';
export const badAccountExample: ProblemJson = {
  type: 'https://popgate.dev/problems/invalid_request',
  title: 'Invalid request',
  status: 400,
  detail: "account.pop3.host: 'host' is required.",
  code: 'invalid_request',
};

export const RANGE_NOT_SATISFIABLE = 'The single `Range` starts at or past the end of the bytes; `Content-Range: bytes */<length>` gives their length.';
export const rangeNotSatisfiableExample: ProblemJson = {
  type: 'https://popgate.dev/problems/range_not_satisfiable',
  title: 'Range not satisfiable',
  status: 416,
  detail: 'The range starts at or past the end of the 1843 octets; ask for bytes from 0 to 1842, or send no Range.',
  code: 'range_not_satisfiable',
};

export const TOKEN_NOT_FOUND = 'No token with this id.';
export const tokenNotFoundExample: ProblemJson = {
  type: 'https://popgate.dev/problems/token_not_found',
  title: 'Token not found',
  status: 404,
  detail: 'There is no token tok_4f1c2a9e0b7d6a31. GET /tokens lists them.',
  code: 'token_not_found',
};

export const BAD_EVENT_QUERY = 'A query value or `Last-Event-ID` the operation does not allow: a malformed cursor, an unknown event type, an account id that cannot be one, `limit` out of range, or an unknown parameter.';
export const badEventQueryExample: ProblemJson = {
  type: 'https://popgate.dev/problems/invalid_request',
  title: 'Invalid request',
  status: 400,
  detail: 'type must be one of message.received, message.deleted, account.status (repeat type, or separate types with commas); got "message.created".',
  code: 'invalid_request',
};

export const EVENT_LOG_UNAVAILABLE = 'The event log cannot be read: the gateway runs without POPGATE_SECRET (`secrets_unavailable`: events are about registered accounts), or Redis did not answer (`upstream_unavailable`; retry after `Retry-After` seconds).';
export const eventLogUnavailableExample: ProblemJson = {
  type: 'https://popgate.dev/problems/upstream_unavailable',
  title: 'Upstream unavailable',
  status: 503,
  detail: 'The account store (Redis) did not answer: Redis is not ready (reconnecting). Retry later.',
  code: 'upstream_unavailable',
};

export const BAD_CONSENT = 'The consent cannot go on: no app for the provider (OAUTH_<PROVIDER>_CLIENT_ID), the account is not an OAuth2 account of it, the state was altered or expired, the owner refused, or the provider refused the code.';
export const badConsentExample: ProblemJson = {
  type: 'https://popgate.dev/problems/invalid_request',
  title: 'Invalid request',
  status: 400,
  detail: 'state has expired (consent links last 15 minutes); start again at GET /oauth2/authorize',
  code: 'invalid_request',
};

export const WEBHOOK_NOT_FOUND = 'No webhook with this id (or none this token may reach).';
export const webhookNotFoundExample: ProblemJson = {
  type: 'https://popgate.dev/problems/webhook_not_found',
  title: 'Webhook not found',
  status: 404,
  detail: 'There is no webhook wh_5d0c3e9a7b1f2e46 (or none this token may reach). GET /webhooks lists them.',
  code: 'webhook_not_found',
};

export const BAD_WEBHOOK = 'A body or query value the operation does not allow, or a URL webhooks may not target (nothing was stored).';
export const badWebhookExample: ProblemJson = {
  type: 'https://popgate.dev/problems/invalid_request',
  title: 'Invalid request',
  status: 400,
  detail: 'url: webhooks may not target loopback, private, link-local or other internal addresses (localhost resolves to 127.0.0.1); set WEBHOOK_ALLOW_PRIVATE=true to allow them.',
  code: 'invalid_request',
};
