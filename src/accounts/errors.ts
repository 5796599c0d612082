import type { Pop3ServerError } from '../pop3/errors';

/** Failures of the accounts API; src/http/problems/problem.ts answers each. */

/** No account with that id, or none this caller may reach (the same answer, on purpose). */
export class AccountNotFoundError extends Error {
  override readonly name: string = 'AccountNotFoundError';
  constructor(readonly id: string) {
    super(`no account ${id}`);
  }
}

/** An account with that id exists already. */
export class AccountConflictError extends Error {
  override readonly name: string = 'AccountConflictError';
  constructor(readonly id: string) {
    super(`account ${id} exists`);
  }
}

/** The POP3 server refused the credentials being registered; nothing was stored. */
export class CredentialsRefusedError extends Error {
  override readonly name: string = 'CredentialsRefusedError';
  constructor(readonly refusal: Pop3ServerError) {
    super('the POP3 server refused the credentials');
  }
}

/**
 * The POP3 server refused a registered account's stored credentials while serving a request
 * to /accounts/{account}/…: the caller's token was fine, the account needs new credentials.
 */
export class AccountCredentialsRefusedError extends Error {
  override readonly name: string = 'AccountCredentialsRefusedError';
  constructor(readonly id: string, readonly refusal: Pop3ServerError) {
    super(`the POP3 server refused the stored credentials of account ${id}`);
  }
}

/** POPGATE_SECRET is not set: credentials cannot be stored safely, so accounts are off. */
export class SecretsUnavailableError extends Error {
  override readonly name: string = 'SecretsUnavailableError';
  constructor() {
    super('POPGATE_SECRET is not set');
  }
}

/** A value the account cannot have (beyond what the request schema checks), e.g. plaintext POP3 when it is not allowed. */
export class InvalidAccountError extends Error {
  override readonly name: string = 'InvalidAccountError';
}

/** Redis, where accounts live, did not answer: 503, retry. */
export class AccountStoreUnavailableError extends Error {
  override readonly name: string = 'AccountStoreUnavailableError';
}

/** No token with that id. */
export class TokenNotFoundError extends Error {
  override readonly name: string = 'TokenNotFoundError';
  constructor(readonly id: string) {
    super(`no token ${id}`);
  }
}
