import { ForbiddenTargetError } from '../../../src/webhooks/errors';
import { isForbiddenAddress, TargetGuard, type HostResolver } from '../../../src/webhooks/target-guard';

describe('isForbiddenAddress', () => {
  it.each([
    '127.0.0.1',
    '127.9.9.9',
    '::1',
    '0.0.0.0',
    '::',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '224.0.0.1',
    '255.255.255.255',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '::ffff:a9fe:a9fe',
    '64:ff9b::a00:1',
    '2002:a00:1::1',
    'not an address',
  ])('refuses %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])('allows the public address %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(false);
  });
});

describe('TargetGuard', () => {
  const resolvingTo =
    (...addresses: string[]): HostResolver =>
    () =>
      Promise.resolve(addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }) as const));

  it('returns the addresses of a public host, to connect to exactly those', async () => {
    await expect(new TargetGuard(false, resolvingTo('93.184.215.14')).check('hooks.example.com')).resolves.toEqual([{ address: '93.184.215.14', family: 4 }]);
  });

  it('refuses a host when any of its addresses is internal, naming the address', async () => {
    const check = new TargetGuard(false, resolvingTo('93.184.215.14', '10.0.0.5')).check('split.example.com');
    await expect(check).rejects.toThrow(ForbiddenTargetError);
    await expect(check).rejects.toThrow(/split\.example\.com resolves to 10\.0\.0\.5.*WEBHOOK_ALLOW_PRIVATE/);
  });

  it('refuses localhost as the system resolves it (127.0.0.1 or ::1)', async () => {
    await expect(new TargetGuard(false).check('localhost')).rejects.toThrow(/localhost resolves to/);
  });

  it('checks IP literals without a lookup, bracketed IPv6 included', async () => {
    const never: HostResolver = () => Promise.reject(new Error('no lookup expected'));
    await expect(new TargetGuard(false, never).check('[::1]')).rejects.toThrow(ForbiddenTargetError);
    await expect(new TargetGuard(false, never).check('8.8.8.8')).resolves.toEqual([{ address: '8.8.8.8', family: 4 }]);
  });

  it('refuses a host that does not resolve', async () => {
    const failing: HostResolver = () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }));
    await expect(new TargetGuard(false, failing).check('nowhere.invalid')).rejects.toThrow(/does not resolve \(ENOTFOUND\)/);
  });

  it('checks nothing with WEBHOOK_ALLOW_PRIVATE=true: the connection resolves as usual', async () => {
    await expect(new TargetGuard(true).check('localhost')).resolves.toBeNull();
  });
});
