import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import proxyaddr from 'proxy-addr';
import express from 'express';
import type { Logger } from 'pino';
import { RegisterRoutes } from './generated/routes';
import type { Pop3Credentials } from './pop3/types';
import type { MailboxIdentity } from './pool/mailbox-identity';
import type { MailboxService } from './services/mailbox-service';
import { bindHttpContext } from './http/tsoa-hooks';
import type { AccountRegistry } from './accounts/account-registry';
import type { TokenRegistry } from './accounts/token-registry';
import type { EventLog } from './events/event-log';
import { DEFAULT_EVENT_STREAM_OPTIONS, type EventStreamOptions } from './http/events/event-stream';
import { EventStreams } from './http/events/event-streams';
import type { AccessChanges } from './accounts/access-changes';
import type { Onboarding } from './oauth/onboarding';
import { type AuthConfig, createAuthenticator, createQuietAuthenticator, createQuietTokenAuthenticator, createTokenAuthenticator } from './http/auth/authenticators';
import { AccountAccessCache } from './http/gateway/account-access-cache';
import { accountCredentialsRefused, accountMailboxes } from './http/auth/account-mailboxes';
import type { WebhookRegistry } from './webhooks/webhook-registry';
import { createFastLane } from './http/gateway/fast-lane';
import { messageClassesFor } from './http/gateway/request-shapes';
import { flushBeforeClosingIdleConnections } from './http/gateway/flush-before-close';
import { answerMalformedRequests } from './http/gateway/malformed-requests';
import { keepTickObjectShape } from './http/gateway/tick-shape';
import { docsRoutes } from './http/ops/docs';
import { healthRoutes, type ReadinessAnswer } from './http/ops/health';
import { LoginLimiter, recordUpstreamLoginFailures } from './http/auth/login-limiter';
import { createErrorReporter, problemHandler, routeNotFound } from './http/problems/problem';
import { parseQueryOnce } from './http/input/query-parameters';
import { compressJsonAnswers } from './http/responses/compressed-json';
import { expressRouteOf, type HttpMetrics, type RequestTracker, requestTracker } from './http/request-bookkeeping';
import { startRequest } from './http/request-bookkeeping';

export type { AuthConfig } from './http/auth/authenticators';
export type { HttpMetrics, HttpRequestSample } from './http/request-bookkeeping';
export type { ReadinessAnswer } from './http/ops/health';

/** Everything the HTTP app is built from; whoever creates these resources closes them. */
export interface AppDeps {
  service: MailboxService;
  auth: { mode: 'multi' } | { mode: 'single'; credentials: Pop3Credentials; apiTokens: string[] };
  /** AUTH_FAILURE_LIMIT: failed logins per client IP + user per 15 minutes before 429. */
  authFailureLimit: number;
  /** Backs `/readyz`. */
  readiness: () => Promise<ReadinessAnswer>;
  /** Shown at the top of `/docs`, e.g. the demo-mode credentials. */
  docsBanner?: string;
  logger?: Logger;
  metrics?: HttpMetrics;
  /** express's `trust proxy`: set it when behind a reverse proxy, so the login limiter sees client IPs. */
  trustProxy?: boolean | number | string;
  /** Registered accounts; null or absent without POPGATE_SECRET (the accounts API answers 503). */
  accounts?: AccountRegistry | null;
  /** ADMIN_TOKENS: bearer tokens with every scope (plain, or `sha256:<hex>`). */
  adminTokens?: readonly string[];
  /** popgate's `pgt_` tokens (POST /tokens); absent, only ADMIN_TOKENS are accepted. */
  tokens?: TokenRegistry | null;
  /** The event log behind /events; null or absent without POPGATE_SECRET (it answers 503). */
  events?: EventLog | null;
  /** `/events/stream` heartbeat and slow-client limits (tests shorten them). */
  eventStream?: Partial<EventStreamOptions>;
  /**
   * Notices of revoked tokens and changed accounts (the registries announce them): with them the
   * fast lane answers an account's cached reads too; absent, those go through express.
   */
  accessChanges?: AccessChanges;
  /** GET /oauth2/authorize and /oauth2/callback; absent without registered accounts. */
  onboarding?: Onboarding | null;
  /** Webhooks (POST /webhooks …); absent or null without POPGATE_SECRET (503 secrets_unavailable). */
  webhooks?: WebhookRegistry | null;
}

/** What src/server.ts serves: the fast lane for cached reads, then the express app. */
export interface HttpGateway {
  /** Every route, through express and tsoa. */
  app: express.Express;
  /** The server's request listener: answers from the fast lane when it can, else hands over to `app`. */
  listener: RequestListener;
  /**
   * A new HTTP server for `listener`, not listening, built as popgate's servers are: requests
   * and responses of one shape, the lane's and express's (messageClassesFor), malformed requests
   * answered, idle connections flushed before they are closed, tick objects' shape kept
   * (keepTickObjectShape).
   */
  createServer: () => Server;
  /** Ends every open `/events/stream` response (and each one opened later): call it when shutting down. */
  endStreams: () => void;
}

