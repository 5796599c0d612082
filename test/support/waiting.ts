import * as net from 'node:net';

export interface WaitOptions {
  /** Give up after this long. Generous by default: a busy machine can be slow, a passing wait costs nothing. */
  timeoutMs?: number;
  /** Poll interval. */
  everyMs?: number;
  /** What is awaited, for the error message. */
  what?: string;
}

/** Polls `condition` (sync or async) every `everyMs` until it holds; throws after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  { timeoutMs = 5_000, everyMs = 10, what = 'the condition' }: WaitOptions = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** A loopback TCP port that was free a moment ago (the kernel's pick). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
