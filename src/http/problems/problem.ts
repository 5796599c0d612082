import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { ValidateError } from '@tsoa/runtime';
import type { Logger } from 'pino';
import { type ErrorCode, PROBLEM_KINDS, type ProblemJson } from '../../models/problem';
import {
  MessageTooLargeError,
  Pop3ArgumentError,
  Pop3AuthError,
  Pop3ConnectionError,
  Pop3ProtocolError,
  Pop3ServerError,
  Pop3TimeoutError,
} from '../../pop3/errors';
import {
  AttachmentNotFoundError,
  MessageNotFoundError,
  DeletionNotCommittedError,
  MessageOverLimitError,
} from '../../services/errors';
import { SessionWaitTimeoutError } from '../../pool/errors';
import {
  AccountConflictError,
  AccountCredentialsRefusedError,
  AccountNotFoundError,
  AccountStoreUnavailableError,
  CredentialsRefusedError,
  InvalidAccountError,
  SecretsUnavailableError,
  TokenNotFoundError,
} from '../../accounts/errors';
import { SecretUnreadableError } from '../../accounts/secret-box';
import { InvalidCursorError } from '../../events/event-log';
import { OAuthClientRefusedError, OAuthReauthorizationRequiredError, TokenEndpointUnavailableError } from '../../oauth/errors';
import { InvalidWebhookError, WebhookNotFoundError } from '../../webhooks/errors';
import { isRefusedLogin } from '../../pop3/response-code';
import { providerHintFor } from '../../pop3/provider-hints';
import type { Pop3Reply } from '../../models/problem';
import { parameterProblem } from './parameter-rules';
import { requestLogger } from '../request-bookkeeping';
import {
  type AuthScheme,
  CHALLENGES,
  ForbiddenError,
  InvalidRequestError,
  ListedSizeMismatchError,
  RangeNotSatisfiableError,
  RateLimitedError,
  RouteNotFoundError,
  UnauthorizedError,
} from './http-errors';

/**
 * THE one place where failures become HTTP answers: RFC 9457 `application/problem+json`
 * with the stable `code` of each kind (README "How it behaves"). Details say what the caller can do about it and
 * never contain a password or token (no error class here carries one).
 */

export const PROBLEM_TYPE_BASE = 'https://popgate.dev/problems/';

/** Retry-After for an upstream that is busy or unreachable; most such states clear in seconds. */
export const UPSTREAM_RETRY_AFTER_S = 5;
/** RFC 2449 LOGIN-DELAY: the server enforces a minimum time between logins, typically minutes. */
export const LOGIN_DELAY_RETRY_AFTER_S = 60;

/** A failure, decided: the body, and the headers that go with it. */
export interface ProblemAnswer {
  problem: ProblemJson;
  retryAfterS?: number;
  /** Which `WWW-Authenticate` challenge a 401 carries. */
  challenge?: AuthScheme;
  /** `Content-Range` of a 416: the representation's complete length. */
  contentRange?: string;
  /** `error`: a bug or unknown failure, logged with its stack. `warn`: the upstream misbehaved. */
  severity: 'none' | 'warn' | 'error';
}

export interface ProblemOptions {
  /** The challenge of this deployment's auth mode, for 401s the upstream caused. */
  authScheme: AuthScheme;
}

