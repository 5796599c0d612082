import type { Pop3Credentials } from '../../pop3/types';

/* HTTP Basic credentials as a request carries them: read by the express authenticator and by the fast lane's BasicIdentities. */

/** Longer Authorization headers are refused unread: no real credential needs 4 KiB. */
export const MAX_AUTHORIZATION_LENGTH = 4096;
const BASIC_HEADER = /^Basic +([A-Za-z0-9+/]+={0,2}) *$/i;
/** They would let a caller inject a second POP3 command line. */
const LINE_BREAKING = /[\r\n\0]/;
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The user and password of a Basic header, or why it is not usable (the 401's detail). */
export function basicCredentials(header: string | undefined): (Pop3Credentials & { user: string; password: string }) | string {
  if (header === undefined || header === '') return 'Send Authorization: Basic with your POP3 user name and password.';
  const match = header.length <= MAX_AUTHORIZATION_LENGTH ? BASIC_HEADER.exec(header) : null;
  const decoded = match?.[1] !== undefined ? decodeUtf8(Buffer.from(match[1], 'base64')) : undefined;
  const colon = decoded?.indexOf(':') ?? -1;
  if (decoded === undefined || colon < 0) {
    return 'The Authorization header is not valid Basic credentials: expected "Basic " + base64("user:password"), UTF-8.';
  }
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  // Decided here, not upstream: no POP3 server accepts an empty USER or PASS argument.
  if (user === '' || password === '') {
    const empty = [user === '' && 'user name', password === '' && 'password'].filter(Boolean);
    return `The Basic credentials have an empty ${empty.join(' and an empty ')}; send your POP3 user name and password.`;
  }
  if (LINE_BREAKING.test(user) || LINE_BREAKING.test(password)) {
    return 'The user name or password contains CR, LF or NUL, which POP3 cannot carry.';
  }
  return { user, password };
}

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}
