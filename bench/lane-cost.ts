/**
 * CPU per request of the fast lane against the bare `node:http` floor, without Dovecot or
 * Redis, for working on the lane's own cost: `node dist/bench/lane-cost.js [requests] [rounds]`.
 * Each side is a child process (the gateway's listener with its production wiring — metrics,
 * pino, the shutdown flush — and a service that answers from memory for the credential's
 * keyed identity, as the real one does; the floor sending the very bytes and headers the lane
 * sent); autocannon drives a fixed number of keep-alive requests over 16 connections, and the
 * child's CPU time (user + system) is read before and after. Each side first answers 2,000
 * requests for /healthz, which the lane's side answers through express, as a running gateway
 * answers some (see messageClassesFor for why that matters). Rounds alternate the two sides,
 * and each side's best round is kept: CPU per request moves far less with the machine's other
 * load than requests per second do.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as http from 'node:http';
import autocannon from 'autocannon';
import pino from 'pino';
import { createGateway } from '../src/app';
import { flushBeforeClosingIdleConnections } from '../src/http/gateway/flush-before-close';
import { answerMalformedRequests } from '../src/http/gateway/malformed-requests';
import { Metrics } from '../src/observability/metrics';
import { IdentityHasher } from '../src/pool/mailbox-identity';
import type { MailboxService, SerializedPage } from '../src/services/mailbox-service';
import { createBareNodeServer } from './bare-node';

const CONNECTIONS = 16;
/** The request every side answers: a cached page. */
export const LANE_PATH = '/messages?limit=100';
/** Requests each side answers through express (the lane's side) before the rounds: see main. */
const EXPRESS_REQUESTS = 2000;
export const AUTHORIZATION = `Basic ${Buffer.from('bench-large:bench-password').toString('base64')}`;

/** A 100-entry page of about the bench's size (≈5 KB). */
function benchPage(): SerializedPage {
  const messages = Array.from({ length: 100 }, (_, i) => ({ id: `uid-${10_000 - i}`, number: 10_000 - i, size: 612 }));
  return { json: JSON.stringify({ total: 10_000, offset: 0, limit: 100, messages }), etag: '"bench-page-etag-0123456789"' };
}

/**
 * The gateway's server: the lane's listener, or (`floorInside`) the floor's handler in the very
 * same process and wiring — what node's HTTP machinery costs there, without the lane's own work.
 */
function gatewayServer(floorInside: boolean): http.Server {
  const page = benchPage();
  const hasher = new IdentityHasher('127.0.0.1:995');
  const service = {
    identify: (credentials) => hasher.identify(credentials),
    cachedPage: (identity) => (identity.credentialKey !== '' ? page : null),
    warmStat: () => null,
  } as Partial<MailboxService> as MailboxService;
  const gateway = createGateway({
    service,
    auth: { mode: 'multi' },
    authFailureLimit: 10,
    readiness: () => Promise.resolve({ ok: true, checks: {} }),
    logger: pino({ level: 'info' }, pino.destination('/dev/null')),
    // LANE_COST_METRICS=off: no request metrics, to see what they cost in place.
    metrics: process.env.LANE_COST_METRICS === 'off' ? undefined : new Metrics(),
  });
  if (!floorInside) return gateway.createServer();
  // The gateway's server wiring around the floor's handler.
  const server = http.createServer(floorHandler());
  flushBeforeClosingIdleConnections(server);
  answerMalformedRequests(server);
  return server;
}

/** The bytes and headers the lane sent, as the parent passes them on. */
function floorAnswer(): [Buffer, Record<string, string>] {
  return [Buffer.from(process.env.BODY ?? '', 'base64'), JSON.parse(process.env.HEADERS ?? '{}') as Record<string, string>];
}

function floorHandler(): http.RequestListener {
  const [body, headers] = floorAnswer();
  const fixed = { ...headers, 'content-length': String(body.length) };
  return (_req, res) => {
    res.writeHead(200, fixed).end(body);
  };
}

/** In the child: serve, say the port, and answer CPU-time questions. */
function serve(side: string): void {
  const server = side === 'floor' ? createBareNodeServer(...floorAnswer()) : gatewayServer(side === 'floor-inside');
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
  });
  process.on('message', () => {
    process.send?.(process.cpuUsage());
  });
  process.once('disconnect', () => process.exit(0));
}

