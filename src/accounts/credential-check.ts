import { Pop3Client } from '../pop3/client';
import type { AccountPop3 } from '../models/account';
import type { Pop3ConnectOptions, Pop3Credentials } from '../pop3/types';

/** Where and how an account logs in, without its secret. */
export type Pop3Target = Omit<AccountPop3, 'user'>;

/** One login with the credentials, then QUIT. Throws the POP3 client's errors (a refusal is a Pop3AuthError). */
export type CredentialCheck = (target: Pop3Target, credentials: Pop3Credentials) => Promise<void>;

/**
 * Checks credentials against the account's own server. `defaults` carries what the gateway
 * applies to every upstream: trusted CA, timeout, whether plaintext is allowed, metrics.
 */
export function pop3CredentialCheck(defaults: Omit<Pop3ConnectOptions, 'host' | 'port' | 'tls' | 'servername'>): CredentialCheck {
  return async (target, credentials) => {
    // An OAuth2 account proves its grant first: a token from the endpoint, then one login with it.
    const login: Pop3Credentials = credentials.oauth ? { user: credentials.user, accessToken: await credentials.oauth.accessToken() } : credentials;
    const client = await Pop3Client.connect({ ...defaults, host: target.host, port: target.port, tls: target.tls });
    try {
      await client.login(login, credentials.oauth && target.auth === 'auto' ? 'xoauth2' : target.auth);
      await client.quit();
    } finally {
      client.destroy();
    }
  };
}
