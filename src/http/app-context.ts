import type { Application, Request } from 'express';
import type { MailboxService } from '../services/types';
import type { Authenticator } from './auth';
import type { ErrorReporter } from './problem';

/**
 * What tsoa's module-level hooks (ioc container, expressAuthentication) need from the app
 * that received a request. Keyed by the express app, so several apps (tests) can coexist
 * in one process without module globals.
 */
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

/** @throws Error when the request did not come through an app built by createApp. */
export function contextOf(req: Request): HttpContext {
  const context = contexts.get(req.app);
  if (!context) throw new Error('request reached a popgate route outside an app built by createApp');
  return context;
}