interface Child {
  process: ChildProcess;
  port: number;
  cpu(): Promise<NodeJS.CpuUsage>;
}

function startChild(side: string, env: Record<string, string> = {}): Promise<Child> {
  // e.g. LANE_COST_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to see where the time goes.
  const execArgv = (process.env.LANE_COST_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = fork(__filename, [`--serve=${side}`], { env: { ...process.env, ...env }, execArgv });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (message: { port: number }) => {
      resolve({
        process: child,
        port: message.port,
        cpu: () =>
          new Promise((answer) => {
            child.once('message', answer);
            child.send('cpu');
          }),
      });
    });
  });
}

function get(port: number): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: LANE_PATH, headers: { authorization: AUTHORIZATION } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .once('error', reject);
  });
}

/** The floor side's environment: the body and headers the lane on `port` answered with. */
async function answerOf(port: number): Promise<Record<string, string>> {
  const sample = await get(port);
  if (sample.status !== 200) throw new Error(`lane answered ${sample.status}`);
  const headers: Record<string, string> = {};
  for (const name of ['content-type', 'etag', 'x-request-id', 'x-content-type-options', 'vary']) headers[name] = String(sample.headers[name]);
  return { BODY: sample.body.toString('base64'), HEADERS: JSON.stringify(headers) };
}

/** answerOf a lane side started for the purpose (bench/lane-instructions.ts runs its own sides). */
export async function floorAnswerOf(): Promise<Record<string, string>> {
  const lane = await startChild('lane');
  try {
    return await answerOf(lane.port);
  } finally {
    lane.process.disconnect();
  }
}

interface Round {
  /** User + system CPU time per request, in µs. */
  cpuUsPerRequest: number;
  userUsPerRequest: number;
  rps: number;
}

async function round(child: Child, requests: number): Promise<Round> {
  const before = await child.cpu();
  const result = await autocannon({
    url: `http://127.0.0.1:${child.port}${LANE_PATH}`,
    headers: { authorization: AUTHORIZATION },
    connections: CONNECTIONS,
    amount: requests,
  });
  const after = await child.cpu();
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors`);
  const n = result.requests.total;
  const user = after.user - before.user;
  return { cpuUsPerRequest: (user + after.system - before.system) / n, userUsPerRequest: user / n, rps: result.requests.average };
}

async function main(): Promise<void> {
  const requests = Number(process.argv[2] ?? 100_000);
  const rounds = Number(process.argv[3] ?? 3);
  const lane = await startChild('lane');
  const answer = await answerOf(lane.port);
  const floor = await startChild('floor', answer);
  const inside = await startChild('floor-inside', answer);
  const sides = [['lane', lane], ['floor', floor], ['floor-inside', inside]] as const;
  // A running gateway answers some requests through express (health checks, misses, writes),
  // and what V8 makes of node's HTTP code depends on every request it has seen: so does this one.
  for (const [, child] of sides) await autocannon({ url: `http://127.0.0.1:${child.port}/healthz`, connections: 4, amount: EXPRESS_REQUESTS });
  // Warm every side (JIT, young generation) before anything is counted.
  for (const [, child] of sides) await round(child, requests / 4);
  const best = { lane: Infinity, floor: Infinity, 'floor-inside': Infinity };
  for (let i = 0; i < rounds; i++) {
    for (const [name, child] of sides) {
      const r = await round(child, requests);
      best[name] = Math.min(best[name], r.cpuUsPerRequest);
      process.stdout.write(`${name}: ${r.cpuUsPerRequest.toFixed(1)} µs CPU/request (${r.userUsPerRequest.toFixed(1)} µs user), ${Math.round(r.rps)} req/s\n`);
    }
  }
  process.stdout.write(
    `best: lane ${best.lane.toFixed(1)} µs, floor ${best.floor.toFixed(1)} µs, floor ÷ lane ${(best.floor / best.lane).toFixed(2)}; ` +
      `the floor's handler inside the gateway's process ${best['floor-inside'].toFixed(1)} µs\n`,
  );
  for (const [, child] of sides) child.process.disconnect();
}

const side = process.argv.find((a) => a.startsWith('--serve='))?.slice('--serve='.length);
if (side !== undefined) serve(side);
else if (require.main === module)
  main().catch((err: unknown) => {
    process.stderr.write(`lane-cost failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
