/**
 * Failures the HTTP layer raises itself, before (or instead of) asking the mailbox service.
 * Each one names what the caller did wrong; src/http/problems/problem.ts turns them into responses.
 */

/** A bad id, query value or header: 400 `invalid_request`. */
export class InvalidRequestError extends Error {
  override readonly name: string = 'InvalidRequestError';
  constructor(
    message: string,
    /** The offending parameter, e.g. `id` or `limit`, when there is one. */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Which `WWW-Authenticate` challenge a 401 carries. */
export type AuthScheme = 'Basic' | 'Bearer';

/** The `WWW-Authenticate` value of each scheme; the realm is part of the published contract (README). */
export const CHALLENGES: Readonly<Record<AuthScheme, string>> = {
  Basic: 'Basic realm="popgate"',
  Bearer: 'Bearer realm="popgate"',
};

/** Missing, malformed or refused credentials: 401 `unauthorized`. The message never holds a secret. */
export class UnauthorizedError extends Error {
  override readonly name: string = 'UnauthorizedError';
  constructor(message: string, readonly scheme: AuthScheme) {
    super(message);
  }
}

/** Too many failed logins from one client IP + user: 429 `rate_limited`. */
export class RateLimitedError extends Error {
  override readonly name: string = 'RateLimitedError';
  constructor(readonly retryAfterS: number) {
    super(`too many failed logins; retry in ${retryAfterS} s`);
  }
}

/** No route matches the method and path: 404 `not_found`. */
export class RouteNotFoundError extends Error {
  override readonly name: string = 'RouteNotFoundError';
  constructor(readonly method: string, readonly path: string) {
    super(`no route for ${method} ${path}`);
  }
}

/** The token is valid but lacks the operation's scope: 403 `forbidden`. */
export class ForbiddenError extends Error {
  override readonly name: string = 'ForbiddenError';
  constructor(
    readonly missingScopes: readonly string[],
    /** Why, when it is not a missing scope (a token bound to one account asking for more). */
    readonly reason?: string,
  ) {
    super(reason ?? `the token lacks the scope ${missingScopes.join(', ')}`);
  }
}

/** `Range` asks for bytes past the end: 416 `range_not_satisfiable`, with `Content-Range: bytes *\/length`. */
export class RangeNotSatisfiableError extends Error {
  override readonly name: string = 'RangeNotSatisfiableError';
  constructor(readonly completeLength: number) {
    super(`the range starts at or past the end (${completeLength} octets)`);
  }
}

/**
 * A range was cut to LIST's size, and RETR sent a different number of octets: the bytes at
 * the positions promised cannot be sent. 502 before the first byte; after it, a cut connection.
 */
export class ListedSizeMismatchError extends Error {
  override readonly name: string = 'ListedSizeMismatchError';
  constructor(readonly listed: number, readonly sent: string) {
    super(`the POP3 server listed ${listed} octets and sent ${sent}`);
  }
}
