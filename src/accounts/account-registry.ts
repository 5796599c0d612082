import { randomBytes } from 'node:crypto';
import type { Account, AccountChanges, AccountList, AccountOAuth2, AccountPop3, AccountState, NewAccount, NewAccountOAuth2, OAuth2Changes } from '../models/account';
import type { Pop3ServerError } from '../pop3/errors';
import { isRefusedLogin } from '../pop3/response-code';
import type { Pop3Credentials } from '../pop3/types';
import type { AccessChanges } from './access-changes';
import type { AccountOAuth2Secrets, AccountTokenSources } from '../oauth/account-token-sources';
import { OAuthReauthorizationRequiredError } from '../oauth/errors';
import { OAuthSettingsError, pop3EndpointOf, type OAuthClient } from '../oauth/profiles';
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

/** What is sealed per account: a password, or an OAuth2 client's secret and refresh token. */
interface AccountSecrets {
  password?: string;
  oauth2?: AccountOAuth2Secrets;
}

/** How an invalid_grant is recorded in an account's state.lastError (and recognised again on any instance). */
const REAUTHORIZATION_REQUIRED = 'OAuth2 reauthorization required';

const DEFAULT_POLL = { enabled: true, intervalS: 60, backfill: false, deleteAfterDelivery: false };
const POP3S_PORT = 995;
const POP3_PORT = 110;

export interface RegistryOptions {
  /** POP3_ALLOW_PLAINTEXT: whether an account may use `tls: "none"`. */
  allowPlaintext: boolean;
  /** Told of every change to an account's credentials or existence, so copies in memory go. */
  changes: AccessChanges;
  now?: () => Date;
  /** OAuth2 accounts' token sources; absent, an account with `pop3.oauth2` is refused. */
  oauth?: AccountTokenSources;
  /** POLL_INTERVAL_S: `poll.intervalS` of an account registered without one (default 60). */
  pollIntervalS?: number;
  /** Where the poller keeps each account's state (status, lastPollAt, lastError): shown in `state`. */
  pollStates?: PollStateReader;
}

/** An account's POP3 side as the registry works with it: where, who, how, and the secrets in clear. */
interface Pop3Plan {
  target: Pop3Target;
  user: string;
  oauth2: Omit<AccountOAuth2, 'authorized'> | undefined;
  secrets: AccountSecrets;
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

