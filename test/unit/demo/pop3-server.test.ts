import { createHash } from 'node:crypto';
import { generateDemoCertificate, type DemoCertificate } from '../../../src/demo/certificate';
import { DemoPop3Server, startDemo, type DemoPop3ServerOptions } from '../../../src/demo/pop3-server';
import { sampleMessages } from '../../../src/demo/sample-messages';
import { RawSocket } from './raw-socket';
import { waitFor } from '../../support/waiting';

const crlf = (...lines: string[]): Buffer => Buffer.from(lines.map((line) => `${line}\r\n`).join(''), 'utf8');
const FIRST = crlf('Subject: first', '', 'hello');
const DOTS = crlf('Subject: dots', '', '.', '..', '.hidden', 'end');
const THIRD = crlf('Subject: third', '', 'body line 1', 'body line 2');

describe('DemoPop3Server', () => {
  let certificate: DemoCertificate;
  const servers: DemoPop3Server[] = [];
  const sockets: RawSocket[] = [];

  beforeAll(async () => {
    certificate = await generateDemoCertificate();
  });

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  async function serve(overrides: Partial<DemoPop3ServerOptions> = {}): Promise<DemoPop3Server> {
    const server = await DemoPop3Server.start({
      tls: certificate,
      users: [{ name: 'alice', password: 'secret pass', messages: [FIRST, DOTS, THIRD] }],
      ...overrides,
    });
    servers.push(server);
    return server;
  }

  async function connect(server: DemoPop3Server, ca: string | null = certificate.certPem): Promise<RawSocket> {
    const socket = await RawSocket.connect(server.port, ca);
    sockets.push(socket);
    return socket;
  }

  async function login(server: DemoPop3Server): Promise<RawSocket> {
    const socket = await connect(server);
    await socket.readLine();
    expect(await socket.command('USER alice')).toMatch(/^\+OK/);
    expect(await socket.command('PASS secret pass')).toMatch(/^\+OK/);
    return socket;
  }

  it('greets over TLS with a certificate trusted through its PEM, with an APOP timestamp', async () => {
    const server = await serve();
    const socket = await connect(server);
    expect(server.host).toBe('127.0.0.1');
    expect(socket.tlsProtocol).toMatch(/^TLSv1\.[23]$/);
    expect(await socket.readLine()).toMatch(/^\+OK .* <[^<>@]+@[^<>]+>$/);
  });

  it('advertises its capabilities, STLS only on a plaintext listener that has a certificate', async () => {
    const implicit = await login(await serve());
    implicit.send('CAPA\r\n');
    expect(await implicit.readLine()).toMatch(/^\+OK/);
    const afterLogin = (await implicit.readMultilineBody()).toString();
    expect(afterLogin).toContain('UIDL\r\nRESP-CODES\r\nAUTH-RESP-CODE\r\nPIPELINING\r\n');

    const plain = await connect(await serve({ starttls: true }), null);
    await plain.readLine();
    plain.send('CAPA\r\n');
    await plain.readLine();
    const capabilities = (await plain.readMultilineBody()).toString().split('\r\n');
    expect(capabilities).toEqual(expect.arrayContaining(['TOP', 'UIDL', 'USER', 'SASL PLAIN', 'PIPELINING', 'RESP-CODES', 'AUTH-RESP-CODE', 'STLS']));
  });

  it('logs in with USER/PASS and reports STAT, LIST and UIDL of the maildrop', async () => {
    const socket = await login(await serve());
    const total = FIRST.length + DOTS.length + THIRD.length;
    expect(await socket.command('STAT')).toBe(`+OK 3 ${total}`);
    expect(await socket.command('LIST')).toMatch(/^\+OK/);
    expect((await socket.readMultilineBody()).toString()).toBe(`1 ${FIRST.length}\r\n2 ${DOTS.length}\r\n3 ${THIRD.length}\r\n.\r\n`);
    expect(await socket.command('LIST 2')).toBe(`+OK 2 ${DOTS.length}`);
    expect(await socket.command('UIDL')).toMatch(/^\+OK/);
    const uids = (await socket.readMultilineBody()).toString().split('\r\n').slice(0, 3).map((line) => line.split(' ')[1] ?? '');
    expect(new Set(uids).size).toBe(3);
    for (const uid of uids) expect(uid).toMatch(/^[\x21-\x7e]{1,70}$/);
    expect(await socket.command('UIDL 3')).toBe(`+OK 3 ${uids[2]}`);
    expect(await socket.command('LIST 4')).toMatch(/^-ERR/);
    expect(await socket.command('LIST 0')).toMatch(/^-ERR/);
  });

  it('keeps the same UIDs for the same messages in a later session', async () => {
    const server = await serve();
    const first = await login(server);
    const uidOf3 = await first.command('UIDL 3');
    await first.command('QUIT');
    const second = await login(server);
    expect(await second.command('UIDL 3')).toBe(uidOf3);
  });

  it('answers a wrong password with -ERR [AUTH] and lets the client try again', async () => {
    const socket = await connect(await serve());
    await socket.readLine();
    await socket.command('USER alice');
    expect(await socket.command('PASS wrong')).toMatch(/^-ERR \[AUTH\] /);
    await socket.command('USER nobody');
    expect(await socket.command('PASS secret pass')).toMatch(/^-ERR \[AUTH\] /);
    expect(await socket.command('STAT')).toMatch(/^-ERR/);
    await socket.command('USER alice');
    expect(await socket.command('PASS secret pass')).toMatch(/^\+OK/);
  });

  it('sends the message with dot-lines dot-stuffed on the wire for RETR', async () => {
    const socket = await login(await serve());
    expect(await socket.command('RETR 2')).toBe(`+OK ${DOTS.length} octets`);
    const wire = await socket.readMultilineBody();
    expect(wire.toString()).toBe('Subject: dots\r\n\r\n..\r\n...\r\n..hidden\r\nend\r\n.\r\n');
  });

  it('returns the headers and the first body lines for TOP, dot-stuffed', async () => {
    const socket = await login(await serve());
    expect(await socket.command('TOP 3 0')).toMatch(/^\+OK/);
    expect((await socket.readMultilineBody()).toString()).toBe('Subject: third\r\n\r\n.\r\n');
    expect(await socket.command('TOP 2 1')).toMatch(/^\+OK/);
    expect((await socket.readMultilineBody()).toString()).toBe('Subject: dots\r\n\r\n..\r\n.\r\n');
    expect(await socket.command('TOP 2')).toMatch(/^-ERR/);
  });

  it('commits DELE only when QUIT ends the session', async () => {
    const server = await serve();
    const dropped = await login(server);
    expect(await dropped.command('DELE 1')).toMatch(/^\+OK/);
    dropped.destroy();
    await waitFor(() => server.sessionsOpen === 0);
    expect(server.messages('alice')).toHaveLength(3);

    const socket = await login(server);
    expect(await socket.command('DELE 1')).toMatch(/^\+OK/);
    expect(await socket.command('RETR 1')).toMatch(/^-ERR message 1 already deleted/);
    expect(await socket.command('STAT')).toBe(`+OK 2 ${DOTS.length + THIRD.length}`);
    expect(await socket.command('QUIT')).toMatch(/^\+OK/);
    await socket.waitForClose();
    expect(server.messages('alice')).toEqual([DOTS, THIRD]);
  });

  it('undoes deletions on RSET', async () => {
    const server = await serve();
    const socket = await login(server);
    await socket.command('DELE 2');
    expect(await socket.command('RSET')).toMatch(/^\+OK/);
    expect(await socket.command('QUIT')).toMatch(/^\+OK/);
    expect(server.messages('alice')).toHaveLength(3);
  });

  it('answers commands pipelined in one write, in order', async () => {
    const socket = await login(await serve());
    socket.send('STAT\r\nLIST 1\r\nNOOP\r\nUIDL 9\r\nRETR 1\r\n');
    expect(await socket.readLine()).toMatch(/^\+OK 3 /);
    expect(await socket.readLine()).toBe(`+OK 1 ${FIRST.length}`);
    expect(await socket.readLine()).toBe('+OK');
    expect(await socket.readLine()).toMatch(/^-ERR no such message/);
    expect(await socket.readLine()).toMatch(/^\+OK/);
    expect(await socket.readMultilineBody()).toEqual(Buffer.concat([FIRST, Buffer.from('.\r\n')]));
  });

  it('executes a command split across several writes', async () => {
    const socket = await login(await serve());
    socket.send('ST');
    await new Promise((resolve) => setTimeout(resolve, 20));
    socket.send('AT\r');
    await new Promise((resolve) => setTimeout(resolve, 20));
    socket.send('\n');
    expect(await socket.readLine()).toMatch(/^\+OK 3 /);
  });

  it('logs in with AUTH PLAIN, as an initial response or after a continuation', async () => {
    const server = await serve();
    const plain = Buffer.from('\0alice\0secret pass').toString('base64');
    const initial = await connect(server);
    await initial.readLine();
    expect(await initial.command(`AUTH PLAIN ${plain}`)).toMatch(/^\+OK/);

    const continued = await connect(server);
    await continued.readLine();
    expect(await continued.command('AUTH PLAIN')).toBe('+ ');
    expect(await continued.command(plain)).toMatch(/^\+OK/);

    const refused = await connect(server);
    await refused.readLine();
    expect(await refused.command(`AUTH PLAIN ${Buffer.from('\0alice\0nope').toString('base64')}`)).toMatch(/^-ERR \[AUTH\]/);
    expect(await refused.command('AUTH PLAIN')).toBe('+ ');
    expect(await refused.command('*')).toMatch(/^-ERR/);
  });

  it('logs in with APOP using the timestamp of the greeting', async () => {
    const socket = await connect(await serve());
    const timestamp = /<[^>]+>/.exec(await socket.readLine())?.[0] ?? '';
    const digest = createHash('md5').update(`${timestamp}secret pass`).digest('hex');
    expect(await socket.command(`APOP alice ${'0'.repeat(32)}`)).toMatch(/^-ERR \[AUTH\]/);
    expect(await socket.command(`APOP alice ${digest}`)).toMatch(/^\+OK/);
  });

  it('refuses a second concurrent login with -ERR [IN-USE] when it locks maildrops', async () => {
    const server = await serve({ lockMaildrop: true });
    const holder = await login(server);
    const second = await connect(server);
    await second.readLine();
    await second.command('USER alice');
    expect(await second.command('PASS secret pass')).toMatch(/^-ERR \[IN-USE\] /);
    await holder.command('QUIT');
    await holder.waitForClose();
    await second.command('USER alice');
    expect(await second.command('PASS secret pass')).toMatch(/^\+OK/);
  });

  it('lets sessions share a maildrop when it does not lock', async () => {
    const server = await serve();
    await login(server);
    await login(server);
    expect(server.sessionsOpen).toBe(2);
  });

  it('shows each session the maildrop as of its login', async () => {
    const server = await serve();
    const early = await login(server);
    server.deliver('alice', crlf('Subject: new', '', 'fresh'));
    expect(await early.command('STAT')).toMatch(/^\+OK 3 /);
    const late = await login(server);
    expect(await late.command('STAT')).toMatch(/^\+OK 4 /);
  });

  it('upgrades a plaintext session with STLS and ignores plaintext pipelined after it', async () => {
    const server = await serve({ starttls: true });
    const socket = await connect(server, null);
    await socket.readLine();
    // Injected: a real server must not run "USER alice" as if it came over TLS.
    socket.send('STLS\r\nUSER alice\r\n');
    expect(await socket.readLine()).toBe('+OK Begin TLS negotiation');
    await socket.startTls(certificate.certPem);
    expect(socket.tlsProtocol).toMatch(/^TLSv1/);
    expect(await socket.command('PASS secret pass')).toMatch(/^-ERR USER first/);
    socket.send('CAPA\r\n');
    await socket.readLine();
    expect((await socket.readMultilineBody()).toString()).not.toContain('STLS');
    await socket.command('USER alice');
    expect(await socket.command('PASS secret pass')).toMatch(/^\+OK/);
  });

  it('refuses STLS on a server without a certificate', async () => {
    const socket = await connect(await serve({ tls: null }), null);
    await socket.readLine();
    expect(await socket.command('STLS')).toMatch(/^-ERR/);
  });

  it('cuts off a client that sends a command line longer than the cap', async () => {
    const socket = await connect(await serve());
    await socket.readLine();
    socket.send('x'.repeat(20_000));
    expect(await socket.readLine()).toMatch(/^-ERR .*too long/);
    await socket.waitForClose();
  });

  it('refuses transaction commands before login and login commands after it', async () => {
    const socket = await connect(await serve());
    await socket.readLine();
    expect(await socket.command('RETR 1')).toMatch(/^-ERR/);
    expect(await socket.command('PASS x')).toMatch(/^-ERR/);
    await socket.command('USER alice');
    await socket.command('PASS secret pass');
    expect(await socket.command('USER alice')).toMatch(/^-ERR/);
    expect(await socket.command('FOO')).toMatch(/^-ERR/);
  });

  it('closes a session that stays idle past its timeout', async () => {
    const server = await serve({ idleTimeoutMs: 100 });
    const socket = await connect(server);
    await socket.readLine();
    await socket.waitForClose();
    await waitFor(() => server.sessionsOpen === 0);
  });
});

describe('startDemo', () => {
  it('serves the sample maildrop to demo/demo over TLS trusted through caPem', async () => {
    const demo = await startDemo();
    try {
      expect(demo.user).toBe('demo');
      expect(demo.password).toBe('demo');
      const socket = await RawSocket.connect(demo.server.port, demo.caPem);
      await socket.readLine();
      await socket.command('USER demo');
      await socket.command('PASS demo');
      expect(await socket.command('STAT')).toBe(
        `+OK ${sampleMessages().length} ${sampleMessages().reduce((sum, message) => sum + message.length, 0)}`,
      );
      socket.destroy();
    } finally {
      await demo.server.close();
    }
  });
});

