import type { Pop3Client } from '../pop3/client';
import type { Capabilities, ListEntry } from '../pop3/types';

/**
 * One logged-in POP3 session and the snapshot it saw at login. Its UIDL <-> number map is
 * its own: a number is only ever sent on the session whose listing produced it.
 */
export class Pop3Session {
  readonly createdAt = Date.now();
  /** Built on first use: a cold listing needs neither map, and 10,000 entries cost milliseconds. */
  private lookups: { numberByUid: Map<string, number>; sizeByNumber: Map<number, number> } | null = null;
  /** Set when the mailbox changed under us (a DELETE elsewhere): hand out no more. */
  retired = false;
  /** How many requests this session has served (1 = the one it was created for). */
  uses = 0;

  constructor(
    readonly client: Pop3Client,
    /** LIST of the session's snapshot, ascending by number. */
    readonly entries: readonly ListEntry[],
    /** UIDL of the snapshot by number; null when the server has no UIDL. */
    private readonly uidByNumber: ReadonlyMap<number, string> | null,
    /** CAPA before and after login, merged (after wins). */
    readonly capabilities: Capabilities = client.capabilities,
  ) {}

  /** Ids are UIDL values, or message numbers as strings when the server has no UIDL. */
  get stableIds(): boolean {
    return this.uidByNumber !== null;
  }

  idOf(number: number): string {
    return this.uidByNumber?.get(number) ?? String(number);
  }

  /** The message number of `id` in this session, or undefined if the snapshot lacks it. */
  numberOf(id: string): number | undefined {
    return this.lookup().numberByUid.get(id);
  }

  sizeOf(number: number): number | undefined {
    return this.lookup().sizeByNumber.get(number);
  }

  private lookup(): { numberByUid: Map<string, number>; sizeByNumber: Map<number, number> } {
    if (!this.lookups) {
      const numberByUid = new Map<string, number>();
      const sizeByNumber = new Map<number, number>();
      for (const entry of this.entries) {
        numberByUid.set(this.idOf(entry.number), entry.number);
        sizeByNumber.set(entry.number, entry.size);
      }
      this.lookups = { numberByUid, sizeByNumber };
    }
    return this.lookups;
  }

  ageMs(now = Date.now()): number {
    return now - this.createdAt;
  }

  get usable(): boolean {
    return this.client.usable && !this.retired;
  }
}
