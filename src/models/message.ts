/** Summary headers from `TOP n 0`, decoded. */
export interface HeaderSummary {
  subject: string | null;
  from: string | null;
  to: string | null;
  /** ISO 8601, or null when missing or unparseable. */
  date: string | null;
  messageId: string | null;
}

export interface MessageListItem {
  /** The server's UIDL value (or the message number as a string when the server has no UIDL). @example "00000001575d3e1c" */
  id: string;
  /** Number in the session that produced this listing; only informative. @example 1 */
  number: number;
  /** Size in octets. @example 1024 */
  size: number;
  headers?: HeaderSummary;
}

/** Answer of GET /messages. */
export interface MessageList {
  total: number;
  totalSize: number;
  offset: number;
  limit: number;
  snapshotAt: string;
  items: MessageListItem[];
}

export interface Address {
  name: string;
  address: string;
}

export interface AttachmentInfo {
  /** Position among the message's attachments, for /attachments/{index}. @example 0 */
  index: number;
  filename: string | null;
  contentType: string;
  /** Decoded size in octets. */
  size: number;
  contentId: string | null;
  /** `attachment` or `inline`. */
  disposition: string | null;
  /** SHA-256 of the decoded bytes, hex. */
  sha256: string;
}

/** Answer of GET /messages/{id}: the parsed message. */
export interface ParsedMessage {
  id: string;
  number: number;
  size: number;
  subject: string | null;
  from: Address[];
  to: Address[];
  cc: Address[];
  replyTo: Address[];
  /** ISO 8601, or null. */
  date: string | null;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  /** Header name (lower case) -> its values, decoded. */
  headers: { [name: string]: string[] };
  text: string | null;
  html: string | null;
  attachments: AttachmentInfo[];
}

/** Answer of GET /messages/{id}/headers. */
export interface MessageHeaders {
  id: string;
  headers: { [name: string]: string[] };
  /** The header block as the server sent it (decoded as latin1 so no byte is lost). */
  raw: string;
}
