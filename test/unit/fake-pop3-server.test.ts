import { FakePop3Server, TEN_MEGABYTES, type FakePop3ServerOptions } from '../support/fake-pop3-server';
import { RawSocket } from './demo/raw-socket';

const crlf = (...lines: string[]): Buffer => Buffer.from(lines.map((line) => `${line}\r\n`).join(''), 'utf8');
const MESSAGE = crlf('Subject: hello', '', 'line one', '.dotted', 'line three');

describe('FakePop3Server', () => {
  const fakes: FakePop3Server[] = [];
  const sockets: RawSocket[] = [];

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    await Promise.all(fakes.splice(0).map((fake) => fake.close()));
  });

  async function startFake(options: FakePop3ServerOptions = {}): Promise<FakePop3Server> {
    const fake = await FakePop3Server.start({ users: [{ name: 'alice', password: 'hunter2', messages: [MESSAGE] }], ...options });
    fakes.push(fake);
    return fake;
  }

  async function connect(fake: FakePop3Server): Promise<RawSocket> {
    const socket = await RawSocket.connect(fake.port, fake.options.tls === true || fake.options.tls === undefined ? fake.caPem : null);
    sockets.push(socket);
    return socket;
  }

  async function login(fake: FakePop3Server): Promise<RawSocket> {
    const socket = await connect(fake);
    await socket.readLine();
    await socket.command('USER alice');
    expect(await socket.command('PASS hunter2')).toMatch(/^\+OK/);
    return socket;
  }

  describe('by default', () => {
    it('behaves as a valid POP3 server over TLS and records every command line, passwords included', async () => {
      const fake = await startFake();
      expect(fake.connections).toBe(0);
      const socket = await login(fake);
      expect(socket.tlsProtocol).toMatch(/^TLSv1/);
      expect(await socket.command('RETR 1')).toBe(`+OK ${MESSAGE.length} octets`);
      expect((await socket.readMultilineBody()).toString()).toContain('\r\n..dotted\r\n');
      expect(await socket.command('DELE 1')).toMatch(/^\+OK/);
      expect(await socket.command('QUIT')).toMatch(/^\+OK/);
      await socket.waitForClose();
      expect(fake.messages('alice')).toEqual([]);
      expect(fake.transcript).toEqual(['USER alice', 'PASS hunter2', 'RETR 1', 'DELE 1', 'QUIT']);
      expect(fake.connections).toBe(1);
    });

    it('records AUTH PLAIN continuation lines too', async () => {
      const fake = await startFake();
      const socket = await connect(fake);
      await socket.readLine();
      const credential = Buffer.from('\0alice\0hunter2').toString('base64');
      expect(await socket.command('AUTH PLAIN')).toBe('+ ');
      expect(await socket.command(credential)).toMatch(/^\+OK/);
      expect(fake.transcript).toEqual(['AUTH PLAIN', credential]);
    });

    it('serves plaintext, and plaintext with STLS, when asked', async () => {
      const plain = await connect(await startFake({ tls: false }));
      expect(plain.tlsProtocol).toBeNull();
      expect(await plain.readLine()).toMatch(/^\+OK/);
      expect(await plain.command('STLS')).toMatch(/^-ERR/);

      const fake = await startFake({ tls: 'starttls' });
      const upgrading = await connect(fake);
      await upgrading.readLine();
      expect(await upgrading.command('STLS')).toBe('+OK Begin TLS negotiation');
      await upgrading.startTls(fake.caPem as string);
      expect(await upgrading.command('NOOP')).toMatch(/^-ERR/); // not logged in yet, but answered over TLS
      expect(upgrading.tlsProtocol).toMatch(/^TLSv1/);
    });
  });

  describe('greeting hooks', () => {
    it('can withhold the greeting entirely', async () => {
      const fake = await startFake();
      fake.greeting = () => undefined;
      const socket = await connect(fake);
      expect(await socket.staysSilent(150)).toBe(true);
      expect(fake.connections).toBe(1);
      expect(fake.transcript).toEqual([]);
    });

    it('can send a negative greeting', async () => {
      const fake = await startFake();
      fake.greeting = (ctx) => ctx.reply('-ERR [SYS/TEMP] maintenance\r\n');
      const socket = await connect(fake);
      expect(await socket.readLine()).toBe('-ERR [SYS/TEMP] maintenance');
    });

    it('can send the normal greeting late', async () => {
      const fake = await startFake();
      // Held until the test lets it go, so "late" does not depend on how busy the machine is.
      let sendGreeting!: () => void;
      const released = new Promise<void>((resolve) => (sendGreeting = resolve));
      fake.greeting = async (ctx) => {
        await released;
        await ctx.default();
      };
      const socket = await connect(fake);
      expect(await socket.staysSilent(50)).toBe(true);
      sendGreeting();
      expect(await socket.readLine()).toMatch(/^\+OK .*<.+@.+>$/);
    });
  });

  describe('command hooks', () => {
    it('split a reply into chunks with delays between them', async () => {
      const fake = await startFake();
      fake.on('RETR', (ctx) => ctx.reply(ctx.defaultReply(), { chunkSize: 7, delayMs: 5 }));
      const socket = await login(fake);
      const before = socket.chunks;
      expect(await socket.command('RETR 1')).toMatch(/^\+OK/);
      expect((await socket.readMultilineBody()).toString()).toContain('line three\r\n.\r\n');
      expect(socket.chunks - before).toBeGreaterThan(5);
    });

    it('stall: the command and everything pipelined after it get no answer', async () => {
      const fake = await startFake();
      fake.on('RETR', (ctx) => ctx.stall());
      const socket = await login(fake);
      socket.send('RETR 1\r\nNOOP\r\n');
      expect(await socket.staysSilent(200)).toBe(true);
      // Still recorded: a stalled server sees, and the transcript shows, what the client sent.
      expect(fake.transcript.slice(-2)).toEqual(['RETR 1', 'NOOP']);
    });

    it('reset: sends the first N bytes of the real reply, then a TCP reset', async () => {
      const fake = await startFake();
      fake.on('RETR', (ctx) => ctx.reset(30));
      const socket = await login(fake);
      socket.send('RETR 1\r\n');
      await socket.waitForClose();
      expect(socket.unread.toString()).toBe(`+OK ${MESSAGE.length} octets\r\nSubject: hello\r\n`.slice(0, 30));
      expect(socket.error?.code).toBe('ECONNRESET');
    });

    it('close: sends the first N bytes, then closes without a reset', async () => {
      const fake = await startFake({ tls: false });
      fake.on('RETR', (ctx) => ctx.close(20));
      const socket = await login(fake);
      socket.send('RETR 1\r\n');
      await socket.waitForClose();
      expect(socket.unread).toHaveLength(20);
      expect(socket.error).toBeUndefined();
    });

    it('can send a 10 MB line without CRLF', async () => {
      const fake = await startFake();
      fake.on('STAT', (ctx) => ctx.reply(Buffer.alloc(TEN_MEGABYTES, 0x61)));
      const socket = await login(fake);
      socket.send('STAT\r\n');
      const received = await socket.readBytes(TEN_MEGABYTES, 10_000);
      expect(received).toHaveLength(TEN_MEGABYTES);
      expect(received.includes('\n')).toBe(false);
    });

    it('can answer with garbage instead of +OK', async () => {
      const fake = await startFake();
      fake.on('STAT', (ctx) => ctx.reply('HTTP/1.1 400 Bad Request\r\n'));
      const socket = await login(fake);
      expect(await socket.command('STAT')).toBe('HTTP/1.1 400 Bad Request');
    });

    it('can add unsolicited bytes after a normal reply', async () => {
      const fake = await startFake();
      fake.on('NOOP', async (ctx) => {
        await ctx.default();
        await ctx.write('+OK surprise\r\n');
      });
      const socket = await login(fake);
      expect(await socket.command('NOOP')).toBe('+OK');
      expect(await socket.readLine()).toBe('+OK surprise');
    });

    it('can inject plaintext after "+OK Begin TLS" before the handshake', async () => {
      const fake = await startFake({ tls: 'starttls' });
      fake.on('STLS', (ctx) => ctx.startTls('+OK injected\r\n'));
      const socket = await connect(fake);
      await socket.readLine();
      socket.send('STLS\r\n');
      expect(await socket.readLine()).toBe('+OK Begin TLS negotiation');
      expect(await socket.readLine()).toBe('+OK injected');
      await socket.startTls(fake.caPem as string);
      await socket.command('USER alice');
      expect(await socket.command('PASS hunter2')).toMatch(/^\+OK/);
    });

    it.each([
      ['-ERR [IN-USE] maildrop locked'],
      ['-ERR [LOGIN-DELAY] wait 10 minutes between logins'],
      ['-ERR [SYS/TEMP] try again later'],
      ['-ERR [SYS/PERM] account disabled'],
    ])('once: answers the next PASS with "%s", later ones normally', async (answer) => {
      const fake = await startFake();
      fake.once('PASS', (ctx) => ctx.reply(`${answer}\r\n`));
      const socket = await connect(fake);
      await socket.readLine();
      await socket.command('USER alice');
      expect(await socket.command('PASS hunter2')).toBe(answer);
      await socket.command('USER alice');
      expect(await socket.command('PASS hunter2')).toMatch(/^\+OK/);
    });

    it('can make LIST report a size different from what RETR sends', async () => {
      const fake = await startFake();
      fake.on('LIST', (ctx) => ctx.reply(ctx.defaultReply().toString('latin1').replace(/^1 \d+/m, '1 5')));
      const socket = await login(fake);
      expect(await socket.command('LIST')).toMatch(/^\+OK/);
      expect((await socket.readMultilineBody()).toString()).toBe('1 5\r\n.\r\n');
      expect(await socket.command('RETR 1')).toBe(`+OK ${MESSAGE.length} octets`);
    });

    it('"*" answers any command without its own hook, and off() restores the default', async () => {
      const fake = await startFake();
      fake.on('*', (ctx) => ctx.reply(`-ERR [SYS/TEMP] ${ctx.verb} unavailable\r\n`)).on('USER', (ctx) => ctx.default());
      const socket = await connect(fake);
      await socket.readLine();
      expect(await socket.command('USER alice')).toMatch(/^\+OK/);
      expect(await socket.command('PASS hunter2')).toBe('-ERR [SYS/TEMP] PASS unavailable');
      fake.off('*');
      // The hooked PASS never reached the session, so USER is still pending and this one logs in.
      expect(await socket.command('PASS hunter2')).toMatch(/^\+OK/);
    });

    it('keeps a hook that throws from crashing the server, and reports it', async () => {
      const fake = await startFake();
      fake.on('STAT', () => {
        throw new Error('hook bug');
      });
      const socket = await login(fake);
      socket.send('STAT\r\n');
      await socket.waitForClose();
      expect(fake.hookErrors).toEqual([new Error('hook bug')]);
    });
  });

  describe('options', () => {
    it('uidl: false hides UIDL from CAPA and refuses the command', async () => {
      const fake = await startFake({ uidl: false });
      const socket = await login(fake);
      expect(await socket.command('CAPA')).toMatch(/^\+OK/);
      const capabilities = (await socket.readMultilineBody()).toString().split('\r\n');
      expect(capabilities).toContain('TOP');
      expect(capabilities).not.toContain('UIDL');
      expect(await socket.command('UIDL')).toMatch(/^-ERR/);
    });

    it('lockMaildrop: a second concurrent login gets -ERR [IN-USE]', async () => {
      const fake = await startFake({ lockMaildrop: true });
      await login(fake);
      const second = await connect(fake);
      await second.readLine();
      await second.command('USER alice');
      expect(await second.command('PASS hunter2')).toMatch(/^-ERR \[IN-USE\]/);
      expect(fake.openConnections).toBe(2);
    });
  });

  it('close() ends stalled connections too', async () => {
    const fake = await FakePop3Server.start({ users: [] });
    fake.greeting = (ctx) => ctx.stall();
    const socket = await RawSocket.connect(fake.port, fake.caPem);
    await fake.close();
    await socket.waitForClose();
    expect(socket.closed).toBe(true);
  });
});
