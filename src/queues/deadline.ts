/**
 * Bounds on waiting for Redis-backed work: BullMQ's and ioredis's clients wait through a Redis
 * outage (they must, for blocking reads), so callers that must answer cap the wait themselves.
 * Either way the promise is left running.
 */

/** `promise`'s outcome, or a rejection with `message` if `ms` pass first. */
export function orTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Whether `promise` settled (either way) within `ms`. */
export function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return orTimeout(
    promise.then(
      () => true,
      () => true,
    ),
    ms,
    'late',
  ).catch(() => false);
}
