/** How popgate reaches an account's POP3 server (never its password). */
export interface AccountPop3 {
  /** @example "pop.example.com" */
  host: string;
  /**
   * @isInt
   * @minimum 1
   * @maximum 65535
   * @example 995
   */
  port: number;
  /** `implicit`: TLS from the first byte (port 995); `starttls`: STLS on 110; `none` only where the gateway allows plaintext. */
  tls: 'implicit' | 'starttls' | 'none';
  /** @example "support@example.com" */
  user: string;
  /** `auto`: SASL PLAIN when offered, else USER/PASS; `xoauth2`: an OAuth2 access token popgate keeps (`oauth2`). */
  auth: 'auto' | 'user' | 'plain' | 'login' | 'apop' | 'xoauth2';
  // Described on AccountOAuth2 (OpenAPI 3.0 allows no description beside a $ref).
  oauth2?: AccountOAuth2;
}

/** Present for an OAuth2 account: how popgate gets its access tokens. Its client secret and refresh token are never shown. */
export interface AccountOAuth2 {
  /** `gmail` and `outlook` fill host, token endpoint and scopes; `generic` needs `tokenUrl`. */
  provider: 'gmail' | 'outlook' | 'generic';
  /** @example "1234567890-abc.apps.googleusercontent.com" */
  clientId: string;
  /** `refresh_token`: a user consented; `client_credentials`: app-only access (Microsoft 365). */
  grant: 'refresh_token' | 'client_credentials';
  /** Microsoft's directory; `common` unless set. */
  tenant?: string;
  tokenUrl?: string;
  scope?: string;
  /** False until a refresh token is stored (consent through GET /oauth2/authorize); always true for client_credentials. */
  authorized: boolean;
}

/** The OAuth2 client of a new account (secrets stored encrypted, never shown). */
export interface NewAccountOAuth2 {
  provider: 'gmail' | 'outlook' | 'generic';
  /** Default: the gateway's own app for the provider (OAUTH_GMAIL_CLIENT_ID, OAUTH_OUTLOOK_CLIENT_ID). */
  clientId?: string;
  clientSecret?: string;
  /** Absent for the refresh_token grant: the account waits for consent through GET /oauth2/authorize. */
  refreshToken?: string;
  /** Microsoft's directory: a tenant id or domain, or `common` / `organizations` (default `common`). */
  tenant?: string;
  grant?: 'refresh_token' | 'client_credentials';
  /** Overrides the profile's token endpoint (https); required for `generic`. */
  tokenUrl?: string;
  /** Overrides the profile's scopes (space-separated). */
  scope?: string;
}

/** How popgate polls the account for new mail. */
export interface AccountPoll {
  enabled: boolean;
  /**
   * Seconds between polls (default POLL_INTERVAL_S); never less than the server's CAPA LOGIN-DELAY.
   * @isInt
   * @minimum 10
   * @maximum 86400
   * @example 60
   */
  intervalS: number;
  /** Report the messages already there at the first poll as new (default: they are the baseline, reported never). */
  backfill: boolean;
  /** Consume mode: delete a message upstream once every webhook subscribed to it answered 2xx (DELE, and only QUIT's +OK commits it). */
  deleteAfterDelivery: boolean;
}

/** How the last poll of the account went (kept by the poller, apart from the account's own fields). */
export interface AccountState {
  /**
   * `new` until the first poll; `connected`: the last poll logged in and listed the mailbox;
   * `authentication_failed`: the server refused the login (fix the password with PATCH);
   * `unreachable`: no connection, TLS failure, timeout or a broken conversation; `disabled`:
   * `poll.enabled` is false. A change is recorded as an `account.status` event.
   */
  status: 'new' | 'connected' | 'authentication_failed' | 'unreachable' | 'disabled';
  /** ISO 8601: when the last poll ended; null before the first. */
  lastPollAt: string | null;
  /** Why the last poll failed (the server's own words for a refused login; never a password). Absent after a successful poll. */
  lastError?: string;
}

/** A registered account. Its password is stored encrypted and never shown. */
export interface Account {
  /** @example "support" */
  id: string;
  /** @example "Support inbox" */
  name: string | null;
  pop3: AccountPop3;
  poll: AccountPoll;
  state: AccountState;
  /** ISO 8601 */
  createdAt: string;
  /** ISO 8601 */
  updatedAt: string;
}

export interface AccountList {
  total: number;
  items: Account[];
}

/** The POP3 side of a new account: where, who, and the password or OAuth2 client (stored encrypted, never shown). */
export interface NewAccountPop3 {
  /**
   * Required unless `oauth2.provider` names a server (gmail, outlook).
   * @example "pop.example.com"
   */
  host?: string;
  /**
   * Default: 995 for `implicit` TLS, else 110.
   * @isInt
   * @minimum 1
   * @maximum 65535
   */
  port?: number;
  tls?: 'implicit' | 'starttls' | 'none';
  /** @example "support@example.com" */
  user: string;
  /**
   * Required unless `oauth2` is given.
   * @example "app-password"
   */
  password?: string;
  auth?: 'auto' | 'user' | 'plain' | 'login' | 'apop' | 'xoauth2';
  oauth2?: NewAccountOAuth2;
}

/** Any of the poll settings; the others keep their defaults (or current values). */
export interface PollSettings {
  enabled?: boolean;
  /**
   * @isInt
   * @minimum 10
   * @maximum 86400
   */
  intervalS?: number;
  backfill?: boolean;
  deleteAfterDelivery?: boolean;
}

export interface NewAccount {
  /**
   * Letters, digits, `.`, `_`, `-`, starting with a letter or digit; generated when absent.
   * @pattern ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$
   * @example "support"
   */
  id?: string;
  /** @example "Support inbox" */
  name?: string;
  pop3: NewAccountPop3;
  poll?: PollSettings;
}

/** The POP3 fields to change; changing `host`, `port`, `tls`, `user`, `password` or `auth` is verified with a login like a new account. */
export interface Pop3Changes {
  host?: string;
  /**
   * @isInt
   * @minimum 1
   * @maximum 65535
   */
  port?: number;
  tls?: 'implicit' | 'starttls' | 'none';
  user?: string;
  password?: string;
  auth?: 'auto' | 'user' | 'plain' | 'login' | 'apop' | 'xoauth2';
  oauth2?: OAuth2Changes;
}

/** OAuth2 fields to change: those given replace the account's, the secrets not given are kept. A new `refreshToken` (a new consent) clears an earlier invalid_grant. */
export interface OAuth2Changes {
  provider?: 'gmail' | 'outlook' | 'generic';
  clientId?: string;
  clientSecret?: string;
  refreshToken?: string;
  tenant?: string;
  grant?: 'refresh_token' | 'client_credentials';
  tokenUrl?: string;
  scope?: string;
}

export interface AccountChanges {
  name?: string | null;
  pop3?: Pop3Changes;
  poll?: PollSettings;
}
