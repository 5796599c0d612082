/**
 * When a failed delivery is tried again: exponential backoff with jitter, spread over about a
 * day, never sooner than a receiver's Retry-After asked (capped, so one header cannot park a
 * delivery for weeks). Tests pass a schedule in milliseconds.
 */
export interface RetrySchedule {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** The delay after the first failure; each later one doubles… */
  firstDelayMs: number;
  /** …up to this. */
  maxDelayMs: number;
  /** ± this fraction of each delay, at random, so receivers coming back are not hit in step. */
  jitter: number;
  /** The longest Retry-After honoured. */
  retryAfterCapMs: number;
}

/** 10 s, 20 s, 40 s … doubling to 2 h, then every 2 h: 21 retries over about 25 hours. */
export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = {
  maxAttempts: 22,
  firstDelayMs: 10_000,
  maxDelayMs: 2 * 3600_000,
  jitter: 0.2,
  retryAfterCapMs: 3600_000,
};

/**
 * The wait before the next attempt, after `failedAttempts` attempts failed.
 * @param retryAfterMs the receiver's Retry-After, when it sent one
 */
export function retryDelayMs(schedule: RetrySchedule, failedAttempts: number, retryAfterMs?: number, random: () => number = Math.random): number {
  const nominal = Math.min(schedule.firstDelayMs * 2 ** Math.max(0, failedAttempts - 1), schedule.maxDelayMs);
  const jittered = Math.round(nominal * (1 + schedule.jitter * (2 * random() - 1)));
  return retryAfterMs === undefined ? jittered : Math.max(jittered, Math.min(retryAfterMs, schedule.retryAfterCapMs));
}

/** From the first attempt to the last, without jitter: how long a failing delivery is retried. */
export function retrySpanMs(schedule: RetrySchedule): number {
  let span = 0;
  for (let failed = 1; failed < schedule.maxAttempts; failed++) span += Math.min(schedule.firstDelayMs * 2 ** (failed - 1), schedule.maxDelayMs);
  return span;
}

/**
 * Retry-After (RFC 9110 section 10.2.3): delay-seconds or an HTTP date, as milliseconds from
 * `now`; undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