/** Decides the answer to any failure. Pure: no I/O, no logging. */
export function problemFor(err: unknown, options: ProblemOptions): ProblemAnswer {
  if (err instanceof ValidateError) return answer('invalid_request', validationDetail(err));
  if (err instanceof InvalidRequestError) return answer('invalid_request', err.message);
  if (err instanceof InvalidCursorError) return answer('invalid_request', err.message);
  if (err instanceof UnauthorizedError) return { ...answer('unauthorized', err.message), challenge: err.scheme };
  if (err instanceof ForbiddenError) {
    if (err.reason !== undefined) return answer('forbidden', `${err.reason}.`);
    return answer('forbidden', `This token lacks the scope this operation needs (${err.missingScopes.join(', ')}); use a token that holds it.`);
  }
  const account = accountProblem(err);
  if (account) return account;
  const oauth = oauthProblem(err, options);
  if (oauth) return oauth;
  if (err instanceof RateLimitedError) {
    const detail = `Too many failed logins from this address for this user. Retry after ${err.retryAfterS} seconds.`;
    return { ...answer('rate_limited', detail), retryAfterS: err.retryAfterS };
  }
  if (err instanceof RouteNotFoundError) {
    return answer('not_found', `There is no ${err.method} ${err.path}. The API is described at /docs and /openapi.json.`);
  }
  if (err instanceof RangeNotSatisfiableError) {
    const detail = `The range starts at or past the end of the ${err.completeLength} octets; ask for bytes from 0 to ${err.completeLength - 1}, or send no Range.`;
    return { ...answer('range_not_satisfiable', detail), contentRange: `bytes */${err.completeLength}` };
  }
  if (err instanceof ListedSizeMismatchError) {
    return answer('upstream_protocol_error', `The POP3 server's LIST size and its RETR disagree (${err.message}), so the range cannot be placed. Retry without Range.`, 'warn');
  }
  if (err instanceof MessageNotFoundError) {
    return answer('message_not_found', `No message with id ${err.id} in the current snapshot. It may have been deleted; list /messages for the current ids.`);
  }
  if (err instanceof AttachmentNotFoundError) {
    return answer('attachment_not_found', `Message ${err.id} has no attachment ${err.index}. GET /messages/{id} lists its attachments with their index.`);
  }
  if (err instanceof MessageOverLimitError) {
    return answer('message_too_large', `Message ${err.id} is ${err.size} octets, over this gateway's ${err.limit}-octet limit (MAX_MESSAGE_BYTES).`);
  }
  if (err instanceof MessageTooLargeError) {
    return answer('message_too_large', `The message exceeds this gateway's ${err.limit}-octet limit (MAX_MESSAGE_BYTES).`);
  }
  if (err instanceof DeletionNotCommittedError) {
    const detail = `The POP3 server accepted the deletion of ${err.id} (DELE and QUIT answered +OK) but a session logged in afterwards still lists it: the message was not deleted. Retry the DELETE later.`;
    return answer('upstream_protocol_error', detail, 'warn');
  }
  if (err instanceof Pop3ServerError) return serverSaidNo(err, options);
  if (err instanceof Pop3ConnectionError) {
    const busy = answer('upstream_unavailable', `Could not open a session with the POP3 server: ${err.message}. Retry later.`, 'warn');
    if (err.serverText !== undefined) busy.problem.pop3 = { respCode: err.respCode ?? null, text: err.serverText };
    return { ...busy, retryAfterS: retryAfterFor(err.respCode) };
  }
  if (err instanceof SessionWaitTimeoutError) return waitedInVain(err);
  if (err instanceof Pop3TimeoutError) {
    return answer('upstream_timeout', `The POP3 server sent nothing within the timeout: ${err.message}.`, 'warn');
  }
  if (err instanceof Pop3ProtocolError) {
    return answer('upstream_protocol_error', `The POP3 server's reply could not be used: ${err.message}.`, 'warn');
  }
  if (err instanceof Pop3ArgumentError) return unsendable(err, options);
  if (isClientFault(err)) return answer('invalid_request', clientFaultDetail(err as Error));
  return answer('internal_error', 'Something went wrong inside the gateway; it has been logged.', 'error');
}

/** `-ERR` from the server: its RFC 2449/3206 response code decides before the command does. */
function serverSaidNo(err: Pop3ServerError, options: ProblemOptions): ProblemAnswer {
  const pop3 = pop3Reply(err);
  const withPop3 = (a: ProblemAnswer): ProblemAnswer => ({ ...a, problem: { ...a.problem, pop3 } });
  // A provider's well-known refusal (Gmail's app password, web login, POP switched off) says what to do.
  const hint = providerHintFor(err.text);
  switch (err.respCode) {
    case 'IN-USE':
      return { ...withPop3(answer('upstream_unavailable', IN_USE_DETAIL, 'warn')), retryAfterS: UPSTREAM_RETRY_AFTER_S };
    case 'LOGIN-DELAY':
    case 'SYS/TEMP':
      return {
        ...withPop3(answer('upstream_unavailable', `The POP3 server cannot serve this mailbox right now (${err.command}: [${err.respCode}]). Retry later.`, 'warn')),
        retryAfterS: retryAfterFor(err.respCode),
      };
    case 'SYS/PERM':
      return withPop3(answer('upstream_protocol_error', hint?.detail ?? `The POP3 server reported a permanent failure to ${err.command}; see pop3.text.`, 'warn'));
  }
  if (isRefusedLogin(err)) {
    const detail = hint?.detail ?? (err instanceof Pop3AuthError && err.challenge
      ? 'The POP3 server refused the OAuth2 access token; pop3.text has its own words and pop3.challenge its decoded error challenge. Get a fresh token with the scope the challenge names.'
      : 'The POP3 server refused the login; pop3.text has its own words. Check the user name and password (some providers require an app-specific password).');
    return { ...withPop3(answer('unauthorized', detail)), challenge: options.authScheme };
  }
  return withPop3(answer('upstream_protocol_error', `The POP3 server answered -ERR to ${err.command}; see pop3.text.`, 'warn'));
}

/** The server's own reply for `pop3`: its response code, its words, and a refused token's decoded challenge. */
function pop3Reply(err: Pop3ServerError): Pop3Reply {
  const reply: Pop3Reply = { respCode: err.respCode ?? null, text: err.text };
  if (err instanceof Pop3AuthError && err.challenge) reply.challenge = err.challenge;
  return reply;
}

