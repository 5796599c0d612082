import { Pop3Error, Pop3ProtocolError } from '../pop3/errors';
import type { Pop3Credentials } from '../pop3/types';
import type { SessionLeases } from './leases';
import { isStaleSnapshotRefusal } from './errors';
import type { IdentityHasher, MailboxIdentity } from './mailbox-identity';
import { CredentialPool, type PoolEvents, type PoolSettings, type SessionBudget } from './credential-pool';
import type { Pop3Session } from './session';
import type { SessionFactory } from './session-factory';

/** How long one sighting of waiters makes a pool give its sessions up: until the next sweep (1 s) looks again. */
const GIVE_WAY_MS = 1500;

export interface SessionPoolOptions extends PoolSettings {
  /** POOL_MAX_TOTAL */
  maxTotal: number;
}

export interface SessionOptions {
  /** A newly logged-in session instead of a pooled one. */
  fresh?: boolean;
  /** The work only reads: on a broken reused session it is retried once on a new one. */
  idempotent?: boolean;
}

/** A checked-out session; call done() exactly once (with the error, if the work failed). */
export interface SessionHandle {
  session: Pop3Session;
  done(err?: unknown): void;
}

/**
 * All pools of this instance: one per credential of a mailbox, a global cap that evicts
 * idle pools first, housekeeping of idle sessions, and the leases that cap a mailbox
 * across instances.
 */
export class SessionPool implements SessionBudget {
  private readonly pools = new Map<string, CredentialPool>();
  private total = 0;
  /** Pools with a request waiting because POOL_MAX_TOTAL was reached: woken by release and idled. */
  private readonly starved = new Set<CredentialPool>();
  private readonly housekeeping: NodeJS.Timeout;

  constructor(
    private readonly hasher: IdentityHasher,
    private readonly factory: SessionFactory,
    private readonly options: SessionPoolOptions,
    private readonly leases: SessionLeases,
    private readonly events: PoolEvents = {},
  ) {
    this.housekeeping = setInterval(() => void this.sweep(), 1000);
    this.housekeeping.unref();
  }

  identify(credentials: Pop3Credentials): MailboxIdentity {
    return this.hasher.identify(credentials);
  }

  /**
   * True when the upstream accepted this exact credential recently (a live session or a
   * login within POOL_IDLE_MS): only then may cached data be served to it.
   */
  isAccepted(identity: MailboxIdentity): boolean {
    const pool = this.pools.get(identity.credentialKey);
    return !!pool && Date.now() - pool.acceptedAt < this.options.idleMs;
  }

  /** Runs `work` on a session of this mailbox, releasing (or destroying) it afterwards. */
  async withSession<T>(credentials: Pop3Credentials, work: (session: Pop3Session) => Promise<T>, options: SessionOptions = {}): Promise<T> {
    const attempt = async (fresh: boolean): Promise<{ value: T } | { retry: unknown }> => {
      const handle = await this.checkout(credentials, fresh);
      const reused = handle.session.uses > 1;
      try {
        const value = await work(handle.session);
        handle.done();
        return { value };
      } catch (err) {
        handle.done(err);
        // A pooled session the server dropped while idle, or whose snapshot went stale: worth
        // one more try on a new one.
        if (options.idempotent && reused && (err instanceof Pop3ProtocolError || isStaleSnapshotRefusal(err))) return { retry: err };
        throw err;
      }
    };
    const first = await attempt(options.fresh ?? false);
    if ('value' in first) return first.value;
    const second = await attempt(true);
    if ('value' in second) return second.value;
    throw second.retry;
  }

  /**
   * An idle session of this credential (by its identity), left in the pool, for answers its login snapshot
   * already holds (STAT); undefined when none is idle and within its age limits. No I/O.
   */
  idleSession(identity: MailboxIdentity): Pop3Session | undefined {
    return this.pools.get(identity.credentialKey)?.peekIdle();
  }

