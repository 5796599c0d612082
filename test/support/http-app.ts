/**
 * The full HTTP app (createGateway over createResources) pointed at a test upstream — the
 * FakePop3Server or a private Dovecot or Courier — for supertest. Logs go to an in-memory buffer so a
 * test can read every line the gateway wrote (and scan it for secrets).
 *
 * ```ts
 * const gw = httpAppFor(fake, { timeoutMs: 2000 });
 * await request(gw.app).get('/mailbox/stat').set('Authorization', basic('alice', 'pw')).expect(200);
 * expect(gw.logText()).not.toContain('pw');
 * await gw.close();
 * ```
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { AccountRegistry } from '../../src/accounts/account-registry';
import { pop3CredentialCheck } from '../../src/accounts/credential-check';
import { SecretBox } from '../../src/accounts/secret-box';
import type { CustomFetch } from 'openid-client';
import type { OAuthApps } from '../../src/config';
import { AccountTokenSources } from '../../src/oauth/account-token-sources';
import { RedisSharedTokens } from '../../src/oauth/redis-shared-tokens';
import { Onboarding, type OnboardingOptions } from '../../src/oauth/onboarding';
import { TokenRegistry } from '../../src/accounts/token-registry';
import { createGateway, type AppDeps } from '../../src/app';
import type { EventStreamOptions } from '../../src/http/events/event-stream';
import { answerMalformedRequests } from '../../src/http/gateway/malformed-requests';
import { createLogger } from '../../src/observability/logger';
import { createResources, type GatewayResources, type GatewaySettings } from '../../src/gateway-resources';
import { startWebhooks, type RunningWebhooks, type WebhooksOptions } from '../../src/webhooks/webhooks';
import { dovecotConnectOptions, type ImplicitTlsServer } from './dovecot-client';
import { FakePop3Server } from './fake-pop3-server';

export interface HttpAppOptions {
  /** POP3_TIMEOUT_MS; generous by default, for a busy machine. A test that wants a timeout sets its own. */
  timeoutMs?: number;
  pool?: Partial<GatewaySettings['pool']>;
  redisUrl?: string;
  cacheTtlS?: number;
  /** AUTH_FAILURE_LIMIT */
  authFailureLimit?: number;
  maxMessageBytes?: number;
  /** Replaces fields of the upstream connection (e.g. a wrong `servername` or `ca`). */
  upstream?: Partial<GatewaySettings['upstream']>;
  /** POP3_AUTH (default `auto`; `user` makes USER/PASS visible to FakePop3Server hooks). */
  auth?: GatewaySettings['auth'];
  /** How callers authenticate (default multi-mailbox: Basic credentials per request). */
  callerAuth?: AppDeps['auth'];
  /** pino level of the captured log (default `debug`, so every line that could leak is written). */
  logLevel?: string;
  /** The accounts API: POPGATE_SECRET (and the previous one) and ADMIN_TOKENS; absent, it answers 503. */
  accounts?: { secret?: Buffer; previousSecret?: Buffer; adminTokens: string[]; oauth?: AccountOAuthOptions };
  /** EVENT_RETENTION (default 100000). */
  eventRetention?: number;
  /** `/events/stream` heartbeat and slow-client limits. */
  eventStream?: Partial<EventStreamOptions>;
  /**
   * Webhooks run where accounts do (a secret is given). Defaults: private targets allowed (test
   * receivers listen on loopback), WEBHOOK_TIMEOUT_MS 5000, the default retry schedule.
   * `log` replaces the resources' own event log (several instances sharing one, as with Redis).
   */
  webhooks?: Partial<Pick<WebhooksOptions, 'allowPrivate' | 'resolver' | 'schedule' | 'timeoutMs' | 'dispatchTickMs' | 'lockDurationMs' | 'stalledIntervalMs' | 'concurrency' | 'log'>>;
}

