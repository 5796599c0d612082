import { inspect } from 'node:util';
import type { LRUCache } from 'lru-cache';
import { BasicIdentities } from '../../../src/http/auth/basic-identities';
import { IdentityHasher } from '../../../src/pool/mailbox-identity';
import type { Pop3Credentials } from '../../../src/pop3/types';

const basic = (userPass: string, scheme = 'Basic'): string => `${scheme} ${Buffer.from(userPass, 'utf8').toString('base64')}`;

function counted(): { identities: BasicIdentities; identified: Pop3Credentials[]; hasher: IdentityHasher } {
  const hasher = new IdentityHasher('pop.example:995');
  const identified: Pop3Credentials[] = [];
  const identities = new BasicIdentities((credentials) => {
    identified.push(credentials);
    return hasher.identify(credentials);
  });
  return { identities, identified, hasher };
}

describe('BasicIdentities', () => {
  it("names the credentials' own identity, and derives it once per header value", () => {
    const { identities, identified, hasher } = counted();
    const first = identities.of(basic('alice:s3cret'));
    const again = identities.of(basic('alice:s3cret'));
    expect(first).toEqual({ identity: hasher.identify({ user: 'alice', password: 's3cret' }), user: 'alice' });
    expect(again).toBe(first);
    expect(identified).toEqual([{ user: 'alice', password: 's3cret' }]);
  });

  it('tells credentials apart by their password, and keeps each spelling of a header apart', () => {
    const { identities, identified } = counted();
    const right = identities.of(basic('alice:s3cret'));
    const wrong = identities.of(basic('alice:guess'));
    expect(wrong?.identity.credentialKey).not.toBe(right?.identity.credentialKey);
    expect(wrong?.identity.mailboxId).toBe(right?.identity.mailboxId);
    expect(identities.of(basic('alice:s3cret', 'basic'))?.identity).toEqual(right?.identity);
    expect(identified).toHaveLength(3);
  });

  it('keeps neither the password nor the header value', () => {
    const { identities } = counted();
    const header = basic('alice:Pa55-w0rd-unique');
    identities.of(header);
    // Its memo's keys and entries, and its own fields (the LRU's are private).
    const memo = (identities as unknown as { remembered: LRUCache<string, object> }).remembered;
    const kept = inspect([identities, memo.dump()], { depth: 10, showHidden: true, maxArrayLength: null, maxStringLength: null });
    expect(memo.size).toBe(1);
    expect(kept).toContain('alice');
    expect(kept).not.toContain('Pa55-w0rd-unique');
    expect(kept).not.toContain(header.slice('Basic '.length));
  });

  it.each([
    ['no header', undefined],
    ['another scheme', 'Bearer abc'],
    ['no colon', basic('alice')],
    ['an empty password', basic('alice:')],
    ['a line break', basic('alice:a\r\nDELE 1')],
    ['more than 4 KiB', basic(`alice:${'x'.repeat(4096)}`)],
  ])('answers null for %s, and remembers nothing', (_what, header) => {
    const { identities, identified } = counted();
    expect(identities.of(header)).toBeNull();
    expect(identities.of(header)).toBeNull();
    expect(identified).toEqual([]);
  });
});
