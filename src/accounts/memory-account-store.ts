import type { AccountState } from '../models/account';
import type { StoredAccount } from './account';
import type { AccountStore } from './account-store';

/** Accounts in this process only: gone at restart, unseen by other instances (the start log says so). */
export class MemoryAccountStore implements AccountStore {
  /** Insertion order is creation order: a Map keeps it. */
  private readonly accounts = new Map<string, string>();

  create(account: StoredAccount): Promise<boolean> {
    if (this.accounts.has(account.id)) return Promise.resolve(false);
    this.accounts.set(account.id, JSON.stringify(account));
    return Promise.resolve(true);
  }

  get(id: string): Promise<StoredAccount | null> {
    const json = this.accounts.get(id);
    return Promise.resolve(json === undefined ? null : (JSON.parse(json) as StoredAccount));
  }

  list(offset: number, limit: number): Promise<{ total: number; items: StoredAccount[] }> {
    const all = [...this.accounts.values()];
    return Promise.resolve({ total: all.length, items: all.slice(offset, offset + limit).map((json) => JSON.parse(json) as StoredAccount) });
  }

  replace(account: StoredAccount): Promise<boolean> {
    if (!this.accounts.has(account.id)) return Promise.resolve(false);
    this.accounts.set(account.id, JSON.stringify(account));
    return Promise.resolve(true);
  }

  updateState(id: string, changes: Partial<AccountState>, ifUpdatedAt: string): Promise<boolean> {
    const json = this.accounts.get(id);
    const account = json === undefined ? null : (JSON.parse(json) as StoredAccount);
    if (account?.updatedAt !== ifUpdatedAt) return Promise.resolve(false);
    this.accounts.set(id, JSON.stringify({ ...account, state: { ...account.state, ...changes } }));
    return Promise.resolve(true);
  }

  delete(id: string): Promise<boolean> {
    return Promise.resolve(this.accounts.delete(id));
  }
}
