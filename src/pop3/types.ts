/** How the TCP connection is secured. */
export type TlsMode = 'implicit' | 'starttls' | 'none';

/** How to log in. `auto`: SASL PLAIN when CAPA offers it, else USER/PASS. `xoauth2`, `oauthbearer`: an access token. */
export type AuthMethod = 'auto' | 'user' | 'plain' | 'login' | 'apop' | 'xoauth2' | 'oauthbearer';

export interface Pop3ConnectOptions {
  host: string;
  port: number;
  tls: TlsMode;
  /** Required to be true for `tls: 'none'`; otherwise connect() refuses. */
  allowPlaintext?: boolean;
  /** Extra trusted CA certificates (PEM). */
  ca?: string | Buffer;
  /** Name the certificate must match (default: host). */
  servername?: string;
  /** Verify the server certificate (default true). */
  rejectUnauthorized?: boolean;
  /** Connect, greeting and per-command inactivity timeout. */
  timeoutMs: number;
  /** Cap on one multi-line reply body (RETR/TOP); over it the body stream fails with MessageTooLargeError. */
  maxMessageBytes: number;
  /**
   * Metrics hook, called once per command when its reply is over: the verb only (never
   * arguments), `ok` for +OK, `err` for -ERR, `failed` for a protocol error/timeout/close,
   * and the milliseconds from queueing to the end of the reply (body included).
   */
  onCommand?: (command: string, outcome: 'ok' | 'err' | 'failed', ms: number) => void;
}

/** A POP3 server and how to log in there. */
export interface Pop3Upstream {
  host: string;
  port: number;
  tls: TlsMode;
  auth: AuthMethod;
}

export interface Pop3Credentials {
  user: string;
  /**
   * Where these credentials log in, when not the gateway's own POP3 server (a registered
   * account's). The gateway's trust settings (CA, certificate checks) and timeouts still apply.
   */
  upstream?: Pop3Upstream;
  /** USER/PASS, AUTH PLAIN, AUTH LOGIN, APOP. */
  password?: string;
  /** AUTH XOAUTH2. */
  accessToken?: string;
  /**
   * An OAuth2 mailbox: popgate keeps its access token itself (src/oauth/token-source.ts). The
   * session factory asks for the current token at each login; `password`/`accessToken` are unset.
   */
  oauth?: AccessTokenSource;
}

/** Where an OAuth2 mailbox's access tokens come from; the pool and the POP3 login know it only through this. */
export interface AccessTokenSource {
  /**
   * Names the mailbox's OAuth2 grant, not any token: stable across refreshes, so the pool keeps
   * one set of sessions (and the cache one identity) per mailbox. Not secret.
   */
  readonly key: string;
  /** A token believed valid: the current one, or a new one obtained once for every caller waiting. */
  accessToken(): Promise<string>;
  /** The server refused `token` at login: the next accessToken() gets a new one (when `token` is still current). */
  refused(token: string): void;
}

/** CAPA: upper-cased capability name -> its arguments (e.g. SASL -> ['PLAIN', 'LOGIN']). */
export type Capabilities = Record<string, string[]>;

/** STAT: the maildrop's message count and total size in octets. */
export interface StatReply {
  count: number;
  size: number;
}

export interface ListEntry {
  number: number;
  size: number;
}

export interface UidlEntry {
  number: number;
  uid: string;
}

export interface TlsInfo {
  protocol: string | null;
  cipher: string | null;
}
