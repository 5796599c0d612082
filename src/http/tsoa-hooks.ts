import type { IocContainerFactory, Newable, ServiceIdentifier } from '@tsoa/runtime';
import type { Application, Request } from 'express';
import type { MailboxService } from '../services/mailbox-service';
import type { AccountRegistry } from '../accounts/account-registry';
import type { TokenRegistry } from '../accounts/token-registry';
import type { EventLog } from '../events/event-log';
import type { EventStreams } from './events/event-streams';
import type { Onboarding } from '../oauth/onboarding';
import type { WebhookRegistry } from '../webhooks/webhook-registry';
import type { Authenticator, TokenAuthenticator, TokenCaller } from './auth/authenticators';
import { setTokenCaller } from './auth/caller';
import { enterAccount, isAccountRequest } from './auth/account-mailboxes';
import type { AccountAccessCache } from './gateway/account-access-cache';
import type { AuthenticatedCaller } from './auth/caller';
import type { ErrorReporter } from './problems/problem';

/**
 * Everything tsoa's generated routes call into (tsoa.json `authenticationModule` and
 * `iocModule`), and the per-app context they read. tsoa wants module-level hooks; the context
 * is keyed by the express app, so several apps (tests) can coexist in one process.
 */

/** What every controller is built from (a fresh controller per request). */
export interface ControllerDeps {
  service: MailboxService;
  /** null without POPGATE_SECRET: the accounts API then answers 503 secrets_unavailable. */
  accounts: AccountRegistry | null;
  /** popgate's `pgt_` tokens; null: the tokens API answers 503 secrets_unavailable. */
  tokens: TokenRegistry | null;
  /** The event log; null without POPGATE_SECRET (events are about registered accounts): /events answers 503 secrets_unavailable. */
  events: EventLog | null;
  /** OAuth2 consent for registered accounts; null without accounts (503 secrets_unavailable). */
  onboarding: Onboarding | null;
  /** Webhooks; null without POPGATE_SECRET (they exist only where accounts do): 503 secrets_unavailable. */
  webhooks: WebhookRegistry | null;
}

/** What the hooks need from the app that received a request. */
export interface HttpContext extends ControllerDeps {
  authenticate: Authenticator;
  authenticateToken: TokenAuthenticator;
  /** Keeps what /accounts/{account}/… looked up, for the fast lane; null without one. */
  accessCache: AccountAccessCache | null;
  /** Answers failures that happen outside express's chain (a streamed body failing). */
  reportError: ErrorReporter;
  /** The open `/events/stream` responses, ended at shutdown. */
  eventStreams: EventStreams;
}

const contexts = new WeakMap<Application, HttpContext>();

export function bindHttpContext(app: Application, context: HttpContext): void {
  contexts.set(app, context);
}

/** @throws Error when the request did not come through an app built by createGateway. */
export function contextOf(req: Request): HttpContext {
  const context = contexts.get(req.app);
  if (!context) throw new Error('request reached a popgate route outside an app built by createGateway');
  return context;
}

/**
 * tsoa's `iocModule`: every controller is built from the services of the app that received
 * the request, and a fresh one per request (tsoa keeps status and headers on the controller
 * instance, so sharing one across concurrent requests would mix them up).
 */
export const iocContainer: IocContainerFactory<Request> = (req) => {
  const get = <T>(controller: ServiceIdentifier<T>): T => {
    if (typeof controller !== 'function') throw new Error(`no controller registered as ${String(controller)}`);
    const { service, accounts, tokens, events, onboarding, webhooks } = contextOf(req);
    return new (controller as Newable<T, [ControllerDeps]>)({ service, accounts, tokens, events, onboarding, webhooks });
  };
  return { get };
};

/**
 * tsoa's `authenticationModule`. `token` (the accounts API) checks a popgate token and the
 * operation's scopes. `basic` and `bearer` both run the authenticator of the app's configured
 * mode, once per request: the spec offers both so Swagger UI's Authorize dialog works whichever
 * mode a deployment runs in. Under /accounts/{account}/… they check a popgate token instead
 * (src/http/auth/account-mailboxes.ts).
 */
export function expressAuthentication(req: Request, securityName: string, scopes?: string[]): Promise<AuthenticatedCaller | TokenCaller> {
  if (securityName === 'token') {
    return Promise.resolve()
      .then(() => contextOf(req).authenticateToken(req, scopes ?? []))
      .then((caller) => {
        setTokenCaller(req, caller);
        return caller;
      });
  }
  let pending = inFlight.get(req);
  if (!pending) {
    // /accounts/{account}/… reached a mailbox route: a token, and the account's credentials.
    pending = new Promise<AuthenticatedCaller>((resolve) => {
      const context = contextOf(req);
      resolve(isAccountRequest(req) ? enterAccount(req, context) : context.authenticate(req));
    });
    inFlight.set(req, pending);
  }
  return pending;
}

const inFlight = new WeakMap<Request, Promise<AuthenticatedCaller>>();