  /** A session for work that outlives one call (a streamed RETR). */
  async checkout(credentials: Pop3Credentials, fresh = false): Promise<SessionHandle> {
    const pool = this.poolFor(credentials);
    const session = await pool.acquire(fresh);
    let released = false;
    return {
      session,
      done: (err?: unknown) => {
        if (released) return;
        released = true;
        const reusable = !(err instanceof Pop3Error) || (err.sessionUsable && !isStaleSnapshotRefusal(err));
        pool.release(session, reusable);
      },
    };
  }

  /** After a committed DELETE: no pooled session of this mailbox serves its old snapshot. */
  retireMailbox(identity: MailboxIdentity): void {
    for (const pool of this.pools.values()) {
      if (pool.identity.mailboxId === identity.mailboxId) pool.retireAll();
    }
  }

  stats(): { idle: number; busy: number; waiting: number; mailboxes: number } {
    const sum = { idle: 0, busy: 0, waiting: 0, mailboxes: this.pools.size };
    for (const pool of this.pools.values()) {
      const s = pool.stats;
      sum.idle += s.idle;
      sum.busy += s.busy;
      sum.waiting += s.waiting;
    }
    return sum;
  }

  /** SessionBudget: one more upstream session on this instance, evicting an idle one elsewhere if full. */
  tryReserve(requester: CredentialPool): boolean {
    if (this.total >= this.options.maxTotal) {
      const victim = [...this.pools.values()]
        .filter((p) => p !== requester && p.oldestIdleSince() !== undefined)
        .sort((a, b) => a.oldestIdleSince()! - b.oldestIdleSince()!)[0];
      // The victim's slot is free once its QUIT completed (release), not now.
      victim?.evictIdle(Date.now(), true);
      this.starved.add(requester);
      return false;
    }
    this.total++;
    return true;
  }

  /** SessionBudget: a session went idle; a pool waiting for a slot may evict it. */
  idled(): void {
    if (this.starved.size > 0) queueMicrotask(() => this.resumeStarved());
  }

  /** SessionBudget: a session closed at the server; pools waiting for a slot may go on. */
  release(): void {
    this.total--;
    if (this.starved.size > 0) queueMicrotask(() => this.resumeStarved());
  }

  /** Stops housekeeping, fails waiters and closes every session (QUIT). */
  async close(graceMs = 5000): Promise<void> {
    clearInterval(this.housekeeping);
    const deadline = Date.now() + graceMs;
    for (const pool of this.pools.values()) pool.shutdown();
    while (this.total > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    // Wait for the QUITs and lease releases too: a lease left in Redis would block other
    // instances from this mailbox until it expired.
    const closed = Promise.all([...this.pools.values()].map((pool) => pool.closed()));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([closed, new Promise((r) => (timer = setTimeout(r, Math.max(0, deadline - Date.now()))))]);
    clearTimeout(timer);
    this.leases.close();
  }

  private poolFor(credentials: Pop3Credentials): CredentialPool {
    const identity = this.hasher.identify(credentials);
    let pool = this.pools.get(identity.credentialKey);
    if (!pool) {
      pool = new CredentialPool(identity, credentials, this.factory, this.options, this, this.leases, this.events);
      this.pools.set(identity.credentialKey, pool);
    }
    return pool;
  }

  /** Pools that found the budget full try again (and say so again if it still is). */
  private resumeStarved(): void {
    const starved = [...this.starved];
    this.starved.clear();
    for (const pool of starved) pool.resume();
  }

  private async sweep(): Promise<void> {
    const now = Date.now();
    for (const [key, pool] of this.pools) {
      pool.evictIdle(now);
      // Sessions of a mailbox others wait for make way: their slots go to the line's first.
      if (!pool.isEmpty && (await this.leases.hasDemand(pool.identity.mailboxId))) pool.giveWay(now, now + GIVE_WAY_MS);
      if (pool.isEmpty && now - pool.acceptedAt > this.options.idleMs) this.pools.delete(key);
    }
  }
}
