/** Multi-mailbox mode: the POP3 user name and password. Single-mailbox mode: an API token. */
export type PopgateAuth = { username: string; password: string } | { token: string };

/** The `Authorization` header value for `auth`. */
export function authorization(auth: PopgateAuth): string {
  if ('token' in auth) return `Bearer ${auth.token}`;
  // RFC 7617: the user-id ends at the first colon, so one inside it cannot be sent.
  if (auth.username.includes(':')) throw new TypeError('A Basic user name cannot contain ":"');
  return `Basic ${base64Utf8(`${auth.username}:${auth.password}`)}`;
}

/** btoa() takes Latin-1 only: encode as UTF-8 first (the charset popgate reads Basic credentials in). */
function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
