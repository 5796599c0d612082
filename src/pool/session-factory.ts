import { Pop3Client } from '../pop3/client';
import { Pop3AuthError } from '../pop3/errors';
import type { AuthMethod, Pop3ConnectOptions, Pop3Credentials } from '../pop3/types';
import { Pop3Session } from './session';

/** Opens one logged-in session with its snapshot map. The pool knows sessions only through this. */
export type SessionFactory = (credentials: Pop3Credentials) => Promise<Pop3Session>;

/**
 * connect -> login -> LIST+UIDL (pipelined when the server allows): one session, one snapshot.
 * An OAuth2 mailbox logs in with its current access token; when the server refuses a token
 * believed valid, the token is refreshed once and the login tried once more, never again.
 */
export function pop3SessionFactory(connect: Pop3ConnectOptions, auth: AuthMethod): SessionFactory {
  const open = async (credentials: Pop3Credentials, method: AuthMethod): Promise<Pop3Session> => {
    const target = credentials.upstream;
    // A registered account's server: its own address (and certificate name), the gateway's trust settings.
    const client = await Pop3Client.connect(target ? { ...connect, host: target.host, port: target.port, tls: target.tls, servername: undefined } : connect);
    // Servers may drop USER, SASL and STLS from CAPA once logged in (RFC 2449 allows it): keep them.
    const beforeLogin = { ...client.capabilities };
    try {
      await client.login(credentials, method);
      const { list, uidl } = await client.listAndUidl();
      const uidByNumber = uidl ? new Map(uidl.map((u) => [u.number, u.uid])) : null;
      return new Pop3Session(client, list, uidByNumber, { ...beforeLogin, ...client.capabilities });
    } catch (err) {
      client.destroy();
      throw err;
    }
  };
  return async (credentials) => {
    const method = credentials.upstream?.auth ?? auth;
    const source = credentials.oauth;
    if (!source) return open(credentials, method);
    // The token is fetched before connecting: no POP3 session idles while the token endpoint is slow.
    const withToken = async (): Promise<{ token: string; login: Pop3Credentials }> => {
      const token = await source.accessToken();
      return { token, login: { user: credentials.user, upstream: credentials.upstream, accessToken: token } };
    };
    const bearer = method === 'auto' ? 'xoauth2' : method;
    const first = await withToken();
    try {
      return await open(first.login, bearer);
    } catch (err) {
      if (!(err instanceof Pop3AuthError)) throw err;
      source.refused(first.token);
      return open((await withToken()).login, bearer);
    }
  };
}
