/** Answer of GET /mailbox/stat. */
export interface MailboxStat {
  /** Messages in the maildrop snapshot. @example 2 */
  count: number;
  /** Total size in octets, as the server counts them. @example 320 */
  size: number;
  /** When the POP3 session that produced this answer logged in (ISO 8601). */
  snapshotAt: string;
}

/** Answer of GET /mailbox/capabilities. */
export interface MailboxCapabilities {
  /** CAPA reply: capability name -> arguments. */
  capabilities: { [name: string]: string[] };
  /** True when the server offers UIDL, so message ids survive across sessions. */
  stableIds: boolean;
  /** The upstream TLS session, or null for plaintext. */
  // Inline, not a named interface: tsoa writes a nullable $ref as `allOf` + `nullable` with no
  // `type`, which OpenAPI 3.0 linters reject; an inline object gets `type: object, nullable`.
  tls: {
    /** @example "TLSv1.3" */
    protocol: string | null;
    /** @example "TLS_AES_256_GCM_SHA384" */
    cipher: string | null;
  } | null;
}
