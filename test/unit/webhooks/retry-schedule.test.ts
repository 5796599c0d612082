import { DEFAULT_RETRY_SCHEDULE, parseRetryAfter, retryDelayMs, retrySpanMs, type RetrySchedule } from '../../../src/webhooks/retry-schedule';

const HOUR = 3600_000;

describe('the retry schedule', () => {
  it('retries a failing delivery for about a day by default', () => {
    const span = retrySpanMs(DEFAULT_RETRY_SCHEDULE);
    expect(span).toBeGreaterThanOrEqual(20 * HOUR);
    expect(span).toBeLessThanOrEqual(30 * HOUR);
  });

  it('doubles each delay from the first, up to the cap', () => {
    const noJitter: RetrySchedule = { ...DEFAULT_RETRY_SCHEDULE, jitter: 0 };
    expect([1, 2, 3, 4].map((failed) => retryDelayMs(noJitter, failed))).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(retryDelayMs(noJitter, 15)).toBe(2 * HOUR);
    expect(retryDelayMs(noJitter, 21)).toBe(2 * HOUR);
  });

  it('jitters each delay by at most ±20 %', () => {
    expect(retryDelayMs(DEFAULT_RETRY_SCHEDULE, 3, undefined, () => 0)).toBe(32_000);
    expect(retryDelayMs(DEFAULT_RETRY_SCHEDULE, 3, undefined, () => 1)).toBe(48_000);
  });

  it("waits at least the receiver's Retry-After, capped at an hour", () => {
    const noJitter: RetrySchedule = { ...DEFAULT_RETRY_SCHEDULE, jitter: 0 };
    expect(retryDelayMs(noJitter, 1, 120_000)).toBe(120_000);
    expect(retryDelayMs(noJitter, 1, 1000)).toBe(10_000);
    expect(retryDelayMs(noJitter, 1, 30 * 24 * HOUR)).toBe(HOUR);
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates, and ignores anything else', () => {
    const now = Date.parse('2026-11-30T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 30 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 30 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
