/**
 * Machine instructions per request of the fast lane against the bare `node:http` floor, counted
 * by valgrind's callgrind: `node dist/bench/lane-instructions.js [requests] [warm-up requests]`.
 * CPU time on a shared machine moves by half from one minute to the next (docs/benchmarks.md,
 * seventh round); an instruction count repeats within about 0.3 % for the same code, so it shows
 * a change of a few hundred instructions a request that no timed run can.
 *
 * Each side is lane-cost's child (bench/lane-cost.ts: the gateway's listener with its production
 * wiring, or the floor sending the lane's bytes and headers), run under callgrind with counting
 * off. It answers 2,000 requests for /healthz through express and the warm-up requests (V8 has
 * compiled the hot path by then: no compilation is counted), then counts `requests` requests over
 * 16 connections. Only the main thread is counted: V8's compiler and GC helper threads are not
 * the request path. Instructions are not time (cache misses and the kernel are not in them);
 * read them beside lane-cost's CPU time, not instead of it. Needs `valgrind` (Debian's package).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import autocannon from 'autocannon';
import { AUTHORIZATION, floorAnswerOf, LANE_PATH } from './lane-cost';

const CONNECTIONS = 16;

/** A lane-cost side run under callgrind: its main thread's instructions per counted request. */
async function countSide(side: 'lane' | 'floor', env: Record<string, string>, requests: number, warm: number, dir: string): Promise<number> {
  const out = path.join(dir, `${side}.callgrind`);
  const child = spawn(
    'valgrind',
    ['--tool=callgrind', '--smc-check=all-non-file', '--instr-atstart=no', '--separate-threads=yes', `--callgrind-out-file=${out}`, process.execPath, path.join(__dirname, 'lane-cost.js'), `--serve=${side}`],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      void exited.then(() => reject(new Error(`the ${side} side exited before serving`)));
      child.once('message', (message: { port: number }) => resolve(message.port));
    });
    const base = `http://127.0.0.1:${port}`;
    const load = (amount: number): Promise<autocannon.Result> =>
      autocannon({ url: base + LANE_PATH, headers: { authorization: AUTHORIZATION }, connections: CONNECTIONS, amount });
    await autocannon({ url: `${base}/healthz`, connections: 4, amount: 2000 });
    await load(warm);
    const control = (...args: string[]): void => void execFileSync('callgrind_control', [...args, String(child.pid)], { stdio: 'ignore' });
    control('--instr=on');
    const result = await load(requests);
    control('--dump');
    control('--instr=off');
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${side}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    // The first dump's main thread (`<out>.1-01`): callgrind numbers dumps and, with --separate-threads, threads.
    const summary = /^summary: (\d+)$/m.exec(readFileSync(`${out}.1-01`, 'utf8'))?.[1];
    if (summary === undefined) throw new Error(`no summary in ${out}.1-01`);
    return Number(summary) / result.requests.total;
  } finally {
    // callgrind writes its last file as it exits: wait for it before the directory goes.
    child.kill();
    await exited;
  }
}

async function main(): Promise<void> {
  const requests = Number(process.argv[2] ?? 10_000);
  const warm = Number(process.argv[3] ?? 60_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'lane-instructions-'));
  try {
    const lane = await countSide('lane', {}, requests, warm, dir);
    const floor = await countSide('floor', await floorAnswerOf(), requests, warm, dir);
    process.stdout.write(
      `lane ${Math.round(lane)} instructions/request, floor ${Math.round(floor)}; floor ÷ lane ${(floor / lane).toFixed(3)} ` +
        `(${requests} requests counted after ${warm}, main thread)\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`lane-instructions failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
