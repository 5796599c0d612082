import { Pop3Client } from '../pop3/client';
import type { AuthMethod, Pop3ConnectOptions, Pop3Credentials } from '../pop3/types';
import { Pop3Session } from './session';

/** Opens one logged-in session with its snapshot map. The pool knows sessions only through this. */
export type SessionFactory = (credentials: Pop3Credentials) => Promise<Pop3Session>;

/** connect -> login -> LIST+UIDL (pipelined when the server allows): one session, one snapshot. */
export function pop3SessionFactory(connect: Pop3ConnectOptions, auth: AuthMethod): SessionFactory {
  return async (credentials) => {
    const target = credentials.upstream;
    // A registered account's server: its own address (and certificate name), the gateway's trust settings.
    const client = await Pop3Client.connect(target ? { ...connect, host: target.host, port: target.port, tls: target.tls, servername: undefined } : connect);
    // Servers may drop USER, SASL and STLS from CAPA once logged in (RFC 2449 allows it): keep them.
    const beforeLogin = { ...client.capabilities };
    try {
      await client.login(credentials, target?.auth ?? auth);
      const { list, uidl } = await client.listAndUidl();
      const uidByNumber = uidl ? new Map(uidl.map((u) => [u.number, u.uid])) : null;
      return new Pop3Session(client, list, uidByNumber, { ...beforeLogin, ...client.capabilities });
    } catch (err) {
      client.destroy();
      throw err;
    }
  };
}
