/**
 * Status lines: the first line of every POP3 reply (RFC 1939 §3) with the extended response
 * codes of RFC 2449 §8 and RFC 3206 (`-ERR [IN-USE] mailbox locked`). Pure functions.
 */
import { Pop3AuthError, Pop3ProtocolError, type Pop3ResponseCode, Pop3ServerError } from './errors';

/** One parsed status line. */
export interface StatusLine {
  /** `+OK`. */
  ok: boolean;
  /** `+ <challenge>`: a SASL continuation (RFC 5034), neither +OK nor -ERR. */
  continuation: boolean;
  /** The bracketed response code, upper-cased (`IN-USE`, `SYS/TEMP`, …), if the server sent one. */
  respCode: Pop3ResponseCode | undefined;
  /** The text after the status indicator and any response code. */
  text: string;
  /** Everything after the status indicator (response code included), for the greeting. */
  rest: string;
}

/** RFC 2449 §8: `resp-code = "[" resp-level *("/" resp-level) "]"`; we accept any non-space, non-`]` run. */
const RESPONSE_CODE = /^\[([^\]\s]{1,64})\]\s*/;

/**
 * Parses one status line (with or without its CRLF).
 * @throws {Pop3ProtocolError} if the line starts with neither `+OK`, `-ERR` nor `+`.
 */
export function parseStatusLine(line: Buffer | string): StatusLine {
  const raw = typeof line === 'string' ? line : line.toString('utf8');
  const content = raw.endsWith('\r\n') ? raw.slice(0, -2) : raw.endsWith('\n') ? raw.slice(0, -1) : raw;
  const indicator = /^(\+OK|-ERR|\+)(?:[ \t]+|$)/i.exec(content);
  if (!indicator || !indicator[1]) {
    throw new Pop3ProtocolError(`malformed status line (${content.length} characters): expected +OK, -ERR or +`);
  }
  const kind = indicator[1].toUpperCase();
  const rest = content.slice(indicator[0].length);
  if (kind === '+') return { ok: false, continuation: true, respCode: undefined, text: rest, rest };
  return { ok: kind === '+OK', continuation: false, ...parseResponseCode(rest), rest };
}

/**
 * Splits `[IN-USE] do you have another POP session running?` into the code and the text.
 * Text without a leading bracketed code is returned whole.
 */
export function parseResponseCode(text: string): { respCode: Pop3ResponseCode | undefined; text: string } {
  const match = RESPONSE_CODE.exec(text);
  if (!match || !match[1]) return { respCode: undefined, text };
  return { respCode: match[1].toUpperCase(), text: text.slice(match[0].length) };
}

/**
 * RFC 3206 codes that say "not now" rather than "wrong credentials": at login they stay
 * server errors (503, retry later), never authentication failures. `SYS/PERM` is the server's
 * own permanent failure, also not the caller's credentials.
 */
const NOT_CREDENTIAL_CODES = new Set(['IN-USE', 'LOGIN-DELAY', 'SYS/TEMP', 'SYS/PERM']);

/** Whether a `-ERR` at login means the credentials were refused (as opposed to a lock, delay or system failure). */
export function isCredentialRefusal(respCode: Pop3ResponseCode | undefined): boolean {
  return respCode === undefined || !NOT_CREDENTIAL_CODES.has(respCode.toUpperCase());
}

/**
 * A refusal of the credentials themselves: it answers 401 and counts as a failed login.
 * `[IN-USE]`, `[LOGIN-DELAY]` and `[SYS/*]` at login are not (RFC 3206: the password may be right).
 */
export function isRefusedLogin(err: unknown): boolean {
  if (!(err instanceof Pop3ServerError)) return false;
  if (err.respCode === 'AUTH') return true;
  return err instanceof Pop3AuthError && isCredentialRefusal(err.respCode);
}
