import type { Request } from 'express';
import type { Pop3Credentials } from '../../pop3/types';
import type { TokenCaller } from './authenticators';

/** Who a request was authenticated as; kept off the request object's enumerable fields. */
export interface AuthenticatedCaller {
  /** The POP3 credentials to use upstream (the caller's own, or the configured mailbox's). */
  credentials: Pop3Credentials;
  /**
   * Login-limiter key under which an upstream refusal of these credentials is counted;
   * null when the caller does not own the credentials (single-mailbox mode).
   */
  loginFailureKey: string | null;
}

const callers = new WeakMap<Request, AuthenticatedCaller>();

export function setCaller(req: Request, caller: AuthenticatedCaller): void {
  callers.set(req, caller);
}

/**
 * The caller the auth middleware accepted.
 * @throws Error when the route was not declared with a tsoa `@Security` (a programming error).
 */
export function callerOf(req: Request): AuthenticatedCaller {
  const caller = callers.get(req);
  if (!caller) throw new Error(`${req.method} ${req.path} reached a controller without authentication`);
  return caller;
}

export function loginFailureKeyOf(req: Request): string | null {
  return callers.get(req)?.loginFailureKey ?? null;
}

const tokenCallers = new WeakMap<Request, TokenCaller>();

/** The popgate token a request of the accounts or tokens API was authenticated with. */
export function setTokenCaller(req: Request, caller: TokenCaller): void {
  tokenCallers.set(req, caller);
}

/** @throws Error when the route was not declared with `@Security('token', …)` (a programming error). */
export function tokenCallerOf(req: Request): TokenCaller {
  const caller = tokenCallers.get(req);
  if (!caller) throw new Error(`${req.method} ${req.path} reached a controller without a token`);
  return caller;
}