  /** @throws AccountConflictError, CredentialsRefusedError, InvalidAccountError, the POP3 client's and the token endpoint's errors */
  async create(input: NewAccount, verify: boolean): Promise<Account> {
    const id = input.id ?? generatedId();
    const { pop3 } = input;
    if (pop3.oauth2 !== undefined && pop3.password !== undefined) throw new InvalidAccountError('give pop3.password or pop3.oauth2, not both');
    const oauth2 = pop3.oauth2 === undefined ? undefined : this.newOAuth2(pop3.oauth2);
    const host = pop3.host ?? (oauth2 ? pop3EndpointOf(oauth2.view.provider)?.host : undefined);
    if (host === undefined) throw new InvalidAccountError(oauth2 ? `pop3.host is required: the ${oauth2.view.provider} profile names no POP3 server` : 'pop3.host is required');
    if (oauth2 === undefined && pop3.password === undefined) throw new InvalidAccountError('pop3.password is required (or pop3.oauth2 for an OAuth2 mailbox)');
    const tls = pop3.tls ?? 'implicit';
    const plan: Pop3Plan = {
      target: { host, port: pop3.port ?? (tls === 'implicit' ? POP3S_PORT : POP3_PORT), tls, auth: this.authOf(pop3.auth, oauth2 !== undefined) },
      user: pop3.user,
      oauth2: oauth2?.view,
      secrets: oauth2 ? { oauth2: oauth2.secrets } : { password: pop3.password },
    };
    this.assertAllowed(plan.target);
    if (await this.store.get(id)) throw new AccountConflictError(id);
    if (verify) await this.verify(id, plan);
    const at = this.now().toISOString();
    const stored: StoredAccount = {
      id,
      name: input.name ?? null,
      pop3: { ...this.pop3Of(plan), sealedSecrets: this.seal(plan.secrets, id) },
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

  /** @throws AccountNotFoundError, CredentialsRefusedError, InvalidAccountError, the POP3 client's and the token endpoint's errors */
  async update(id: string, changes: AccountChanges, verify: boolean): Promise<Account> {
    const current = await this.stored(id);
    const secrets = this.open(current);
    const { password, oauth2: oauth2Changes, ...pop3Changes } = changes.pop3 ?? {};
    if (password !== undefined && oauth2Changes !== undefined) throw new InvalidAccountError('give pop3.password or pop3.oauth2, not both');
    // A password turns an OAuth2 account into a password one, and oauth2 the other way round.
    const oauth2 = password !== undefined ? undefined : this.changedOAuth2(current.pop3.oauth2, secrets.oauth2, oauth2Changes);
    const wasOAuth2 = current.pop3.oauth2 !== undefined;
    const plan: Pop3Plan = {
      target: {
        host: pop3Changes.host ?? current.pop3.host,
        port: pop3Changes.port ?? current.pop3.port,
        tls: pop3Changes.tls ?? current.pop3.tls,
        auth: this.authOf(pop3Changes.auth ?? (wasOAuth2 === (oauth2 !== undefined) ? current.pop3.auth : undefined), oauth2 !== undefined),
      },
      user: pop3Changes.user ?? current.pop3.user,
      oauth2: oauth2?.view,
      secrets: oauth2 ? { oauth2: oauth2.secrets } : { password: password ?? secrets.password },
    };
    if (plan.oauth2 === undefined && plan.secrets.password === undefined) throw new InvalidAccountError('pop3.password is required to leave OAuth2');
    this.assertAllowed(plan.target);
    if (verify && changes.pop3 !== undefined && Object.keys(changes.pop3).length > 0) await this.verify(id, plan);
    const updated: StoredAccount = {
      ...current,
      name: changes.name === undefined ? current.name : changes.name,
      // Every write seals with the current key, so a rotated secret's old values die out.
      pop3: { ...this.pop3Of(plan), sealedSecrets: this.seal(plan.secrets, id) },
      poll: { ...current.poll, ...changes.poll },
      // New credentials (a new consent, a new password) deserve a new verdict.
      state: changes.pop3 !== undefined && Object.keys(changes.pop3).length > 0 ? stateAfterNewCredentials(current.state, verify) : current.state,
      updatedAt: this.now().toISOString(),
    };
    if (!(await this.store.replace(updated))) throw new AccountNotFoundError(id);
    await this.options.changes.announce();
    const [account] = await this.withPollState([updated]);
    await this.listener?.updated(account!);
    return account!;
  }

  /** @throws AccountNotFoundError */
  async delete(id: string): Promise<void> {
    if (!(await this.store.delete(id))) throw new AccountNotFoundError(id);
    this.options.oauth?.forget(id);
    await this.options.changes.announce();
    await this.listener?.deleted(id);
  }

  /**
   * The account's POP3 target and credentials in clear, for the gateway's own use only. An
   * OAuth2 account's credentials carry its token source instead of a secret. `version`: which
   * change of the account they are (for markStatus).
   * @throws AccountNotFoundError; OAuthReauthorizationRequiredError when it awaits consent
   */
  async credentialsOf(id: string): Promise<{ target: Pop3Target; credentials: Pop3Credentials; version: string }> {
    return this.credentialsIn(await this.stored(id));
  }

  /**
   * What a poll needs, from one read of the account: its settings (`state` as stored: the
   * poller keeps the poll state itself) and its credentials, opened only if the poll goes on.
   * Null when the account is gone.
   */
  async forPoll(id: string): Promise<{ account: Account; credentials(): { target: Pop3Target; credentials: Pop3Credentials } } | null> {
    const stored = await this.store.get(id);
    return stored ? { account: shown(stored), credentials: () => this.credentialsIn(stored) } : null;
  }

  /** @throws OAuthReauthorizationRequiredError when the account awaits consent */
  private credentialsIn(account: StoredAccount): { target: Pop3Target; credentials: Pop3Credentials; version: string } {
    const { host, port, tls, auth, user } = account.pop3;
    const secrets = this.open(account);
    const target = { host, port, tls, auth };
    const version = account.updatedAt;
    if (account.pop3.oauth2 === undefined) return { target, credentials: { user, password: secrets.password }, version };
    return { target, credentials: { user, oauth: this.tokenSourceOf(account, secrets) }, version };
  }

  /**
   * Records what the upstream said of the account's credentials (`state.status`, `state.lastError`),
   * unless the account changed since `version` (credentialsOf) — new credentials are not judged
   * by an answer to the old ones. Returns whether it was recorded.
   */
  markStatus(id: string, status: AccountState['status'], lastError: string, version: string): Promise<boolean> {
    return this.store.updateState(id, { status, lastError }, version);
  }

  /**
   * Onboarding's end: the refresh token a consent produced (and the client that obtained it)
   * replaces the account's, and a failed authentication is forgotten.
   * @throws AccountNotFoundError, InvalidAccountError (not an OAuth2 account)
   */
  async authorize(id: string, refreshToken: string, client: { clientId: string; clientSecret?: string; tenant?: string }): Promise<Account> {
    const current = await this.stored(id);
    const view = current.pop3.oauth2;
    if (view === undefined) throw new InvalidAccountError(`account ${id} is not an OAuth2 account (pop3.oauth2)`);
    const secrets = this.open(current);
    const updated: StoredAccount = {
      ...current,
      pop3: {
        ...current.pop3,
        oauth2: { ...view, clientId: client.clientId, grant: 'refresh_token', authorized: true, ...(client.tenant === undefined ? {} : { tenant: client.tenant }) },
        sealedSecrets: this.seal({ ...secrets, oauth2: { ...secrets.oauth2, clientSecret: client.clientSecret, refreshToken } }, id),
      },
      state: stateAfterNewCredentials(current.state, false),
      updatedAt: this.now().toISOString(),
    };
    if (!(await this.store.replace(updated))) throw new AccountNotFoundError(id);
    await this.options.changes.announce();
    return shown(updated);
  }

  private tokenSourceOf(account: StoredAccount, secrets: AccountSecrets): NonNullable<Pop3Credentials['oauth']> {
    const view = account.pop3.oauth2!;
    const oauth = this.tokenSources();
    if (!view.authorized) {
      throw new OAuthReauthorizationRequiredError(`account ${account.id} has no refresh token yet: its owner must consent (GET /oauth2/authorize)`);
    }
    // Refused once (on any instance): the endpoint is not asked again until the credentials change.
    if (account.state.status === 'authentication_failed' && account.state.lastError?.startsWith(REAUTHORIZATION_REQUIRED)) {
      throw new OAuthReauthorizationRequiredError(`account ${account.id}: ${account.state.lastError}`);
    }
    const client = this.clientOf(view, secrets.oauth2 ?? {});
    const generation = `${account.updatedAt}\0${JSON.stringify(view)}`;
    return oauth.sourceOf(account.id, account.pop3.user, generation, client, {
      refreshTokens: {
        load: async () => this.open(await this.stored(account.id)).oauth2?.refreshToken ?? '',
        save: (refreshToken) => this.keepRotated(account.id, refreshToken),
      },
      onReauthorizationRequired: (error) => void this.markAuthenticationFailed(account.id, error.message).catch(() => undefined),
    });
  }

  /** A rotated refresh token replaces the stored one; not a change the API reports (updatedAt stays). */
  private async keepRotated(id: string, refreshToken: string): Promise<void> {
    const current = await this.stored(id);
    const secrets = this.open(current);
    await this.store.replace({ ...current, pop3: { ...current.pop3, sealedSecrets: this.seal({ ...secrets, oauth2: { ...secrets.oauth2, refreshToken } }, id) } });
  }

  /** invalid_grant: the account's status says so until its owner consents again. */
  private async markAuthenticationFailed(id: string, why: string): Promise<void> {
    const current = await this.store.get(id);
    if (!current) return;
    await this.store.replace({ ...current, state: { ...current.state, status: 'authentication_failed', lastError: `${REAUTHORIZATION_REQUIRED}: ${why}` } });
  }

  private newOAuth2(input: NewAccountOAuth2): { view: Omit<AccountOAuth2, 'authorized'>; secrets: AccountOAuth2Secrets } {
    const oauth = this.tokenSources();
    const app = input.clientId === undefined ? oauth.defaultApp(input.provider) : null;
    const clientId = input.clientId ?? app?.clientId;
    if (clientId === undefined) {
      throw new InvalidAccountError(`pop3.oauth2.clientId is required: this gateway has no ${input.provider} app of its own (OAUTH_${input.provider.toUpperCase()}_CLIENT_ID)`);
    }
    const view = definedOnly({ provider: input.provider, clientId, grant: input.grant ?? 'refresh_token', tenant: input.tenant ?? app?.tenant, tokenUrl: input.tokenUrl, scope: input.scope });
    const secrets = definedOnly({ clientSecret: input.clientSecret, refreshToken: input.refreshToken });
    this.clientOf(view, secrets);
    return { view, secrets };
  }

  private changedOAuth2(
    current: AccountOAuth2 | undefined,
    secrets: AccountOAuth2Secrets | undefined,
    changes: OAuth2Changes | undefined,
  ): { view: Omit<AccountOAuth2, 'authorized'>; secrets: AccountOAuth2Secrets } | undefined {
    if (changes === undefined) {
      if (current === undefined) return undefined;
      const { authorized: _authorized, ...view } = current;
      return { view, secrets: secrets ?? {} };
    }
    if (current === undefined) {
      if (changes.provider === undefined) throw new InvalidAccountError('pop3.oauth2.provider is required to turn an account to OAuth2');
      return this.newOAuth2({ ...changes, provider: changes.provider });
    }
    const { clientSecret, refreshToken, ...viewChanges } = changes;
    const { authorized: _authorized, ...view } = current;
    const merged = definedOnly({ ...view, ...viewChanges });
    const mergedSecrets = definedOnly({ ...secrets, ...definedOnly({ clientSecret, refreshToken }) });
    this.clientOf(merged, mergedSecrets);
    return { view: merged, secrets: mergedSecrets };
  }

  /** @throws InvalidAccountError naming the pop3.oauth2 field at fault */
  private clientOf(view: Omit<AccountOAuth2, 'authorized'>, secrets: AccountOAuth2Secrets): OAuthClient {
    try {
      return this.tokenSources().clientOf(view, secrets);
    } catch (err) {
      if (err instanceof OAuthSettingsError) throw new InvalidAccountError(`pop3.oauth2.${err.field} ${err.message}`);
      throw err;
    }
  }

  private tokenSources(): AccountTokenSources {
    if (!this.options.oauth) throw new InvalidAccountError('this gateway does not register OAuth2 accounts');
    return this.options.oauth;
  }

  /** An OAuth2 account logs in with xoauth2 only; a password account with anything else. */
  private authOf(auth: AccountPop3['auth'] | undefined, oauth2: boolean): AccountPop3['auth'] {
    if (oauth2) {
      if (auth !== undefined && auth !== 'xoauth2') throw new InvalidAccountError(`pop3.auth must be xoauth2 for an OAuth2 account (got ${auth})`);
      return 'xoauth2';
    }
    if (auth === 'xoauth2') throw new InvalidAccountError('pop3.auth xoauth2 needs pop3.oauth2: popgate keeps the access token itself');
    return auth ?? 'auto';
  }

  private pop3Of(plan: Pop3Plan): AccountPop3 {
    const pop3: AccountPop3 = { ...plan.target, user: plan.user };
    if (plan.oauth2) pop3.oauth2 = { ...plan.oauth2, authorized: plan.oauth2.grant === 'client_credentials' || plan.secrets.oauth2?.refreshToken !== undefined };
    return pop3;
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
      // A refusal recorded outside polls (a request's 409, an OAuth2 invalid_grant) stands until
      // the credentials change (update() clears it), whatever an earlier poll saw.
      if (stored.state.status === 'authentication_failed') account.state = { ...account.state, status: 'authentication_failed', lastError: stored.state.lastError };
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

  /**
   * One login with the plan's credentials. An OAuth2 account first gets a token (awaiting
   * consent, there is nothing to verify yet); a refresh token rotated meanwhile is the one kept.
   */
  private async verify(id: string, plan: Pop3Plan): Promise<void> {
    let credentials: Pop3Credentials = { user: plan.user, password: plan.secrets.password };
    let rotated: (() => Promise<string>) | undefined;
    if (plan.oauth2) {
      const oauth2Secrets = plan.secrets.oauth2 ?? {};
      if (plan.oauth2.grant === 'refresh_token' && oauth2Secrets.refreshToken === undefined) return;
      const trial = this.tokenSources().trial(id, plan.user, this.clientOf(plan.oauth2, oauth2Secrets), oauth2Secrets.refreshToken);
      credentials = { user: plan.user, oauth: trial.source };
      rotated = trial.refreshTokens ? () => trial.refreshTokens!.load() : undefined;
    }
    try {
      await this.check(plan.target, credentials);
    } catch (err) {
      // A refusal of the credentials themselves; [IN-USE], [SYS/TEMP] … stay upstream failures.
      if (isRefusedLogin(err)) throw new CredentialsRefusedError(err as Pop3ServerError);
      throw err;
    }
    if (rotated && plan.secrets.oauth2) plan.secrets.oauth2.refreshToken = await rotated();
  }

  private seal(secrets: AccountSecrets, id: string): string {
    return this.box.seal(JSON.stringify(secrets), id);
  }

  private open(account: StoredAccount): AccountSecrets {
    return JSON.parse(this.box.open(account.pop3.sealedSecrets, account.id)) as AccountSecrets;
  }
}

/**
 * A refusal of the old credentials says nothing of new ones: `authentication_failed` becomes
 * `connected` when the new ones were just verified by a login, else `new` (not tried yet).
 */
function stateAfterNewCredentials(state: AccountState, verified: boolean): AccountState {
  if (state.status !== 'authentication_failed') return state;
  const { lastError: _refused, ...rest } = state;
  return { ...rest, status: verified ? 'connected' : 'new' };
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

/** Drops keys whose value is undefined (so stored JSON and merges stay clean). */
function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
