/**
 * Clocks a test controls, for code paths whose timing a busy machine would otherwise decide.
 * Each switches jest's fake timers on for part of the API only; undo with jest.useRealTimers().
 */

/**
 * Only setTimeout and setInterval go on the fake clock (jest.advanceTimersByTime moves them);
 * I/O, Date, microtasks and setImmediate stay real, so sockets keep flowing.
 */
export function fakeTimersOnly(): void {
  jest.useFakeTimers({ doNotFake: ['Date', 'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate'] });
}

/**
 * Only Date is fake: Date.now() stands still until advanceDate() moves it, while timers and I/O
 * run for real. For ages and freshness windows the code measures with Date.now().
 */
export function freezeDate(): void {
  jest.useFakeTimers({
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  });
}

/** Moves a frozen Date.now() forward by `ms`. */
export function advanceDate(ms: number): void {
  jest.setSystemTime(Date.now() + ms);
}

/**
 * Waits until `condition` holds, checking once per event-loop turn (setImmediate, not a timer,
 * so it works under fakeTimersOnly()); throws after `timeoutMs` of real time.
 */
export async function untilTurn(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
