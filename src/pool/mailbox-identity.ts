import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Pop3Credentials } from '../pop3/types';

/** Who a request speaks for: the mailbox (shared name) and the credential (secret). */
export interface MailboxIdentity {
  /** Hash of upstream address + user: names the mailbox in cache keys and leases. Not secret. */
  mailboxId: string;
  /** HMAC of mailbox + credential under a per-process key: names a pool of logged-in sessions. */
  credentialKey: string;
  user: string;
}

/** Derives identities; the HMAC key lives only in this process, so keys are useless elsewhere. */
export class IdentityHasher {
  constructor(
    private readonly upstream: string,
    private readonly secret: Buffer = randomBytes(32),
  ) {}

  identify(credentials: Pop3Credentials): MailboxIdentity {
    const mailboxId = createHash('sha256').update(`${this.upstream}\0${credentials.user}`).digest('hex').slice(0, 32);
    const credentialKey = createHmac('sha256', this.secret)
      .update(`${mailboxId}\0${credentials.password ?? ''}\0${credentials.accessToken ?? ''}`)
      .digest('hex');
    return { mailboxId, credentialKey, user: credentials.user };
  }
}