/**
 * Builds the gateway's HTTP side; it never listens (src/server.ts does), so tests drive it
 * directly. The fast lane and the app share one login limiter and one set of metrics.
 */
export function createGateway(deps: AppDeps): HttpGateway {
  const auth: AuthConfig = deps.auth;
  const limiter = new LoginLimiter({ limit: deps.authFailureLimit });
  const track = requestTracker(deps.metrics, deps.logger);
  const eventStreams = new EventStreams({ ...DEFAULT_EVENT_STREAM_OPTIONS, ...deps.eventStream });
  const identify = (credentials: Pop3Credentials): MailboxIdentity => deps.service.identify(credentials);
  const accessCache = deps.accessChanges && deps.accounts ? new AccountAccessCache(deps.accessChanges, identify) : null;
  const app = createExpressApp(deps, limiter, track, accessCache, eventStreams);
  const fastLane = createFastLane({
    service: deps.service,
    authenticate: createQuietAuthenticator(auth, limiter, identify),
    accounts: accessCache ? { authenticate: createQuietTokenAuthenticator(deps.adminTokens ?? [], accessCache, limiter), cache: accessCache } : undefined,
    track,
    clientIp: clientIpOf(deps.trustProxy, app.get('trust proxy fn') as (address: string, hop: number) => boolean),
    logger: deps.logger,
  });
  const listener: RequestListener = (req, res) => {
    if (!fastLane(req, res)) app(req, res);
  };
  const messageClasses = messageClassesFor(app);
  return {
    app,
    listener,
    createServer: () => {
      keepTickObjectShape();
      const server = createServer(messageClasses, listener);
      flushBeforeClosingIdleConnections(server);
      answerMalformedRequests(server);
      return server;
    },
    endStreams: () => eventStreams.closeAll(),
  };
}

/**
 * What express's `req.ip` says for a request, for code that runs before express: the socket's
 * peer when no proxy is trusted (`proxy-addr` then parses X-Forwarded-For only to drop it),
 * else `proxy-addr` with express's compiled `trust proxy fn`.
 */
function clientIpOf(trustProxy: AppDeps['trustProxy'], trust: (address: string, hop: number) => boolean): (req: IncomingMessage) => string {
  if (trustProxy === undefined || trustProxy === false || trustProxy === 0) return (req) => req.socket.remoteAddress ?? 'unknown';
  return (req) => proxyaddr(req, trust) ?? 'unknown';
}

function createExpressApp(deps: AppDeps, limiter: LoginLimiter, track: RequestTracker, accessCache: AccountAccessCache | null, eventStreams: EventStreams): express.Express {
  const auth: AuthConfig = deps.auth;
  const reportError = createErrorReporter({
    logger: deps.logger,
    onFailure: deps.metrics?.observeFailure?.bind(deps.metrics),
    authScheme: auth.mode === 'multi' ? 'Basic' : 'Bearer',
  });

  const app = express();
  const authenticateToken = createTokenAuthenticator(deps.adminTokens ?? [], deps.tokens ?? null, limiter, accessCache ?? undefined);
  bindHttpContext(app, {
    service: deps.service,
    accounts: deps.accounts ?? null,
    tokens: deps.tokens ?? null,
    events: deps.events ?? null,
    eventStreams,
    onboarding: deps.onboarding ?? null,
    webhooks: deps.webhooks ?? null,
    authenticate: createAuthenticator(auth, limiter),
    authenticateToken,
    accessCache,
    reportError,
  });
  app.disable('x-powered-by');
  // ETags are ours (listings: the page's ids and sizes; messages: id + representation), never a body hash.
  app.set('etag', false);
  app.set('trust proxy', deps.trustProxy ?? false);

  app.use((req, res, next) => {
    startRequest(req, res, track, () => expressRouteOf(req));
    next();
  });
  app.use(parseQueryOnce);
  app.use(accountMailboxes);
  // Only the accounts, tokens and webhooks APIs take a body: small JSON documents.
  app.use(express.json({ limit: '64kb' }));
  compressJsonAnswers(app);
  // The API first: its requests then skip the operational routers (no path overlaps).
  RegisterRoutes(app);
  app.use(healthRoutes(deps.readiness, deps.logger));
  if (deps.metrics?.handler) app.get('/metrics', deps.metrics.handler);
  app.use(docsRoutes(deps.docsBanner));

  app.use(routeNotFound);
  app.use(accountCredentialsRefused(deps.accounts ?? null));
  app.use(recordUpstreamLoginFailures(limiter));
  app.use(problemHandler(reportError));
  return app;
}
