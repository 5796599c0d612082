/**
 * Polling against a real server: the gateway's resources and accounts registry (as the HTTP
 * app builds them), a Poller on them, and an event log that remembers every append attempt —
 * so a test can tell "recorded once" from "appended twice and deduplicated".
 */
import { randomBytes } from 'node:crypto';
import type { AccountRegistry } from '../../src/accounts/account-registry';
import type { PopgateEvent, RecordedEvent } from '../../src/events/event';
import type { EventLog, EventPage, EventQuery } from '../../src/events/event-log';
import { MemoryEventLog } from '../../src/events/memory-event-log';
import { Poller, type PollerDeps } from '../../src/events/poller';
import type { Polling } from '../../src/events/polling';
import { startPolling, type PollingSettings } from '../../src/events/start-polling';
import type { NewAccount } from '../../src/models/account';
import type { DovecotServer } from './dovecot';
import { httpAppFor, type HttpApp, type HttpAppOptions } from './http-app';

export const ADMIN = 'admin-token-for-poll-tests';

/** An EventLog (memory, or any other) that also keeps every event it was asked to append. */
export class RecordingLog implements EventLog {
  readonly attempts: PopgateEvent[] = [];

  constructor(readonly inner: EventLog = new MemoryEventLog(1_000_000)) {}

  append(events: readonly PopgateEvent[]): Promise<RecordedEvent[]> {
    this.attempts.push(...events);
    return this.inner.append(events);
  }
  page(query: EventQuery): Promise<EventPage> {
    return this.inner.page(query);
  }
  head(): Promise<string> {
    return this.inner.head();
  }
  subscribe(listener: (event: RecordedEvent) => void): () => void {
    return this.inner.subscribe(listener);
  }
  close(): Promise<void> {
    return this.inner.close();
  }

  /** Every recorded event, in order. */
  async all(filter: Omit<EventQuery, 'limit' | 'after'> = {}): Promise<RecordedEvent[]> {
    return (await this.inner.page({ ...filter, limit: 1_000_000 })).items;
  }
}

export interface PollRig {
  gw: HttpApp;
  registry: AccountRegistry;
  log: RecordingLog;
  poller: Poller;
  close(): Promise<void>;
}

/** The HTTP app with accounts on, and a Poller on its resources writing to a RecordingLog. */
export function pollRig(
  upstream: Parameters<typeof httpAppFor>[0],
  options: HttpAppOptions & { poller?: Partial<PollerDeps>; log?: RecordingLog } = {},
): PollRig {
  const gw = httpAppFor(upstream, { accounts: { secret: randomBytes(32), adminTokens: [ADMIN] }, ...options });
  const registry = gw.accounts!;
  const log = options.log ?? new RecordingLog();
  const poller = new Poller({
    accounts: registry,
    sessions: gw.resources.pool,
    states: gw.resources.pollStates,
    log,
    consumeQueue: gw.resources.consumeQueue,
    mailboxChanged: (credentials) => gw.resources.service.mailboxChanged(credentials),
    metrics: gw.resources.metrics,
    logger: gw.logger,
    ...options.poller,
  });
  return { gw, registry, log, poller, close: () => gw.close() };
}

/** A registered account of a Dovecot user (not verified: some tests register wrong passwords on purpose). */
export function dovecotAccount(dovecot: Pick<DovecotServer, 'host' | 'pop3sPort'>, id: string, user: string, password: string, poll: NewAccount['poll'] = {}): NewAccount {
  return { id, pop3: { host: dovecot.host, port: dovecot.pop3sPort, user, password }, poll };
}

/** The HTTP app with accounts on and the poller running as src/server.ts starts it (short intervals for tests). */
export async function pollingGateway(
  upstream: Parameters<typeof httpAppFor>[0],
  options: HttpAppOptions & { polling?: PollingSettings; secret?: Buffer; eventLog?: EventLog } = {},
): Promise<HttpApp & { polling: Polling }> {
  const gw = httpAppFor(upstream, { accounts: { secret: options.secret ?? randomBytes(32), adminTokens: [ADMIN] }, ...options });
  // Instances of a test sharing one log, as instances share the Redis Stream.
  if (options.eventLog) gw.resources.eventLog = options.eventLog;
  const polling = await startPolling(gw.accounts!, gw.resources, { intervalMs: () => 300, redisUrl: options.redisUrl, logger: gw.logger, ...options.polling });
  await polling.started;
  return { ...gw, polling };
}
