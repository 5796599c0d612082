import { randomUUID } from 'node:crypto';
import { Pop3AuthError, Pop3ServerError } from '../pop3/errors';
import type { Pop3Credentials } from '../pop3/types';
import { SessionWaitTimeoutError } from './errors';
import type { Lease, SessionLeases } from './leases';
import type { MailboxIdentity } from './mailbox-identity';
import type { Pop3Session } from './session';
import type { SessionFactory } from './session-factory';

export interface PoolSettings {
  /** POOL_MAX_PER_MAILBOX */
  maxPerMailbox: number;
  /** SESSION_MAX_AGE_MS: the oldest snapshot a session may serve. */
  maxAgeMs: number;
  /** POOL_IDLE_MS */
  idleMs: number;
  /** POP3_TIMEOUT_MS: how long a request waits for a session. */
  waitTimeoutMs: number;
}

/** The instance-wide session budget (POOL_MAX_TOTAL), owned by SessionPool. */
export interface SessionBudget {
  tryReserve(requester: CredentialPool): boolean;
  /** A session is closed at the server (its QUIT completed, or its socket is gone). */
  release(): void;
  /** A session went idle: pools waiting for the budget may now evict it. */
  idled(): void;
}

/** Hooks for metrics and logs. */
export interface PoolEvents {
  waited?(ms: number): void;
}

interface Waiter {
  fresh: boolean;
  since: number;
  resolve(session: Pop3Session): void;
  reject(err: unknown): void;
  settled: boolean;
  timer: NodeJS.Timeout;
  /** A session is being logged in for this waiter: the login's own timeouts bound it now. */
  creating?: boolean;
  /** The wait timed out during that login: don't queue the waiter again after [IN-USE]. */
  expired?: boolean;
}

const IN_USE_RETRY_MS = 500;

/**
 * The logged-in sessions of one credential on one mailbox. Each session serves one
 * request at a time; waiters queue in arrival order. Written for this job rather than on
 * generic-pool, whose create-failure loop would hammer the server with a wrong password,
 * and which can neither hand out a brand-new session on request nor shrink on [IN-USE].
 */
export class CredentialPool {
  private readonly idle: Pop3Session[] = [];
  private readonly idleSince = new Map<Pop3Session, number>();
  private readonly busy = new Set<Pop3Session>();
  private readonly leases = new Map<Pop3Session, Lease>();
  private creating = 0;
  /** Until then, waiters stand in line for this mailbox (seen by the sweep): released sessions close. */
  private othersWaitUntil = 0;
  private readonly waiters: Waiter[] = [];
  /** Set after [IN-USE]: the server allows no more sessions than we held then (at least one). */
  private lockedLimit: number | null = null;
  /** The last login's [IN-USE] refusal until a login succeeds: why a wait that times out found nothing. */
  private inUseRefusal: Pop3ServerError | undefined;
  /** Settles when one of this pool's sessions gave its lease back. */
  private leaseFreed = deferred();
  /** Last successful login or use: proof that the upstream accepts this credential. */
  acceptedAt = 0;
  /** Sessions being closed (QUIT, then the lease released). */
  private readonly closing = new Set<Promise<void>>();
  private shutDown = false;

  constructor(
    readonly identity: MailboxIdentity,
    private readonly credentials: Pop3Credentials,
    private readonly factory: SessionFactory,
    private readonly settings: PoolSettings,
    private readonly budget: SessionBudget,
    private readonly sessionLeases: SessionLeases,
    private readonly events: PoolEvents = {},
  ) {}

  get size(): number {
    return this.idle.length + this.busy.size + this.creating;
  }

  get stats(): { idle: number; busy: number; waiting: number } {
    return { idle: this.idle.length, busy: this.busy.size + this.creating, waiting: this.waiters.length };
  }

  get isEmpty(): boolean {
    return this.size === 0 && this.waiters.length === 0;
  }

