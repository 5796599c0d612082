/**
 * The POP3 client's failures, in the three kinds that decide what a caller does next:
 * the server said no (session still usable), the conversation broke (session unusable),
 * or the server went quiet (session unusable). Messages never contain credentials.
 */

/** RFC 2449 / RFC 3206 extended response codes we act on. */
export type Pop3ResponseCode = 'IN-USE' | 'LOGIN-DELAY' | 'SYS/TEMP' | 'SYS/PERM' | 'AUTH' | string;

export abstract class Pop3Error extends Error {
  /** Whether the session can still be used after this error. */
  abstract readonly sessionUsable: boolean;
}

/** `-ERR` from the server. The session stays usable (except during connect/login, where it is closed). */
export class Pop3ServerError extends Pop3Error {
  override readonly name: string = 'Pop3ServerError';
  readonly sessionUsable = true;
  constructor(
    /** The command verb only (e.g. `PASS`), never its arguments. */
    readonly command: string,
    /** Bracketed response code, e.g. `IN-USE`, if the server sent one. */
    readonly respCode: Pop3ResponseCode | undefined,
    /** The server's text after `-ERR` and any response code. */
    readonly text: string,
  ) {
    super(`${command} failed: -ERR ${respCode ? `[${respCode}] ` : ''}${text}`);
  }
}

/**
 * The decoded SASL error challenge of a bearer-token mechanism (RFC 7628 §3.2.2, Google's XOAUTH2):
 * the server's `+ <base64 JSON>` before its `-ERR`, e.g. `{"status": "400", "schemes": "Bearer",
 * "scope": "https://mail.google.com/"}`. Values are kept as strings.
 */
export type SaslChallenge = Record<string, string>;

/** The server refused the credentials (`-ERR` to PASS/AUTH/APOP, or `[AUTH]`). */
export class Pop3AuthError extends Pop3ServerError {
  override readonly name: string = 'Pop3AuthError';
  constructor(
    command: string,
    respCode: Pop3ResponseCode | undefined,
    text: string,
    /** XOAUTH2/OAUTHBEARER: the error challenge the server sent before `-ERR` (never holds the token). */
    readonly challenge?: SaslChallenge,
  ) {
    super(command, respCode, text);
  }
}

/** Malformed or oversized reply, unexpected close, unsolicited bytes: the session is unusable. */
export class Pop3ProtocolError extends Pop3Error {
  override readonly name: string = 'Pop3ProtocolError';
  readonly sessionUsable = false;
}

/** No byte from the server within the timeout. The session is unusable. */
export class Pop3TimeoutError extends Pop3Error {
  override readonly name: string = 'Pop3TimeoutError';
  readonly sessionUsable = false;
}

/** Could not open a session: TCP/TLS failure, untrusted certificate, negative greeting, STLS not offered. */
export class Pop3ConnectionError extends Pop3Error {
  override readonly name: string = 'Pop3ConnectionError';
  readonly sessionUsable = false;
  constructor(message: string, readonly respCode?: Pop3ResponseCode, readonly serverText?: string) {
    super(message);
  }
}

/** A multi-line body went past `maxMessageBytes`. The session is unusable (the rest is not drained). */
export class MessageTooLargeError extends Pop3Error {
  override readonly name: string = 'MessageTooLargeError';
  readonly sessionUsable = false;
  constructor(readonly limit: number) {
    super(`message exceeds the ${limit}-byte limit`);
  }
}

/**
 * What a Pop3ArgumentError found unusable, which decides who can fix it: the credentials (empty,
 * or CR/LF/NUL), the login method the server does not support (APOP without a greeting
 * timestamp), or a command the caller of the client built (a bad message number: a bug).
 */
export type Pop3ArgumentSubject = 'credentials' | 'login-method' | 'command';

/** An argument no POP3 command can carry; nothing was sent. The message names the verb and the flaw, never the value. */
export class Pop3ArgumentError extends Pop3Error {
  override readonly name: string = 'Pop3ArgumentError';
  readonly sessionUsable = true;
  constructor(message: string, readonly subject: Pop3ArgumentSubject = 'command') {
    super(message);
  }
}
