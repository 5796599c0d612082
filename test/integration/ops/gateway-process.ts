/**
 * popgate as an operator runs it: `node dist/src/server.js` in a child process, configured by
 * environment variables only, its stdout (pino JSON) and stderr captured for assertions.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');
const SERVER_JS = path.join(ROOT, 'dist/src/server.js');
/**
 * Written after a successful build. tsc leaves unchanged outputs untouched, so the outputs'
 * own times say nothing about when the last build ran.
 */
const BUILD_STAMP = path.join(ROOT, 'dist/.build-stamp');
/** What `npm run build` compiles from; dist older than any of them is rebuilt. */
const BUILD_INPUTS = ['src', 'tsoa.json', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];
/** Written by the build itself (tsoa, from src/controllers and src/models). */
const BUILD_OUTPUTS_IN_SRC = new Set([path.join(ROOT, 'src/generated')]);
const START_TIMEOUT_MS = 15_000;

let building: Promise<void> | null = null;

/**
 * `npm run build` (exactly what `npm start` runs first), but only when dist/src/server.js is
 * missing or a source file changed since the last build; a test file's beforeAll calls it
 * with a long timeout.
 * @throws Error with the compiler's output when the build fails.
 */
export function ensureBuilt(): Promise<void> {
  building ??= isBuildFresh()
    ? Promise.resolve()
    : new Promise<void>((resolve, reject) => {
        const startedAt = new Date();
        execFile('npm', ['run', 'build', '--silent'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
          if (err) return reject(new Error(`npm run build failed:\n${stdout}${stderr}`));
          // Dated when the build started: a file saved while it ran makes the next check rebuild.
          writeFileSync(BUILD_STAMP, `${startedAt.toISOString()}\n`);
          utimesSync(BUILD_STAMP, startedAt, startedAt);
          resolve();
        });
      });
  return building;
}

function isBuildFresh(): boolean {
  if (!existsSync(SERVER_JS) || !existsSync(BUILD_STAMP)) return false;
  const builtAt = statSync(BUILD_STAMP).mtimeMs;
  return BUILD_INPUTS.every((input) => newestMtime(path.join(ROOT, input)) <= builtAt);
}

function newestMtime(file: string): number {
  if (BUILD_OUTPUTS_IN_SRC.has(file)) return 0;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(file).reduce((newest, name) => Math.max(newest, newestMtime(path.join(file, name))), stat.mtimeMs);
}

/** One pino line, parsed. */
export interface LogLine {
  level: number;
  msg?: string;
  [field: string]: unknown;
}

export interface GatewayProcess {
  child: ChildProcess;
  /** The port it bound (read from its "listening" log line). */
  port: number;
  baseUrl: string;
  /** Everything written to stdout so far, verbatim. */
  stdout(): string;
  stderr(): string;
  /** stdout's JSON lines so far. */
  logs(): LogLine[];
  /** Resolves with the first log line (already written or still to come) that `match` accepts. */
  waitForLog(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (or `signal`), then the exit; SIGKILL if it takes longer than `timeoutMs`. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * The environment a child sees: only PATH and `env`, never the test runner's own variables
 * (a POP3_HOST or REDIS_URL set in the shell must not leak into a demo-mode test).
 */
function childEnvironment(env: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOST: '127.0.0.1', PORT: '0', ...env };
}

/** Starts the built server; resolves once it logged that it listens. */
export async function spawnGateway(env: Record<string, string> = {}): Promise<GatewayProcess> {
  const child = spawn(process.execPath, [SERVER_JS], { cwd: ROOT, env: childEnvironment(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const parsed: LogLine[] = [];
  const watchers = new Set<() => void>();
  let partial = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim() === '') continue;
      try {
        parsed.push(JSON.parse(line) as LogLine);
      } catch {
        parsed.push({ level: 0, msg: line });
      }
    }
    for (const notify of [...watchers]) notify();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve({ code, signal });
      for (const notify of [...watchers]) notify();
    });
  });

  const waitForLog = (match: (line: LogLine) => boolean, timeoutMs = START_TIMEOUT_MS): Promise<LogLine> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const found = parsed.find(match);
        if (found) return finish(() => resolve(found));
        if (child.exitCode !== null || child.signalCode !== null) {
          finish(() => reject(new Error(`gateway exited (${child.exitCode ?? child.signalCode}) before the awaited log line\nstdout:\n${out}\nstderr:\n${err}`)));
        }
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`no such log line within ${timeoutMs} ms\nstdout:\n${out}\nstderr:\n${err}`))), timeoutMs);
      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        watchers.delete(check);
        settle();
      };
      watchers.add(check);
      check();
    });

  const stop = async (signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 20_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    try {
      return await exited;
    } finally {
      clearTimeout(killer);
    }
  };

  let listening: LogLine;
  try {
    listening = await waitForLog((line) => typeof line.msg === 'string' && line.msg.startsWith('popgate listening'));
  } catch (error) {
    await stop('SIGKILL');
    throw error;
  }
  const port = Number(listening.port);
  return {
    child,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    stdout: () => out,
    stderr: () => err,
    logs: () => [...parsed],
    waitForLog,
    exited,
    stop,
  };
}

/** Runs the server expecting it to refuse to start; resolves with how it exited and what it wrote. */
export function runGatewayToExit(env: Record<string, string>, timeoutMs = 10_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [SERVER_JS], { cwd: ROOT, env: childEnvironment(env), timeout: timeoutMs }, (error, stdout, stderr) => {
      if (error && error.killed) return reject(new Error(`the gateway was still running after ${timeoutMs} ms\nstdout:\n${stdout}`));
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

