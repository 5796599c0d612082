import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** One mailbox account of the in-memory server. */
export interface MailboxAccount {
  name: string;
  password: string;
  /** Messages in arrival order (oldest first), CRLF line endings. */
  messages: Buffer[];
}

/** A message as a session sees it: its unique id (UIDL) and its bytes. */
export interface StoredMessage {
  readonly uid: string;
  readonly data: Buffer;
}

interface Maildrop {
  password: Buffer;
  messages: StoredMessage[];
  locked: boolean;
}

/**
 * The server's in-memory maildrops: accounts, their messages with stable unique ids, and
 * the RFC 1939 exclusive-access lock. Sessions copy the message list at login (a snapshot)
 * and hand back the ids they deleted on QUIT.
 */
export class MaildropStore {
  private readonly maildrops = new Map<string, Maildrop>();
  /** Differs per store so ids never repeat across restarts of the demo. */
  private readonly uidPrefix = randomBytes(4).toString('hex');
  private nextUid = 1;

  constructor(accounts: MailboxAccount[]) {
    for (const account of accounts) {
      this.maildrops.set(account.name, {
        password: Buffer.from(account.password, 'utf8'),
        messages: account.messages.map((data) => this.store(data)),
        locked: false,
      });
    }
  }

  /** True when `password` (the bytes the client sent) is the account's password. */
  checkPassword(user: string, password: Buffer): boolean {
    const maildrop = this.maildrops.get(user);
    return maildrop !== undefined && constantTimeEqual(maildrop.password, password);
  }

  /** APOP (RFC 1939 §7): the client sent MD5(timestamp + password) in lower-case hex. */
  checkApopDigest(user: string, timestamp: string, digestHex: string): boolean {
    const maildrop = this.maildrops.get(user);
    if (maildrop === undefined) return false;
    const expected = createHash('md5').update(timestamp, 'latin1').update(maildrop.password).digest('hex');
    return constantTimeEqual(Buffer.from(expected), Buffer.from(digestHex.toLowerCase()));
  }

  /** Takes the exclusive lock; false if another session holds it. */
  tryLock(user: string): boolean {
    const maildrop = this.require(user);
    if (maildrop.locked) return false;
    maildrop.locked = true;
    return true;
  }

  unlock(user: string): void {
    const maildrop = this.maildrops.get(user);
    if (maildrop) maildrop.locked = false;
  }

  /** The maildrop as of now; later deliveries and deletions do not change the returned list. */
  snapshot(user: string): StoredMessage[] {
    return [...this.require(user).messages];
  }

  /** Removes the messages with these ids (those already gone are ignored). */
  remove(user: string, uids: Iterable<string>): void {
    const maildrop = this.require(user);
    const gone = new Set(uids);
    maildrop.messages = maildrop.messages.filter((message) => !gone.has(message.uid));
  }

  /** Appends a message to the user's maildrop; sessions already logged in do not see it. */
  deliver(user: string, data: Buffer): void {
    this.require(user).messages.push(this.store(data));
  }

  /** The messages currently in the user's maildrop, oldest first. */
  messages(user: string): Buffer[] {
    return this.require(user).messages.map((message) => message.data);
  }

  private store(data: Buffer): StoredMessage {
    // RFC 1939 §7: 1-70 characters in 0x21-0x7E, never reused for another message.
    return { uid: `${this.uidPrefix}.${this.nextUid++}`, data: Buffer.from(data) };
  }

  private require(user: string): Maildrop {
    const maildrop = this.maildrops.get(user);
    if (!maildrop) throw new Error(`no maildrop for user ${JSON.stringify(user)}`);
    return maildrop;
  }
}

/** Compares without leaking, through timing, where the first difference is. */
function constantTimeEqual(a: Buffer, b: Buffer): boolean {
  const digestA = createHash('sha256').update(a).digest();
  const digestB = createHash('sha256').update(b).digest();
  return timingSafeEqual(digestA, digestB);
}
