import type { ErrorCode } from '../models/problem';
import { problemFor } from '../http/problems/problem';
import { Pop3ConnectionError, Pop3ProtocolError, Pop3ServerError, Pop3TimeoutError } from '../pop3/errors';
import { isRefusedLogin } from '../pop3/response-code';
import { OAuthReauthorizationRequiredError } from '../oauth/errors';
import type { AccountStatus } from './event';

/** What a failed poll means for the account. */
export interface PollFailure {
  /** The status the account moves to; null: a passing condition (a lock, a busy pool) that changes nothing. */
  status: AccountStatus | null;
  /** The problem code the same failure has in the API: the label of popgate_poll_errors_total. */
  code: ErrorCode;
  /** For `state.lastError` and `account.status` events: the server's words, never a secret. */
  message: string;
}

/**
 * login refused or an OAuth2 grant refused (invalid_grant) → authentication_failed; no connection, a timeout, TLS, a broken conversation
 * → unreachable; [IN-USE], [LOGIN-DELAY], [SYS/TEMP] or a busy pool → no change (the next poll
 * will tell).
 */
export function pollFailure(err: unknown): PollFailure {
  if (err instanceof NoStableIdsError) return { status: null, code: 'upstream_protocol_error', message: err.message };
  const { code } = problemFor(err, { authScheme: 'Bearer' }).problem;
  // invalid_grant (or no consent yet): the owner must consent again, as for a refused password.
  if (err instanceof OAuthReauthorizationRequiredError) return { status: 'authentication_failed', code, message: err.message };
  if (isRefusedLogin(err)) {
    const refusal = err as Pop3ServerError;
    return { status: 'authentication_failed', code, message: `the POP3 server refused the login: ${serverWords(refusal)}` };
  }
  if (err instanceof Pop3ConnectionError) return { status: 'unreachable', code, message: err.message };
  if (err instanceof Pop3TimeoutError || err instanceof Pop3ProtocolError) return { status: 'unreachable', code, message: err.message };
  if (err instanceof Pop3ServerError) return { status: null, code, message: `${err.command}: ${serverWords(err)}` };
  return { status: null, code, message: err instanceof Error ? err.message : String(err) };
}

function serverWords(err: Pop3ServerError): string {
  return `-ERR ${err.respCode ? `[${err.respCode}] ` : ''}${err.text}`;
}

/** The server lists no UIDL: message numbers change between sessions, so nothing can be compared. */
export class NoStableIdsError extends Error {
  override readonly name = 'NoStableIdsError';
  constructor() {
    super('the POP3 server offers no UIDL, so new mail cannot be told from old; this account cannot be polled');
  }
}
