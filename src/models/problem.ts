/**
 * Stable, machine-readable reason of an error; each maps to exactly one HTTP status:
 * `invalid_request` 400, `unauthorized` 401, `message_not_found` / `attachment_not_found` /
 * `not_found` (no such route) 404, `message_too_large` 413, `rate_limited` 429,
 * `internal_error` 500, `upstream_protocol_error` 502, `upstream_unavailable` 503,
 * `upstream_timeout` 504.
 * @example "message_not_found"
 */
export type ErrorCode =
  | 'invalid_request'
  | 'unauthorized'
  | 'message_not_found'
  | 'message_too_large'
  | 'rate_limited'
  | 'upstream_protocol_error'
  | 'upstream_unavailable'
  | 'upstream_timeout'
  | 'attachment_not_found'
  | 'not_found'
  | 'internal_error';

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
