/**
 * Gmail's and Microsoft 365's POP3 servers as they answer OAuth2 logins, on top of
 * FakePop3Server (TLS on loopback, in-memory maildrops). Their dialogues come from the
 * providers' published pages and client bug reports (docs/providers.md names them):
 *
 * gmail    `+OK Gpop ready for requests from <ip> <id>`; CAPA with SASL PLAIN XOAUTH2 OAUTHBEARER;
 *          XOAUTH2 on the AUTH line or after `+`; a refused token gets the challenge
 *          `+ base64({"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"})`,
 *          then, after the client's reply, `-ERR [AUTH] Invalid credentials.`
 * outlook  `+OK The Microsoft Exchange POP3 service is ready. [<base64>]`; CAPA with SASL PLAIN
 *          XOAUTH2; only the two-step XOAUTH2 (a token on the AUTH line gets
 *          `-ERR Protocol error. Connection is closed. 10` and the connection is closed); a
 *          refused token gets `-ERR Authentication failure: unknown user name or bad password.`;
 *          passwords are refused (basic authentication is switched off).
 *
 * ```ts
 * const server = await ProviderPop3Server.start({ mode: 'outlook', users: { 'a@x.com': { tokens: new Set(['t1']) } }, messages });
 * server.validTokens['a@x.com']!.delete('t1');   // t1 has expired: the next login with it is refused
 * expect(server.authAttempts).toMatchObject({ xoauth2: 1, oneLine: 0 });
 * ```
 */
import { randomBytes } from 'node:crypto';
import { FakePop3Server, type FakeContext } from './fake-pop3-server';

export type ProviderMode = 'gmail' | 'outlook';

export interface ProviderUser {
  /** Access tokens the server accepts for this user, now. The Set is the server's own: mutate it to expire one. */
  tokens: Set<string>;
  /** gmail: a password USER/PASS and AUTH PLAIN accept (an app password). None: passwords are refused. */
  password?: string;
  /** An `-ERR …` line answered to every login of this user whatever the credentials (an account setting, e.g. {@link GMAIL_REFUSALS}). */
  refusal?: string;
  /** This user's maildrop; default: the server's `messages`. */
  messages?: Buffer[];
}

export interface ProviderPop3ServerOptions {
  mode: ProviderMode;
  users: Record<string, ProviderUser>;
  /** Every user's maildrop (each gets its own copy), oldest first, CRLF line endings. */
  messages?: Buffer[];
}

/** How often the server was asked to log in, and how it answered. */
export interface AuthAttempts {
  /** Every AUTH, USER/PASS pair counted once. */
  total: number;
  xoauth2: number;
  oauthbearer: number;
  /** AUTH PLAIN and USER/PASS. */
  password: number;
  /** AUTH XOAUTH2/OAUTHBEARER with the token on the AUTH line. */
  oneLine: number;
  accepted: number;
  refused: number;
}

/** Gmail's own words for the account settings that refuse a login (kept verbatim in pop3.text). */
export const GMAIL_REFUSALS = {
  appPasswordRequired: '-ERR [AUTH] Application-specific password required: https://support.google.com/accounts/answer/185833',
  webLoginRequired: '-ERR [AUTH] Web login required: https://support.google.com/mail/answer/78754',
  popDisabled: '-ERR [SYS/PERM] Your account is not enabled for POP access. Please visit your Gmail settings page and enable your account for POP access.',
} as const;

/** The JSON Gmail sends, base64-encoded, in the `+` challenge that refuses a token. */
export const GMAIL_ERROR_CHALLENGE = { status: '400', schemes: 'Bearer', scope: 'https://mail.google.com/' } as const;

export const GMAIL_TOKEN_REFUSED = '-ERR [AUTH] Invalid credentials.';
export const OUTLOOK_TOKEN_REFUSED = '-ERR Authentication failure: unknown user name or bad password.';
export const OUTLOOK_ONE_LINE_REFUSED = '-ERR Protocol error. Connection is closed. 10';
export const OUTLOOK_PASSWORD_REFUSED = '-ERR Logon failure: unknown user name or bad password.';

const GMAIL_CAPA = ['USER', 'RESP-CODES', 'EXPIRE 0', 'LOGIN-DELAY 300', 'TOP', 'UIDL', 'X-GOOGLE-RICO', 'SASL PLAIN XOAUTH2 OAUTHBEARER'];
const OUTLOOK_CAPA = ['TOP', 'UIDL', 'SASL PLAIN XOAUTH2', 'USER'];

/** What a bearer mechanism's client response named. */
interface BearerClaim {
  user: string;
  token: string;
}

