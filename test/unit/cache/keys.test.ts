import { cacheKeys } from '../../../src/cache/keys';

describe('cacheKeys', () => {
  const every = (mailboxId: string): string[] => [
    cacheKeys.listingVersion(mailboxId),
    cacheKeys.listing(mailboxId),
    cacheKeys.headerSummary(mailboxId, 'uid-1'),
    cacheKeys.leases(mailboxId),
    cacheKeys.leaseLine(mailboxId),
    cacheKeys.leaseLineSeen(mailboxId),
  ];

  it('puts every key under one versioned prefix, so a format change can move to new keys', () => {
    for (const key of every('mbx')) expect(key).toMatch(/^popgate:v1:/);
  });

  it('gives each kind of entry its own key, and each mailbox its own keys', () => {
    const keys = [...every('mbx-a'), ...every('mbx-b')];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('names a header summary by mailbox and UIDL, so one message\'s summary is shared by every page', () => {
    expect(cacheKeys.headerSummary('mbx', 'a')).not.toBe(cacheKeys.headerSummary('mbx', 'b'));
    expect(cacheKeys.headerSummary('mbx', 'a')).not.toBe(cacheKeys.headerSummary('other', 'a'));
    expect(cacheKeys.headerSummary('mbx', 'a')).toBe(cacheKeys.headerSummary('mbx', 'a'));
  });
});
