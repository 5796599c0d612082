/**
 * The two SASL mechanisms that carry an OAuth2 access token, as pure functions of strings:
 * Google's XOAUTH2 (developers.google.com/gmail/imap/xoauth2-protocol, also Microsoft's) and
 * RFC 7628 OAUTHBEARER. Both refuse a token with a `+ <base64 JSON>` error challenge before
 * the final `-ERR`; {@link decodeErrorChallenge} reads it.
 */
import { Pop3ArgumentError, type SaslChallenge } from './errors';

/** RFC 7628 §3.1 `kvsep`, and XOAUTH2's separator (Ctrl-A). */
const KVSEP = '\x01';

/** The client response each mechanism sends after `+`, and what it answers an error challenge with. */
export interface BearerMechanism {
  name: 'XOAUTH2' | 'OAUTHBEARER';
  /** The base64 client response carrying the token. */
  response: string;
  /**
   * The reply to an error challenge, after which the server sends its `-ERR`: XOAUTH2 an empty
   * line (Google's protocol page), OAUTHBEARER the dummy `%x01` (RFC 7628 §3.2.3), base64 `AQ==`.
   */
  afterErrorChallenge: string;
}

/** Where the token goes: RFC 7628 names the server's host and port inside the response. */
export interface BearerTarget {
  user: string;
  token: string;
  host: string;
  port: number;
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** A Ctrl-A inside the user or token would end a field early: refuse it before anything is sent. */
function assertNoSeparator(value: string, what: string): void {
  if (value.includes(KVSEP)) throw new Pop3ArgumentError(`AUTH: the ${what} contains a Ctrl-A (0x01)`, 'credentials');
}

/** `base64("user=" user ^A "auth=Bearer " token ^A ^A)`. */
export function xoauth2(target: BearerTarget): BearerMechanism {
  assertNoSeparator(target.user, 'user name');
  assertNoSeparator(target.token, 'access token');
  return {
    name: 'XOAUTH2',
    response: base64(`user=${target.user}${KVSEP}auth=Bearer ${target.token}${KVSEP}${KVSEP}`),
    afterErrorChallenge: '',
  };
}

/**
 * RFC 7628 §3.1: a GS2 header naming the user (`n,a=<saslname>,`, RFC 5801 §4 escapes `,` and
 * `=`), then `host`, `port` and `auth` key-value pairs, each ended by ^A, and a final ^A.
 */
export function oauthbearer(target: BearerTarget): BearerMechanism {
  assertNoSeparator(target.user, 'user name');
  assertNoSeparator(target.token, 'access token');
  const saslname = target.user.replace(/=/g, '=3D').replace(/,/g, '=2C');
  const pairs = [`host=${target.host}`, `port=${target.port}`, `auth=Bearer ${target.token}`];
  return {
    name: 'OAUTHBEARER',
    response: base64(`n,a=${saslname},${KVSEP}${pairs.join(KVSEP)}${KVSEP}${KVSEP}`),
    afterErrorChallenge: base64(KVSEP),
  };
}

/**
 * The JSON object inside a `+ <base64>` error challenge, its values as strings
 * (`{"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"}`); undefined when
 * the challenge is not base64 of a JSON object (the refusal is still a refusal).
 */
export function decodeErrorChallenge(challenge: string): SaslChallenge | undefined {
  const text = challenge.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const decoded: SaslChallenge = {};
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    decoded[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return decoded;
}
