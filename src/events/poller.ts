import type { Logger } from 'pino';
import type { Account } from '../models/account';
import type { HeaderSummary } from '../models/message';
import { Pop3ServerError } from '../pop3/errors';
import type { Pop3Client } from '../pop3/client';
import type { Pop3Credentials } from '../pop3/types';
import type { Pop3Session } from '../pool/session';
import type { SessionHandle } from '../pool/session-pool';
import { parseHeaderBlock, summarize } from '../services/header-block';
import type { ConsumeQueue } from './consume-queue';
import { messageEventId, uniqueEventId, type AccountStatus, type PopgateEvent } from './event';
import type { EventLog } from './event-log';
import { NoStableIdsError, pollFailure } from './poll-failure';
import type { PollState, PollStateStore } from './poll-state';

/** At most this many messages are reported (TOP n 0) per poll; the rest wait for the next one. */
export const DEFAULT_POLL_PAGE = 200;

/** What the poller needs of the accounts: their settings and, for its own use, their credentials. */
export interface PollAccounts {
  /** The account and its credentials from one read (AccountRegistry.forPoll). */
  forPoll(id: string): Promise<{ account: Account; credentials(): { target: NonNullable<Pop3Credentials['upstream']>; credentials: Pop3Credentials } } | null>;
}

/** A session with a lease, like an API request's: the pool's checkout. */
export interface PollSessions {
  checkout(credentials: Pop3Credentials, fresh: boolean): Promise<SessionHandle>;
}

/** What /metrics counts of polls (src/observability/metrics.ts implements it). */
export interface PollMetrics {
  observePoll(outcome: PollOutcome, seconds: number, errorCode?: string): void;
  observeEvents(events: readonly PopgateEvent[]): void;
}

export interface PollerDeps {
  accounts: PollAccounts;
  sessions: PollSessions;
  states: PollStateStore;
  log: EventLog;
  consumeQueue: ConsumeQueue;
  /** A consume-mode deletion committed: drop the mailbox's cached listing and pooled snapshots. */
  mailboxChanged(credentials: Pop3Credentials): Promise<void>;
  metrics?: PollMetrics;
  logger?: Logger;
  /** Messages reported per poll (default DEFAULT_POLL_PAGE). */
  pageSize?: number;
  now?: () => Date;
}

/** `ok`: polled; `failed`: the poll failed (state says why); `disabled` / `gone`: nothing to poll. */
export type PollOutcome = 'ok' | 'failed' | 'disabled' | 'gone';

export interface PollResult {
  outcome: PollOutcome;
  /** More new (or deleted) messages wait than one poll reports: poll again soon. */
  more: boolean;
  /** CAPA LOGIN-DELAY, seconds, when the server announced one. */
  loginDelayS?: number;
  /** LOGIN-DELAY differs from the last poll's: the interval must follow. */
  loginDelayChanged?: boolean;
}

/**
 * One poll of one account (docs/events.md "Polling"): a newly logged-in session, leased like
 * any other, whose UIDL listing is compared with the seen-set. New messages are reported with
 * their `TOP n 0` summary, vanished ones as deleted; the events are recorded BEFORE the
 * seen-set moves, so a crash between the two repeats events (same ids), never loses one.
 * In consume mode, queued UIDLs this session's own listing holds are DELEd and count as
 * deleted only once QUIT answered +OK.
 */
export class Poller {
  private readonly pageSize: number;
  private readonly now: () => Date;

  constructor(private readonly deps: PollerDeps) {
    this.pageSize = deps.pageSize ?? DEFAULT_POLL_PAGE;
    this.now = deps.now ?? (() => new Date());
  }

  /** Never throws: a failure is counted, logged and (where the store allows) kept in the state. */
  async pollOnce(accountId: string): Promise<PollResult> {
    const started = performance.now();
    let result: PollResult & { errorCode?: string };
    try {
      result = await this.poll(accountId);
    } catch (err) {
      // The state could not be read or written (the store is down): the next poll tries again.
      const failure = pollFailure(err);
      this.deps.logger?.error({ account: accountId, code: failure.code, error: failure.message }, 'poll failed outside the POP3 session');
      result = { outcome: 'failed', more: false, errorCode: failure.code };
    }
    this.deps.metrics?.observePoll(result.outcome, (performance.now() - started) / 1000, result.errorCode);
    return result;
  }

