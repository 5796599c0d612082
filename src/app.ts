import express from 'express';
import type { Logger } from 'pino';
import { RegisterRoutes } from './generated/routes';
import type { Pop3Credentials } from './pop3/types';
import type { MailboxService } from './services/types';
import { bindHttpContext } from './http/app-context';
import { type AuthConfig, createAuthenticator } from './http/auth';
import { docsRoutes } from './http/docs';
import { healthRoutes, type Readiness } from './http/health';
import { LoginLimiter, recordUpstreamLoginFailures } from './http/login-limiter';
import { createErrorReporter, problemHandler, routeNotFound } from './http/problem';
import { parseQueryOnce } from './http/query-parameters';
import { type HttpMetrics, observeRequests } from './http/request-observer';
import { assignRequestId } from './http/request-id';

export type { AuthConfig } from './http/auth';
export type { HttpMetrics, HttpRequestSample } from './http/request-observer';
export type { Readiness } from './http/health';

/** Everything the HTTP app is built from; whoever creates these resources closes them. */
export interface AppDeps {
  service: MailboxService;
  auth: { mode: 'multi' } | { mode: 'single'; credentials: Pop3Credentials; apiTokens: string[] };
  /** AUTH_FAILURE_LIMIT: failed logins per client IP + user per 15 minutes before 429. */
  authFailureLimit: number;
  /** Backs `/readyz`. */
  readiness: () => Promise<Readiness>;
  /** Shown at the top of `/docs`, e.g. the demo-mode credentials. */
  docsBanner?: string;
  logger?: Logger;
  metrics?: HttpMetrics;
  /** express's `trust proxy`: set it when behind a reverse proxy, so the login limiter sees client IPs. */
  trustProxy?: boolean | number | string;
}

/** Builds the express app; it never listens (src/server.ts does), so tests drive it directly. */
export function createApp(deps: AppDeps): express.Express {
  const auth: AuthConfig = deps.auth;
  const limiter = new LoginLimiter({ limit: deps.authFailureLimit });
  const reportError = createErrorReporter({
    logger: deps.logger,
    onFailure: deps.metrics?.observeFailure?.bind(deps.metrics),
    authScheme: auth.mode === 'multi' ? 'Basic' : 'Bearer',
  });

  const app = express();
  bindHttpContext(app, { service: deps.service, authenticate: createAuthenticator(auth, limiter), reportError });
  app.disable('x-powered-by');
  // ETags are ours (listings: the page's ids and sizes; messages: id + representation), never a body hash.
  app.set('etag', false);
  app.set('trust proxy', deps.trustProxy ?? false);

  app.use(assignRequestId);
  app.use(observeRequests(deps.metrics, deps.logger));
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  app.use(parseQueryOnce);
  // The API first: its requests then skip the operational routers (no path overlaps).
  RegisterRoutes(app);
  app.use(healthRoutes(deps.readiness, deps.logger));
  if (deps.metrics?.handler) app.get('/metrics', deps.metrics.handler);
  app.use(docsRoutes(deps.docsBanner));

  app.use(routeNotFound);
  app.use(recordUpstreamLoginFailures(limiter));
  app.use(problemHandler(reportError));
  return app;
}
