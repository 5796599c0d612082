import { randomBytes } from 'node:crypto';
import type { Account, AccountChanges, AccountList, NewAccount } from '../models/account';
import type { Pop3ServerError } from '../pop3/errors';
import { isRefusedLogin } from '../pop3/response-code';
import type { Pop3Credentials } from '../pop3/types';
import type { StoredAccount } from './account';
import type { AccountStore } from './account-store';
import type { CredentialCheck, Pop3Target } from './credential-check';
import { AccountConflictError, AccountNotFoundError, CredentialsRefusedError, InvalidAccountError } from './errors';
import type { SecretBox } from './secret-box';
import type { PollState, PollStateReader } from '../events/poll-state';

/** Told of every account write after it is stored (the poller schedules, reschedules, unschedules). */
export interface AccountListener {
  created(account: Account): Promise<void>;
  updated(account: Account): Promise<void>;
  deleted(id: string): Promise<void>;
}

/** What is sealed per account: the password now, OAuth2 tokens later. */
interface AccountSecrets {
  password: string;
}

const DEFAULT_POLL = { enabled: true, intervalS: 60, backfill: false, deleteAfterDelivery: false };
const POP3S_PORT = 995;
const POP3_PORT = 110;

export interface RegistryOptions {
  /** POP3_ALLOW_PLAINTEXT: whether an account may use `tls: "none"`. */
  allowPlaintext: boolean;
  now?: () => Date;
  /** POLL_INTERVAL_S: `poll.intervalS` of an account registered without one (default 60). */
  pollIntervalS?: number;
  /** Where the poller keeps each account's state (status, lastPollAt, lastError): shown in `state`. */
  pollStates?: PollStateReader;
}

/**
 * The accounts API's operations: credentials are verified with one login before anything is
 * stored (unless the caller says not to), sealed with the SecretBox under the account id, and
 * re-sealed with the current key on every write. Nothing it returns holds a secret.
 */
export class AccountRegistry {
  private readonly now: () => Date;
  private listener: AccountListener | null = null;

