import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { HttpMetrics, HttpRequestSample } from '../http/request-bookkeeping';
import { RequestDurations } from './request-durations';
import type { PopgateEvent } from '../events/event';
import type { PollMetrics, PollOutcome } from '../events/poller';
import type { QueueStats, QueueStatsSource } from '../queues/queue-stats';
import {
  MessageTooLargeError,
  Pop3ArgumentError,
  Pop3AuthError,
  Pop3ConnectionError,
  Pop3Error,
  Pop3ProtocolError,
  Pop3ServerError,
  Pop3TimeoutError,
} from '../pop3/errors';

/** The pool figures /metrics reports, read at scrape time. */
export type PoolStatsSource = () => { idle: number; busy: number; waiting: number; mailboxes: number };

/**
 * Every metric popgate exports, on a registry of its own (so tests and several apps in one
 * process don't collide). Labels never carry user names, ids or credentials.
 */
export class Metrics implements HttpMetrics, PollMetrics {
  readonly registry = new Registry();

  /** Counted in plain numbers, handed to the registry at scrape time (see RequestDurations). */
  readonly httpDuration = new RequestDurations(
    'popgate_http_request_duration_seconds',
    'HTTP request duration by route and status',
    [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    this.registry,
  );

  readonly pop3Duration = new Histogram({
    name: 'popgate_pop3_command_duration_seconds',
    help: 'POP3 command duration by command and outcome (ok = +OK, err = -ERR, failed = timeout/protocol error)',
    labelNames: ['command', 'outcome'] as const,
    buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
    registers: [this.registry],
  });

  readonly upstreamErrors = new Counter({
    name: 'popgate_upstream_errors_total',
    help: 'Upstream failures by kind and RFC 2449/3206 response code',
    labelNames: ['kind', 'resp_code'] as const,
    registers: [this.registry],
  });

  readonly cacheLookups = new Counter({
    name: 'popgate_cache_lookups_total',
    help: 'Cache lookups by outcome (hit, miss, error)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly poolWait = new Histogram({
    name: 'popgate_pool_wait_seconds',
    help: 'Time a request waited for a POP3 session',
    buckets: [0.001, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
    registers: [this.registry],
  });

  readonly webhookDeliveries = new Counter({
    name: 'popgate_webhook_deliveries_total',
    help: 'Webhook delivery attempts by outcome (delivered, retrying, failed = out of attempts, disabled = 410 Gone, dropped = webhook deleted or disabled)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly webhookDeliveryDuration = new Histogram({
    name: 'popgate_webhook_delivery_duration_seconds',
    help: 'Time from sending a webhook delivery to its answer (or failure)',
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly polls = new Counter({
    name: 'popgate_polls_total',
    help: 'Polls of registered accounts by outcome (ok, failed, disabled, gone)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly pollDuration = new Histogram({
    name: 'popgate_poll_duration_seconds',
    help: 'Time one poll of an account took, login to QUIT',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  readonly pollErrors = new Counter({
    name: 'popgate_poll_errors_total',
    help: 'Failed polls by problem code (unauthorized, upstream_unavailable, upstream_timeout, …)',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  readonly events = new Counter({
    name: 'popgate_events_total',
    help: 'Events recorded by this instance, by type',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });

  /** Work queues (polls, webhook deliveries) read at scrape time, by queue name. */
  private readonly queues = new Map<string, QueueStatsSource>();

  constructor(poolStats?: PoolStatsSource) {
    const queues = this.queues;
    const readQueues = async (): Promise<Array<[string, QueueStats]>> =>
      Promise.all([...queues].map(async ([name, source]) => [name, await source().catch(() => ({ depth: NaN, oldestWaitingS: NaN }))] as [string, QueueStats]));
    new Gauge({
      name: 'popgate_queue_depth',
      help: 'Jobs not finished, by queue: due and waiting for a worker, or waiting for their (retry) time',
      labelNames: ['queue'] as const,
      registers: [this.registry],
      async collect() {
        for (const [queue, stats] of await readQueues()) this.set({ queue }, stats.depth);
      },
    });
    new Gauge({
      name: 'popgate_queue_oldest_waiting_seconds',
      help: 'How long the oldest due job of each queue has waited for a worker',
      labelNames: ['queue'] as const,
      registers: [this.registry],
      async collect() {
        for (const [queue, stats] of await readQueues()) this.set({ queue }, stats.oldestWaitingS);
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'popgate_' });
    if (poolStats) {
      new Gauge({
        name: 'popgate_pool_sessions',
        help: 'POP3 sessions of this instance by state (idle, busy, waiting requests)',
        labelNames: ['state'] as const,
        registers: [this.registry],
        collect() {
          const s = poolStats();
          this.set({ state: 'idle' }, s.idle);
          this.set({ state: 'busy' }, s.busy);
          this.set({ state: 'waiting' }, s.waiting);
        },
      });
    }
  }

  observeDelivery = (outcome: string, durationMs?: number): void => {
    this.webhookDeliveries.inc({ outcome });
    if (durationMs !== undefined) this.webhookDeliveryDuration.observe(durationMs / 1000);
  };

  /** Reports a work queue's depth and oldest waiting job (both the BullMQ and the in-process queues have a source). */
  watchQueue(queue: string, source: QueueStatsSource): void {
    this.queues.set(queue, source);
  }

  observePoll(outcome: PollOutcome, seconds: number, errorCode?: string): void {
    this.polls.inc({ outcome });
    this.pollDuration.observe(seconds);
    if (errorCode !== undefined) this.pollErrors.inc({ code: errorCode });
  }

  observeEvents(events: readonly PopgateEvent[]): void {
    for (const event of events) this.events.inc({ type: event.type });
  }

  observePop3 = (command: string, outcome: 'ok' | 'err' | 'failed', ms: number): void => {
    this.pop3Duration.observe({ command, outcome }, ms / 1000);
  };

  observeRequest(sample: HttpRequestSample): void {
    this.httpDuration.observe(sample.method, sample.route, sample.status, sample.durationSeconds);
  }

  /** GET /metrics: Prometheus text. */
  handler: RequestHandler = (_req, res, next) => {
    this.registry
      .metrics()
      .then((text) => res.type(this.registry.contentType).send(text))
      .catch(next);
  };

  observeCache = (outcome: 'hit' | 'miss' | 'error'): void => {
    this.cacheLookups.inc({ outcome });
  };

  /** A failed request: counted when the upstream caused it; anything else (our own limits, bad ids) is ignored. */
  observeFailure(err: unknown): void {
    const kind = upstreamFailureKind(err);
    if (kind === null) return;
    const code = (err as { respCode?: string }).respCode;
    this.upstreamErrors.inc({ kind, resp_code: responseCodeLabel(code) });
  }
}

/** RFC 2449 / 3206 / 8314 codes reported by name; any other server-chosen code is `other`, keeping the label set bounded. */
const KNOWN_RESPONSE_CODES = new Set(['IN-USE', 'LOGIN-DELAY', 'SYS/TEMP', 'SYS/PERM', 'AUTH', 'UTF8']);

function responseCodeLabel(code: string | undefined): string {
  if (code === undefined || code === '') return 'none';
  const upper = code.toUpperCase();
  return KNOWN_RESPONSE_CODES.has(upper) ? upper : 'other';
}

function upstreamFailureKind(err: unknown): 'auth' | 'server' | 'connection' | 'protocol' | 'timeout' | null {
  if (!(err instanceof Pop3Error) || err instanceof Pop3ArgumentError || err instanceof MessageTooLargeError) return null;
  if (err instanceof Pop3AuthError) return 'auth';
  if (err instanceof Pop3ServerError) return 'server';
  if (err instanceof Pop3ConnectionError) return 'connection';
  if (err instanceof Pop3TimeoutError) return 'timeout';
  if (err instanceof Pop3ProtocolError) return 'protocol';
  return null;
}
