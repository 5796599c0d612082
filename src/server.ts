import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { createGateway, type AppDeps } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { demoAdminToken, registerDemoAccount, startDemo, startDemoArrivals } from './demo';
import { createLogger } from './observability/logger';
import { AccountRegistry } from './accounts/account-registry';
import { pop3CredentialCheck } from './accounts/credential-check';
import { SecretBox } from './accounts/secret-box';
import { TokenRegistry } from './accounts/token-registry';
import { startPolling } from './events/start-polling';
import { createResources, type GatewayResources, type GatewaySettings } from './gateway-resources';
import { singleMailboxTokenSource } from './oauth/single-mailbox';
import { AccountTokenSources } from './oauth/account-token-sources';
import { RedisSharedTokens } from './oauth/redis-shared-tokens';
import { Onboarding, onboardingApps } from './oauth/onboarding';
import type { Pop3Credentials } from './pop3/types';
import { startWebhooks, type RunningWebhooks } from './webhooks/webhooks';

export interface RunningGateway {
  server: Server;
  /** The port actually bound (PORT=0 picks a free one). */
  port: number;
  /** Stop accepting, finish in-flight requests, QUIT every POP3 session, close Redis. */
  close(): Promise<void>;
}

/** How long in-flight requests may take to finish after SIGTERM before they are cut. */
const SHUTDOWN_GRACE_MS = 60_000;
/** While draining, how often connections whose last response ended are closed. */
const IDLE_SWEEP_MS = 100;

