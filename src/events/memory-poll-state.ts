import type { PollState, PollStateStore, SeenChange } from './poll-state';

/** Poll states of this process (no REDIS_URL): lost at a restart, like the accounts themselves. */
export class MemoryPollStateStore implements PollStateStore {
  private readonly stateById = new Map<string, PollState>();
  private readonly seenById = new Map<string, Set<string>>();

  state(accountId: string): Promise<PollState | null> {
    const state = this.stateById.get(accountId);
    return Promise.resolve(state ? { ...state } : null);
  }

  states(accountIds: readonly string[]): Promise<Map<string, PollState>> {
    const found = new Map<string, PollState>();
    for (const id of accountIds) {
      const state = this.stateById.get(id);
      if (state) found.set(id, { ...state });
    }
    return Promise.resolve(found);
  }

  seen(accountId: string): Promise<Set<string>> {
    return Promise.resolve(new Set(this.seenById.get(accountId)));
  }

  advance(accountId: string, change: SeenChange, state: PollState): Promise<void> {
    let seen = this.seenById.get(accountId);
    if (!seen) this.seenById.set(accountId, (seen = new Set()));
    for (const uid of change.add) seen.add(uid);
    for (const uid of change.remove) seen.delete(uid);
    this.stateById.set(accountId, { ...state });
    return Promise.resolve();
  }

  setState(accountId: string, state: PollState): Promise<void> {
    this.stateById.set(accountId, { ...state });
    return Promise.resolve();
  }

  delete(accountId: string): Promise<void> {
    this.stateById.delete(accountId);
    this.seenById.delete(accountId);
    return Promise.resolve();
  }

}