  /** The account was disabled (`poll.enabled: false`): its status says so, once. */
  async markDisabled(account: Account): Promise<void> {
    const state = await this.currentState(account);
    const events = this.statusChange(account, state, 'disabled', null);
    await this.record(events);
    await this.deps.states.setState(account.id, { ...state, status: 'disabled' });
  }

  private async poll(accountId: string): Promise<PollResult & { errorCode?: string }> {
    const found = await this.deps.accounts.forPoll(accountId);
    if (!found) return { outcome: 'gone', more: false };
    const { account } = found;
    if (!account.poll.enabled) {
      await this.markDisabled(account);
      return { outcome: 'disabled', more: false };
    }
    const state = await this.currentState(account);
    let handle: SessionHandle | undefined;
    try {
      const { target, credentials } = found.credentials();
      const upstream = { ...credentials, upstream: target };
      handle = await this.deps.sessions.checkout(upstream, true);
      const result = await this.onSession(account, state, handle.session, upstream);
      handle.done();
      return result;
    } catch (err) {
      if (handle) {
        // Closed without QUIT: DELE marks of a failed poll are never committed.
        handle.session.client.destroy();
        handle.done(err);
      }
      const failure = pollFailure(err);
      this.deps.logger?.warn({ account: accountId, code: failure.code, error: failure.message }, 'poll failed');
      const status = failure.status ?? state.status;
      await this.record(this.statusChange(account, state, status, failure.message));
      await this.deps.states.setState(accountId, { ...state, status, lastPollAt: this.now().toISOString(), lastError: failure.message });
      return { outcome: 'failed', more: false, errorCode: failure.code };
    }
  }

  /** The state a completed poll leaves: `lastPollAt` is when it completed (docs/events.md). */
  private completed(state: PollState): PollState {
    return { ...state, lastPollAt: this.now().toISOString() };
  }

  /** Everything a poll does on its session; the session ends here with QUIT. */
  private async onSession(account: Account, state: PollState, session: Pop3Session, credentials: Pop3Credentials): Promise<PollResult> {
    if (!session.stableIds) throw new NoStableIdsError();
    const loginDelayS = loginDelayOf(session);
    const loginDelayChanged = loginDelayS !== state.loginDelayS;
    const listing = uidsOf(session);
    // lastPollAt is stamped again when the poll completes (completed(), at each advance).
    const next: PollState = { ...state, status: 'connected', lastPollAt: state.lastPollAt, baselined: true, loginDelayS };
    delete next.lastError;
    const statusEvents = this.statusChange(account, state, 'connected', null);

    if (!state.baselined && !account.poll.backfill) {
      // The first poll: what is there now is the baseline, reported never.
      await this.record(statusEvents);
      await this.deps.states.advance(account.id, { add: [...listing.keys()], remove: [] }, this.completed(next));
      await this.end(session.client);
      return { outcome: 'ok', more: false, loginDelayS, loginDelayChanged };
    }

    const seen = state.baselined ? await this.deps.states.seen(account.id) : new Set<string>();
    const fresh = [...listing].filter(([uid]) => !seen.has(uid));
    const gone = [...seen].filter((uid) => !listing.has(uid));
    const reported = fresh.slice(0, this.pageSize);
    const forgotten = gone.slice(0, this.pageSize);
    const more = fresh.length > reported.length || gone.length > forgotten.length;

    const headers = await headersOf(session.client, reported.map(([, entry]) => entry.number));
    const timestamp = this.now().toISOString();
    const events: PopgateEvent[] = [
      ...statusEvents,
      ...reported.map(([uid, entry], i): PopgateEvent => ({
        id: messageEventId(account, 'message.received', uid),
        type: 'message.received',
        timestamp,
        account: account.id,
        data: { id: uid, size: entry.size, headers: headers[i]! },
      })),
      ...forgotten.map((uid): PopgateEvent => ({
        id: messageEventId(account, 'message.deleted', uid),
        type: 'message.deleted',
        timestamp,
        account: account.id,
        data: { id: uid },
      })),
    ];
    // Recorded first: if the seen-set write below never happens, the next poll reports the same ids again.
    await this.record(events);
    await this.deps.states.advance(account.id, { add: reported.map(([uid]) => uid), remove: forgotten }, this.completed(next));

    if (account.poll.deleteAfterDelivery) await this.consume(account.id, session, credentials);
    else await this.end(session.client);
    return { outcome: 'ok', more, loginDelayS, loginDelayChanged };
  }

