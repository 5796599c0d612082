import * as http from 'node:http';
import * as https from 'node:https';
import type { LookupFunction } from 'node:net';
import { ForbiddenTargetError } from './errors';
import type { ResolvedAddress, TargetGuard } from './target-guard';
import { parseRetryAfter } from './retry-schedule';

/** What one POST to a receiver came to. */
export interface SendResult {
  /** The receiver's status, or null when none came. */
  status: number | null;
  durationMs: number;
  /** The receiver's Retry-After, in ms. */
  retryAfterMs?: number;
  /** Why no status came, or what the status means. */
  error?: string;
}

/** A receiver's answer body is read and thrown away, up to this much (then the connection is dropped). */
const MAX_ANSWER_BYTES = 64 * 1024;
/** Connections kept per receiver host: enough for hundreds of deliveries per second. */
const SOCKETS_PER_HOST = 128;

/**
 * POSTs one delivery. The host is checked by the TargetGuard before every attempt, and the
 * connection goes to exactly the address that passed (a `lookup` that answers with it), so a
 * DNS answer that changes after the check is never used. Connections are kept alive.
 */
export class WebhookSender {
  private readonly agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: SOCKETS_PER_HOST }),
    https: new https.Agent({ keepAlive: true, maxSockets: SOCKETS_PER_HOST }),
  };

  constructor(
    private readonly guard: TargetGuard,
    /** WEBHOOK_TIMEOUT_MS: the whole attempt, connection to last byte. */
    private readonly timeoutMs: number,
  ) {}

  async send(url: string, body: string, headers: Record<string, string>): Promise<SendResult> {
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    const target = new URL(url);
    let addresses: ResolvedAddress[] | null;
    try {
      addresses = await this.guard.check(target.hostname);
    } catch (err) {
      if (err instanceof ForbiddenTargetError) return { status: null, durationMs: elapsed(), error: err.message };
      throw err;
    }
    return new Promise<SendResult>((resolve) => {
      const secure = target.protocol === 'https:';
      const req = (secure ? https : http).request(target, {
        method: 'POST',
        agent: secure ? this.agents.https : this.agents.http,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'popgate-webhooks/1' },
        ...(addresses && { lookup: pinnedLookup(addresses) }),
      });
      const timer = setTimeout(() => req.destroy(new Error(`no answer within ${this.timeoutMs} ms (WEBHOOK_TIMEOUT_MS)`)), this.timeoutMs);
      const settle = (result: SendResult): void => {
        clearTimeout(timer);
        resolve(result);
      };
      req.on('error', (err: NodeJS.ErrnoException) => settle({ status: null, durationMs: elapsed(), error: err.code ? `${err.code}: ${err.message}` : err.message }));
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        const retryAfterMs = parseRetryAfter(res.headers['retry-after']);
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_ANSWER_BYTES) res.destroy();
        });
        const done = (): void =>
          settle({
            status,
            durationMs: elapsed(),
            ...(retryAfterMs !== undefined && { retryAfterMs }),
            ...((status < 200 || status > 299) && { error: `the receiver answered ${status}` }),
          });
        res.on('end', done);
        res.on('close', done);
      });
      req.end(body);
    });
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}

/** A `lookup` that answers with the checked addresses only. */
function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) (callback as unknown as (err: null, all: ResolvedAddress[]) => void)(null, [...addresses]);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  };
}
