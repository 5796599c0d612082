import type { AccountStatus } from './event';

/**
 * What the poller keeps about an account, apart from the account's own JSON, so that a PATCH
 * and a poll never overwrite each other: the state the accounts API shows, and the seen-set
 * (the UIDLs reported so far).
 */
export interface PollState {
  status: AccountStatus;
  /** ISO 8601: when the last poll ended (with or without success); null before the first. */
  lastPollAt: string | null;
  /** Why the last poll failed (never a secret); absent after a successful one. */
  lastError?: string;
  /** The seen-set holds the account's baseline (the first poll recorded it). */
  baselined: boolean;
  /** CAPA LOGIN-DELAY at the last successful login (RFC 2449 §6.8), seconds. */
  loginDelayS?: number;
  /**
   * The account's `createdAt`: state written for an account that was deleted and created
   * again under the same id is not this account's, and is ignored.
   */
  accountCreatedAt: string;
}

/** What the seen-set does after a poll recorded its events. */
export interface SeenChange {
  add: readonly string[];
  remove: readonly string[];
}

/** Reads the state of accounts, for the accounts API. */
export interface PollStateReader {
  /** The states of these accounts that have one. */
  states(accountIds: readonly string[]): Promise<Map<string, PollState>>;
}

/** In Redis with REDIS_URL (a JSON value and a set per account), else in process. */
export interface PollStateStore extends PollStateReader {
  state(accountId: string): Promise<PollState | null>;
  seen(accountId: string): Promise<Set<string>>;
  /** Moves the seen-set and writes the state, together (one MULTI in Redis). */
  advance(accountId: string, change: SeenChange, state: PollState): Promise<void>;
  setState(accountId: string, state: PollState): Promise<void>;
  /** The account is gone (or this is an earlier account's state): its state and seen-set go. */
  delete(accountId: string): Promise<void>;
}
