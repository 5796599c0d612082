/** Load generation and timed HTTP requests, the same for popgate and its baselines. */
import * as http from 'node:http';
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  /** Paths cycled through by every connection (one path: the same request over and over). */
  paths: string[];
  headers?: Record<string, string>;
  connections: number;
  durationS: number;
  /** The server's CPU clock (see ServerUnderTest.cpuSeconds), read before and after the run. */
  cpuSeconds?: () => Promise<number>;
}

export interface LoadResult {
  /** Completed requests per second over the whole run. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Connection errors and timeouts. */
  errors: number;
  timeouts: number;
  /** Answers other than 2xx. */
  non2xx: number;
  /** CPU time the server under test spent per request, in microseconds (when `cpuSeconds` was given). */
  cpuUsPerRequest: number;
}

/** Runs autocannon against `url` and summarizes the result. */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const cpuBefore = (await opts.cpuSeconds?.()) ?? 0;
  const result = await autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: opts.durationS,
    headers: opts.headers,
    requests: opts.paths.map((path) => ({ method: 'GET', path })),
    timeout: 30,
  });
  const requests = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  const cpu = opts.cpuSeconds ? (await opts.cpuSeconds()) - cpuBefore : NaN;
  return {
    cpuUsPerRequest: (cpu * 1e6) / Math.max(requests, 1),
    rps: requests / (result.duration || opts.durationS),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

export interface TimedResponse {
  status: number;
  bytes: number;
  /** From sending the request to the last byte of the body. */
  ms: number;
  body?: Buffer;
  /** With the body: the response's headers. */
  headers?: http.IncomingHttpHeaders;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

/**
 * One GET, timed to its last byte. The body is counted and dropped unless `keepBody`
 * (a 50 MB body is never held). Rejects on a network error, never on a status.
 */
export function timedGet(url: string, headers: Record<string, string>, keepBody = false): Promise<TimedResponse> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.get(url, { headers, agent }, (res) => {
      let bytes = 0;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (keepBody) chunks.push(chunk);
      });
      res.once('error', reject);
      res.once('end', () => {
        resolve({
          status: res.statusCode ?? 0,
          bytes,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          body: keepBody ? Buffer.concat(chunks) : undefined,
          headers: keepBody ? res.headers : undefined,
        });
      });
    });
    req.once('error', reject);
  });
}

/** The GET's body as JSON; throws unless the status is 200. */
export async function getJson<T>(url: string, headers: Record<string, string>): Promise<T> {
  const res = await timedGet(url, headers, true);
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${res.body?.toString('utf8').slice(0, 300)}`);
  return JSON.parse(res.body!.toString('utf8')) as T;
}

/** POSTs `body` as JSON and returns the answer's JSON; throws unless the status is 201. */
export function postJson<T>(url: string, headers: Record<string, string>, body: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('error', reject);
      res.once('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 201) reject(new Error(`POST ${url}: ${res.statusCode} ${text.slice(0, 300)}`));
        else resolve(JSON.parse(text) as T);
      });
    });
    req.once('error', reject);
    req.end(JSON.stringify(body));
  });
}

export function basicAuth(user: string, password: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
}

/** Closes the keep-alive sockets timedGet opened, so the process can exit. */
export function closeConnections(): void {
  agent.destroy();
}