  constructor(
    private readonly store: AccountStore,
    private readonly box: SecretBox,
    private readonly check: CredentialCheck,
    private readonly options: RegistryOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** The one listener of account writes (the poller, once it runs). */
  watch(listener: AccountListener): void {
    this.listener = listener;
  }

  /** @throws AccountConflictError, CredentialsRefusedError, InvalidAccountError, the POP3 client's errors */
  async create(input: NewAccount, verify: boolean): Promise<Account> {
    const id = input.id ?? generatedId();
    const tls = input.pop3.tls ?? 'implicit';
    const target: Pop3Target = {
      host: input.pop3.host,
      port: input.pop3.port ?? (tls === 'implicit' ? POP3S_PORT : POP3_PORT),
      tls,
      auth: input.pop3.auth ?? 'auto',
    };
    this.assertAllowed(target);
    if (await this.store.get(id)) throw new AccountConflictError(id);
    if (verify) await this.verify(target, { user: input.pop3.user, password: input.pop3.password });
    const at = this.now().toISOString();
    const stored: StoredAccount = {
      id,
      name: input.name ?? null,
      pop3: { ...target, user: input.pop3.user, sealedSecrets: this.seal({ password: input.pop3.password }, id) },
      poll: { ...DEFAULT_POLL, intervalS: this.options.pollIntervalS ?? DEFAULT_POLL.intervalS, ...input.poll },
      state: { status: 'new', lastPollAt: null },
      createdAt: at,
      updatedAt: at,
    };
    if (!(await this.store.create(stored))) throw new AccountConflictError(id);
    const created = shown(stored);
    await this.listener?.created(created);
    return created;
  }

  async list(offset: number, limit: number): Promise<AccountList> {
    const { total, items } = await this.store.list(offset, limit);
    return { total, items: await this.withPollState(items) };
  }

  /** @throws AccountNotFoundError */
  async get(id: string): Promise<Account> {
    const [account] = await this.withPollState([await this.stored(id)]);
    return account!;
  }

  /** The account, or null when there is none. */
  async find(id: string): Promise<Account | null> {
    const account = await this.store.get(id);
    return account ? (await this.withPollState([account]))[0]! : null;
  }

  /** @throws AccountNotFoundError, CredentialsRefusedError, InvalidAccountError, the POP3 client's errors */
  async update(id: string, changes: AccountChanges, verify: boolean): Promise<Account> {
    const current = await this.stored(id);
    const secrets = this.open(current);
    const { password, ...pop3Changes } = changes.pop3 ?? {};
    const target: Pop3Target = {
      host: pop3Changes.host ?? current.pop3.host,
      port: pop3Changes.port ?? current.pop3.port,
      tls: pop3Changes.tls ?? current.pop3.tls,
      auth: pop3Changes.auth ?? current.pop3.auth,
    };
    const user = pop3Changes.user ?? current.pop3.user;
    const nextSecrets: AccountSecrets = { password: password ?? secrets.password };
    this.assertAllowed(target);
    if (verify && changes.pop3 !== undefined && Object.keys(changes.pop3).length > 0) {
      await this.verify(target, { user, password: nextSecrets.password });
    }
    const updated: StoredAccount = {
      ...current,
      name: changes.name === undefined ? current.name : changes.name,
      // Every write seals with the current key, so a rotated secret's old values die out.
      pop3: { ...target, user, sealedSecrets: this.seal(nextSecrets, id) },
      poll: { ...current.poll, ...changes.poll },
      updatedAt: this.now().toISOString(),
    };
    if (!(await this.store.replace(updated))) throw new AccountNotFoundError(id);
    const [account] = await this.withPollState([updated]);
    await this.listener?.updated(account!);
    return account!;
  }

  /** @throws AccountNotFoundError */
  async delete(id: string): Promise<void> {
    if (!(await this.store.delete(id))) throw new AccountNotFoundError(id);
    await this.listener?.deleted(id);
  }

  /** The account's POP3 target and credentials in clear, for the gateway's own use only. */
  async credentialsOf(id: string): Promise<{ target: Pop3Target; credentials: Pop3Credentials }> {
    const account = await this.stored(id);
    const { host, port, tls, auth, user } = account.pop3;
    return { target: { host, port, tls, auth }, credentials: { user, password: this.open(account).password } };
  }

  /**
   * The accounts as shown, `state` from the poller's own store (kept apart from the account so
   * a PATCH and a poll never overwrite each other); a disabled account's status is `disabled`.
   */
  private async withPollState(accounts: StoredAccount[]): Promise<Account[]> {
    const states = this.options.pollStates && accounts.length > 0 ? await this.options.pollStates.states(accounts.map((a) => a.id)) : new Map<string, PollState>();
    return accounts.map((stored) => {
      const account = shown(stored);
      const polled = states.get(account.id);
      // State left by an earlier account of the same id is not this one's.
      if (polled && polled.accountCreatedAt === account.createdAt) {
        account.state = { status: polled.status, lastPollAt: polled.lastPollAt, ...(polled.lastError === undefined ? {} : { lastError: polled.lastError }) };
      }
      if (!account.poll.enabled) account.state = { ...account.state, status: 'disabled' };
      return account;
    });
  }

  private async stored(id: string): Promise<StoredAccount> {
    const account = await this.store.get(id);
    if (!account) throw new AccountNotFoundError(id);
    return account;
  }

  private assertAllowed(target: Pop3Target): void {
    if (target.tls === 'none' && !this.options.allowPlaintext) {
      throw new InvalidAccountError('pop3.tls "none" sends the password in clear; this gateway allows it only with POP3_ALLOW_PLAINTEXT=true');
    }
  }

  private async verify(target: Pop3Target, credentials: Pop3Credentials): Promise<void> {
    try {
      await this.check(target, credentials);
    } catch (err) {
      // A refusal of the credentials themselves; [IN-USE], [SYS/TEMP] … stay upstream failures.
      if (isRefusedLogin(err)) throw new CredentialsRefusedError(err as Pop3ServerError);
      throw err;
    }
  }

  private seal(secrets: AccountSecrets, id: string): string {
    return this.box.seal(JSON.stringify(secrets), id);
  }

  private open(account: StoredAccount): AccountSecrets {
    return JSON.parse(this.box.open(account.pop3.sealedSecrets, account.id)) as AccountSecrets;
  }
}

/** The API's view of a stored account: everything but the sealed secrets. */
function shown(account: StoredAccount): Account {
  const { sealedSecrets: _sealed, ...pop3 } = account.pop3;
  return { ...account, pop3 };
}

/** 16 random bytes, hex: unguessable, and valid under ACCOUNT_ID_PATTERN. */
function generatedId(): string {
  return randomBytes(16).toString('hex');
}
