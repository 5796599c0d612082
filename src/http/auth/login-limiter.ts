import type { ErrorRequestHandler } from 'express';
import { LRUCache } from 'lru-cache';
import { loginFailureKeyOf } from './caller';
import { isRefusedLogin } from '../../pop3/response-code';

/** Failed logins are counted per client IP + user over 15 minutes (AUTH_FAILURE_LIMIT, docs/reliability.md "Security"). */
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60 * 1000;

export interface LoginLimiterOptions {
  /** Failures allowed per key and window (AUTH_FAILURE_LIMIT); the next attempt is refused. At least 1. */
  limit: number;
  windowMs?: number;
  /** Keys remembered at once; the least recently failed are forgotten first, so memory stays bounded. */
  maxKeys?: number;
  /** Clock, for tests. */
  now?: () => number;
}

interface FailureWindow {
  startedAt: number;
  failures: number;
}

/**
 * Fixed-window counter of failed logins. It is consulted before any upstream I/O, so a
 * guessing client is refused without the POP3 server (or its own lockout) ever seeing it.
 */
export class LoginLimiter {
  private readonly windows: LRUCache<string, FailureWindow>;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(private readonly options: LoginLimiterOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1) {
      throw new RangeError(`login failure limit must be a positive integer, got ${options.limit}`);
    }
    this.windowMs = options.windowMs ?? LOGIN_FAILURE_WINDOW_MS;
    this.now = options.now ?? Date.now;
    this.windows = new LRUCache({ max: options.maxKeys ?? 100_000 });
  }

  /** Seconds the key must wait before trying again, or 0 when it may try now. */
  retryAfterS(key: string): number {
    const window = this.current(key);
    if (!window || window.failures < this.options.limit) return 0;
    return Math.max(1, Math.ceil((window.startedAt + this.windowMs - this.now()) / 1000));
  }

  recordFailure(key: string): void {
    const window = this.current(key);
    if (window) window.failures += 1;
    else this.windows.set(key, { startedAt: this.now(), failures: 1 });
  }

  /** Whether the key has failures on record (so a success is worth forgetting them). */
  hasFailures(key: string): boolean {
    return this.current(key) !== undefined;
  }

  /**
   * `hasFailures(loginLimiterKey(clientIp, user))`, for the fast lane, which asks on every
   * request: while no key has failures on record, as is usual, no key is built (a lower-cased
   * copy, a concatenation and its hash: about 1 µs a request in the bench).
   */
  hasFailuresOf(clientIp: string, user: string): boolean {
    return this.windows.size > 0 && this.hasFailures(loginLimiterKey(clientIp, user));
  }

  /** A login that succeeded clears the key's record. */
  reset(key: string): void {
    this.windows.delete(key);
  }

  private current(key: string): FailureWindow | undefined {
    const window = this.windows.get(key);
    if (window && this.now() - window.startedAt >= this.windowMs) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }
}

/** The limiter key of one client IP and one user (lower-cased: servers mostly ignore case). */
export function loginLimiterKey(clientIp: string, user: string): string {
  return `${clientIp}\u0000${user.toLowerCase()}`;
}

/**
 * Error middleware, registered before the problem handler: an upstream refusal of the
 * caller's own credentials (Pop3AuthError, `[AUTH]`) counts as one failed login; then the
 * error goes on to be answered.
 */
export function recordUpstreamLoginFailures(limiter: LoginLimiter): ErrorRequestHandler {
  return (err, req, _res, next) => {
    if (isRefusedLogin(err)) {
      const key = loginFailureKeyOf(req);
      if (key !== null) limiter.recordFailure(key);
    }
    next(err);
  };
}
