import type { IocContainerFactory, Newable, ServiceIdentifier } from '@tsoa/runtime';
import type { Application, Request } from 'express';
import type { MailboxService } from '../services/mailbox-service';
import type { Authenticator } from './auth/authenticators';
import type { AuthenticatedCaller } from './auth/caller';
import type { ErrorReporter } from './problems/problem';

/**
 * Everything tsoa's generated routes call into (tsoa.json `authenticationModule` and
 * `iocModule`), and the per-app context they read. tsoa wants module-level hooks; the context
 * is keyed by the express app, so several apps (tests) can coexist in one process.
 */

/** What the hooks need from the app that received a request. */
export interface HttpContext {
  service: MailboxService;
  authenticate: Authenticator;
  /** Answers failures that happen outside express's chain (a streamed body failing). */
  reportError: ErrorReporter;
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
 * tsoa's `iocModule`: every controller is built from the mailbox service of the app that
 * received the request, and a fresh one per request (tsoa keeps status and headers on the
 * controller instance, so sharing one across concurrent requests would mix them up).
 */
export const iocContainer: IocContainerFactory<Request> = (req) => {
  const get = <T>(controller: ServiceIdentifier<T>): T => {
    if (typeof controller !== 'function') throw new Error(`no controller registered as ${String(controller)}`);
    return new (controller as Newable<T, [MailboxService]>)(contextOf(req).service);
  };
  return { get };
};

/**
 * tsoa's `authenticationModule`. Both security schemes run the authenticator of the app's
 * configured mode, once per request: the spec offers both so Swagger UI's Authorize dialog
 * works whichever mode a deployment runs in.
 */
export function expressAuthentication(req: Request, _securityName: string, _scopes?: string[]): Promise<AuthenticatedCaller> {
  let pending = inFlight.get(req);
  if (!pending) {
    pending = new Promise<AuthenticatedCaller>((resolve) => resolve(contextOf(req).authenticate(req)));
    inFlight.set(req, pending);
  }
  return pending;
}

const inFlight = new WeakMap<Request, Promise<AuthenticatedCaller>>();
