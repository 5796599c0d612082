/**
 * The servers under test, each behind one small interface: popgate itself and the bare
 * express baseline. In a full run both are child processes (`node dist/...`), so the load
 * generator never shares their event loop and RSS is theirs alone; the jest smoke test runs
 * them in-process from TypeScript sources instead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { freePort } from '../test/support/waiting';
import { createBareApp } from './bare-express';
import { createBareNodeServer } from './bare-node';
import { createBareSseServer } from './bare-sse';

export type Placement = 'child' | 'inline';

export interface ServerUnderTest {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The process serving it (the bench's own pid when inline). */
  pid: number;
  /** Resident set size of that process, in bytes. */
  rssBytes(): Promise<number>;
  /** CPU time (user + system) that process has used so far, in seconds. */
  cpuSeconds(): Promise<number>;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 15_000;

/** Starts popgate with `env` (its configuration variables; HOST and PORT are set here). */
export async function startPopgate(env: Record<string, string>, placement: Placement): Promise<ServerUnderTest> {
  if (placement === 'inline') {
    // Loaded lazily: a full run never needs the gateway's modules in the load generator.
    const { loadConfig } = await import('../src/config');
    const { startGateway } = await import('../src/server');
    const gateway = await startGateway(loadConfig({ ...env, HOST, PORT: '0' }));
    return {
      url: `http://${HOST}:${gateway.port}`,
      pid: process.pid,
      rssBytes: () => Promise.resolve(process.memoryUsage.rss()),
      cpuSeconds: () => Promise.resolve(ownCpuSeconds()),
      close: () => gateway.close(),
    };
  }
  return startChild(path.join(__dirname, '../src/server.js'), env, '/healthz');
}

/** Starts the bare express baseline answering every GET with `body` (as application/json). */
export async function startBareExpress(bodyFile: string, placement: Placement): Promise<ServerUnderTest> {
  if (placement === 'inline') return listenInline(http.createServer(createBareApp(await readFile(bodyFile))));
  return startChild(path.join(__dirname, 'bare-express.js'), { BODY_FILE: bodyFile }, '/healthz');
}

/** Starts the bare node:http floor answering every GET with `body` and the headers in `headersFile`. */
export async function startBareNode(bodyFile: string, headersFile: string, placement: Placement): Promise<ServerUnderTest> {
  if (placement === 'inline') {
    const headers = JSON.parse(await readFile(headersFile, 'utf8')) as Record<string, string>;
    return listenInline(createBareNodeServer(await readFile(bodyFile), headers));
  }
  return startChild(path.join(__dirname, 'bare-node.js'), { BODY_FILE: bodyFile, HEADERS_FILE: headersFile }, '/healthz');
}

/** Starts the bare SSE baseline: tails the stream at `key` and writes each entry to every open response. */
export async function startBareSse(redisUrl: string, key: string, placement: Placement): Promise<ServerUnderTest> {
  if (placement === 'inline') {
    const { server, stop } = createBareSseServer(redisUrl, key);
    const inline = await listenInline(server);
    return { ...inline, close: () => (stop(), inline.close()) };
  }
  return startChild(path.join(__dirname, 'bare-sse.js'), { REDIS_URL: redisUrl, STREAM_KEY: key }, '/healthz');
}

/** A baseline server in this process, on a free loopback port. */
async function listenInline(server: http.Server): Promise<ServerUnderTest> {
  await new Promise<void>((resolve, reject) => {
    server.listen(0, HOST, () => resolve());
    server.once('error', reject);
  });
  return {
    url: `http://${HOST}:${(server.address() as net.AddressInfo).port}`,
    pid: process.pid,
    rssBytes: () => Promise.resolve(process.memoryUsage.rss()),
    cpuSeconds: () => Promise.resolve(ownCpuSeconds()),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function startChild(script: string, env: Record<string, string>, readyPath: string): Promise<ServerUnderTest> {
  const port = await freePort();
  // e.g. POPGATE_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the servers.
  const nodeArgs = (process.env.POPGATE_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, script], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', NODE_ENV: 'production', ...env, HOST, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-8192);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://${HOST}:${port}`;
  try {
    await waitForOk(`${url}${readyPath}`, child);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${path.basename(script)} did not start: ${(err as Error).message}\n${output}`);
  }
  return {
    url,
    pid: child.pid!,
    rssBytes: () => childRss(child.pid!),
    cpuSeconds: () => childCpuSeconds(child.pid!),
    close: () => stopChild(child),
  };
}

/** VmRSS of a process, from /proc (Linux). */
export async function childRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kb) * 1024;
}

/** utime + stime of a process, from /proc/<pid>/stat (Linux; USER_HZ is 100 on every Linux ABI). */
export async function childCpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const cut = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(cut);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function waitForOk(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    const status = await new Promise<number>((resolve) => {
      http.get(url, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).once('error', () => resolve(0));
    });
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`no 200 from ${url} within ${READY_TIMEOUT_MS} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

