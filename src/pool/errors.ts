import type { Pop3ServerError } from '../pop3/errors';

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