const IN_USE_DETAIL =
  'The POP3 server reports this mailbox in use by another client ([IN-USE]: a mail app or another gateway holds its lock); pop3.text has its own words. Retry later, or close the other client.';

/** No session within POP3_TIMEOUT_MS: say whether the server's lock or the pool's own sessions kept it. */
function waitedInVain(err: SessionWaitTimeoutError): ProblemAnswer {
  const refusal = err.inUseRefusal;
  if (refusal === undefined) {
    const detail = `Every POP3 session of this mailbox stayed busy. Retry after ${err.retryAfterS} seconds.`;
    return { ...answer('upstream_unavailable', detail, 'warn'), retryAfterS: err.retryAfterS };
  }
  const busy = answer('upstream_unavailable', IN_USE_DETAIL, 'warn');
  busy.problem.pop3 = { respCode: 'IN-USE', text: refusal.text };
  return { ...busy, retryAfterS: err.retryAfterS };
}

/** The accounts API's own failures. */
function accountProblem(err: unknown): ProblemAnswer | null {
  if (err instanceof AccountNotFoundError) {
    return answer('account_not_found', `There is no account ${err.id} (or none this token may reach). GET /accounts lists them.`);
  }
  if (err instanceof TokenNotFoundError) return answer('token_not_found', `There is no token ${err.id}. GET /tokens lists them.`);
  if (err instanceof WebhookNotFoundError) {
    return answer('webhook_not_found', `There is no webhook ${err.id} (or none this token may reach). GET /webhooks lists them.`);
  }
  if (err instanceof InvalidWebhookError) return answer('invalid_request', `${err.message}.`);
  if (err instanceof AccountConflictError) return answer('conflict', `An account with the id ${err.id} exists already. Choose another id, or PATCH /accounts/${err.id}.`);
  if (err instanceof CredentialsRefusedError) {
    const refused = answer('credentials_refused', 'The POP3 server refused these credentials, so nothing was stored; pop3.text has its own words. Check the user name and password (some providers need an app-specific password).');
    refused.problem.pop3 = pop3Reply(err.refusal);
    const hint = providerHintFor(err.refusal.text);
    if (hint) refused.problem.detail = `The POP3 server refused these credentials, so nothing was stored. ${hint.detail}`;
    return refused;
  }
  if (err instanceof AccountCredentialsRefusedError) {
    // Not a 401: the caller's token was accepted, and no credentials of its own could fix this.
    const refused = answer('account_credentials_refused', `The POP3 server refused the stored credentials of account ${err.id}; pop3.text has its own words. PATCH /accounts/${err.id} with working credentials (some providers need an app-specific password).`);
    refused.problem.pop3 = { respCode: err.refusal.respCode ?? null, text: err.refusal.text };
    return refused;
  }
  if (err instanceof SecretsUnavailableError) {
    return answer('secrets_unavailable', 'Registered accounts need POPGATE_SECRET (32 random bytes, base64 or hex), which encrypts their credentials at rest; this gateway runs without it.');
  }
  if (err instanceof SecretUnreadableError) {
    return answer('secrets_unavailable', `The account's stored credentials do not open with POPGATE_SECRET or POPGATE_SECRET_PREVIOUS (${err.message}). Restore the secret they were stored with, or PATCH the account's password.`, 'error');
  }
  if (err instanceof InvalidAccountError) return answer('invalid_request', `${err.message}.`);
  if (err instanceof AccountStoreUnavailableError) {
    const busy = answer('upstream_unavailable', `The account store (Redis) did not answer: ${err.message}. Retry later.`, 'warn');
    return { ...busy, retryAfterS: UPSTREAM_RETRY_AFTER_S };
  }
  return null;
}

/** Getting an OAuth2 mailbox's access token failed (docs/providers.md). */
function oauthProblem(err: unknown, options: ProblemOptions): ProblemAnswer | null {
  if (err instanceof OAuthReauthorizationRequiredError) {
    const detail = 'The OAuth2 token endpoint refused the mailbox\'s refresh token (invalid_grant): consent was withdrawn, or the token expired or was revoked. The mailbox owner must consent again (GET /oauth2/authorize for a registered account, or a new POP3_OAUTH_REFRESH_TOKEN).';
    return { ...answer('oauth_reauthorization_required', detail), challenge: options.authScheme };
  }
  if (err instanceof OAuthClientRefusedError) {
    const detail = `The OAuth2 token endpoint refused this gateway's client (${err.oauthError}): check the client id, client secret, tenant and scope configured for the mailbox.`;
    return { ...answer('unauthorized', detail, 'warn'), challenge: options.authScheme };
  }
  if (err instanceof TokenEndpointUnavailableError) {
    const busy = answer('upstream_unavailable', `No access token for the mailbox: ${err.message}. Retry later.`, 'warn');
    return { ...busy, retryAfterS: UPSTREAM_RETRY_AFTER_S };
  }
  return null;
}

