/**
 * Our client against Gmail's and Microsoft's OAuth2 dialogues (test/support/provider-pop3-server.ts):
 * the two-step XOAUTH2 both accept, Gmail's JSON challenge on a refused token, OAUTHBEARER, a
 * token that stops being valid, and the one-line form Microsoft refuses and we never send.
 */
import { Pop3Client } from '../../../src/pop3/client';
import { Pop3AuthError, Pop3ServerError } from '../../../src/pop3/errors';
import type { AuthMethod, Pop3Credentials } from '../../../src/pop3/types';
import {
  GMAIL_ERROR_CHALLENGE,
  GMAIL_REFUSALS,
  ProviderPop3Server,
  type ProviderMode,
  type ProviderUser,
} from '../../support/provider-pop3-server';
import { readAll } from '../../support/streams';
import { RawSocket } from '../demo/raw-socket';

const USER = 'alice@example.com';
const TOKEN = 'ya29.valid-token';
const MESSAGE = Buffer.from('Subject: hello\r\n\r\nbody\r\n');
const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

describe('POP3 client against the providers\' OAuth2 dialogues', () => {
  const servers: ProviderPop3Server[] = [];
  const clients: Pop3Client[] = [];

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  async function start(mode: ProviderMode, user: Partial<ProviderUser> = {}): Promise<ProviderPop3Server> {
    const server = await ProviderPop3Server.start({ mode, users: { [USER]: { tokens: new Set([TOKEN]), ...user } }, messages: [MESSAGE] });
    servers.push(server);
    return server;
  }

  async function login(server: ProviderPop3Server, credentials: Pop3Credentials, method: AuthMethod): Promise<Pop3Client> {
    const client = await Pop3Client.connect({ host: server.host, port: server.port, tls: 'implicit', ca: server.caPem, servername: 'localhost', timeoutMs: 5000, maxMessageBytes: 1 << 20 });
    clients.push(client);
    await client.login(credentials, method);
    return client;
  }

  const loginFailure = (server: ProviderPop3Server, credentials: Pop3Credentials, method: AuthMethod): Promise<unknown> =>
    login(server, credentials, method).then(() => null, (error: unknown) => error);

  describe('gmail', () => {
    it('logs in with the two-step XOAUTH2 and serves the mailbox', async () => {
      const server = await start('gmail');
      const client = await login(server, { user: USER, accessToken: TOKEN }, 'xoauth2');
      expect(client.greeting).toMatch(/^Gpop ready for requests from 127\.0\.0\.1 \S+$/);
      expect(await client.stat()).toEqual({ count: 1, size: MESSAGE.length });
      expect(await readAll(await client.retr(1))).toEqual(MESSAGE);
      expect(server.transcript.slice(0, 3)).toEqual(['CAPA', 'AUTH XOAUTH2', b64(`user=${USER}\x01auth=Bearer ${TOKEN}\x01\x01`)]);
      expect(server.authAttempts).toMatchObject({ total: 1, xoauth2: 1, oneLine: 0, accepted: 1, refused: 0 });
    });

    it('decodes the JSON challenge of a refused token, answers it with an empty line, and keeps the -ERR words', async () => {
      const server = await start('gmail');
      const failure = await loginFailure(server, { user: USER, accessToken: 'ya29.wrong' }, 'xoauth2');
      expect(failure).toBeInstanceOf(Pop3AuthError);
      expect(failure).toMatchObject({ respCode: 'AUTH', text: 'Invalid credentials.', challenge: GMAIL_ERROR_CHALLENGE });
      expect(server.transcript.slice(1)).toEqual(['AUTH XOAUTH2', b64(`user=${USER}\x01auth=Bearer ya29.wrong\x01\x01`), '']);
      expect(server.authAttempts).toMatchObject({ xoauth2: 1, refused: 1, accepted: 0 });
    });

    it('refuses a token once it is no longer valid (expiry), which the next login sees', async () => {
      const server = await start('gmail');
      const first = await login(server, { user: USER, accessToken: TOKEN }, 'xoauth2');
      await first.quit();
      server.validTokens[USER]?.delete(TOKEN);
      const failure = await loginFailure(server, { user: USER, accessToken: TOKEN }, 'xoauth2');
      expect(failure).toMatchObject({ name: 'Pop3AuthError', challenge: GMAIL_ERROR_CHALLENGE });
      server.validTokens[USER]?.add('ya29.refreshed');
      await login(server, { user: USER, accessToken: 'ya29.refreshed' }, 'xoauth2');
      expect(server.authAttempts).toMatchObject({ total: 3, accepted: 2, refused: 1 });
    });

    it('logs in with OAUTHBEARER, and answers a refusal\'s challenge with AQ==', async () => {
      const server = await start('gmail');
      const client = await login(server, { user: USER, accessToken: TOKEN }, 'oauthbearer');
      expect(await client.stat()).toEqual({ count: 1, size: MESSAGE.length });
      const failure = await loginFailure(server, { user: USER, accessToken: 'ya29.wrong' }, 'oauthbearer');
      expect(failure).toMatchObject({ name: 'Pop3AuthError', text: 'Invalid credentials.', challenge: GMAIL_ERROR_CHALLENGE });
      expect(server.transcript.slice(-3, -1)).toEqual(['AUTH OAUTHBEARER', expect.any(String)]);
      expect(server.transcript.at(-1)).toBe('AQ==');
      expect(server.authAttempts).toMatchObject({ oauthbearer: 2, accepted: 1, refused: 1, oneLine: 0 });
    });

    it('keeps Gmail\'s own words for an account that needs an app password, and for POP switched off', async () => {
      const appPassword = await start('gmail', { password: 'account-password', refusal: GMAIL_REFUSALS.appPasswordRequired });
      const refused = await loginFailure(appPassword, { user: USER, password: 'account-password' }, 'auto');
      expect(refused).toBeInstanceOf(Pop3AuthError);
      expect(refused).toMatchObject({ respCode: 'AUTH', text: 'Application-specific password required: https://support.google.com/accounts/answer/185833' });

      const popOff = await start('gmail', { refusal: GMAIL_REFUSALS.popDisabled });
      const off = await loginFailure(popOff, { user: USER, accessToken: TOKEN }, 'xoauth2');
      expect(off).toBeInstanceOf(Pop3ServerError);
      expect(off).not.toBeInstanceOf(Pop3AuthError);
      expect(off).toMatchObject({ respCode: 'SYS/PERM', text: expect.stringMatching(/^Your account is not enabled for POP access\./) });
    });

    it('accepts an app password over AUTH PLAIN (auto), as Gmail does', async () => {
      const server = await start('gmail', { password: 'abcd efgh ijkl mnop' });
      const client = await login(server, { user: USER, password: 'abcd efgh ijkl mnop' }, 'auto');
      expect(await client.stat()).toEqual({ count: 1, size: MESSAGE.length });
      expect(server.transcript[1]).toMatch(/^AUTH PLAIN \S+$/);
      expect(server.authAttempts).toMatchObject({ password: 1, accepted: 1 });
    });

    it('(the fake) accepts the token on the AUTH line too, as Gmail does', async () => {
      const server = await start('gmail');
      const socket = await RawSocket.connect(server.port, server.caPem);
      try {
        expect(await socket.readLine()).toMatch(/^\+OK Gpop ready/);
        expect(await socket.command(`AUTH XOAUTH2 ${b64(`user=${USER}\x01auth=Bearer ${TOKEN}\x01\x01`)}`)).toBe('+OK Welcome.');
        expect(server.authAttempts).toMatchObject({ oneLine: 1, accepted: 1 });
      } finally {
        socket.destroy();
      }
    });
  });

  describe('outlook', () => {
    it('logs in with the two-step XOAUTH2 and serves the mailbox; the one-line form is never sent', async () => {
      const server = await start('outlook');
      const client = await login(server, { user: USER, accessToken: TOKEN }, 'xoauth2');
      expect(client.greeting).toMatch(/^The Microsoft Exchange POP3 service is ready\. \[[A-Za-z0-9+/=]+\]$/);
      expect(Object.keys(client.capabilities)).toEqual(['TOP', 'UIDL']); // CAPA read again after login
      expect(await client.uidl()).toHaveLength(1);
      expect(server.transcript.filter((line) => /^AUTH XOAUTH2 /i.test(line))).toEqual([]);
      expect(server.authAttempts).toMatchObject({ xoauth2: 1, oneLine: 0, accepted: 1 });
    });

    it('reports a refused token with Microsoft\'s words, no challenge, and sends no empty line', async () => {
      const server = await start('outlook');
      const failure = await loginFailure(server, { user: USER, accessToken: 'eyJ0.expired' }, 'xoauth2');
      expect(failure).toBeInstanceOf(Pop3AuthError);
      expect(failure).toMatchObject({ respCode: undefined, text: 'Authentication failure: unknown user name or bad password.' });
      expect((failure as Pop3AuthError).challenge).toBeUndefined();
      expect(server.transcript).toEqual(['CAPA', 'AUTH XOAUTH2', b64(`user=${USER}\x01auth=Bearer eyJ0.expired\x01\x01`)]);
    });

    it('refuses a password: basic authentication is switched off', async () => {
      const server = await start('outlook');
      const failure = await loginFailure(server, { user: USER, password: 'pw' }, 'user');
      expect(failure).toMatchObject({ name: 'Pop3AuthError', text: 'Logon failure: unknown user name or bad password.' });
    });

    it('(the fake) answers a token on the AUTH line with Protocol error and closes the connection', async () => {
      const server = await start('outlook');
      const socket = await RawSocket.connect(server.port, server.caPem);
      try {
        await socket.readLine();
        expect(await socket.command(`AUTH XOAUTH2 ${b64(`user=${USER}\x01auth=Bearer ${TOKEN}\x01\x01`)}`)).toBe('-ERR Protocol error. Connection is closed. 10');
        await socket.waitForClose();
        expect(server.authAttempts).toMatchObject({ oneLine: 1, refused: 1, accepted: 0 });
      } finally {
        socket.destroy();
      }
    });
  });
});
