/**
 * TLS sessions to resume, one per server and trust setting, as node's https.Agent keeps them
 * for HTTPS. A resumed handshake skips the certificate exchange and its verification on both
 * sides: a poller logging into a thousand mailboxes of one server every minute pays that once.
 * The server's identity is still checked on every connection (node runs checkServerIdentity
 * against the certificate the session carries).
 */
import type tls from 'node:tls';

/** Sessions kept at most (oldest dropped first): one per upstream server is all it needs. */
const MAX_SESSIONS = 100;

export class TlsSessionCache {
  private readonly sessions = new Map<string, Buffer>();

  constructor(private readonly max = MAX_SESSIONS) {}

  /** The session to offer when connecting to `key`, if one was kept. */
  get(key: string): Buffer | undefined {
    return this.sessions.get(key);
  }

  /**
   * Keeps the newest session the server issued on `socket` (TLS 1.3 sends its tickets after the
   * handshake) and forgets the key's session when a connection fails, so a ticket the server
   * no longer accepts is not offered again.
   */
  track(key: string, socket: tls.TLSSocket): void {
    socket.on('session', (session: Buffer) => {
      this.sessions.delete(key);
      this.sessions.set(key, session);
      if (this.sessions.size > this.max) this.sessions.delete(this.sessions.keys().next().value as string);
    });
    socket.once('error', () => this.sessions.delete(key));
  }
}

/** What must match for a session to be offered again: the server, the name checked, the trust. */
export function sessionKey(host: string, port: number, servername: string, trust: string): string {
  return `${host}\0${port}\0${servername}\0${trust}`;
}
