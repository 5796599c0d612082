import type { Logger } from 'pino';
import type { Account } from '../models/account';
import type { ConsumeQueue } from './consume-queue';
import type { Poller } from './poller';
import type { PollScheduler } from './poll-scheduler';
import type { PollStateStore } from './poll-state';

/** How the poller finds every account, page by page (AccountRegistry.list). */
export interface AccountLister {
  list(offset: number, limit: number): Promise<{ total: number; items: Account[] }>;
}

export interface PollingOptions {
  /** The interval of an account, before CAPA LOGIN-DELAY: `poll.intervalS` (tests shorten it). */
  intervalMs?: (account: Account) => number;
  logger?: Logger;
}

const LIST_PAGE = 500;
const RETRY_START_MS = 30_000;

/**
 * The poller's life in the gateway: at start every enabled account is (re)scheduled; account
 * changes reschedule, disable or unschedule it; each scheduled run polls and asks for another
 * run soon while pages of new mail remain. The effective interval is max(poll.intervalS, the
 * server's CAPA LOGIN-DELAY).
 */
export class Polling {
  private readonly intervalMs: (account: Account) => number;
  private closed = false;
  private readonly allScheduled = deferred();

  constructor(
    private readonly accounts: AccountLister & { find(id: string): Promise<Account | null> },
    private readonly poller: Poller,
    readonly scheduler: PollScheduler,
    private readonly states: PollStateStore,
    private readonly consumeQueue: ConsumeQueue,
    private readonly options: PollingOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? ((account) => account.poll.intervalS * 1000);
  }

  /**
   * Starts the scheduler and (re)schedules every account in the background: a store or queue
   * that is away at start delays polling (retried every RETRY_START_MS), not the gateway.
   */
  async start(): Promise<void> {
    await this.scheduler.start((accountId) => this.run(accountId));
    void this.scheduleAll();
  }

  /** Resolves once every account was (re)scheduled at start. */
  get started(): Promise<void> {
    return this.allScheduled.promise;
  }

  private async scheduleAll(): Promise<void> {
    while (!this.closed) {
      try {
        for (let offset = 0; !this.closed; offset += LIST_PAGE) {
          const { items } = await this.accounts.list(offset, LIST_PAGE);
          for (const account of items) await this.accountChanged(account);
          if (items.length < LIST_PAGE) break;
        }
        this.allScheduled.resolve();
        return;
      } catch (err) {
        this.options.logger?.warn({ err: (err as Error).message }, `could not schedule the accounts' polls; trying again in ${RETRY_START_MS / 1000} s`);
        await new Promise((resolve) => setTimeout(resolve, RETRY_START_MS).unref());
      }
    }
  }

  /**
   * An account was created (its first poll runs at once) or changed, and at start: schedule
   * it, or not when disabled. `pollNow`: poll once more right away, so a change (a new
   * password, re-enabling) shows in the state at once rather than an interval later.
   */
  async accountChanged(account: Account, pollNow = false): Promise<void> {
    if (!account.poll.enabled) {
      await this.scheduler.unschedule(account.id);
      await this.poller.markDisabled(account);
      return;
    }
    const state = await this.states.state(account.id);
    await this.scheduler.schedule(account.id, this.everyMs(account, state?.loginDelayS));
    if (pollNow) await this.scheduler.pollSoon(account.id);
  }

  /** The account is gone: no more polls, and its poll state and consume queue go with it. */
  async accountDeleted(accountId: string): Promise<void> {
    await this.scheduler.unschedule(accountId);
    await this.states.delete(accountId);
    await this.consumeQueue.clear(accountId);
  }

  close(): Promise<void> {
    this.closed = true;
    return this.scheduler.close();
  }

  private async run(accountId: string): Promise<void> {
    const result = await this.poller.pollOnce(accountId);
    if (result.outcome === 'gone') {
      // Not awaited: unscheduling waits for the account's running poll, which is this one.
      void this.scheduler.unschedule(accountId).catch(() => undefined);
      return;
    }
    if (result.loginDelayChanged) {
      const account = await this.accounts.find(accountId);
      if (account) await this.scheduler.schedule(accountId, this.everyMs(account, result.loginDelayS));
    }
    if (result.more) await this.scheduler.pollSoon(accountId);
  }

  private everyMs(account: Account, loginDelayS: number | undefined): number {
    return Math.max(this.intervalMs(account), (loginDelayS ?? 0) * 1000);
  }
}

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
