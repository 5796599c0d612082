import { hash, randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Pop3Credentials } from '../../pop3/types';
import type { MailboxIdentity } from '../../pool/mailbox-identity';
import { basicCredentials, MAX_AUTHORIZATION_LENGTH } from './basic-credentials';

/** Header values remembered at once; one per credential in use, so this bounds memory, not hits. */
const REMEMBERED_HEADERS = 10_000;

/** What a known Basic header names: its mailbox identity, and its user for the login limiter. */
export interface BasicIdentity {
  identity: MailboxIdentity;
  user: string;
}

/**
 * The mailbox identity named by a Basic `Authorization` value, for the fast lane: a client
 * sends the very same value request after request, so a value seen before costs one keyed
 * hash of it and a lookup, instead of Basic parsing plus the credential's own keyed hashes.
 * Entries are keyed by a SHA-256 of a per-process random secret followed by the value (the
 * key never leaves the process), and hold the identity — hashes — and the user name: never
 * the password nor the header. Only values that parse as usable credentials are kept.
 */
export class BasicIdentities {
  private readonly remembered = new LRUCache<string, BasicIdentity>({ max: REMEMBERED_HEADERS });
  private readonly secretHex = randomBytes(32).toString('hex');

  /** `identify` is the pool's (MailboxService.identify), so identities name the same pools and listings. */
  constructor(private readonly identify: (credentials: Pop3Credentials) => MailboxIdentity) {}

  /** The identity of this header's credentials, or null when it is not usable Basic credentials. */
  of(header: string | undefined): BasicIdentity | null {
    if (header === undefined || header.length > MAX_AUTHORIZATION_LENGTH) return null;
    const key = hash('sha256', `${this.secretHex}\0${header}`, 'base64');
    const known = this.remembered.get(key);
    if (known) return known;
    const credentials = basicCredentials(header);
    if (typeof credentials === 'string') return null;
    const identity: BasicIdentity = { identity: this.identify(credentials), user: credentials.user };
    this.remembered.set(key, identity);
    return identity;
  }
}
