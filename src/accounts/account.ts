import type { AccountPop3, AccountPoll, AccountState } from '../models/account';

/**
 * A registered account as it is stored: everything the accounts API shows, plus its secrets
 * sealed by a SecretBox (never in clear, bound to the account id).
 */
export interface StoredAccount {
  /** `^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$` */
  id: string;
  name: string | null;
  pop3: AccountPop3 & {
    /** The sealed JSON of the account's secrets (password, OAuth2 tokens). */
    sealedSecrets: string;
  };
  poll: AccountPoll;
  state: AccountState;
  /** ISO 8601 */
  createdAt: string;
  /** ISO 8601 */
  updatedAt: string;
}

/** What an account id may be: safe in a path segment, a Redis key and a log line. */
export const ACCOUNT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
