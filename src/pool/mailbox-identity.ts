import { createHash, createHmac, hash, randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Pop3Credentials } from '../pop3/types';

/** Who a request speaks for: the mailbox (shared name) and the credential (secret). */
export interface MailboxIdentity {
  /** Hash of upstream address + user: names the mailbox in cache keys and leases. Not secret. */
  mailboxId: string;
  /** HMAC of mailbox + credential under a per-process key: names a pool of logged-in sessions. */
  credentialKey: string;
  user: string;
}

/** Credentials seen recently; one entry per credential in use, so this bounds memory, not hits. */
const REMEMBERED_IDENTITIES = 10_000;

/** Derives identities; the HMAC key lives only in this process, so keys are useless elsewhere. */
export class IdentityHasher {
  /**
   * Identities by a keyed SHA-256 of the credential (the per-process secret comes first), so
   * a request of a known credential costs one one-shot hash instead of a hash and an HMAC.
   * Holds no password, and a key is useless outside this process.
   */
  private readonly remembered = new LRUCache<string, MailboxIdentity>({ max: REMEMBERED_IDENTITIES });
  private readonly secretHex: string;

  constructor(
    private readonly upstream: string,
    private readonly secret: Buffer = randomBytes(32),
  ) {
    this.secretHex = secret.toString('hex');
  }

  identify(credentials: Pop3Credentials): MailboxIdentity {
    const memoKey = hash('sha256', `${this.secretHex}\0${this.upstreamOf(credentials)}\0${credentials.user}\0${secretOf(credentials)}`, 'base64');
    let identity = this.remembered.get(memoKey);
    if (identity?.user !== credentials.user) {
      identity = this.derive(credentials);
      this.remembered.set(memoKey, identity);
    }
    return identity;
  }

  /** A registered account's own server, or the gateway's: a mailbox is a user on a server. */
  private upstreamOf(credentials: Pop3Credentials): string {
    return credentials.upstream ? `${credentials.upstream.host}:${credentials.upstream.port}` : this.upstream;
  }

  private derive(credentials: Pop3Credentials): MailboxIdentity {
    const mailboxId = createHash('sha256').update(`${this.upstreamOf(credentials)}\0${credentials.user}`).digest('hex').slice(0, 32);
    const credentialKey = createHmac('sha256', this.secret)
      .update(`${mailboxId}\0${secretOf(credentials)}`)
      .digest('hex');
    return { mailboxId, credentialKey, user: credentials.user };
  }
}

/**
 * What tells one credential of a mailbox from another. An OAuth2 mailbox is named by its grant
 * (the token source's key), not by an access token that changes every hour: its sessions and
 * cached data stay one identity across refreshes. Only the gateway makes such credentials
 * (single-mailbox configuration, registered accounts), and each login proves them again.
 */
function secretOf(credentials: Pop3Credentials): string {
  if (credentials.oauth) return `oauth\0${credentials.oauth.key}`;
  return `${credentials.password ?? ''}\0${credentials.accessToken ?? ''}`;
}