/**
 * Nothing was sent upstream. Caller input (ids, Basic credentials) is checked before any POP3
 * I/O, so what is left is a configured credential, a configured login method, or a gateway bug.
 */
function unsendable(err: Pop3ArgumentError, options: ProblemOptions): ProblemAnswer {
  switch (err.subject) {
    case 'credentials':
      return { ...answer('unauthorized', `The credentials cannot be sent to the POP3 server (${err.message}).`), challenge: options.authScheme };
    case 'login-method':
      return answer('upstream_protocol_error', `The POP3 server does not support the configured login method (${err.message}); set POP3_AUTH to another method.`, 'warn');
    case 'command':
      return answer('internal_error', `The gateway built a POP3 command it cannot send (${err.message}); it has been logged.`, 'error');
  }
}

function retryAfterFor(respCode: string | undefined): number {
  return respCode === 'LOGIN-DELAY' ? LOGIN_DELAY_RETRY_AFTER_S : UPSTREAM_RETRY_AFTER_S;
}

function answer(code: ErrorCode, detail: string, severity: ProblemAnswer['severity'] = 'none'): ProblemAnswer {
  const [status, title] = PROBLEM_KINDS[code];
  return { problem: { type: PROBLEM_TYPE_BASE + code, title, status, detail, code }, severity };
}

/** Each offending parameter: its name, what was wrong with it, what it allows (never tsoa's terse wording). */
function validationDetail(err: ValidateError): string {
  return Object.entries(err.fields).map(([name, { value, message }]) => parameterProblem(name, value, message)).join(' ');
}

/** express's router names the parameter it could not decode; its other 4xx errors are worded for clients. */
function clientFaultDetail(err: Error): string {
  return err.message.startsWith('Failed to decode param')
    ? `The path holds a percent-escape that is not valid UTF-8 (${err.message}).`
    : `The request could not be read (${err.message}).`;
}

/** Errors express or its router raise for undecodable input (they carry a 4xx status). */
function isClientFault(err: unknown): boolean {
  const status = (err as { status?: unknown } | null)?.status;
  return err instanceof Error && typeof status === 'number' && status >= 400 && status < 500;
}

/** Headers a route may have set for the representation it meant to send. */
const REPRESENTATION_HEADERS = ['etag', 'content-disposition', 'content-length', 'content-security-policy', 'cache-control', 'content-range', 'accept-ranges'];

/** Writes the answer, replacing whatever representation headers the route had set. */
export function sendProblem(res: Response, { problem, retryAfterS, challenge, contentRange }: ProblemAnswer): void {
  for (const name of REPRESENTATION_HEADERS) res.removeHeader(name);
  if (contentRange !== undefined) res.setHeader('Content-Range', contentRange);
  if (retryAfterS !== undefined) res.setHeader('Retry-After', String(retryAfterS));
  if (challenge !== undefined) res.setHeader('WWW-Authenticate', CHALLENGES[challenge]);
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

export interface ProblemHandlerOptions extends ProblemOptions {
  logger?: Logger;
  /** Sees every error before it is answered (metrics count upstream failures here). */
  onFailure?: (err: unknown) => void;
}

/** Answers a failure on a request; once a streamed body has started, the response is cut instead. */
export type ErrorReporter = (err: unknown, req: Request, res: Response) => void;

export function createErrorReporter({ logger, onFailure, ...options }: ProblemHandlerOptions): ErrorReporter {
  return (err, req, res) => {
    onFailure?.(err);
    const decided = problemFor(err, options);
    const log = requestLogger(req, logger);
    if (decided.severity === 'error') log?.error({ err, method: req.method, path: req.path }, 'request failed');
    else if (decided.severity === 'warn') log?.warn({ err: describe(err), method: req.method, path: req.path, code: decided.problem.code }, 'upstream failure');
    if (res.headersSent) {
      // A body is already on its way: JSON now would corrupt it. Cutting the connection tells the client.
      res.destroy();
      return;
    }
    sendProblem(res, decided);
  };
}

/** The express error middleware, registered last. */
export function problemHandler(report: ErrorReporter): ErrorRequestHandler {
  return (err, req, res, _next) => report(err, req, res);
}

/** Registered after every route: unknown paths are problems too. */
export const routeNotFound: RequestHandler = (req, _res, next) => next(new RouteNotFoundError(req.method, req.path));

/** Name and message only: upstream errors are expected, their stacks are noise. */
function describe(err: unknown): { name: string; message: string } {
  return err instanceof Error ? { name: err.name, message: err.message } : { name: typeof err, message: String(err) };
}
