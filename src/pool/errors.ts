import { Pop3ServerError } from '../pop3/errors';

/** Waited POP3_TIMEOUT_MS for a session of this mailbox: the pool stayed full, or the server kept saying [IN-USE]. */
export class SessionWaitTimeoutError extends Error {
  override readonly name: string = 'SessionWaitTimeoutError';
  constructor(
    readonly retryAfterS: number,
    /** The server's last `-ERR [IN-USE]` at login, when that is why no session could be opened. */
    readonly inUseRefusal?: Pop3ServerError,
  ) {
    super(inUseRefusal ? 'the POP3 server kept reporting the maildrop in use' : 'no upstream session became free in time');
  }
}

/**
 * A plain `-ERR` to RETR or TOP: the message the session's snapshot points at is gone *for
 * that session* — deleted by another client, or (Courier) renamed when another client marked it
 * Seen. A session logged in now may still read it, and the old one will keep failing: it is
 * retired, and an idempotent read tries once more on a new session before answering 404.
 */
export function isStaleSnapshotRefusal(err: unknown): err is Pop3ServerError {
  return err instanceof Pop3ServerError && err.respCode === undefined && (err.command === 'RETR' || err.command === 'TOP');
}