/** OAuth2 accounts: how the token endpoint is reached (the fake's fetch), the gateway's own apps, the token clock. */
export interface AccountOAuthOptions {
  fetch: CustomFetch;
  apps?: OAuthApps;
  now?: () => number;
  /** GET /oauth2/authorize and /oauth2/callback with these apps (the fake authorization server's endpoints). */
  onboarding?: { redirectUrl: string; apps: OnboardingOptions['apps'] };
}

export interface HttpApp {
  /**
   * What src/server.ts serves: the fast lane for cached reads, then the express app, in a server
   * (not listening; supertest starts it) built as src/server.ts builds its own.
   */
  app: http.Server;
  /** The express app alone (no fast lane), to compare the lane's answers with the routes'. */
  expressApp: http.RequestListener;
  resources: GatewayResources;
  /** Webhooks, running (null without an accounts secret). */
  webhooks: RunningWebhooks | null;
  /** The accounts registry behind /accounts; null without `accounts.secret`. */
  accounts: AccountRegistry | null;
  /** Every log line written so far, as pino wrote it (JSON). */
  logLines: string[];
  logText(): string;
  logger: Logger;
  /** Ends every open `/events/stream` response, as a shutting-down server does. */
  endStreams(): void;
  /** Closes the resources (pool: QUIT every session; Redis). Safe to call twice. */
  close(): Promise<void>;
}

/** A pino logger writing into `lines`. */
export function capturingLogger(level = 'debug'): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      lines.push(...chunk.toString().split('\n').filter((line) => line !== ''));
      callback();
    },
  });
  return { logger: createLogger(level, sink), lines };
}

/** The upstream settings that reach `target` with its certificate trusted. */
export function upstreamFor(target: FakePop3Server | ImplicitTlsServer, timeoutMs: number, maxMessageBytes: number): GatewaySettings['upstream'] {
  if (target instanceof FakePop3Server) {
    const mode = target.options.tls ?? true;
    return {
      host: target.host,
      port: target.port,
      tls: mode === true ? 'implicit' : mode === 'starttls' ? 'starttls' : 'none',
      allowPlaintext: mode === false,
      ca: target.caPem ?? undefined,
      servername: 'localhost',
      timeoutMs,
      maxMessageBytes,
    };
  }
  return dovecotConnectOptions(target, timeoutMs, maxMessageBytes);
}

/** Makes another server like each gateway server in `HttpApp.app` (HttpGateway.createServer). */
const serverMakers = new WeakMap<http.Server, () => http.Server>();

