/**
 * Stable, machine-readable reason of an error; branch on it. Each code always comes with the
 * same HTTP status; each operation's responses list the codes it can answer with.
 * @example "message_not_found"
 */
export type ErrorCode =
  | 'invalid_request'
  | 'unauthorized'
  | 'message_not_found'
  | 'message_too_large'
  | 'rate_limited'
  | 'range_not_satisfiable'
  | 'upstream_protocol_error'
  | 'upstream_unavailable'
  | 'upstream_timeout'
  | 'attachment_not_found'
  | 'not_found'
  | 'internal_error'
  | 'forbidden'
  | 'account_not_found'
  | 'conflict'
  | 'credentials_refused'
  | 'account_credentials_refused'
  | 'secrets_unavailable'
  | 'token_not_found'
  | 'oauth_reauthorization_required'
  | 'webhook_not_found';

/**
 * Each code's HTTP status and fixed title: the one table errors are answered from
 * (src/http/problems/problem.ts). The spec's examples are literals (tsoa reads them as such);
 * a unit test holds them to this table.
 */
export const PROBLEM_KINDS: Readonly<Record<ErrorCode, readonly [status: number, title: string]>> = {
  invalid_request: [400, 'Invalid request'],
  unauthorized: [401, 'Unauthorized'],
  message_not_found: [404, 'Message not found'],
  attachment_not_found: [404, 'Attachment not found'],
  not_found: [404, 'Not found'],
  message_too_large: [413, 'Message too large'],
  range_not_satisfiable: [416, 'Range not satisfiable'],
  rate_limited: [429, 'Too many failed logins'],
  internal_error: [500, 'Internal error'],
  upstream_protocol_error: [502, 'Upstream protocol error'],
  upstream_unavailable: [503, 'Upstream unavailable'],
  upstream_timeout: [504, 'Upstream timeout'],
  forbidden: [403, 'Forbidden'],
  account_not_found: [404, 'Account not found'],
  conflict: [409, 'Conflict'],
  credentials_refused: [422, 'Credentials refused'],
  account_credentials_refused: [409, 'Account credentials refused'],
  secrets_unavailable: [503, 'Secrets unavailable'],
  token_not_found: [404, 'Token not found'],
  oauth_reauthorization_required: [401, 'OAuth2 reauthorization required'],
  webhook_not_found: [404, 'Webhook not found'],
};

/** The POP3 server's own reply, when that reply is the reason for the error. */
export interface Pop3Reply {
  /**
   * The RFC 2449/3206 response code in brackets, if the server sent one.
   * @example "AUTH"
   */
  respCode: string | null;
  /**
   * The server's own words after `-ERR` and the response code (never the command that was sent).
   * @example "Application-specific password required: https://support.google.com/accounts/answer/185833"
   */
  text: string;
  // Described on its own type: OpenAPI 3.0 ignores a description next to a `$ref`.
  challenge?: SaslErrorChallenge;
}

/**
 * An OAuth2 login (XOAUTH2, OAUTHBEARER) the server refused: the error challenge it sent
 * before `-ERR`, base64-decoded (its JSON values as strings).
 * @example {"status": "400", "schemes": "Bearer", "scope": "https://mail.google.com/"}
 */
export interface SaslErrorChallenge {
  [key: string]: string;
}

/**
 * RFC 9457 problem details, served as `application/problem+json`. Branch on `code`;
 * show `detail` (and `pop3.text`, when present) to a person.
 */
export interface ProblemJson {
  /**
   * A URI naming the kind of problem; one per `code`.
   * @example "https://popgate.dev/problems/message_not_found"
   */
  type: string;
  /**
   * Short, fixed summary of the kind of problem.
   * @example "Message not found"
   */
  title: string;
  /**
   * The HTTP status code, repeated.
   * @example 404
   */
  status: number;
  /**
   * What went wrong with this request, and what to do about it.
   * @example "No message with id 0000000158f1c2a3 in the current snapshot. It may have been deleted; list /messages for the current ids."
   */
  detail: string;
  // `code` and `pop3` are described on their own types: OpenAPI 3.0 ignores (and linters
  // reject) a description or example next to the `$ref` tsoa writes for them.
  code: ErrorCode;
  pop3?: Pop3Reply;
}