export class ProviderPop3Server {
  readonly authAttempts: AuthAttempts = { total: 0, xoauth2: 0, oauthbearer: 0, password: 0, oneLine: 0, accepted: 0, refused: 0 };
  /** user → the access tokens accepted now (the very Sets passed to start()). */
  readonly validTokens: Record<string, Set<string>>;
  /** USER given on a connection, awaiting PASS. */
  private readonly pendingUser = new Map<number, string>();

  private constructor(
    readonly fake: FakePop3Server,
    readonly mode: ProviderMode,
    private readonly users: Record<string, ProviderUser>,
  ) {
    this.validTokens = Object.fromEntries(Object.entries(users).map(([name, user]) => [name, user.tokens]));
  }

  static async start(options: ProviderPop3ServerOptions): Promise<ProviderPop3Server> {
    const accounts = Object.entries(options.users).map(([name, user]) => ({
      name,
      // Token-only users get a password nobody knows: the server logs them in with it after a valid token.
      password: user.password ?? randomBytes(18).toString('base64url'),
      messages: user.messages ?? options.messages ?? [],
    }));
    const fake = await FakePop3Server.start({ users: accounts });
    const server = new ProviderPop3Server(fake, options.mode, options.users);
    server.install(new Map(accounts.map((account) => [account.name, account.password])));
    return server;
  }

  get host(): string {
    return this.fake.host;
  }

  get port(): number {
    return this.fake.port;
  }

  /** The certificate to trust as the client's `ca`. */
  get caPem(): string {
    return this.fake.caPem as string;
  }

  /** Every line received, in order, as sent (tokens included). */
  get transcript(): readonly string[] {
    return this.fake.transcript;
  }

  async close(): Promise<void> {
    await this.fake.close();
  }

  private install(passwords: Map<string, string>): void {
    const gmail = this.mode === 'gmail';
    this.fake.greeting = (ctx) =>
      ctx.reply(gmail
        ? `+OK Gpop ready for requests from 127.0.0.1 ${randomBytes(6).toString('hex')}mb${randomBytes(4).toString('hex')}\r\n`
        : `+OK The Microsoft Exchange POP3 service is ready. [${Buffer.from('PA7P264CA0137.FRAP264.PROD.OUTLOOK.COM', 'utf16le').toString('base64')}]\r\n`);
    this.fake.on('CAPA', (ctx) => {
      if (ctx.state !== 'AUTHORIZATION') return ctx.reply(capaReply(gmail ? ['TOP', 'UIDL', 'RESP-CODES', 'EXPIRE 0', 'X-GOOGLE-RICO'] : ['TOP', 'UIDL']));
      return ctx.reply(capaReply(gmail ? GMAIL_CAPA : OUTLOOK_CAPA));
    });
    this.fake.on('USER', (ctx) => {
      if (ctx.state !== 'AUTHORIZATION') return ctx.default();
      this.pendingUser.set(ctx.connectionNumber, ctx.args.join(' '));
      return ctx.reply('+OK\r\n');
    });
    this.fake.on('PASS', (ctx) => {
      const user = this.pendingUser.get(ctx.connectionNumber);
      this.pendingUser.delete(ctx.connectionNumber);
      if (ctx.state !== 'AUTHORIZATION' || user === undefined) return ctx.default();
      return this.passwordLogin(ctx, user, ctx.line.slice('PASS '.length));
    });
    this.fake.on('AUTH', (ctx) => {
      if (ctx.state !== 'AUTHORIZATION') return ctx.default();
      const [mechanism = '', initial] = ctx.args;
      switch (mechanism.toUpperCase()) {
        case 'XOAUTH2':
          return this.bearer(ctx, 'xoauth2', initial, passwords);
        case 'OAUTHBEARER':
          if (!gmail) return ctx.reply('-ERR Unrecognized authentication type.\r\n');
          return this.bearer(ctx, 'oauthbearer', initial, passwords);
        case 'PLAIN':
          return this.withResponse(ctx, initial, (response) => this.plainLogin(ctx, response));
        default:
          return ctx.reply('-ERR Unrecognized authentication type.\r\n');
      }
    });
  }

  /** The SASL response: on the AUTH line, or (after `+ `) the next line. */
  private async withResponse(ctx: FakeContext, initial: string | undefined, use: (response: string, ctx: FakeContext) => Promise<void>): Promise<void> {
    if (initial !== undefined) return use(initial, ctx);
    ctx.nextLine((next) => use(next.line, next));
    await ctx.reply('+ \r\n');
  }