/** Resources + app against `target`; multi-mailbox mode (Basic credentials per request) unless `callerAuth` says otherwise. */
export function httpAppFor(target: FakePop3Server | ImplicitTlsServer, options: HttpAppOptions = {}): HttpApp {
  const { logger, lines } = capturingLogger(options.logLevel ?? 'debug');
  const timeoutMs = options.timeoutMs ?? 5000;
  const resources = createResources(
    {
      upstream: { ...upstreamFor(target, timeoutMs, options.maxMessageBytes ?? 100 * 1024 * 1024), ...options.upstream },
      auth: options.auth ?? 'auto',
      cacheTtlS: options.cacheTtlS ?? 30,
      redisUrl: options.redisUrl,
      pool: { maxPerMailbox: 2, maxTotal: 100, maxAgeMs: 30_000, idleMs: 60_000, ...options.pool },
      events: options.eventRetention === undefined ? undefined : { retention: options.eventRetention },
    },
    logger,
  );
  const upstream = upstreamFor(target, timeoutMs, options.maxMessageBytes ?? 100 * 1024 * 1024);
  const accounts = options.accounts?.secret ? accountRegistryFor(resources, upstream, options.accounts, timeoutMs) : null;
  const consent = options.accounts?.oauth?.onboarding;
  const onboarding = accounts && consent
    ? new Onboarding({ registry: accounts, box: new SecretBox(options.accounts!.secret!, options.accounts!.previousSecret), redirectUrl: consent.redirectUrl, apps: consent.apps, timeoutMs, fetch: options.accounts!.oauth!.fetch, now: options.accounts!.oauth!.now })
    : null;
  const webhooks = options.accounts?.secret
    ? startWebhooks({
        redisUrl: options.redisUrl,
        store: resources.webhookStore,
        box: new SecretBox(options.accounts.secret, options.accounts.previousSecret),
        accounts: resources.accountStore,
        log: resources.eventLog,
        consumeQueue: resources.consumeQueue,
        timeoutMs: 5000,
        allowPrivate: true,
        observer: { delivery: resources.metrics.observeDelivery },
        logger,
        ...options.webhooks,
      })
    : null;
  if (webhooks) {
    resources.metrics.watchQueue('deliveries', () => webhooks.stats());
    resources.readiness.watchQueue('deliveries', () => webhooks.stats());
  }
  const gateway = createGateway({
    service: resources.service,
    accounts,
    tokens: accounts ? new TokenRegistry(resources.tokenStore, resources.accountStore, resources.accessChanges) : null,
    accessChanges: resources.accessChanges,
    events: accounts ? resources.eventLog : null,
    eventStream: options.eventStream,
    onboarding,
    webhooks: webhooks?.registry ?? null,
    adminTokens: options.accounts?.adminTokens,
    auth: options.callerAuth ?? { mode: 'multi' },
    authFailureLimit: options.authFailureLimit ?? 10,
    readiness: () => resources.readiness.check(),
    logger,
    metrics: resources.metrics,
  });
  let closing: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    await webhooks?.close();
    await resources.close();
  };
  const app = gateway.createServer();
  serverMakers.set(app, gateway.createServer);
  return { app, expressApp: gateway.app, endStreams: gateway.endStreams, resources, accounts, webhooks, logLines: lines, logText: () => lines.join('\n'), logger, close: () => (closing ??= close()) };
}

function accountRegistryFor(
  resources: GatewayResources,
  upstream: GatewaySettings['upstream'],
  options: NonNullable<HttpAppOptions['accounts']>,
  timeoutMs: number,
): AccountRegistry {
  const box = new SecretBox(options.secret!, options.previousSecret);
  const oauth = new AccountTokenSources({
    timeoutMs,
    fetch: options.oauth?.fetch,
    now: options.oauth?.now,
    shared: resources.storeConnection ? new RedisSharedTokens(resources.storeConnection, box) : null,
    apps: options.oauth?.apps ?? { gmail: null, outlook: null, redirectUrl: null },
  });
  const check = pop3CredentialCheck({ ca: upstream.ca, allowPlaintext: upstream.allowPlaintext, timeoutMs, maxMessageBytes: upstream.maxMessageBytes });
  return new AccountRegistry(resources.accountStore, box, check, { allowPlaintext: false, changes: resources.accessChanges, oauth, pollStates: resources.pollStates });
}

/** What a client saw of one response, including whether the body was cut short. */
export interface StreamedResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** True when the body ended normally; false when the connection was cut mid-body. */
  complete: boolean;
}

/** The app listening on a free loopback port, for tests that need to see a body being cut. */
export async function listening(app: http.Server | http.RequestListener): Promise<{ port: number; server: http.Server; close(): Promise<void> }> {
  let server: http.Server;
  // A gateway's server gets a sibling (supertest may be holding the first); a bare listener a server of its own.
  if (app instanceof http.Server) server = serverMakers.get(app)!();
  else {
    server = http.createServer(app);
    answerMalformedRequests(server); // as the gateway's servers do
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** GET over a real socket, keeping whatever arrived when the server cuts the body. */
export function streamGet(port: number, path: string, headers: Record<string, string> = {}): Promise<StreamedResponse> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      let settled = false;
      const finish = (complete: boolean): void => {
        if (settled) return;
        settled = true;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), complete });
      };
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => finish(res.complete));
      res.on('error', () => finish(false));
      res.on('close', () => finish(res.complete && res.readableEnded));
    });
    req.on('error', reject);
  });
}
