/** The DESIGN error codes; each maps to exactly one HTTP status. */
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
  | 'internal_error';

/** RFC 9457 problem details, served as application/problem+json. */
export interface ProblemJson {
  /** @example "https://popgate.dev/problems/message_not_found" */
  type: string;
  /** @example "Message not found" */
  title: string;
  /** @example 404 */
  status: number;
  /** @example "No message with id 0000000158f1c2a3 in the current snapshot." */
  detail: string;
  code: ErrorCode;
  /** The upstream server's own reply, when it gave one. */
  pop3?: { respCode: string | null; text: string };
}
