import { LoginLimiter, loginLimiterKey } from '../../../src/http/auth/login-limiter';

describe('LoginLimiter', () => {
  let now = 0;
  const limiter = (limit: number, maxKeys?: number) => new LoginLimiter({ limit, now: () => now, ...(maxKeys ? { maxKeys } : {}) });
  beforeEach(() => {
    now = 1_000_000;
  });

  test('lets a key try until it has `limit` failures, then says how long to wait', () => {
    const l = limiter(2);
    const key = loginLimiterKey('127.0.0.1', 'alice');
    expect(l.retryAfterS(key)).toBe(0);
    l.recordFailure(key);
    expect(l.retryAfterS(key)).toBe(0);
    l.recordFailure(key);
    expect(l.retryAfterS(key)).toBe(15 * 60);
    now += 60_000;
    expect(l.retryAfterS(key)).toBe(14 * 60);
  });

  test('the window ends 15 minutes after the first failure, and the count starts over', () => {
    const l = limiter(1);
    const key = loginLimiterKey('127.0.0.1', 'alice');
    l.recordFailure(key);
    now += 15 * 60_000 - 1;
    expect(l.retryAfterS(key)).toBe(1);
    now += 1;
    expect(l.retryAfterS(key)).toBe(0);
    expect(l.hasFailures(key)).toBe(false);
  });

  test('keys are per address and user, and user names compare without case', () => {
    expect(loginLimiterKey('10.0.0.1', 'Alice')).toBe(loginLimiterKey('10.0.0.1', 'alice'));
    expect(loginLimiterKey('10.0.0.1', 'alice')).not.toBe(loginLimiterKey('10.0.0.2', 'alice'));
    expect(loginLimiterKey('10.0.0.1', 'alice')).not.toBe(loginLimiterKey('10.0.0.1', 'bob'));
  });

  test('hasFailuresOf asks about the key of an address and a user, with or without failures on record', () => {
    const l = limiter(5);
    expect(l.hasFailuresOf('10.0.0.1', 'alice')).toBe(false);
    l.recordFailure(loginLimiterKey('10.0.0.1', 'alice'));
    expect(l.hasFailuresOf('10.0.0.1', 'Alice')).toBe(true);
    expect(l.hasFailuresOf('10.0.0.1', 'bob')).toBe(false);
    expect(l.hasFailuresOf('10.0.0.2', 'alice')).toBe(false);
    now += 15 * 60_000;
    expect(l.hasFailuresOf('10.0.0.1', 'alice')).toBe(false);
    l.recordFailure(loginLimiterKey('10.0.0.1', 'bob'));
    l.reset(loginLimiterKey('10.0.0.1', 'bob'));
    expect(l.hasFailuresOf('10.0.0.1', 'bob')).toBe(false);
  });

  test('reset forgets a key', () => {
    const l = limiter(1);
    l.recordFailure('k');
    l.reset('k');
    expect(l.retryAfterS('k')).toBe(0);
  });

  test('memory stays bounded: past maxKeys the oldest keys are forgotten', () => {
    const l = limiter(1, 2);
    for (const key of ['a', 'b', 'c']) l.recordFailure(key);
    expect(l.hasFailures('a')).toBe(false);
    expect(l.hasFailures('c')).toBe(true);
  });

  test('a limit below 1 is refused', () => {
    expect(() => limiter(0)).toThrow(RangeError);
  });
});