  /**
   * Consume mode: DELE the queued UIDLs that this session's own listing holds (pool rule 2),
   * then QUIT; only its +OK commits them, and only then do they leave the queue. The next
   * poll reports them as message.deleted.
   */
  private async consume(accountId: string, session: Pop3Session, credentials: Pop3Credentials): Promise<void> {
    const pending = await this.deps.consumeQueue.pending(accountId, this.pageSize);
    const marked: string[] = [];
    for (const uid of pending) {
      const number = session.numberOf(uid);
      if (number === undefined) continue;
      try {
        await session.client.dele(number);
        marked.push(uid);
      } catch (err) {
        // -ERR: this one stays queued for the next poll; anything else ends the session (thrown).
        if (!(err instanceof Pop3ServerError)) throw err;
      }
    }
    // Already gone from the server (deleted by someone else): nothing left to do for them.
    const absent = pending.filter((uid) => session.numberOf(uid) === undefined);
    if (marked.length === 0) {
      await this.end(session.client);
      if (absent.length > 0) await this.deps.consumeQueue.remove(accountId, absent);
      return;
    }
    try {
      await session.client.quit();
    } finally {
      // Committed or not, the pooled snapshots and cached listing may no longer be true.
      await this.deps.mailboxChanged(credentials);
    }
    await this.deps.consumeQueue.remove(accountId, [...marked, ...absent]);
    this.deps.logger?.info({ account: accountId, deleted: marked.length }, 'consume mode: delivered messages deleted upstream');
  }

  /** QUIT without deletions: nothing to commit, so a failure only costs the socket. */
  private async end(client: Pop3Client): Promise<void> {
    await client.quit().catch(() => client.destroy());
  }

  private async record(events: readonly PopgateEvent[]): Promise<void> {
    if (events.length === 0) return;
    const recorded = await this.deps.log.append(events);
    this.deps.metrics?.observeEvents(recorded);
    for (const event of recorded) this.deps.logger?.debug({ account: event.account, eventId: event.id, type: event.type }, 'event recorded');
  }

  /** An account.status event when the status changes; none for the first poll's `new` → `connected`. */
  private statusChange(account: Account, state: PollState, status: AccountStatus, error: string | null): PopgateEvent[] {
    if (status === state.status || (state.status === 'new' && status === 'connected')) return [];
    this.deps.logger?.info({ account: account.id, status, previous: state.status }, 'account status changed');
    return [{ id: uniqueEventId(), type: 'account.status', timestamp: this.now().toISOString(), account: account.id, data: { status, previous: state.status, error } }];
  }

  /** The stored state, unless it belongs to an earlier account of the same id (then dropped). */
  private async currentState(account: Account): Promise<PollState> {
    const stored = await this.deps.states.state(account.id);
    if (stored && stored.accountCreatedAt === account.createdAt) return stored;
    if (stored) await this.deps.states.delete(account.id);
    return { status: 'new', lastPollAt: null, baselined: false, accountCreatedAt: account.createdAt };
  }
}

/** The session's listing as UIDL → LIST entry, in message-number order (oldest first). */
function uidsOf(session: Pop3Session): Map<string, { number: number; size: number }> {
  const listing = new Map<string, { number: number; size: number }>();
  for (const entry of session.entries) listing.set(session.idOf(entry.number), entry);
  return listing;
}

/** RFC 2449 §6.8: `LOGIN-DELAY <seconds>` (after login it may differ per user). */
function loginDelayOf(session: Pop3Session): number | undefined {
  const value = session.capabilities['LOGIN-DELAY']?.[0];
  const seconds = value === undefined ? NaN : Number(value);
  return Number.isSafeInteger(seconds) && seconds > 0 ? seconds : undefined;
}

const NO_HEADERS: HeaderSummary = { subject: null, from: null, to: null, date: null, messageId: null };

/**
 * The header summaries of these messages, pipelined; a message whose TOP the server refuses
 * (gone under a snapshot, or a server without TOP) is still reported, with empty headers.
 */
async function headersOf(client: Pop3Client, numbers: readonly number[]): Promise<HeaderSummary[]> {
  if (numbers.length === 0) return [];
  try {
    return (await client.topMany(numbers, 0)).map((block) => summarize(parseHeaderBlock(block).headers));
  } catch (err) {
    if (!(err instanceof Pop3ServerError)) throw err;
  }
  const summaries: HeaderSummary[] = [];
  for (const number of numbers) {
    try {
      summaries.push(summarize(parseHeaderBlock(await client.top(number, 0)).headers));
    } catch (err) {
      if (!(err instanceof Pop3ServerError)) throw err;
      summaries.push(NO_HEADERS);
    }
  }
  return summaries;
}
