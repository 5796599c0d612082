import { Pop3Client } from '../../src/pop3/client';
import type { Pop3ConnectOptions, Pop3Credentials } from '../../src/pop3/types';
import type { DovecotServer } from './dovecot';

/** What a test server offers for implicit TLS (a DovecotServer, a CourierServer). */
export type ImplicitTlsServer = Pick<DovecotServer, 'host' | 'pop3sPort' | 'caPem'>;

/** Connect options that reach a test Dovecot (or Courier) over implicit TLS, its certificate trusted. */
export function dovecotConnectOptions(dovecot: ImplicitTlsServer, timeoutMs = 5000, maxMessageBytes = 1e9): Pop3ConnectOptions {
  return { host: dovecot.host, port: dovecot.pop3sPort, tls: 'implicit', ca: dovecot.caPem, servername: 'localhost', timeoutMs, maxMessageBytes };
}

/** A logged-in POP3 session of our own on a test maildrop: "another client", or a witness of what the server holds. */
export async function loggedInClient(dovecot: DovecotServer, credentials: Pop3Credentials): Promise<Pop3Client> {
  const client = await Pop3Client.connect(dovecotConnectOptions(dovecot));
  await client.login(credentials);
  return client;
}