  private async bearer(ctx: FakeContext, mechanism: 'xoauth2' | 'oauthbearer', initial: string | undefined, passwords: Map<string, string>): Promise<void> {
    this.authAttempts.total += 1;
    this.authAttempts[mechanism] += 1;
    if (initial !== undefined) {
      this.authAttempts.oneLine += 1;
      if (this.mode === 'outlook') {
        this.authAttempts.refused += 1;
        const line = `${OUTLOOK_ONE_LINE_REFUSED}\r\n`;
        return ctx.close(line.length, line);
      }
    }
    return this.withResponse(ctx, initial, async (response, at) => {
      const claim = mechanism === 'xoauth2' ? parseXoauth2(response) : parseOauthbearer(response);
      const user = claim ? this.users[claim.user] : undefined;
      if (claim && user?.tokens.has(claim.token)) {
        if (user.refusal) return this.refuse(at, user.refusal);
        this.authAttempts.accepted += 1;
        const reply = at.execute(`AUTH PLAIN ${plainResponse(claim.user, passwords.get(claim.user) as string)}`);
        if (!reply.toString('latin1').startsWith('+OK')) return at.reply(reply); // e.g. [IN-USE]
        return at.reply(this.mode === 'gmail' ? '+OK Welcome.\r\n' : '+OK User successfully authenticated.\r\n');
      }
      this.authAttempts.refused += 1;
      if (this.mode === 'outlook') return at.reply(`${OUTLOOK_TOKEN_REFUSED}\r\n`);
      // Gmail: the error challenge; whatever the client answers, then the -ERR.
      at.nextLine((reply) => reply.reply(`${GMAIL_TOKEN_REFUSED}\r\n`));
      await at.reply(`+ ${Buffer.from(JSON.stringify(GMAIL_ERROR_CHALLENGE)).toString('base64')}\r\n`);
    });
  }

  private async plainLogin(ctx: FakeContext, response: string): Promise<void> {
    const fields = Buffer.from(response, 'base64').toString('utf8').split('\0');
    return this.passwordLogin(ctx, fields[1] ?? '', fields[2] ?? '');
  }

  private async passwordLogin(ctx: FakeContext, name: string, password: string): Promise<void> {
    this.authAttempts.total += 1;
    this.authAttempts.password += 1;
    const user = this.users[name];
    if (this.mode === 'outlook' || user?.password === undefined) return this.refuse(ctx, this.mode === 'outlook' ? OUTLOOK_PASSWORD_REFUSED : '-ERR [AUTH] Username and password not accepted.');
    if (user.refusal) return this.refuse(ctx, user.refusal);
    const reply = ctx.execute(`AUTH PLAIN ${plainResponse(name, password)}`);
    const accepted = reply.toString('latin1').startsWith('+OK');
    this.authAttempts[accepted ? 'accepted' : 'refused'] += 1;
    return ctx.reply(accepted ? '+OK Welcome.\r\n' : '-ERR [AUTH] Username and password not accepted.\r\n');
  }

  private async refuse(ctx: FakeContext, line: string): Promise<void> {
    this.authAttempts.refused += 1;
    await ctx.reply(`${line}\r\n`);
  }
}

function capaReply(capabilities: readonly string[]): string {
  return `+OK Capability list follows\r\n${capabilities.map((c) => `${c}\r\n`).join('')}.\r\n`;
}

function plainResponse(user: string, password: string): string {
  return Buffer.from(`\0${user}\0${password}`, 'utf8').toString('base64');
}

/** `user=<user>^Aauth=Bearer <token>^A^A`. */
function parseXoauth2(response: string): BearerClaim | null {
  const match = /^user=([^\x01]*)\x01auth=Bearer ([^\x01]+)\x01\x01$/.exec(Buffer.from(response, 'base64').toString('utf8'));
  return match ? { user: match[1] as string, token: match[2] as string } : null;
}

/** RFC 7628: `n,a=<user>,^Ahost=…^Aport=…^Aauth=Bearer <token>^A^A` (host and port required here, as our client sends them). */
function parseOauthbearer(response: string): BearerClaim | null {
  const text = Buffer.from(response, 'base64').toString('utf8');
  const match = /^n,a=([^,]*),\x01((?:[a-z]+=[^\x01]*\x01)+)\x01$/.exec(text);
  if (!match) return null;
  const pairs = new Map((match[2] as string).split('\x01').filter(Boolean).map((pair) => {
    const at = pair.indexOf('=');
    return [pair.slice(0, at), pair.slice(at + 1)] as const;
  }));
  const auth = /^Bearer (.+)$/.exec(pairs.get('auth') ?? '');
  if (!auth || !pairs.has('host') || !/^\d+$/.test(pairs.get('port') ?? '')) return null;
  return { user: (match[1] as string).replace(/=2C/g, ',').replace(/=3D/g, '='), token: auth[1] as string };
}