/** config -> resources -> app -> listen. Closes, in reverse order, exactly what it opened. */
export async function startGateway(config: Config, logger: Logger = createLogger(config.logLevel)): Promise<RunningGateway> {
  for (const warning of config.warnings) logger.warn(warning);

  const demo = config.mode === 'demo' ? await startDemo() : null;
  const upstream: GatewaySettings['upstream'] = demo
    ? { host: demo.server.host, port: demo.server.port, tls: 'implicit', ca: demo.caPem, servername: 'localhost', timeoutMs: config.pop3.timeoutMs, maxMessageBytes: config.limits.maxMessageBytes }
    : {
        host: config.pop3.host!,
        port: config.pop3.port,
        tls: config.pop3.tls,
        allowPlaintext: config.pop3.allowPlaintext,
        ca: config.pop3.ca ?? undefined,
        servername: config.pop3.servername ?? undefined,
        rejectUnauthorized: !config.pop3.tlsInsecure,
        timeoutMs: config.pop3.timeoutMs,
        maxMessageBytes: config.limits.maxMessageBytes,
      };

  const resources = createResources(
    {
      upstream,
      auth: config.pop3.auth,
      pool: { maxPerMailbox: config.pool.maxPerMailbox, maxTotal: config.pool.maxTotal, maxAgeMs: config.pool.sessionMaxAgeMs, idleMs: config.pool.idleMs },
      redisUrl: config.cache.redisUrl ?? undefined,
      cacheTtlS: config.cache.ttlSeconds,
      events: { retention: config.events.retention },
    },
    logger,
  );

  const auth: AppDeps['auth'] = config.single
    ? {
        mode: 'single',
        credentials: singleMailboxCredentials(config, config.single, resources, logger),
        apiTokens: [...config.single.apiTokens],
      }
    : { mode: 'multi' };
  // Demo mode shows registered accounts and events too: without POPGATE_SECRET it seals the demo
  // account with a secret of this run, and it makes an admin token of this run.
  const adminToken = demo ? demoAdminToken() : null;
  const adminTokens = adminToken ? [...config.accounts.adminTokens, adminToken] : config.accounts.adminTokens;
  const secret = config.accounts.secret ?? (demo ? randomBytes(32) : null);
  const docsBanner = demo
    ? `Demo mode: a bundled POP3 server with sample messages is running on ${upstream.host}:${upstream.port}. Click "Authorize" and log in with user demo, password demo. ` +
      `It is also registered as account "demo", polled every 10 seconds, and receives a new message every ${config.demo.mailEveryS} seconds: ` +
      `authorize with the bearer token ${adminToken} (every scope, this run only) for /accounts and the events.`
    : undefined;

  const accounts = accountRegistry(config, secret, resources, upstream, logger);
  if (demo && accounts) {
    // The demo account is a convenience: a store that is away (REDIS_URL down) must not stop the start.
    await registerDemoAccount(accounts, demo).catch((err: unknown) =>
      logger.warn({ err: (err as Error).message }, 'demo mode: could not register account "demo" (is Redis reachable?); the rest of the gateway runs'),
    );
  }
  // Polling watches registered accounts: it runs where they exist (POPGATE_SECRET set, or demo mode).
  if (accounts) await startPolling(accounts, resources, { redisUrl: config.cache.redisUrl ?? undefined, logger });
  const arrivals = demo && config.demo.mailEveryS > 0 ? startDemoArrivals(demo.server, config.demo.mailEveryS * 1000) : null;
  const onboarding = accounts && config.oauthApps.redirectUrl !== null && config.accounts.secret
    ? new Onboarding({
        registry: accounts,
        box: new SecretBox(config.accounts.secret, config.accounts.previousSecret ?? undefined),
        redirectUrl: config.oauthApps.redirectUrl,
        apps: onboardingApps(config.oauthApps),
        timeoutMs: config.pop3.timeoutMs,
      })
    : null;
  // Webhooks deliver events of registered accounts: they exist only where accounts do.
  const webhooks = accounts && secret ? webhooksFor(config, secret, resources, logger) : null;
  const gateway = createGateway({
    service: resources.service,
    accounts,
    // pgt_ tokens reach accounts: they exist only where accounts do.
    tokens: accounts ? new TokenRegistry(resources.tokenStore, resources.accountStore, resources.accessChanges) : null,
    accessChanges: resources.accessChanges,
    // Events are about registered accounts: without them, /events answers 503 like /accounts.
    events: accounts ? resources.eventLog : null,
    onboarding,
    webhooks: webhooks?.registry ?? null,
    adminTokens,
    auth,
    authFailureLimit: config.limits.authFailureLimit,
    readiness: () => resources.readiness.check(),
    docsBanner,
    logger,
    metrics: resources.metrics,
    trustProxy: config.http.trustProxyHops > 0 ? config.http.trustProxyHops : false,
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const s = gateway.createServer().listen(config.http.port, config.http.host, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  logger.info(
    { mode: config.mode, port, upstream: `${upstream.host}:${upstream.port}`, cache: config.cache.redisUrl ? 'redis' : 'in-process' },
    demo ? `popgate listening on http://localhost:${port} (demo mode: user demo, password demo; Swagger UI at /docs)` : `popgate listening on http://localhost:${port}`,
  );
  if (demo) {
    logger.info(
      { account: 'demo' },
      `demo mode: the bundled mailbox is registered as account "demo" and polled every 10 s; a new message arrives every ${config.demo.mailEveryS} s. ` +
        `Admin token for this run (every scope): ${adminToken} — try: curl -N -H "Authorization: Bearer ${adminToken}" http://localhost:${port}/events/stream`,
    );
  }

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Event streams never finish on their own: end them, and their clients reconnect elsewhere.
      gateway.endStreams();
      // Logged once the listener is closed, so whoever reads this line finds new connections refused.
      logger.info('shutting down: finishing in-flight requests');
      // A keep-alive connection goes idle when its last response ends, and would then hold the
      // exit for keepAliveTimeout: tell clients, and close such connections as they go idle.
      server.prependListener('request', (_req, res) => {
        if (!res.headersSent) res.setHeader('Connection', 'close');
      });
      const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
      const cut = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await drained;
      clearInterval(sweep);
      clearTimeout(cut);
      await webhooks?.close();
      arrivals?.stop();
      await resources.close();
      await demo?.server.close();
      logger.info('shutdown complete');
    })());

  return { server, port, close };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`popgate: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const gateway = await startGateway(config);
  const stop = (): void => {
    gateway.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (require.main === module) void main();

/**
 * The configured mailbox's credentials. With POP3_OAUTH_*, a token source: with Redis and
 * POPGATE_SECRET its access token is shared by every instance and a rotated refresh token kept.
 */
function singleMailboxCredentials(config: Config, single: NonNullable<Config['single']>, resources: GatewayResources, logger: Logger): Pop3Credentials {
  if (!single.oauth) return { user: single.user, password: single.password ?? undefined, accessToken: single.accessToken ?? undefined };
  const { secret, previousSecret } = config.accounts;
  const store = resources.storeConnection && secret ? { redis: resources.storeConnection, box: new SecretBox(secret, previousSecret ?? undefined) } : null;
  logger.info({ provider: single.oauth.client.provider, grant: single.oauth.client.grant, shared: store !== null }, 'single mailbox logs in with OAuth2: popgate keeps its access token');
  const oauth = singleMailboxTokenSource(single.oauth, single.user, {
    timeoutMs: config.pop3.timeoutMs,
    store,
    onKeepFailed: (err) => logger.warn({ err: (err as Error).message }, 'the rotated OAuth2 refresh token could not be stored in Redis; this process keeps using it'),
  });
  return { user: single.user, oauth };
}

/**
 * The accounts API's registry, or null without POPGATE_SECRET. Accounts' own servers get the
 * gateway's trust settings (POP3_CA_FILE, POP3_TLS_INSECURE), timeout and plaintext rule.
 */
function accountRegistry(config: Config, secret: Buffer | null, resources: GatewayResources, upstream: GatewaySettings['upstream'], logger: Logger): AccountRegistry | null {
  const { previousSecret } = config.accounts;
  if (secret === null) {
    logger.info('registered accounts are off: set POPGATE_SECRET to use /accounts');
    return null;
  }
  if (config.cache.redisUrl === null) logger.warn('registered accounts are kept in this process only: they will not survive a restart (set REDIS_URL)');
  const check = pop3CredentialCheck({
    ca: upstream.ca,
    rejectUnauthorized: upstream.rejectUnauthorized,
    allowPlaintext: config.pop3.allowPlaintext,
    timeoutMs: config.pop3.timeoutMs,
    maxMessageBytes: config.limits.maxMessageBytes,
    onCommand: resources.metrics.observePop3,
  });
  const box = new SecretBox(secret, previousSecret ?? undefined);
  const oauth = new AccountTokenSources({
    timeoutMs: config.pop3.timeoutMs,
    shared: resources.storeConnection ? new RedisSharedTokens(resources.storeConnection, box) : null,
    apps: config.oauthApps,
  });
  return new AccountRegistry(resources.accountStore, box, check, {
    allowPlaintext: config.pop3.allowPlaintext,
    changes: resources.accessChanges,
    oauth,
    pollIntervalS: config.events.pollIntervalS,
    pollStates: resources.pollStates,
  });
}

/** Webhooks: dispatch, delivery queue and worker, reported in /metrics and /readyz. */
function webhooksFor(config: Config, secret: Buffer, resources: GatewayResources, logger: Logger): RunningWebhooks {
  const webhooks = startWebhooks({
    redisUrl: config.cache.redisUrl ?? undefined,
    store: resources.webhookStore,
    box: new SecretBox(secret, config.accounts.previousSecret ?? undefined),
    accounts: resources.accountStore,
    log: resources.eventLog,
    consumeQueue: resources.consumeQueue,
    timeoutMs: config.events.webhookTimeoutMs,
    allowPrivate: config.events.webhookAllowPrivate,
    observer: { delivery: resources.metrics.observeDelivery },
    logger,
  });
  resources.metrics.watchQueue('deliveries', () => webhooks.stats());
  resources.readiness.watchQueue('deliveries', () => webhooks.stats());
  return webhooks;
}
