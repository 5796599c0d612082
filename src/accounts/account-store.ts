import type { AccountState } from '../models/account';
import type { StoredAccount } from './account';

/**
 * Where registered accounts live: in Redis when REDIS_URL is set (they survive restarts and
 * every instance sees them at once), else in this process. Both hold only sealed secrets.
 */
export interface AccountStore {
  /** Stores a new account; false (and nothing written) when the id is taken. */
  create(account: StoredAccount): Promise<boolean>;
  get(id: string): Promise<StoredAccount | null>;
  /** Oldest first, by creation time. */
  list(offset: number, limit: number): Promise<{ total: number; items: StoredAccount[] }>;
  /** Replaces an existing account; false when there is none. */
  replace(account: StoredAccount): Promise<boolean>;
  /**
   * Changes fields of the account's state alone, atomically, if the account is still the one last changed
   * at `ifUpdatedAt` (so a status seen with old credentials never lands on new ones); false when
   * it is gone or was changed since.
   */
  updateState(id: string, changes: Partial<AccountState>, ifUpdatedAt: string): Promise<boolean>;
  /** False when there was none. */
  delete(id: string): Promise<boolean>;
}
