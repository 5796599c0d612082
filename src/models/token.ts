/** What a token may do: manage accounts (and tokens), read messages, delete messages, read events. */
export type TokenScope = 'accounts:manage' | 'messages:read' | 'messages:delete' | 'events:read';

/** A popgate API token, as listed: never its value. */
export interface ApiToken {
  /** @example "tok_4f1c2a9e0b7d" */
  id: string;
  /** The account it is bound to (it reaches no other), or null for every account. */
  account: string | null;
  scopes: TokenScope[];
  description: string | null;
  /** ISO 8601 */
  createdAt: string;
  /** ISO 8601, or null: it does not expire. */
  expiresAt: string | null;
}

/** A token just created: `token` is its value, shown this once and stored only as a SHA-256. */
export interface CreatedToken extends ApiToken {
  /** @example "pgt_3q2+7wX…" */
  token: string;
}

export interface TokenList {
  total: number;
  items: ApiToken[];
}

export interface NewToken {
  /**
   * Bind the token to this account: it then reaches no other.
   * @pattern ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$
   */
  account?: string;
  /** @minItems 1 */
  scopes: TokenScope[];
  description?: string;
  /** ISO 8601, in the future. Absent: the token does not expire. */
  expiresAt?: string;
}
