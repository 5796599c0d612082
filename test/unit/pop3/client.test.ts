import { Pop3Client } from '../../../src/pop3/client';
import { assertSafeCommandLine } from '../../../src/pop3/connection';
import {
  Pop3ArgumentError,
  Pop3AuthError,
  Pop3ProtocolError,
  Pop3ServerError,
} from '../../../src/pop3/errors';
import type { Pop3ConnectOptions } from '../../../src/pop3/types';
import { readAll } from '../../support/streams';
import { startTinyServer, testCa, type ScriptedSession, type TinyServer } from './tiny-pop3-server';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

type Script = (line: string, session: ScriptedSession) => string | undefined;

describe('Pop3Client', () => {
  let server: TinyServer | null = null;
  const metrics: string[] = [];

  /** Starts a server whose CAPA lists `capa`, answering other lines with `script` (undefined → -ERR). */
  async function connect(capa: string[], script: Script, greeting = '+OK ready <1896.697170952@dbc.mtview.ca.us>'): Promise<Pop3Client> {
    server = await startTinyServer({
      tls: true,
      greeting: `${greeting}\r\n`,
      onLine: (line, session) => {
        if (line === 'CAPA') return session.send(`+OK\r\n${capa.map((c) => `${c}\r\n`).join('')}.\r\n`);
        const answer = script(line, session);
        if (answer !== undefined) session.send(answer);
      },
    });
    const options: Pop3ConnectOptions = {
      host: 'localhost',
      port: server.port,
      tls: 'implicit',
      ca: testCa,
      timeoutMs: 2000,
      maxMessageBytes: 1 << 20,
      onCommand: (verb, outcome) => metrics.push(`${verb} ${outcome}`),
    };
    return Pop3Client.connect(options);
  }

  const received = (): string[] => server?.sessions[0]?.received ?? [];

  afterEach(async () => {
    metrics.length = 0;
    await server?.close();
    server = null;
  });

  describe('argument validation', () => {
    it.each(['a\rb', 'a\nb', 'a\0b'])('refuses a command line containing %j before writing anything', (value) => {
      expect(() => assertSafeCommandLine(`USER ${value}`, 'USER')).toThrow(Pop3ArgumentError);
    });

    it('refuses a password with CRLF without sending a byte, and never names the password', async () => {
      const client = await connect(['USER'], () => '+OK\r\n');
      const failure = await client.login({ user: 'u', password: 'hunter2\r\nDELE 1' }, 'user').catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Pop3ArgumentError);
      expect(failure).toMatchObject({ subject: 'credentials' });
      expect(String((failure as Error).message)).not.toContain('hunter2');
      expect(received()).toEqual(['CAPA']);
      expect(client.usable).toBe(true);
    });

    it('refuses message numbers that are not positive integers', async () => {
      const client = await connect([], () => '+OK\r\n');
      await expect(client.dele(0)).rejects.toThrow(Pop3ArgumentError);
      await expect(client.retr(1.5)).rejects.toThrow(Pop3ArgumentError);
      await expect(client.top(1, -1)).rejects.toThrow(Pop3ArgumentError);
      expect(received()).toEqual(['CAPA']);
    });
  });

  describe('login', () => {
    it('uses AUTH PLAIN when CAPA offers it, then reads CAPA again', async () => {
      const client = await connect(['SASL PLAIN', 'USER'], (line) => (line.startsWith('AUTH PLAIN ') ? '+OK\r\n' : undefined));
      await client.login({ user: 'alice', password: 'pw' });
      expect(received()).toEqual(['CAPA', `AUTH PLAIN ${b64('\0alice\0pw')}`, 'CAPA']);
    });

    it('falls back to USER/PASS when SASL PLAIN is not offered', async () => {
      const client = await connect(['USER'], (line) => (/^(USER|PASS) /.test(line) ? '+OK\r\n' : undefined));
      await client.login({ user: 'alice', password: 'pw' });
      expect(received().slice(1, 3)).toEqual(['USER alice', 'PASS pw']);
    });

    it('sends a long PLAIN response after the + challenge instead of on the AUTH line (RFC 5034)', async () => {
      const password = 'p'.repeat(300);
      const client = await connect(['SASL PLAIN'], (line) => (line === 'AUTH PLAIN' ? '+ \r\n' : line === b64(`\0alice\0${password}`) ? '+OK\r\n' : undefined));
      await client.login({ user: 'alice', password }, 'plain');
      expect(received()[1]).toBe('AUTH PLAIN');
    });

    it('answers AUTH LOGIN challenges with the user name, then the password', async () => {
      const client = await connect(['SASL LOGIN'], (line) =>
        line === 'AUTH LOGIN' ? '+ VXNlcm5hbWU6\r\n' : line === b64('alice') ? '+ UGFzc3dvcmQ6\r\n' : line === b64('pw') ? '+OK\r\n' : undefined,
      );
      await client.login({ user: 'alice', password: 'pw' }, 'login');
      expect(received().slice(1, 4)).toEqual(['AUTH LOGIN', b64('alice'), b64('pw')]);
    });

    it('sends the RFC 1939 APOP digest of timestamp and password', async () => {
      const client = await connect([], (line) => (line.startsWith('APOP ') ? '+OK\r\n' : undefined));
      await client.login({ user: 'mrose', password: 'tanstaaf' }, 'apop');
      expect(received()[1]).toBe('APOP mrose c4c9334bac560ecc979e58001b3e22fb');
    });

    it('refuses APOP when the greeting carries no timestamp, without sending anything', async () => {
      const client = await connect([], () => '+OK\r\n', '+OK Dovecot ready.');
      await expect(client.login({ user: 'u', password: 'p' }, 'apop')).rejects.toMatchObject({ name: 'Pop3ArgumentError', subject: 'login-method' });
      expect(received()).toEqual(['CAPA']);
    });

    it.each([
      ['an empty user name', { user: '', password: 'p' }, 'USER: the user name is empty'],
      ['an empty password', { user: 'u', password: '' }, 'PASS: no password given'],
    ])('refuses %s as a credentials problem, without sending anything', async (_case, credentials, message) => {
      const client = await connect([], () => '+OK\r\n');
      await expect(client.login(credentials, 'user')).rejects.toMatchObject({ name: 'Pop3ArgumentError', subject: 'credentials', message });
      expect(received()).toEqual(['CAPA']);
    });

    describe('with an OAuth2 access token', () => {
      const token = 'ya29.secret-token';
      const xoauth2 = b64(`user=alice@example.com\x01auth=Bearer ${token}\x01\x01`);
      const challenge = { status: '400', schemes: 'Bearer', scope: 'https://mail.google.com/' };

      it('sends XOAUTH2 in two steps: AUTH XOAUTH2, then the token after the + (never on the AUTH line)', async () => {
        const client = await connect(['SASL PLAIN XOAUTH2'], (line) => (line === 'AUTH XOAUTH2' ? '+ \r\n' : line === xoauth2 ? '+OK Welcome.\r\n' : undefined));
        await client.login({ user: 'alice@example.com', accessToken: token }, 'xoauth2');
        expect(received()).toEqual(['CAPA', 'AUTH XOAUTH2', xoauth2, 'CAPA']);
        expect(metrics).toEqual(expect.arrayContaining(['AUTH ok']));
        expect(metrics.join(' ')).not.toContain('ya29');
      });

      it('decodes the + <base64 JSON> refusal, answers it with an empty line, and keeps the -ERR words and the challenge', async () => {
        const client = await connect(['SASL XOAUTH2'], (line) =>
          line === 'AUTH XOAUTH2' ? '+ \r\n' : line === xoauth2 ? `+ ${b64(JSON.stringify(challenge))}\r\n` : line === '' ? '-ERR [AUTH] Invalid credentials.\r\n' : undefined,
        );
        const failure = await client.login({ user: 'alice@example.com', accessToken: token }, 'xoauth2').catch((error: unknown) => error);
        expect(received().slice(1)).toEqual(['AUTH XOAUTH2', xoauth2, '']);
        expect(failure).toBeInstanceOf(Pop3AuthError);
        expect(failure).toMatchObject({ command: 'AUTH', respCode: 'AUTH', text: 'Invalid credentials.', challenge });
        expect(JSON.stringify(failure) + String(failure) + (failure as Error).message).not.toContain('ya29');
        expect(client.usable).toBe(false);
      });

      it('keeps a refusal whose challenge is not base64 JSON a refusal, without a challenge', async () => {
        const client = await connect(['SASL XOAUTH2'], (line) =>
          line === 'AUTH XOAUTH2' ? '+ \r\n' : line === xoauth2 ? '+ not-json!\r\n' : line === '' ? '-ERR no\r\n' : undefined,
        );
        const failure = await client.login({ user: 'alice@example.com', accessToken: token }, 'xoauth2').catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(Pop3AuthError);
        expect((failure as Pop3AuthError).challenge).toBeUndefined();
        expect(failure).toMatchObject({ text: 'no' });
      });

      it('reports a -ERR right after the token (Microsoft) as an auth error without a challenge', async () => {
        const client = await connect(['SASL XOAUTH2'], (line) =>
          line === 'AUTH XOAUTH2' ? '+ \r\n' : line === xoauth2 ? '-ERR Authentication failure: unknown user name or bad password.\r\n' : undefined,
        );
        const failure = await client.login({ user: 'alice@example.com', accessToken: token }, 'xoauth2').catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(Pop3AuthError);
        expect(failure).toMatchObject({ respCode: undefined, text: 'Authentication failure: unknown user name or bad password.' });
        expect(received()).toHaveLength(3); // no empty line: there was no challenge to answer
      });

      it('sends RFC 7628 OAUTHBEARER with the user, host and port, and answers its error challenge with AQ== (%x01)', async () => {
        let sent = '';
        const client = await connect(['SASL OAUTHBEARER'], (line) => {
          if (line === 'AUTH OAUTHBEARER') return '+ \r\n';
          if (sent === '') {
            sent = line;
            return `+ ${b64('{"status":"invalid_token","scope":"https://mail.google.com/"}')}\r\n`;
          }
          return line === 'AQ==' ? '-ERR [AUTH] Invalid credentials.\r\n' : undefined;
        });
        const failure = await client.login({ user: 'a,b=c@example.com', accessToken: token }, 'oauthbearer').catch((error: unknown) => error);
        const port = server?.port as number;
        expect(Buffer.from(sent, 'base64').toString()).toBe(`n,a=a=2Cb=3Dc@example.com,\x01host=localhost\x01port=${port}\x01auth=Bearer ${token}\x01\x01`);
        expect(received().slice(1)).toEqual(['AUTH OAUTHBEARER', sent, 'AQ==']);
        expect(failure).toMatchObject({ name: 'Pop3AuthError', text: 'Invalid credentials.', challenge: { status: 'invalid_token', scope: 'https://mail.google.com/' } });
      });

      it('logs in with OAUTHBEARER when the server accepts the token', async () => {
        const client = await connect(['SASL OAUTHBEARER'], (line) => (line === 'AUTH OAUTHBEARER' ? '+ \r\n' : line === 'CAPA' ? undefined : '+OK Welcome.\r\n'));
        await client.login({ user: 'alice@example.com', accessToken: token }, 'oauthbearer');
        expect(client.usable).toBe(true);
        expect(received()[1]).toBe('AUTH OAUTHBEARER');
      });

      it('refuses a Ctrl-A in the user name or token before sending anything', async () => {
        const client = await connect(['SASL XOAUTH2'], () => '+ \r\n');
        await expect(client.login({ user: 'a\x01b', accessToken: token }, 'xoauth2')).rejects.toMatchObject({ name: 'Pop3ArgumentError', subject: 'credentials' });
        await expect(client.login({ user: 'alice', accessToken: 'x\x01y' }, 'oauthbearer')).rejects.toMatchObject({ name: 'Pop3ArgumentError', subject: 'credentials' });
        expect(received()).toEqual(['CAPA']);
      });

      it('auto never picks XOAUTH2 or OAUTHBEARER for a password, even listed first', async () => {
        const client = await connect(['SASL XOAUTH2 OAUTHBEARER PLAIN'], (line) => (line.startsWith('AUTH PLAIN ') ? '+OK\r\n' : undefined));
        await client.login({ user: 'alice', password: 'pw' });
        expect(received()[1]).toBe(`AUTH PLAIN ${b64('\0alice\0pw')}`);
      });

      it('treats +OK before the token as a broken conversation, and a + after the empty line too', async () => {
        const early = await connect(['SASL XOAUTH2'], (line) => (line === 'AUTH XOAUTH2' ? '+OK\r\n' : undefined));
        await expect(early.login({ user: 'alice', accessToken: token }, 'xoauth2')).rejects.toThrow(Pop3ProtocolError);
        await server?.close();
        const endless = await connect(['SASL XOAUTH2'], (line) => (line === 'CAPA' ? undefined : '+ \r\n'));
        await expect(endless.login({ user: 'alice', accessToken: token }, 'xoauth2')).rejects.toThrow(Pop3ProtocolError);
        expect(received().slice(1)).toEqual(['AUTH XOAUTH2', expect.any(String), '']);
      });
    });

    it("keeps the server's [AUTH] text, never the password, and closes the session", async () => {
      const client = await connect(['USER'], (line) =>
        line.startsWith('USER') ? '+OK\r\n' : '-ERR [AUTH] Application-specific password required: https://support.google.com/mail/?p=InvalidSecondFactor\r\n',
      );
      const failure = await client.login({ user: 'alice', password: 'hunter2' }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Pop3AuthError);
      expect(failure).toMatchObject({
        command: 'PASS',
        respCode: 'AUTH',
        text: 'Application-specific password required: https://support.google.com/mail/?p=InvalidSecondFactor',
      });
      expect((failure as Error).message).not.toContain('hunter2');
      expect(client.usable).toBe(false);
      expect(metrics).toContain('PASS err');
      expect(metrics.join(' ')).not.toContain('hunter2');
    });

    it('sends UTF8 before logging in when CAPA offers it (RFC 6856), so messages come as stored', async () => {
      const client = await connect(['UTF8 USER'], () => '+OK\r\n');
      await client.login({ user: 'u', password: 'p' }, 'user');
      expect(received().slice(0, 4)).toEqual(['CAPA', 'UTF8', 'USER u', 'PASS p']);
    });

    it('logs in all the same when the server refuses UTF8, and never sends it unoffered', async () => {
      const offered = await connect(['UTF8'], (line) => (line === 'UTF8' ? '-ERR not now\r\n' : '+OK\r\n'));
      await offered.login({ user: 'u', password: 'p' }, 'user');
      expect(offered.usable).toBe(true);
      await server?.close();
      const unoffered = await connect([], () => '+OK\r\n');
      await unoffered.login({ user: 'u', password: 'p' }, 'user');
      expect(received()).not.toContain('UTF8');
    });

    it('keeps [IN-USE] at login a server error, not an auth error', async () => {
      const client = await connect(['SASL PLAIN'], () => '-ERR [IN-USE] Mailbox locked by another session\r\n');
      const failure = await client.login({ user: 'alice', password: 'pw' }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Pop3ServerError);
      expect(failure).not.toBeInstanceOf(Pop3AuthError);
      expect(failure).toMatchObject({ respCode: 'IN-USE' });
    });
  });

  describe('commands', () => {
    const mailbox: Script = (line) => {
      switch (line) {
        case 'STAT':
          return '+OK 2 320\r\n';
        case 'LIST':
          return '+OK 2 messages\r\n1 120\r\n2 200\r\n.\r\n';
        case 'UIDL':
          return '+OK\r\n1 aaa\r\n2 bbb\r\n.\r\n';
        case 'LIST 2':
          return '+OK 2 200\r\n';
        case 'UIDL 2':
          return '+OK 2 bbb\r\n';
        case 'TOP 1 0':
          return '+OK\r\nSubject: one\r\n\r\n.\r\n';
        case 'TOP 2 0':
          return '+OK\r\nSubject: two\r\n..hidden\r\n\r\n.\r\n';
        case 'RETR 1':
          return '+OK\r\nSubject: one\r\n\r\n..\r\nbody\r\n.\r\n';
        case 'DELE 1':
        case 'RSET':
        case 'NOOP':
          return '+OK\r\n';
        case 'QUIT':
          return '+OK bye\r\n';
        default:
          return '-ERR no such message\r\n';
      }
    };

    it('reads STAT, LIST, UIDL and single entries', async () => {
      const client = await connect(['UIDL', 'TOP'], mailbox);
      expect(await client.stat()).toEqual({ count: 2, size: 320 });
      expect(await client.list()).toEqual([{ number: 1, size: 120 }, { number: 2, size: 200 }]);
      expect(await client.uidl()).toEqual([{ number: 1, uid: 'aaa' }, { number: 2, uid: 'bbb' }]);
      expect(await client.listOne(2)).toEqual({ number: 2, size: 200 });
      expect(await client.uidlOne(2)).toEqual({ number: 2, uid: 'bbb' });
      await client.dele(1);
      await client.rset();
      await client.noop();
      await client.quit();
    });

    it('turns -ERR into a server error and keeps the session usable', async () => {
      const client = await connect([], mailbox);
      await expect(client.listOne(9)).rejects.toMatchObject({ name: 'Pop3ServerError', command: 'LIST', text: 'no such message' });
      expect(client.usable).toBe(true);
      await expect(client.stat()).resolves.toEqual({ count: 2, size: 320 });
    });

    it('streams RETR unstuffed and runs the next command after it', async () => {
      const client = await connect([], mailbox);
      const body = await client.retr(1);
      const next = client.stat();
      expect((await readAll(body)).toString()).toBe('Subject: one\r\n\r\n.\r\nbody\r\n');
      expect(await next).toEqual({ count: 2, size: 320 });
    });

    it('destroys the connection when a RETR stream is destroyed before its end', async () => {
      const client = await connect([], (line, session) => {
        if (line === 'RETR 1') session.send('+OK\r\nSubject: one\r\n'); // the rest never comes
        return line === 'NOOP' ? '+OK\r\n' : undefined;
      });
      const body = await client.retr(1);
      const pending = client.noop();
      body.destroy();
      await expect(pending).rejects.toThrow(Pop3ProtocolError);
      expect(client.usable).toBe(false);
    });

    it('pipelines LIST and UIDL when the server offers PIPELINING', async () => {
      let seen: string[] = [];
      const client = await connect(['PIPELINING', 'UIDL'], (line, session) => {
        seen.push(line);
        // This server answers only once both commands are in: without pipelining it would stall.
        if (seen.join() === 'LIST,UIDL') {
          session.send(`${mailbox('LIST', session)}${mailbox('UIDL', session)}`);
          seen = [];
        }
        return undefined;
      });
      expect(await client.listAndUidl()).toEqual({
        list: [{ number: 1, size: 120 }, { number: 2, size: 200 }],
        uidl: [{ number: 1, uid: 'aaa' }, { number: 2, uid: 'bbb' }],
      });
    });

    it('sends one command at a time without PIPELINING, and reports a server without UIDL as null', async () => {
      const log: string[] = [];
      const client = await connect([], (line, session) => {
        log.push(`> ${line}`);
        setTimeout(() => {
          log.push(`< ${line}`);
          session.send(line === 'UIDL' ? '-ERR unknown command\r\n' : (mailbox(line, session) as string));
        }, 5);
        return undefined;
      });
      const result = await client.listAndUidl();
      expect(result.uidl).toBeNull();
      expect(result.list).toHaveLength(2);
      expect(log).toEqual(['> LIST', '< LIST', '> UIDL', '< UIDL']);
    });

    it('fetches headers of many messages in order, pipelined', async () => {
      const client = await connect(['PIPELINING', 'TOP'], mailbox);
      const heads = await client.topMany([2, 1, 2], 0);
      expect(heads.map((head) => head.toString())).toEqual([
        'Subject: two\r\n.hidden\r\n\r\n',
        'Subject: one\r\n\r\n',
        'Subject: two\r\n.hidden\r\n\r\n',
      ]);
    });

    it('fails topMany on a -ERR but reads every reply, so the session stays in step', async () => {
      const client = await connect(['PIPELINING', 'TOP'], mailbox);
      await expect(client.topMany([1, 9, 2], 0)).rejects.toThrow(Pop3ServerError);
      expect(client.usable).toBe(true);
      expect(await client.stat()).toEqual({ count: 2, size: 320 });
    });

    it('rejects QUIT answered -ERR (deletions not committed) and closes the socket anyway', async () => {
      const client = await connect([], (line) => (line === 'QUIT' ? '-ERR [SYS/TEMP] could not commit\r\n' : undefined));
      await expect(client.quit()).rejects.toMatchObject({ name: 'Pop3ServerError', respCode: 'SYS/TEMP' });
      expect(client.usable).toBe(false);
    });

    it.each([
      ['STAT', (client: Pop3Client) => client.stat(), '+ OK 2 320\r\n'],
      ['LIST', (client: Pop3Client) => client.list(), '+ \r\n'],
      ['RETR', (client: Pop3Client) => client.retr(1), '+ OK\r\nSubject: x\r\n.\r\n'],
      ['QUIT', (client: Pop3Client) => client.quit(), '+\r\n'],
      ['USER', (client: Pop3Client) => client.login({ user: 'u', password: 'p' }, 'user'), '+ OK\r\n'],
    ])('never takes a + continuation for +OK outside AUTH (%s): the conversation is broken', async (_verb, run, reply) => {
      const client = await connect([], (line) => (line === 'CAPA' ? undefined : reply));
      await expect(run(client)).rejects.toThrow(Pop3ProtocolError);
      expect(client.usable).toBe(false);
    });

    it('calls onClose when the server goes away', async () => {
      const client = await connect([], () => undefined);
      const closed = new Promise<void>((resolve) => client.onClose(resolve));
      server?.sessions[0]?.end();
      await closed;
      expect(client.usable).toBe(false);
    });
  });
});