  /**
   * A session for one request. `fresh` asks for a newly logged-in one (it sees mail that
   * arrived since the pooled sessions logged in).
   * @throws SessionWaitTimeoutError when none is free within POP3_TIMEOUT_MS
   * @throws Pop3AuthError, Pop3ConnectionError, Pop3ServerError from the login
   */
  acquire(fresh: boolean): Promise<Pop3Session> {
    // The warm path: nobody queued ahead and an idle session at hand — no waiter, no timer.
    if (!fresh && this.waiters.length === 0) {
      const session = this.takeIdle();
      if (session) {
        this.lend(session, 0);
        return Promise.resolve(session);
      }
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        fresh,
        since: Date.now(),
        resolve,
        reject,
        settled: false,
        timer: setTimeout(() => {
          // A greeting that never comes is the upstream's timeout (504), not a busy pool (503).
          if (waiter.creating) {
            waiter.expired = true;
            return;
          }
          this.removeWaiter(waiter);
          this.settle(waiter, () => reject(new SessionWaitTimeoutError(Math.ceil(this.settings.waitTimeoutMs / 1000), this.inUseRefusal)));
        }, this.settings.waitTimeoutMs),
      };
      this.waiters.push(waiter);
      this.pump();
    });
  }

  /**
   * The most recently used idle session, left idle: read, not lent. It counts as used now, so
   * a mailbox read this way keeps its session instead of seeing it closed as idle.
   */
  peekIdle(): Pop3Session | undefined {
    const session = this.idle[this.idle.length - 1];
    if (!session || !this.isServable(session)) return undefined;
    const now = Date.now();
    this.idleSince.set(session, now);
    this.acceptedAt = now;
    return session;
  }

  /**
   * Give a session back; one that broke, aged out or was retired is closed instead, and so is
   * every session while waiters on other instances stand in line for this mailbox's slots: its
   * lease then goes to the first in line, not straight back to a request of this instance.
   */
  release(session: Pop3Session, reusable: boolean): void {
    this.busy.delete(session);
    if (reusable && this.isServable(session) && Date.now() >= this.othersWaitUntil) {
      this.acceptedAt = Date.now();
      this.idle.push(session);
      this.idleSince.set(session, Date.now());
      this.budget.idled();
    } else {
      this.destroy(session);
    }
    this.pump();
  }

  /** The mailbox changed (a DELETE committed): no session of the old snapshot serves again. */
  retireAll(): void {
    for (const session of [...this.idle, ...this.busy]) session.retired = true;
    for (const session of this.idle.splice(0)) this.destroy(session);
    this.pump();
  }

  /** Close idle sessions past POOL_IDLE_MS or SESSION_MAX_AGE_MS; with `all`, every idle one. */
  evictIdle(now: number, all = false): number {
    // Swept every second across every pool: most have nothing idle (a poll's session QUITs).
    if (this.idle.length === 0) return 0;
    let evicted = 0;
    for (const session of [...this.idle]) {
      const idleFor = now - (this.idleSince.get(session) ?? now);
      if (all || idleFor >= this.settings.idleMs || !this.isServable(session)) {
        this.idle.splice(this.idle.indexOf(session), 1);
        this.destroy(session);
        evicted++;
      }
    }
    return evicted;
  }

  /** Waiters stand in line for this mailbox's slots: until `until`, sessions are closed on release and idle ones now. */
  giveWay(now: number, until: number): void {
    this.othersWaitUntil = until;
    this.evictIdle(now, true);
  }

  /** When the oldest idle session went idle, for budget eviction (LRU). */
  oldestIdleSince(): number | undefined {
    const first = this.idle[0];
    return first ? this.idleSince.get(first) : undefined;
  }

  /** Closes everything: waiters fail, idle sessions QUIT, busy ones QUIT when released. */
  shutdown(): void {
    this.shutDown = true;
    for (const waiter of this.waiters.splice(0)) {
      this.settle(waiter, () => waiter.reject(new SessionWaitTimeoutError(1)));
    }
    this.retireAll();
  }

  /** Serve queued requests as far as sessions and budgets allow. */
  resume(): void {
    this.pump();
  }

  private pump(): void {
    while (this.waiters.length > 0) {
      const waiter = this.waiters[0]!;
      if (!waiter.fresh) {
        const session = this.takeIdle();
        if (session) {
          this.waiters.shift();
          this.handOut(waiter, session);
          continue;
        }
      }
      const limit = Math.min(this.settings.maxPerMailbox, this.lockedLimit ?? Infinity);
      if (this.size >= limit && this.idle.length > 0) {
        // A fresh session was asked for: make room by closing an idle one.
        this.destroy(this.idle.shift()!);
      }
      if (this.size >= limit || !this.budget.tryReserve(this)) return;
      this.waiters.shift();
      void this.create(waiter);
    }
  }

  private takeIdle(): Pop3Session | undefined {
    for (let session = this.idle.pop(); session; session = this.idle.pop()) {
      if (this.isServable(session)) {
        this.idleSince.delete(session);
        return session;
      }
      this.destroy(session);
    }
    return undefined;
  }

  private async create(waiter: Waiter): Promise<void> {
    this.creating++;
    let lease: Lease | null = null;
    let session: Pop3Session;
    try {
      lease = await this.takeLease(waiter);
      waiter.creating = true;
      session = await this.factory(this.credentials);
    } catch (err) {
      waiter.creating = false;
      this.creating--;
      this.budget.release();
      await lease?.release();
      this.createFailed(waiter, err);
      return;
    }
    this.creating--;
    this.leases.set(session, lease);
    this.acceptedAt = Date.now();
    this.inUseRefusal = undefined;
    if (this.shutDown) {
      // Logged in after shutdown began: nobody will use or close it later.
      this.destroy(session);
      this.settle(waiter, () => waiter.reject(new SessionWaitTimeoutError(1)));
    } else if (waiter.settled) {
      // The request gave up while we logged in: keep the session for the next one.
      this.idle.push(session);
      this.idleSince.set(session, Date.now());
      this.pump();
    } else {
      this.handOut(waiter, session);
    }
  }

  /**
   * Waits for a cross-instance slot, in line with the waiters of every instance (the line is
   * in Redis; polling also frees crashed holders' expired leases). Asking again at least every
   * 600 ms keeps the place in line.
   */
  private async takeLease(waiter: Waiter): Promise<Lease> {
    const place = randomUUID();
    for (let delay = 25; ; delay = Math.min(delay * 2, 400)) {
      if (waiter.settled) {
        await this.sessionLeases.leave(this.identity.mailboxId, place);
        throw new SessionWaitTimeoutError(1);
      }
      const lease = await this.sessionLeases.tryAcquire(this.identity.mailboxId, place);
      if (lease) return lease;
      // Woken at once when a slot is given back here or (told through Redis) on another instance.
      await Promise.race([this.sessionLeases.slotFreed(this.identity.mailboxId, delay + Math.random() * delay), this.leaseFreed.promise]);
    }
  }

  private createFailed(waiter: Waiter, err: unknown): void {
    const inUse = err instanceof Pop3ServerError && !(err instanceof Pop3AuthError) && err.respCode === 'IN-USE';
    if (inUse) this.inUseRefusal = err;
    if (inUse && !waiter.settled && !waiter.expired) {
      // The server locks the maildrop: live with the sessions we hold, and queue.
      // Sticky for the pool's life: such a server (Dovecot with pop3_lock_session) may make
      // each further login wait ~10 s before it says [IN-USE]; learn that once.
      const held = this.idle.length + this.busy.size + this.creating;
      this.lockedLimit = Math.max(held, 1);
      const requeue = (): void => {
        if (waiter.settled) return;
        this.waiters.unshift(waiter);
        this.pump();
      };
      if (held > 0) requeue();
      else setTimeout(requeue, IN_USE_RETRY_MS).unref();
      return;
    }
    this.settle(waiter, () => waiter.reject(err));
    if (err instanceof Pop3AuthError) {
      // Same credential, same answer: don't send every queued request to be refused again.
      for (const other of this.waiters.splice(0)) {
        this.settle(other, () => other.reject(err));
      }
    }
    this.pump();
  }

  private handOut(waiter: Waiter, session: Pop3Session): void {
    this.lend(session, Date.now() - waiter.since);
    this.settle(waiter, () => waiter.resolve(session));
  }

  private lend(session: Pop3Session, waitedMs: number): void {
    this.busy.add(session);
    session.uses++;
    this.events.waited?.(waitedMs);
  }

  private settle(waiter: Waiter, action: () => void): void {
    if (waiter.settled) return;
    waiter.settled = true;
    clearTimeout(waiter.timer);
    action();
  }

  private removeWaiter(waiter: Waiter): void {
    const index = this.waiters.indexOf(waiter);
    if (index >= 0) this.waiters.splice(index, 1);
  }

  private isServable(session: Pop3Session): boolean {
    return session.usable && session.ageMs() < this.settings.maxAgeMs;
  }

  private wakeLeaseWaiters(): void {
    const freed = this.leaseFreed;
    this.leaseFreed = deferred();
    freed.resolve();
  }

  private destroy(session: Pop3Session): void {
    this.idleSince.delete(session);
    this.busy.delete(session);
    const lease = this.leases.get(session);
    this.leases.delete(session);
    const client = session.client;
    const close = client.usable ? client.quit() : Promise.resolve(client.destroy());
    // The budget slot and the lease go only after QUIT (or the socket's end), so the server
    // never sees more sessions than POOL_MAX_TOTAL or the per-mailbox cap.
    const closed = close
      .catch(() => client.destroy())
      .finally(() => this.budget.release())
      .finally(() => lease?.release())
      .finally(() => this.wakeLeaseWaiters());
    this.closing.add(closed);
    void closed.finally(() => this.closing.delete(closed));
  }

  /** Resolves once every session destroyed so far has QUIT and released its lease. */
  async closed(): Promise<void> {
    await Promise.all([...this.closing]);
  }
}

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
