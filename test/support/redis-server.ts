/**
 * A private redis-server on a free loopback port, for tests that stop and restart Redis
 * (the machine's shared one on 6379 is never touched).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from './waiting';

export interface TestRedis {
  port: number;
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface RedisOptions {
  /**
   * Keep the data across stop() and start(): an append-only file synced on every write, in a
   * folder of its own (so a kill loses nothing, as with the compose file's AOF). Default: none.
   */
  persist?: boolean;
}

export async function startRedis(options: RedisOptions = {}): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const dir = options.persist ? mkdtempSync(join(tmpdir(), 'popgate-redis-')) : null;
  const storage = dir ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir] : ['--appendonly', 'no'];

  const start = async (): Promise<void> => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...storage], { stdio: 'ignore' });
    await waitForPort(port, 5000);
  };
  const stop = async (): Promise<void> => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  };
  const close = async (): Promise<void> => {
    await stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  await start();
  return { port, url: `redis://127.0.0.1:${port}`, stop, start, close };
}


async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const listens = (): Promise<boolean> =>
    new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
  await waitFor(listens, { timeoutMs, everyMs: 50, what: `redis-server to listen on ${port}` });
}
